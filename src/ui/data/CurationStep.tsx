/**
 * Step 2, Curation: every cleaning, filtering and deduplication rule as a switch (and a
 * threshold), applied in the data worker shortly after each change, with what each rule did,
 * the duplicate clusters, and the train/validation split.
 */
import { useId } from 'react';
import type { CurationOptions, RuleName, RuleSetting, RuleStage } from '../../data/curate';
import { CURATION_RULES } from '../../data/curate';
import { ClusterList } from './ClusterList';
import { formatChange, plural } from './format';
import { ProgressBar } from './ProgressBar';
import { RuleControl } from './RuleControl';
import { Control } from '../shell/ClassroomContext';
import { SplitNote } from './SplitNote';
import type { CuratedData } from '../../app/pipeline';
import type { TaskState } from '../../app/task';
import { StepNumber } from '../shell/StepNumber';

/** The pipeline's steps, in order, as the page names them. */
const STAGES: readonly { stage: RuleStage; title: string }[] = [
  { stage: 'clean', title: 'Cleaning' },
  { stage: 'filter', title: 'Quality filters' },
  { stage: 'dedup', title: 'Deduplication' },
];

interface CurationStepProps {
  options: CurationOptions;
  onChange: (options: CurationOptions) => void;
  task: TaskState<CuratedData>;
  /** Whether there is data to curate. */
  hasData: boolean;
}

/** The curation controls and report. */
export function CurationStep({ options, onChange, task, hasData }: CurationStepProps) {
  const titleId = useId();
  const { current, latest } = task;
  const summary = latest?.summary ?? null;
  const setRule = (name: RuleName, setting: RuleSetting): void =>
    onChange({ ...options, rules: { ...options.rules, [name]: setting } });
  const stale = current.status === 'done' ? '' : ' is-stale';
  const removedEverything =
    current.status === 'done' && current.value.summary.after.documents === 0;
  const culprits = summary?.rules.filter((rule) => rule.enabled && rule.documentsRemoved > 0) ?? [];
  return (
    <section className="panel data-step" aria-labelledby={titleId}>
      <div className="panel-head">
        <h2 id={titleId} className="panel-title">
          <StepNumber step="curate" />
          Curation
        </h2>
        {summary !== null ? (
          <span className="panel-meta">
            {current.status === 'running'
              ? 'Updating…'
              : current.status === 'idle'
                ? 'Waiting for the data…'
                : `took ${Math.round(summary.milliseconds)} ms`}
          </span>
        ) : null}
      </div>
      {!hasData ? <p className="placeholder">Choose or load some data first.</p> : null}
      {current.status === 'running' ? (
        <ProgressBar label="Curation progress" fraction={current.fraction} stage={current.stage} />
      ) : null}
      {current.status === 'failed' ? (
        <p className="message is-error" role="alert">
          Curation failed: {current.message}
        </p>
      ) : null}
      {summary !== null ? (
        <dl className={`data-stats${stale}`} aria-label="Curation result">
          <div>
            <dt>Documents</dt>
            <dd>{formatChange(summary.before.documents, summary.after.documents)}</dd>
          </div>
          <div>
            <dt>Characters</dt>
            <dd>{formatChange(summary.before.characters, summary.after.characters)}</dd>
          </div>
          <div>
            <dt>Exact duplicates</dt>
            <dd>{summary.exactDuplicates}</dd>
          </div>
          <div>
            <dt>Near duplicates</dt>
            <dd>{summary.nearDuplicates}</dd>
          </div>
        </dl>
      ) : null}
      {removedEverything ? (
        <div className="message is-error" role="alert">
          <span>
            Curation removed every document, so there is nothing to train on. Turn off a rule that
            removed documents:
          </span>
          <span className="button-row">
            {culprits.map((rule) => (
              <button
                key={rule.name}
                type="button"
                className="button data-small-button"
                onClick={() => setRule(rule.name, { ...options.rules[rule.name], enabled: false })}
              >
                Turn off {rule.label}
              </button>
            ))}
          </span>
        </div>
      ) : null}
      <Control id="curation">
        <div className={`data-rule-groups${stale}`}>
          {STAGES.map(({ stage, title }) => (
            <fieldset key={stage} className={`data-rule-group is-${stage}`}>
              <legend className="data-legend">{title}</legend>
              {CURATION_RULES.filter((rule) => rule.stage === stage).map((rule) => (
                <RuleControl
                  key={rule.name}
                  rule={rule}
                  setting={options.rules[rule.name]}
                  report={summary?.rules.find((r) => r.name === rule.name) ?? null}
                  onChange={(setting) => setRule(rule.name, setting)}
                />
              ))}
              {stage === 'clean' && summary !== null && summary.emptyAfterCleaning > 0 ? (
                <p className="hint">
                  {plural(summary.emptyAfterCleaning, 'document')} left empty by cleaning{' '}
                  {summary.emptyAfterCleaning === 1 ? 'was' : 'were'} dropped.
                </p>
              ) : null}
            </fieldset>
          ))}
        </div>
      </Control>
      {summary !== null ? (
        <div className={stale}>
          <ClusterList clusters={summary.clusters} total={summary.clusterCount} />
          {latest?.split ? <SplitNote split={latest.split} /> : null}
        </div>
      ) : null}
    </section>
  );
}
