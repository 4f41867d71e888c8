/**
 * One curation rule: its switch, its threshold (when it has one), what it did to the corpus
 * in the last run, and a few examples.
 */
import { useId } from 'react';
import type { RuleInfo, RuleReport, RuleSetting } from '../../data/curate';
import { FILTER_ORDER, FILTERS } from '../../data/curate';
import { formatCount } from '../format';
import { plural } from './format';
import { RangeNumber } from './RangeNumber';
import { RuleExamples } from './RuleExamples';

interface RuleControlProps {
  rule: RuleInfo;
  setting: RuleSetting;
  /** What the rule did in the last run, or null before the first. */
  report: RuleReport | null;
  onChange: (setting: RuleSetting) => void;
}

/** "keep if … ≥" for filters, "duplicates if … ≥" for near-deduplication. */
function thresholdPhrase(rule: RuleInfo): string {
  const filter = FILTER_ORDER.find((name) => name === rule.name);
  if (filter === undefined) return 'duplicates if';
  return FILTERS[filter].keep === 'atLeast' ? 'keep if ≥' : 'keep if ≤';
}

/** What a rule did, in a few words: one or two phrases that should not break inside. */
function effectOf(rule: RuleInfo, report: RuleReport | null): string[] {
  if (report === null) return [];
  if (!report.enabled) return ['off'];
  const characters =
    report.charactersRemoved > 0 ? [`−${formatCount(report.charactersRemoved)} chars`] : [];
  if (rule.stage === 'clean') {
    return report.documentsChanged === 0
      ? ['no change']
      : [`changed ${plural(report.documentsChanged, 'doc')}`, ...characters];
  }
  return report.documentsRemoved === 0
    ? ['removed none']
    : [`removed ${plural(report.documentsRemoved, 'doc')}`, ...characters];
}

/** The controls and effect of one rule. */
export function RuleControl({ rule, setting, report, onChange }: RuleControlProps) {
  const helpId = useId();
  const threshold = rule.threshold;
  const effect = effectOf(rule, report);
  const removes = report !== null && report.enabled && report.documentsRemoved > 0;
  return (
    <div className={`data-rule${setting.enabled ? '' : ' is-off'}`}>
      <label className="data-rule-toggle">
        <input
          type="checkbox"
          checked={setting.enabled}
          aria-describedby={helpId}
          onChange={(event) => onChange({ ...setting, enabled: event.target.checked })}
        />
        <span className="data-rule-name">{rule.label}</span>
      </label>
      <span className={`data-rule-effect${removes ? ' is-removing' : ''}`}>
        {effect.map((phrase, i) => (
          <span key={phrase}>
            {i > 0 ? ' · ' : ''}
            <span className="data-nowrap">{phrase}</span>
          </span>
        ))}
      </span>
      <p id={helpId} className="data-rule-help">
        {rule.description}
      </p>
      {threshold !== null ? (
        <div className="data-rule-threshold">
          <span className="data-threshold-phrase" aria-hidden="true">
            {thresholdPhrase(rule)} {threshold.label}
          </span>
          <RangeNumber
            label={`${rule.label} threshold (${threshold.label})`}
            min={threshold.min}
            max={threshold.max}
            step={threshold.step}
            value={setting.threshold ?? threshold.value}
            disabled={!setting.enabled}
            onChange={(value) => onChange({ ...setting, threshold: value })}
          />
        </div>
      ) : null}
      {report !== null ? (
        <RuleExamples
          report={report}
          isShare={threshold !== null && threshold.max <= 1}
          measure={threshold?.label ?? null}
        />
      ) : null}
    </div>
  );
}
