import { describe, expect, it } from 'vitest';
import { highlightSegments } from '../../src/ui/evaluation/highlight';

const spell = (segments: { text: string }[]) => segments.map((s) => s.text).join('');
const marked = (segments: { text: string; memorised: boolean }[]) =>
  segments.filter((s) => s.memorised).map((s) => s.text);

describe('memorised spans as highlighted segments', () => {
  it('returns the whole text as one plain segment when nothing is memorised', () => {
    expect(highlightSegments('hello', [])).toEqual([{ start: 0, text: 'hello', memorised: false }]);
    expect(highlightSegments('', [])).toEqual([]);
  });

  it('alternates plain and memorised segments that spell the text', () => {
    const text = 'the cat sat on the mat';
    const segments = highlightSegments(text, [
      { start: 4, end: 7 },
      { start: 15, end: 22 },
    ]);
    expect(spell(segments)).toBe(text);
    expect(marked(segments)).toEqual(['cat', 'the mat']);
    expect(segments.map((s) => s.memorised)).toEqual([false, true, false, true]);
  });

  it('marks a span covering the whole text, or starting at 0', () => {
    expect(highlightSegments('abc', [{ start: 0, end: 3 }])).toEqual([
      { start: 0, text: 'abc', memorised: true },
    ]);
    expect(marked(highlightSegments('abcdef', [{ start: 0, end: 2 }]))).toEqual(['ab']);
  });

  it('sorts, merges overlapping and touching spans, and clamps them to the text', () => {
    const text = 'abcdefghij';
    const segments = highlightSegments(text, [
      { start: 6, end: 20 },
      { start: 1, end: 3 },
      { start: 2, end: 4 },
      { start: 4, end: 5 },
      { start: -5, end: 0 },
      { start: 8, end: 8 },
    ]);
    expect(spell(segments)).toBe(text);
    expect(marked(segments)).toEqual(['bcde', 'ghij']);
    // Each segment starts where the previous one ends.
    let offset = 0;
    for (const s of segments) {
      expect(s.start).toBe(offset);
      offset += s.text.length;
    }
  });
});
