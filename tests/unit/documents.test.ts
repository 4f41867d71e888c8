import { describe, expect, it } from 'vitest';
import {
  decodeText,
  detectBinaryText,
  MAX_UPLOAD_BYTES,
  parseDocuments,
  splitOnBlankLines,
} from '../../src/data/curate';
import { parseCsv } from '../../src/data/curate/csv';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

/** The documents of a parse that must succeed. */
function documentsOf(name: string, content: string | Uint8Array, split?: 'blankLines'): string[] {
  const result = parseDocuments(name, content, split ? { split } : {});
  if (!result.ok) throw new Error(result.error);
  return result.documents;
}

describe('plain text', () => {
  it('is one document, or one per blank-line separated block', () => {
    const text = 'First para\nline two.\n\n  \nSecond.\r\n\r\nThird.\n\n\n';
    expect(documentsOf('notes.txt', text)).toEqual([text]);
    expect(documentsOf('notes.md', bytes(text), 'blankLines')).toEqual([
      'First para\nline two.',
      'Second.',
      'Third.',
    ]);
    expect(splitOnBlankLines('\n\n')).toEqual([]);
  });

  it('treats unknown extensions as text', () => {
    expect(documentsOf('README', 'hello')).toEqual(['hello']);
  });
});

describe('CSV', () => {
  it('reads quoted fields with commas, quotes and newlines', () => {
    expect(parseCsv('a,b\n"x, y","say ""hi""\nthere"\r\n3,4')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"\nthere'],
      ['3', '4'],
    ]);
  });

  it('takes the column named text/body/content', () => {
    const csv =
      'id,Body,title\n1,The first body,A much much longer title than the body\n2,Second,T';
    const result = parseDocuments('mail.csv', csv);
    expect(result).toEqual({
      ok: true,
      format: 'csv',
      documents: ['The first body', 'Second'],
      note: 'column "Body"',
    });
  });

  it('otherwise takes the column with the most text, skipping empty cells', () => {
    const csv =
      'id,label,review\n1,pos,I loved this film a lot\n2,neg,\n3,neg,Dull and far too long';
    expect(documentsOf('reviews.csv', csv)).toEqual([
      'I loved this film a lot',
      'Dull and far too long',
    ]);
  });

  it('reads TSV and refuses a header without rows', () => {
    expect(documentsOf('a.tsv', 'n\ttext\n1\thello there\n')).toEqual(['hello there']);
    expect(parseDocuments('empty.csv', 'id,text\n')).toEqual({
      ok: false,
      error: expect.stringMatching(/empty\.csv .*no data rows/),
    });
  });
});

describe('JSON lines and JSON', () => {
  it('takes the text field, else the first string field, one document per line', () => {
    const jsonl = [
      '{"id": 1, "text": "first"}',
      '',
      '{"id": 2, "title": "second", "body": "ignored"}',
      '"third"',
      '{"text": "   "}',
    ].join('\n');
    expect(documentsOf('data.jsonl', jsonl)).toEqual(['first', 'second', 'third']);
  });

  it('says which line is invalid', () => {
    const bad = parseDocuments('data.jsonl', '{"text": "ok"}\n{"text": broken}\n');
    expect(bad).toEqual({ ok: false, error: expect.stringMatching(/line 2 is not valid JSON/) });
    const noText = parseDocuments('data.jsonl', '{"n": 1}\n');
    expect(noText).toEqual({ ok: false, error: expect.stringMatching(/line 1 has no text field/) });
  });

  it('reads a JSON array of texts or records', () => {
    expect(documentsOf('a.json', '["one", {"text": "two"}]')).toEqual(['one', 'two']);
    expect(parseDocuments('a.json', '{"text": "x"}')).toEqual({
      ok: false,
      error: expect.stringMatching(/not a JSON array/),
    });
  });
});

describe('bad input', () => {
  it('refuses binary content: NUL bytes, invalid UTF-8, control characters', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]);
    expect(parseDocuments('image.png', png)).toEqual({
      ok: false,
      error: expect.stringMatching(/image\.png cannot be used: .*NUL bytes/),
    });
    expect(decodeText(Uint8Array.from([0x61, 0xff, 0xfe, 0x62]))).toEqual({
      ok: false,
      error: expect.stringMatching(/not valid UTF-8/),
    });
    const controls = '\u0001\u0002\u0003\u0004\u0005\u0006 ab';
    expect(detectBinaryText(controls)).toMatch(/control characters/);
    expect(detectBinaryText('normal text\twith tabs\r\nand lines')).toBeNull();
    expect(parseDocuments('x.txt', 'a\u0000b').ok).toBe(false);
  });

  it('refuses empty files and files with no text in them', () => {
    expect(parseDocuments('empty.txt', new Uint8Array(0))).toEqual({
      ok: false,
      error: 'empty.txt cannot be used: it is empty.',
    });
    expect(parseDocuments('blank.jsonl', '{"text": ""}\n').ok).toBe(false);
  });

  it('refuses files over the size limit', () => {
    const huge = new Uint8Array(MAX_UPLOAD_BYTES + 1);
    expect(parseDocuments('huge.txt', huge)).toEqual({
      ok: false,
      error: expect.stringMatching(/over the 50 MB limit/),
    });
  });

  it('accepts UTF-8 with a byte-order mark, emoji and CJK', () => {
    const text = '\ufeffHello 🐳 你好';
    expect(documentsOf('bom.txt', bytes(text))).toEqual(['Hello 🐳 你好']);
  });
});
