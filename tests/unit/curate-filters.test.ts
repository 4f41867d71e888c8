import { describe, expect, it } from 'vitest';
import {
  curate,
  CURATION_RULES,
  DEFAULT_CURATION,
  FILTERS,
  passesFilter,
  withRules,
} from '../../src/data/curate';
import type { FilterName, RuleName, RuleSetting } from '../../src/data/curate';
import {
  measureAlphaFraction,
  measureCharRun,
  measureLatinScript,
  measureRepeatedLines,
  measureStopwords,
  measureWordRun,
} from '../../src/data/curate/filters';

const otherProse =
  'It was the best of times, it was the worst of times, it was the age of wisdom, it was the age of foolishness, it was the epoch of belief, it was the epoch of incredulity.';

const prose =
  'Call me Ishmael. Some years ago, never mind how long precisely, having little or no money in my purse, and nothing particular to interest me on shore, I thought I would sail about a little and see the watery part of the world.';

/** Options with only the named filter on (cleaning and dedup off). */
function only(name: FilterName, threshold?: number) {
  const changes: Partial<Record<RuleName, RuleSetting>> = {};
  for (const rule of CURATION_RULES) changes[rule.name] = { enabled: false };
  changes[name] = threshold === undefined ? { enabled: true } : { enabled: true, threshold };
  return withRules(changes);
}

describe('filter measures', () => {
  it('share of letters', () => {
    expect(measureAlphaFraction('abcd')).toBe(1);
    expect(measureAlphaFraction('ab 12')).toBe(0.5);
    expect(measureAlphaFraction('ééé 😀')).toBe(0.75);
    expect(measureAlphaFraction('')).toBe(0);
    expect(measureAlphaFraction(prose)).toBeGreaterThan(0.9);
  });

  it('share of repeated lines', () => {
    expect(measureRepeatedLines('a\nb\na\na')).toBe(0.5);
    expect(measureRepeatedLines('one line')).toBe(0);
    expect(measureRepeatedLines('a\n\n  a  \n\nb')).toBeCloseTo(1 / 3);
  });

  it('longest run of one character, separator lines ignored', () => {
    expect(measureCharRun('FREE!!!!!!!!')).toBe(8);
    expect(measureCharRun('aaa bbbb')).toBe(4);
    expect(measureCharRun('title\n-----------------------------\n________________')).toBe(1);
    expect(measureCharRun('🐳🐳🐳')).toBe(3);
    expect(measureCharRun(prose)).toBe(2);
  });

  it('longest run of one word', () => {
    expect(measureWordRun('buy buy BUY buy now')).toBe(4);
    expect(measureWordRun('no, no, no')).toBe(3);
    expect(measureWordRun(prose)).toBe(1);
    expect(measureWordRun('')).toBe(0);
  });

  it('share of Latin-script letters', () => {
    expect(measureLatinScript('hello wörld')).toBe(1);
    expect(measureLatinScript('你好世界 ab')).toBeCloseTo(2 / 6);
    expect(measureLatinScript('Привет мир')).toBe(0);
    expect(measureLatinScript('1234 !!')).toBe(1);
  });

  it('share of English stopwords', () => {
    expect(measureStopwords('the cat and the dog')).toBeCloseTo(3 / 5);
    expect(measureStopwords('Aaren Aarika Abagael')).toBe(0);
    expect(measureStopwords(prose)).toBeGreaterThan(0.3);
  });

  it('every filter has a threshold range that contains its default', () => {
    for (const spec of Object.values(FILTERS)) {
      const { min, max, step, value } = spec.threshold;
      expect(min).toBeLessThanOrEqual(value);
      expect(value).toBeLessThanOrEqual(max);
      expect(step).toBeGreaterThan(0);
    }
    expect(passesFilter(FILTERS.minLength, 50, 50)).toBe(true);
    expect(passesFilter(FILTERS.maxLength, 50, 49)).toBe(false);
  });
});

describe('filters in the pipeline', () => {
  const cases: [FilterName, number, string, string][] = [
    ['minLength', 20, 'too short', prose],
    ['maxLength', 1000, prose.repeat(10), prose],
    ['alphaFraction', 0.6, '12345 67890 !!!! ???? $$$$ 3.14159 2.71828 ab', prose],
    ['repeatedLines', 0.3, 'same line\nsame line\nsame line\nother line', prose],
    ['charRun', 20, `WIN NOW${'!'.repeat(30)}`, prose],
    ['wordRun', 5, 'buy '.repeat(10) + 'today', prose],
    ['latinScript', 0.6, '这是一个完全用中文写的文件，没有拉丁字母。', prose],
    ['stopwords', 0.1, 'Aaren Aarika Abagael Abagail Abbe Abbey Abbi Abbie Abby', prose],
  ];

  it.each(cases)(
    '%s removes the crafted bad document and keeps good prose',
    (name, threshold, bad, good) => {
      const report = curate([good, bad, good + ' again'], only(name, threshold));
      const rule = report.rules.find((r) => r.name === name);
      expect(rule?.documentsRemoved).toBe(1);
      expect(rule?.examples[0]?.index).toBe(1);
      expect(rule?.examples[0]?.value).toBeTypeOf('number');
      expect(report.sourceIndices).toEqual([0, 2]);
    },
  );

  it('does nothing when the rule is off', () => {
    const options = only('minLength', 20);
    options.rules.minLength = { enabled: false, threshold: 20 };
    const report = curate(['short', prose], options);
    expect(report.after.documents).toBe(2);
    expect(report.rules.find((r) => r.name === 'minLength')?.enabled).toBe(false);
  });

  it('attributes each removed document to the first rule it fails, in order', () => {
    const docs = [
      prose,
      'tiny',
      '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
      otherProse,
    ];
    const report = curate(docs, DEFAULT_CURATION);
    const removed = Object.fromEntries(report.rules.map((r) => [r.name, r.documentsRemoved]));
    expect(removed.minLength).toBe(1);
    expect(removed.alphaFraction).toBe(1);
    expect(report.before).toEqual({ documents: 4, characters: expect.any(Number) });
    expect(report.after.documents).toBe(2);
    const counts = report.rules.map((r) => r.documentsAfter);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
    expect(report.rules.at(-1)?.documentsAfter).toBe(report.after.documents);
    expect(report.rules.at(-1)?.charactersAfter).toBe(report.after.characters);
  });

  it('records cleaners changes with before/after examples and drops documents left empty', () => {
    const docs = [`<p>${prose}</p>`, '<br><br>', prose];
    const report = curate(docs, DEFAULT_CURATION);
    const markup = report.rules.find((r) => r.name === 'markup');
    expect(markup?.documentsChanged).toBe(2);
    expect(markup?.examples[0]).toEqual(
      expect.objectContaining({ index: 0, snippet: expect.stringContaining('<p>') }),
    );
    expect(markup?.examples[0]?.after).not.toContain('<p>');
    expect(report.emptyAfterCleaning).toBe(1);
    const minLength = report.rules.find((r) => r.name === 'minLength');
    expect(minLength?.documentsBefore).toBe(2);
    expect(report.rules.find((r) => r.name === 'whitespace')?.documentsAfter).toBe(3);
    expect(report.documents[0]).toBe(prose);
  });

  it('reports progress from 0 to 1', () => {
    const fractions: number[] = [];
    const stages = new Set<string>();
    curate([prose, otherProse], DEFAULT_CURATION, (fraction, stage) => {
      fractions.push(fraction);
      stages.add(stage);
    });
    expect(fractions.at(-1)).toBe(1);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
    expect(stages).toContain('nearDuplicates');
    expect(stages).toContain('done');
  });
});
