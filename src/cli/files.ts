/**
 * Reading the text files the CLIs train on, and the one error type they report as a single
 * line before exiting non-zero. Shared by `npm run train` and `npm run sweep`.
 */
import { readFile } from 'node:fs/promises';

/** A failure to report as one line and exit 1. */
export class CliError extends Error {}

/** Reads a UTF-8 text file, refusing missing, binary and empty files. */
export async function readText(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : String(code ?? error)}.`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CliError(`${file} is not UTF-8 text (it looks binary).`);
  }
  if (text.includes('\u0000')) throw new CliError(`${file} is not text (it contains NUL bytes).`);
  if (text.trim() === '') throw new CliError(`${file} is empty: there is nothing to train on.`);
  return text;
}
