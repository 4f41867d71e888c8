/**
 * Class results: a teacher drops the learners' run files (Export by each run in the Train
 * step's loss legend) and sees every curve on one chart, a sortable table (final validation
 * loss, tokens seen, training time, the settings that differ from the set-up most runs share),
 * and the best run's set-up one click away.
 */
import { useMemo, useState, useSyncExternalStore } from 'react';
import { classResultsOf, type ClassRun } from '../../app/class-results';
import type { PlaygroundStore } from '../../app/store';
import { formatLoss } from '../format';
import { ClassChart } from './ClassChart';
import { ClassDropZone } from './ClassDropZone';
import { ClassTable } from './ClassTable';
import { setupToOpen } from './classSetup';
import {
  bestRun,
  classRows,
  comparabilityNote,
  referenceRun,
  sortRows,
  type ClassReference,
  type ClassColumn,
  type ClassSort,
} from './classTable';
import './class-results.css';

/** The Class results view: the runs a teacher opened, compared; they stay while the page moves. */
export function ClassResultsView({ store }: { store: PlaygroundStore }) {
  const results = classResultsOf(store);
  const state = useSyncExternalStore(results.subscribe, results.getSnapshot);
  const [sort, setSort] = useState<ClassSort>({ column: 'finalValLoss', direction: 'ascending' });
  const [highlighted, setHighlighted] = useState<string | null>(null);
  const best = useMemo(() => bestRun(state.runs), [state.runs]);
  const reference = useMemo(() => referenceRun(state.runs), [state.runs]);
  const rows = useMemo(
    () => sortRows(classRows(state.runs, reference?.run ?? null), sort),
    [state.runs, reference, sort],
  );
  const note = comparabilityNote(state.runs);
  const openSetup = (run: ClassRun): void => {
    const { setup, notices } = setupToOpen(run, store.setup.current());
    store.applySetup(setup, notices);
  };
  const onSort = (column: ClassColumn): void =>
    setSort((old) => ({
      column,
      direction:
        old.column === column && old.direction === 'ascending' ? 'descending' : 'ascending',
    }));

  return (
    <section className="panel class-results" aria-labelledby="class-results-title">
      <div className="panel-head">
        <h2 id="class-results-title" className="panel-title">
          Class results
        </h2>
        {state.runs.length > 0 ? (
          <div className="class-actions">
            {best !== null ? (
              <p className="class-best" data-testid="class-best">
                Best: <strong>{best.name}</strong>
                {best.file.final.valLoss === null
                  ? ''
                  : ` · final val loss ${formatLoss(best.file.final.valLoss)}`}
              </p>
            ) : null}
            {best !== null ? (
              <button
                type="button"
                className="button is-primary"
                data-testid="class-open-best"
                onClick={() => openSetup(best)}
              >
                Open the best run’s set-up
              </button>
            ) : null}
            <button type="button" className="button" onClick={() => results.clear()}>
              Close all runs
            </button>
          </div>
        ) : null}
      </div>
      <p className="class-intro">
        Learners press <strong>Export</strong> by their run in the Train step’s loss legend and hand
        in the <code>.json</code> file. Drop many files here or choose them: the curves go on one
        chart and the table compares the runs.
      </p>
      <ClassDropZone
        compact={state.runs.length > 0}
        reading={state.reading}
        onFiles={(files) => void results.open(files)}
      >
        {state.lastOpenMs !== null ? (
          <p
            className="hint class-open-time"
            data-testid="class-open-time"
            data-ms={Math.round(state.lastOpenMs)}
          >
            {state.runs.length.toLocaleString('en')} run{state.runs.length === 1 ? '' : 's'} open ·
            the latest files were read in {Math.round(state.lastOpenMs).toLocaleString('en')} ms.
          </p>
        ) : null}
      </ClassDropZone>
      {state.refused.length > 0 ? (
        <div className="message is-error" role="alert" data-testid="class-refused">
          <div>
            <p>
              {state.refused.length === 1 ? 'One file was' : `${state.refused.length} files were`}{' '}
              not opened{state.runs.length > 0 ? ' (the others are open)' : ''}:
            </p>
            <ul>
              {state.refused.map((refused, i) => (
                <li key={`${i}-${refused.fileName}`}>{refused.message}</li>
              ))}
            </ul>
          </div>
          <button type="button" className="link-button" onClick={() => results.dismissRefused()}>
            Dismiss
          </button>
        </div>
      ) : null}
      {note !== null ? <p className="message is-warning">{note}</p> : null}
      {state.runs.length > 0 ? (
        <>
          <ClassChart runs={state.runs} bestId={best?.id ?? null} highlightedId={highlighted} />
          {reference !== null ? (
            <ReferenceNote reference={reference} total={state.runs.length} />
          ) : null}
          <ClassTable
            rows={rows}
            sort={sort}
            bestId={best?.id ?? null}
            referenceId={reference?.run.id ?? null}
            onSort={onSort}
            onOpenSetup={openSetup}
            onHighlight={setHighlighted}
          />
        </>
      ) : null}
    </section>
  );
}

/** Says which run the "Settings that differ" column compares the others with, and why. */
function ReferenceNote({ reference, total }: { reference: ClassReference; total: number }) {
  if (total === 1) return null;
  const name = <strong>{reference.run.name}</strong>;
  return (
    <p className="hint class-reference" data-testid="class-reference">
      “Settings that differ” compares each run with{' '}
      {reference.alike > 1 ? (
        <>
          the set-up most runs share ({reference.alike} of {total}, e.g. {name})
        </>
      ) : (
        <>the first run opened, {name}, since no two runs share a set-up</>
      )}
      : it lists what the other learners changed, with their values.
    </p>
  );
}
