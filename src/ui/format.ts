/**
 * Number and text formatting for the UI.
 */

/** 1234 → "1,234"; 1234567 → "1.23 M"; 3.2e9 → "3.2 G". */
export function formatCount(value: number): string {
  if (!Number.isFinite(value)) return '–';
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${trimZeros((value / 1e9).toFixed(2))} G`;
  if (abs >= 1e6) return `${trimZeros((value / 1e6).toFixed(2))} M`;
  if (abs >= 1e4) return `${trimZeros((value / 1e3).toFixed(1))} k`;
  return Math.round(value).toLocaleString('en');
}

/** An exact count with thousands separators: 737110 → "737,110" (token counts a learner compares). */
export function formatExact(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en') : '–';
}

/** A compact axis label: 1200 → "1.2k", 3400000 → "3.4M". */
export function formatAxisCount(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${trimZeros((value / 1e6).toFixed(1))}M`;
  if (abs >= 1e3) return `${trimZeros((value / 1e3).toFixed(1))}k`;
  return String(Math.round(value));
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** Bytes as "20 kB" / "1.2 MB". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${trimZeros((bytes / 1e9).toFixed(1))} GB`;
  if (bytes >= 1e6) return `${trimZeros((bytes / 1e6).toFixed(1))} MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)} kB`;
  return `${bytes} B`;
}

/** A throughput in GFLOP/s: 0.48 → "0.48", 4.13 → "4.1", 38.4 → "38"; a dash if unknown. */
export function formatGflops(gflops: number | null | undefined): string {
  if (gflops === null || gflops === undefined || !Number.isFinite(gflops)) return '–';
  if (gflops >= 10) return String(Math.round(gflops));
  if (gflops >= 1) return trimZeros(gflops.toFixed(1));
  return trimZeros(gflops.toFixed(2));
}

/** A loss value with 3 decimals, or a dash. */
export function formatLoss(value: number | undefined): string {
  if (value === undefined) return '–';
  if (!Number.isFinite(value)) return String(value);
  return value.toFixed(3);
}

/** A learning rate such as 0.003 or 2.5e-4. */
export function formatRate(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  if (value === 0) return '0';
  return value >= 1e-3 ? trimZeros(value.toPrecision(3)) : value.toExponential(1);
}

/** How long ago an ISO date was: "just now", "5 minutes ago", "3 hours ago", "2 days ago". */
export function formatAge(iso: string, now = Date.now()): string {
  const seconds = Math.max(0, (now - Date.parse(iso)) / 1000);
  if (!Number.isFinite(seconds) || seconds < 60) return 'just now';
  const [value, unit] =
    seconds < 3600
      ? [Math.round(seconds / 60), 'minute']
      : seconds < 86_400
        ? [Math.round(seconds / 3600), 'hour']
        : [Math.round(seconds / 86_400), 'day'];
  return `${value} ${unit}${value === 1 ? '' : 's'} ago`;
}

/** Milliseconds as "0:42" or "1:02:03". */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}`
    : `${minutes}:${seconds}`;
}

/** A probability as a percentage: 0.4213 → "42.1%", 0.0004 → "0.04%". */
export function formatPercent(probability: number): string {
  const percent = probability * 100;
  if (percent >= 10) return `${percent.toFixed(1)}%`;
  if (percent >= 0.1) return `${percent.toFixed(2)}%`;
  return percent === 0 ? '0%' : '<0.1%';
}

const VISIBLE_WHITESPACE: Record<string, string> = {
  ' ': '␣',
  '\n': '⏎',
  '\t': '⇥',
  '\r': '␍',
};

/** Makes whitespace in a token visible: " " → "␣", "\n" → "⏎". Empty text shows "∅". */
export function showToken(text: string): string {
  if (text === '') return '∅';
  return text.replace(/[ \n\t\r]/g, (c) => VISIBLE_WHITESPACE[c] ?? c);
}

/** Describes whitespace tokens in words, for screen readers. */
export function describeToken(text: string): string {
  switch (text) {
    case ' ':
      return 'space';
    case '\n':
      return 'newline';
    case '\t':
      return 'tab';
    case '':
      return 'empty';
    default:
      return text;
  }
}
