/**
 * The bench's PyTorch reference: runs scripts/bench/reference.py (nanoGPT's small CPU recipe,
 * the page's "Medium" preset) for a fixed wall-clock budget and reads back its throughput, the
 * "real thing" the browser's training speed is compared against.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The reference trainer's script, next to this module. */
const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'reference.py');

/** How to get PyTorch when no Python has it (and OpenBLAS: Debian's reference BLAS is ~30× slower). */
const INSTALL_HINT = 'apt-get install -y python3-torch python3-numpy libopenblas0-pthread';

/** What the reference trainer measured: one JSON line of reference.py. */
export interface ReferenceResult {
  kind: 'pytorch';
  torch: string;
  threads: number;
  tokensPerSec: number;
  msPerIter: number;
  iters: number;
  seconds: number;
  paramCount: number;
  vocabSize: number;
  lastLoss: number;
  wallTokensPerSec: number | null;
  valLoss: number | null;
}

/** The options of a reference run; they map to reference.py's flags. */
export interface ReferenceOptions {
  /** The timed training budget, in seconds. */
  seconds: number;
  /** PyTorch's thread count (default: all cores). */
  threads?: number;
  /** The training text (default: the Moby-Dick corpus). */
  text?: string;
  /** Evaluate every this many iterations (default 0: no evaluation). */
  evalInterval?: number;
  /** Batches per split in each evaluation. */
  evalIters?: number;
  /** Stop at this iteration (default 0: only the budget). */
  maxIters?: number;
}

/** The numeric fields of a result, each of which must be a finite number. */
const NUMBER_FIELDS = [
  'threads',
  'tokensPerSec',
  'msPerIter',
  'iters',
  'seconds',
  'paramCount',
  'vocabSize',
  'lastLoss',
] as const;

/** The numeric fields that may also be null. */
const NULLABLE_FIELDS = ['wallTokensPerSec', 'valLoss'] as const;

/**
 * The first Python that can import torch and numpy: `$PYTHON_TORCH`, then `/usr/bin/python3`,
 * then `python3` on the PATH; null when none can.
 */
export function findPython(): string | null {
  const candidates = [process.env.PYTHON_TORCH, '/usr/bin/python3', 'python3'];
  for (const python of candidates) {
    if (!python) continue;
    const probe = spawnSync(python, ['-c', 'import torch, numpy'], {
      stdio: 'ignore',
      timeout: 60_000,
    });
    if (probe.status === 0) return python;
  }
  return null;
}

/** A finite number, or an error naming the field. */
function finite(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`reference.py: ${field} is not a finite number (${JSON.stringify(value)})`);
  }
  return value;
}

/** Checks reference.py's JSON line and returns it typed. */
function parseResult(line: string): ReferenceResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    throw new Error(`reference.py printed no JSON: ${line.slice(0, 200)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`reference.py printed no JSON object: ${line.slice(0, 200)}`);
  }
  const raw = parsed as Record<string, unknown>;
  if (raw.kind !== 'pytorch') throw new Error(`reference.py: unexpected kind ${String(raw.kind)}`);
  if (typeof raw.torch !== 'string') throw new Error('reference.py: torch is not a string');
  const numbers = Object.fromEntries(
    NUMBER_FIELDS.map((field) => [field, finite(raw[field], field)]),
  );
  const nullable = Object.fromEntries(
    NULLABLE_FIELDS.map((field) => [field, raw[field] == null ? null : finite(raw[field], field)]),
  );
  return {
    kind: 'pytorch',
    torch: raw.torch,
    ...(numbers as Record<(typeof NUMBER_FIELDS)[number], number>),
    ...(nullable as Record<(typeof NULLABLE_FIELDS)[number], number | null>),
  };
}

/**
 * Runs the reference trainer synchronously and returns what it measured, or `missing` (why,
 * and how to install PyTorch) when no Python has torch. Throws, with the script's stderr, when
 * it fails for any other reason.
 */
export function runReference(
  options: ReferenceOptions,
): { result: ReferenceResult } | { missing: string } {
  const python = findPython();
  if (python === null) {
    return {
      missing: `no Python with PyTorch and NumPy (tried $PYTHON_TORCH, /usr/bin/python3, python3): ${INSTALL_HINT}`,
    };
  }
  const args = [SCRIPT, '--seconds', String(options.seconds)];
  if (options.threads !== undefined) args.push('--threads', String(options.threads));
  if (options.text !== undefined) args.push('--text', options.text);
  if (options.evalInterval !== undefined)
    args.push('--eval-interval', String(options.evalInterval));
  if (options.evalIters !== undefined) args.push('--eval-iters', String(options.evalIters));
  if (options.maxIters !== undefined) args.push('--max-iters', String(options.maxIters));
  const run = spawnSync(python, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: (options.seconds * 3 + 120) * 1000,
    maxBuffer: 16 * 1024 * 1024,
  });
  const stderr = (run.stderr ?? '').trim();
  if (run.error) {
    throw new Error(
      `reference.py could not run (${run.error.message})${stderr ? `: ${stderr}` : ''}`,
    );
  }
  if (run.status !== 0) {
    const how = run.signal ? `was killed by ${run.signal}` : `exited with code ${run.status}`;
    throw new Error(`reference.py ${how}${stderr ? `: ${stderr}` : ''}`);
  }
  const lines = (run.stdout ?? '').trim().split('\n');
  return { result: parseResult(lines[lines.length - 1] ?? '') };
}
