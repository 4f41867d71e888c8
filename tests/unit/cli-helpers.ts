/**
 * Running the CLIs (src/cli/*.ts) as processes in tests, as a learner runs them.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'vitest';

const run = promisify(execFile);

/** Runs one of the CLIs (src/cli/NAME.ts); resolves with its exit code and output. */
export async function cli(
  name: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', `src/cli/${name}.ts`, ...args],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** `npm run predict --json` for a model and prompt. */
export async function predict(
  model: string,
  prompt: string,
): Promise<{ ids: number[]; logprobs: number[] }> {
  const out = await cli('predict', ['--checkpoint', model, '--prompt', prompt, '--json']);
  expect(out.stderr).toBe('');
  expect(out.code).toBe(0);
  return JSON.parse(out.stdout.trim()) as { ids: number[]; logprobs: number[] };
}

/** The largest absolute difference between two equally long lists. */
export function maxAbsDiff(a: readonly number[], b: readonly number[]): number {
  expect(a.length).toBe(b.length);
  return a.reduce((m, x, i) => Math.max(m, Math.abs(x - (b[i] ?? NaN))), 0);
}
