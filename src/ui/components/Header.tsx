/**
 * The top bar: the title, the backend in use (with its adapter, threads, measured speed and
 * fallbacks, and how Auto chose it), the backend choice and the large-text switch.
 */
import type { ReactNode } from 'react';
import type { BackendChoice } from '../../config/backends';
import { BACKEND_LABELS } from '../../config/backends';
import type { BackendInfo, PlaygroundState } from '../../app/state';
import type { BackendSpeed } from '../../worker/protocol';
import { formatCount, formatGflops } from '../format';
import { Control } from '../shell/ClassroomContext';

const BACKEND_CHOICES: { value: BackendChoice; label: string }[] = [
  { value: 'auto', label: 'Auto (fastest available)' },
  { value: 'webgpu', label: 'WebGPU' },
  { value: 'wasm', label: 'WebAssembly' },
  { value: 'webgl', label: 'WebGL' },
  { value: 'cpu', label: 'CPU' },
];

/** One line describing the backend, e.g. "WebAssembly · 2 threads" (its speed shows beside it). */
export function describeBackend(info: BackendInfo): string {
  const parts: string[] = [BACKEND_LABELS[info.backend]];
  if (info.adapter !== null) {
    const { vendor, architecture } = info.adapter;
    const name = [vendor, architecture].filter((s) => s !== '').join(' / ');
    if (name !== '') parts.push(name);
    if (info.adapter.isFallbackAdapter) parts.push('software adapter');
  }
  if (info.wasmThreads !== null) {
    parts.push(info.wasmThreads === 1 ? '1 thread' : `${info.wasmThreads} threads`);
  }
  return parts.join(' · ');
}

function speedName(speed: BackendSpeed): string {
  return speed.emulated
    ? `${BACKEND_LABELS[speed.backend]} (software GPU)`
    : BACKEND_LABELS[speed.backend];
}

/** One candidate's figures in words: "WebAssembly 9.8 k tokens/s (31 GFLOP/s)". */
function speedResult(speed: BackendSpeed): string {
  if (speed.gflops === null && speed.tokensPerSec === null)
    return `${speedName(speed)} did not start`;
  const matmul = speed.gflops === null ? '' : `${formatGflops(speed.gflops)} GFLOP/s`;
  if (speed.tokensPerSec === null) {
    return `${speedName(speed)} ${matmul}${speed.emulated ? ', training not timed' : ''}`;
  }
  return `${speedName(speed)} ${formatCount(speed.tokensPerSec)} tokens/s${matmul === '' ? '' : ` (${matmul})`}`;
}

/**
 * How Auto chose the backend, in plain words, e.g. "Auto picked WebAssembly, the fastest at
 * training in a speed test (a few steps of a small GPT on each backend): WebAssembly 9.8 k
 * tokens/s (31 GFLOP/s) · WebGL 1.2 k tokens/s (4.1 GFLOP/s)." Null when it did not measure.
 */
export function describeSpeedTest(info: BackendInfo): string | null {
  if (info.candidates.length === 0) return null;
  const results = info.candidates.map(speedResult);
  const when = info.autoCached
    ? ' Measured earlier in this session; a new tab measures again.'
    : '';
  return `Auto picked ${BACKEND_LABELS[info.backend]}, the fastest at training in a speed test (a few steps of a small GPT on each backend): ${results.join(' · ')}.${when}`;
}

/** The badge's tooltip: what the GFLOP/s figure is. */
function badgeTitle(info: BackendInfo | null): string | undefined {
  if (info === null || info.matmul === null) return undefined;
  const { size } = info.matmul;
  return `${formatGflops(info.matmul.gflops)} GFLOP/s: billions of arithmetic operations per second, measured in the training worker by multiplying two ${size}×${size} matrices on this backend. Training reaches a fraction of it.`;
}

interface HeaderProps {
  state: PlaygroundState;
  largeText: boolean;
  onLargeTextChange: (on: boolean) => void;
  onBackendChange: (choice: BackendChoice) => void;
  /** The classroom tools (Lessons, Share, Present), shown first among the header's tools. */
  tools?: ReactNode;
}

/** The app's header. */
export function Header({
  state,
  largeText,
  onLargeTextChange,
  onBackendChange,
  tools,
}: HeaderProps) {
  const { backend, worker } = state;
  const badge =
    worker === 'crashed'
      ? 'Worker stopped'
      : worker === 'starting' || backend === null
        ? 'Starting backend…'
        : describeBackend(backend);
  const slow = backend?.adapter?.isFallbackAdapter === true && worker === 'ready';
  const ready = worker === 'ready' && backend !== null;
  const speedTest = ready ? describeSpeedTest(backend) : null;
  return (
    <header className="app-header">
      <div className="brand">
        <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
          <rect x="2" y="2" width="28" height="28" rx="8" />
          <path d="M8 22 L13 14 L18 18 L24 9" />
        </svg>
        <div>
          <h1>Pre-training Playground</h1>
          <p className="tagline">Train a small transformer in your browser and watch it learn.</p>
        </div>
      </div>
      <div className="header-tools">
        {tools}
        <div
          className={`backend-badge${worker === 'ready' ? ' is-ready' : ''}${slow ? ' is-slow' : ''}`}
          data-testid="backend-badge"
          data-backend={ready ? backend.backend : ''}
          data-threads={ready ? (backend.wasmThreads ?? '') : ''}
          data-matmul-gflops={ready ? (backend.matmul?.gflops ?? '') : ''}
          data-cores={ready ? backend.cores : ''}
          title={ready ? badgeTitle(backend) : undefined}
          role="status"
          aria-live="polite"
        >
          <span className="dot" aria-hidden="true" />
          <span className="backend-label">Running on</span> {badge}
          {ready && backend.matmul !== null ? (
            <span className="backend-speed"> · {formatGflops(backend.matmul.gflops)} GFLOP/s</span>
          ) : null}
        </div>
        <Control id="backend">
          <label className="inline-field">
            <span>Backend</span>
            <select
              aria-label="Backend"
              value={state.backendChoice}
              onChange={(event) => {
                const choice = BACKEND_CHOICES.find((c) => c.value === event.target.value);
                if (choice !== undefined) onBackendChange(choice.value);
              }}
              disabled={worker === 'crashed'}
            >
              {BACKEND_CHOICES.map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {choice.label}
                </option>
              ))}
            </select>
          </label>
        </Control>
        <button
          type="button"
          className="toggle-button"
          aria-pressed={largeText}
          onClick={() => onLargeTextChange(!largeText)}
          aria-label="Large text"
          title="Large text"
        >
          <span className="wide-only">Large text</span>
          <span className="narrow-only" aria-hidden="true">
            Aa
          </span>
        </button>
      </div>
      {backend !== null && backend.fallbacks.length > 0 && worker === 'ready' ? (
        <ul className="fallbacks" aria-label="Backend fallbacks">
          {backend.fallbacks.map((fallback) => (
            <li key={fallback.backend}>
              {BACKEND_LABELS[fallback.backend]} failed: {fallback.reason} — using{' '}
              {BACKEND_LABELS[backend.backend]}.
            </li>
          ))}
        </ul>
      ) : null}
      {speedTest !== null ? (
        <p className="backend-note" data-testid="backend-speed-test">
          {speedTest}
        </p>
      ) : null}
    </header>
  );
}
