/**
 * The benchmark's results as a table for people: one row per cell.
 */
import type { CellResult } from './results';

/** A number with a few significant figures, or a dash. */
function show(value: number | null, digits = 3): string {
  if (value === null) return '–';
  if (Math.abs(value) >= 10 ** digits) return String(Math.round(value));
  return String(Number(value.toPrecision(digits)));
}

function megabytes(bytes: number | null): string {
  return bytes === null ? '–' : (bytes / 1e6).toFixed(1);
}

/** "a → b", or a dash when neither is known. */
function change(a: string, b: string): string {
  return a === '–' && b === '–' ? '–' : `${a} → ${b}`;
}

const COLUMNS = [
  'backend',
  'config',
  'steps',
  'tokens/s',
  'vs PyTorch',
  'ms/step',
  'matmul GFLOP/s',
  'train GFLOP/s',
  'efficiency',
  'first loss s',
  'long tasks (max ms)',
  'input ms',
  'memory at step',
  'tensors',
  'tfjs MB',
  'page heap MB',
  'worker heap MB',
];

/** One row of the table. */
function rowOf(cell: CellResult): string[] {
  const m = cell.metrics;
  if (!cell.available) {
    return [cell.backend, cell.config, 'unavailable', ...COLUMNS.slice(3).map(() => '')];
  }
  return [
    cell.backend,
    cell.config,
    show(m.stepsReached),
    show(m.tokensPerSec),
    cell.ratioToReference == null ? '–' : `${cell.ratioToReference.toFixed(2)}×`,
    show(m.msPerStep),
    show(m.matmulGflops),
    show(m.achievedGflops),
    m.efficiency === null ? '–' : `${(m.efficiency * 100).toFixed(1)}%`,
    m.timeToFirstLossMs === null ? '–' : (m.timeToFirstLossMs / 1000).toFixed(1),
    m.longTaskCount === null ? '–' : `${m.longTaskCount} (${show(m.longestTaskMs)})`,
    show(m.inputLatencyMs),
    change(show(m.earlyStep), show(m.lateStep)),
    change(show(m.earlyTensors), show(m.lateTensors)),
    change(megabytes(m.earlyTfjsBytes), megabytes(m.lateTfjsBytes)),
    change(megabytes(m.earlyPageHeapBytes), megabytes(m.latePageHeapBytes)),
    change(megabytes(m.earlyWorkerHeapBytes), megabytes(m.lateWorkerHeapBytes)),
  ];
}

/** The cells as a Markdown table, then the cells' notes. */
export function formatTable(cells: readonly CellResult[]): string {
  const rows = [COLUMNS, ...cells.map(rowOf)];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]): string =>
    `| ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const rule = `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`;
  const notes = cells
    .filter((cell) => cell.notes.cell !== undefined)
    .map((cell) => `- ${cell.backend} ${cell.config}: ${cell.notes.cell ?? ''}`);
  return [
    line(COLUMNS),
    rule,
    ...rows.slice(1).map(line),
    ...(notes.length ? ['', ...notes] : []),
  ].join('\n');
}
