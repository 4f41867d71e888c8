import { describe, expect, it } from 'vitest';
import { runFileText } from '../../src/app/run-file';
import { readRunFile } from '../../src/app/run-file-read';
import { readSetupFile, setupFileOf } from '../../src/app/setup/file';
import { withSetup } from '../../src/app/setup/setup';
import { parseJsonFile, stringifyWithChecksum } from '../../src/shared/json-file';
import { finishedRun } from './run-fixtures';

const setupText = () =>
  setupFileOf(withSetup({ corpus: 'own' }), {
    name: 'notes',
    sources: [{ name: 'a.txt', content: 'Some text to train on. '.repeat(20) }],
  });

describe('set-up and run files carry a checksum', () => {
  it('a set-up file reads back, re-indented too; its checksum is its last line', () => {
    const text = setupText();
    expect(text.trimEnd().split('\n').at(-2)).toMatch(/^ {2}"checksum": "crc32:[0-9a-f]{8}"$/);
    expect(readSetupFile(text, 'setup.json').ok).toBe(true);
    const reindented = JSON.stringify(JSON.parse(text), null, 4);
    expect(readSetupFile(reindented, 'setup.json').ok).toBe(true);
  });

  it('a value changed by hand is refused as edited or damaged, until the checksum line goes', () => {
    const edited = setupText().replace('"maxIters": 2000', '"maxIters": 300');
    expect(edited).not.toBe(setupText());
    const refused = readSetupFile(edited, 'setup.json');
    expect(refused).toEqual({
      ok: false,
      message: expect.stringMatching(
        /^setup\.json was edited or damaged after it was saved.*delete its "checksum" line to open it anyway/,
      ) as string,
    });
    const unsealed = edited.replace(/,\n {2}"checksum": "crc32:[0-9a-f]{8}"/, '');
    const opened = readSetupFile(unsealed, 'setup.json');
    expect(opened.ok && opened.setup.config.training.maxIters).toBe(300);
  });

  it('a cut-short file is called truncated; text that is not JSON is not', () => {
    const text = setupText();
    for (const end of [text.length - 2, Math.floor(text.length / 2), 40]) {
      const reading = readSetupFile(text.slice(0, end), 'setup.json');
      expect(reading.ok ? '' : reading.message, `cut at ${end}`).toMatch(
        /setup\.json is truncated/,
      );
    }
    const notJson = readSetupFile('These are my notes.', 'notes.json');
    expect(notJson.ok ? '' : notJson.message).toMatch(/not valid JSON/);
    expect(parseJsonFile('{"a": 1,').ok).toBe(false);
    expect(parseJsonFile('{"a": 1}').ok).toBe(true);
  });

  it('a newer version is said so; a garbled version field is damage', () => {
    const garbled = setupText().replace('"version": 1', '"version": 7');
    const damaged = readSetupFile(garbled, 'setup.json');
    expect(damaged.ok ? '' : damaged.message).toMatch(/edited or damaged/);
    const raw = JSON.parse(setupText()) as Record<string, unknown>;
    const newer = stringifyWithChecksum({ ...raw, version: 7 });
    const reading = readSetupFile(newer, 'setup.json');
    expect(reading.ok ? '' : reading.message).toMatch(/newer version.*version 7/);
    const otherScheme = JSON.stringify({ ...raw, version: 7, checksum: 'sha256:abc' });
    const later = readSetupFile(otherScheme, 'setup.json');
    expect(later.ok ? '' : later.message).toMatch(/newer version/);
  });

  it('a run file: read back, a changed loss refused, truncation said', () => {
    const { record } = finishedRun();
    const text = runFileText(record, null);
    expect(readRunFile(text, 'ada.json').ok).toBe(true);
    const edited = text.replace(/"loss":([0-9.]+)/, '"loss":0.001');
    expect(edited).not.toBe(text);
    const refused = readRunFile(edited, 'ada.json');
    expect(refused.ok ? '' : refused.message).toMatch(/ada\.json was edited or damaged/);
    const cut = readRunFile(text.slice(0, text.length - 10), 'ada.json');
    expect(cut.ok ? '' : cut.message).toMatch(/ada\.json is truncated/);
  });
});
