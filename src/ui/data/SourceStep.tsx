/**
 * Step 1, Data: a built-in corpus or the learner's own text, and a look at what was loaded.
 * A failed load shows why and keeps whatever was loaded before.
 */
import { useId } from 'react';
import { OWN_DATA_ID } from '../../app/pipeline';
import { CorpusChooser } from './CorpusChooser';
import type { Dataset } from './dataset';
import { DatasetPreview } from './DatasetPreview';
import { plural } from './format';
import { OwnDataInput } from './OwnDataInput';
import { Control } from '../shell/ClassroomContext';
import { ProgressBar } from './ProgressBar';
import type { CorpusList } from '../../app/pipeline';
import type { TaskStatus } from '../../app/task';
import { StepNumber } from '../shell/StepNumber';

interface SourceStepProps {
  list: CorpusList;
  selected: string;
  onSelect: (id: string) => void;
  /** The learner's data, once some was loaded. */
  own: Dataset | null;
  /** Loading the chosen built-in corpus (idle when the learner's data is chosen). */
  corpusLoad: TaskStatus<Dataset>;
  /** The data in use, or null while none is loaded. */
  dataset: Dataset | null;
  onPaste: (text: string) => void;
  onFiles: (files: File[]) => void;
  /** Reading pasted text or files. */
  reading: boolean;
  /** How far reading is, with the file in progress. */
  readProgress: { fraction: number; stage: string } | null;
  /** Why the last paste or upload was (partly) refused. */
  messages: readonly string[];
  onDismissMessages: () => void;
}

/** Chooses and shows the data. */
export function SourceStep(props: SourceStepProps) {
  const { own, corpusLoad, dataset, messages } = props;
  const titleId = useId();
  const ownDescription = own === null ? null : `${own.name} · ${plural(own.documents, 'doc')}`;
  return (
    <section className="panel data-step" aria-labelledby={titleId}>
      <h2 id={titleId} className="panel-title">
        <StepNumber step="data" />
        Data
      </h2>
      <div className="data-source-grid">
        <Control id="corpus">
          <CorpusChooser
            list={props.list}
            selected={props.selected}
            onSelect={props.onSelect}
            ownDescription={ownDescription}
          />
        </Control>
        <Control id="upload">
          <OwnDataInput onPaste={props.onPaste} onFiles={props.onFiles} busy={props.reading} />
        </Control>
      </div>
      {props.reading ? (
        <ProgressBar
          label="Reading progress"
          fraction={props.readProgress?.fraction ?? 0}
          stage={props.readProgress?.stage ?? 'Reading your data…'}
        />
      ) : null}
      {messages.length > 0 ? (
        <div className="message is-error" role="alert">
          <ul className="data-messages">
            {messages.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
          <button type="button" className="link-button" onClick={props.onDismissMessages}>
            Dismiss
          </button>
        </div>
      ) : null}
      {corpusLoad.status === 'running' ? (
        <ProgressBar label="Loading progress" fraction={corpusLoad.fraction} stage="Loading" />
      ) : null}
      {corpusLoad.status === 'failed' ? (
        <p className="message is-error" role="alert">
          {corpusLoad.message}
        </p>
      ) : null}
      {props.selected === OWN_DATA_ID && own === null && !props.reading ? (
        <p className="placeholder">Paste some text or upload files to use your own data.</p>
      ) : null}
      {dataset !== null ? <DatasetPreview dataset={dataset} /> : null}
    </section>
  );
}
