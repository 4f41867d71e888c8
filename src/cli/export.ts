/**
 * Exports a model to the folder the field continues with (see src/interop/folder.ts):
 *   npm run export -- --checkpoint FILE|DIR|ZIP --out DIR [--zip]
 * Writes the folder (and with --zip, DIR.zip as the page offers it). Bad input exits non-zero
 * with a one-line reason.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { exportFolder } from '../interop/folder';
import { zipFolder } from '../interop/zip';
import { CliError } from './files';
import { loadModel } from './model-files';
import { runCli } from './run-cli';

const USAGE = 'usage: npm run export -- --checkpoint FILE|DIR|ZIP --out DIR [--zip]';

/** The script shipped in every folder. */
export function readTrainPy(): Promise<string> {
  return readFile(new URL('../interop/train.py', import.meta.url), 'utf8');
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      checkpoint: { type: 'string' },
      out: { type: 'string' },
      zip: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!values.checkpoint || !values.out)
    throw new CliError(`--checkpoint and --out are required (${USAGE}).`);
  const { saved, tokenizer, data } = await loadModel(values.checkpoint);
  const ui = (saved.extra as { ui?: unknown } | null)?.ui ?? null;
  const files = exportFolder({
    saved,
    tokenizer,
    data,
    trainPy: await readTrainPy(),
    ui,
  });
  await mkdir(values.out, { recursive: true });
  let bytes = 0;
  for (const [path, content] of files) {
    await writeFile(join(values.out, path), content);
    bytes += content.length;
  }
  console.log(`${values.out}: ${files.size} files, ${(bytes / 1e6).toFixed(2)} MB`);
  if (values.zip) {
    const zip = `${values.out.replace(/\/+$/u, '')}.zip`;
    await writeFile(zip, zipFolder(files, basename(values.out)));
    console.log(zip);
  }
}

runCli('export', main);
