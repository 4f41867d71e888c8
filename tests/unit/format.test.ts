import { describe, expect, it } from 'vitest';
import {
  describeToken,
  formatBytes,
  formatCount,
  formatDuration,
  formatGflops,
  formatPercent,
  showToken,
} from '../../src/ui/format';

describe('UI formatting', () => {
  it('makes whitespace tokens visible and names them for screen readers', () => {
    expect(showToken(' ')).toBe('␣');
    expect(showToken('\n')).toBe('⏎');
    expect(showToken('a b')).toBe('a␣b');
    expect(showToken('')).toBe('∅');
    expect(describeToken(' ')).toBe('space');
    expect(describeToken('\n')).toBe('newline');
    expect(describeToken('q')).toBe('q');
  });

  it('formats counts, sizes, durations and probabilities compactly', () => {
    expect(formatCount(1234)).toBe('1,234');
    expect(formatCount(27_808)).toBe('27.8 k');
    expect(formatCount(1_440_000)).toBe('1.44 M');
    expect(formatBytes(20_010)).toBe('20 kB');
    expect(formatBytes(1_220_848)).toBe('1.2 MB');
    expect(formatDuration(42_000)).toBe('0:42');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
    expect(formatPercent(0.4213)).toBe('42.1%');
    expect(formatPercent(0.0123)).toBe('1.23%');
    expect(formatPercent(0.0004)).toBe('<0.1%');
  });

  it('formats GFLOP/s with two significant figures or whole numbers', () => {
    expect(formatGflops(0.483)).toBe('0.48');
    expect(formatGflops(4.13)).toBe('4.1');
    expect(formatGflops(4)).toBe('4');
    expect(formatGflops(38.4)).toBe('38');
    expect(formatGflops(null)).toBe('–');
    expect(formatGflops(Number.NaN)).toBe('–');
  });
});
