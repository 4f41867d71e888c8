import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  curate,
  DEFAULT_CURATION,
  type CurationOptions,
  type RuleName,
} from '../../src/data/curate';
import {
  isPageNumber,
  joinHyphenatedWords,
  removePageNumbers,
  removeRunningHeaders,
} from '../../src/data/curate/pages';
import { extractedFormatOf } from '../../src/data/extract/extract';
import { splitLongText } from '../../src/data/extract/types';
import '../../src/data/extract/web-page';
import { unzipWithin } from '../../src/shared/unzip';
import { parseSources, type ReadSource } from '../../src/worker/data/parse';
import {
  DOCX_BODY,
  DOCX_HEADING,
  EPUB_CHAPTERS,
  HTML_ARTICLE,
  HTML_COOKIE,
  HTML_MENU,
  makeCorruptPdf,
  makeDocx,
  makeEpub,
  makeHtml,
  makeImageOnlyPdf,
  makePdf,
  makeZipBomb,
  PDF_HEADER,
  PDF_PAGES,
} from '../fixtures/documents';

const source = (name: string, bytes: Uint8Array | string): ReadSource => ({
  name,
  content: typeof bytes === 'string' ? strToU8(bytes).slice().buffer : bytes.slice().buffer,
});

/** The documents and outcome of one file. */
async function readFile(name: string, bytes: Uint8Array | string) {
  const parsed = await parseSources([source(name, bytes)]);
  const outcome = parsed.sources[0];
  if (outcome === undefined) throw new Error('no outcome');
  return { documents: parsed.documents, outcome };
}

/** Curation with some rules switched off. */
function without(...names: RuleName[]): CurationOptions {
  const rules = { ...DEFAULT_CURATION.rules };
  for (const name of names) rules[name] = { ...rules[name], enabled: false };
  return { ...DEFAULT_CURATION, rules };
}

const ruleOf = (report: ReturnType<typeof curate>, name: RuleName) => {
  const rule = report.rules.find((r) => r.name === name);
  if (rule === undefined) throw new Error(`no rule ${name}`);
  return rule;
};

describe('PDF', () => {
  it('reads each page, in order, with the page layout the curation rules then clean', async () => {
    const { documents, outcome } = await readFile('notes.pdf', await makePdf());
    expect(outcome).toMatchObject({ ok: true, format: 'pdf', documents: 1, note: '2 pages' });
    const [text = ''] = documents;
    expect(text.split('\f')).toHaveLength(2);
    for (const line of PDF_PAGES.flat()) expect(text).toContain(line);
    expect(text.split(PDF_HEADER)).toHaveLength(3);

    const report = curate(documents, DEFAULT_CURATION);
    const [clean = ''] = report.documents;
    expect(clean).not.toContain(PDF_HEADER);
    expect(clean).toContain('by photosynthesis inside');
    expect(clean).toContain('mitochondria release the energy');
    expect(clean.split('\n').some((line) => isPageNumber(line))).toBe(false);
    expect(ruleOf(report, 'runningHeaders')).toMatchObject({ documentsChanged: 1 });
    expect(ruleOf(report, 'runningHeaders').charactersRemoved).toBeGreaterThanOrEqual(
      2 * PDF_HEADER.length,
    );
    expect(ruleOf(report, 'pageNumbers')).toMatchObject({ documentsChanged: 1 });
    expect(ruleOf(report, 'hyphenation')).toMatchObject({ documentsChanged: 1 });
    expect(ruleOf(report, 'runningHeaders').examples.length).toBeGreaterThan(0);
  });

  it('joins a word broken across a page, past its page number and the next header', async () => {
    const pages = [
      ['The heron waits at the edge of the water, perfectly mo-'],
      ['tionless, until a fish swims within reach of its beak.'],
      ['Then it strikes, faster than the eye can follow.'],
    ];
    const { documents } = await readFile('heron.pdf', await makePdf(pages));
    const [clean = ''] = curate(documents, DEFAULT_CURATION).documents;
    expect(clean).toContain('perfectly motionless, until');
    expect(clean).not.toContain(PDF_HEADER);
  });

  it('keeps the header, the numbers and the hyphen when their rules are off', async () => {
    const { documents } = await readFile('notes.pdf', await makePdf());
    const [kept = ''] = curate(
      documents,
      without('runningHeaders', 'pageNumbers', 'hyphenation'),
    ).documents;
    expect(kept).toContain(PDF_HEADER);
    expect(kept).toContain('photo-\nsynthesis');
    expect(kept.split('\n').filter((line) => isPageNumber(line))).toEqual(['1', '2']);
  });

  it('refuses a damaged PDF and one with no text layer, in words', async () => {
    const damaged = await readFile('broken.pdf', makeCorruptPdf());
    expect(damaged.outcome.ok).toBe(false);
    expect(damaged.outcome.ok ? '' : damaged.outcome.error).toMatch(
      /broken\.pdf cannot be used: .*not a readable PDF/u,
    );
    const scan = await readFile('scan.pdf', await makeImageOnlyPdf());
    expect(scan.outcome.ok ? '' : scan.outcome.error).toMatch(/no.* text layer.*OCR/u);
    expect(scan.documents).toEqual([]);
  });
});

describe('Word', () => {
  it('keeps the heading as its own line above the body', async () => {
    const { documents, outcome } = await readFile('trip.docx', makeDocx());
    expect(outcome).toMatchObject({ ok: true, format: 'docx', documents: 1 });
    const lines = (documents[0] ?? '').split('\n').filter((line) => line.trim() !== '');
    expect(lines).toEqual([DOCX_HEADING, DOCX_BODY]);
  });

  it('refuses a zip that is not a Word file', async () => {
    const fake = zipSync({ 'notes.txt': strToU8('hello') });
    const { outcome } = await readFile('fake.docx', fake);
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? '' : outcome.error).toMatch(/^fake\.docx cannot be used: /u);
  });
});

describe('web pages', () => {
  it('keeps the article and drops the menu, the cookie banner, the footer and the script', async () => {
    const { documents, outcome } = await readFile('frogs.html', makeHtml());
    expect(outcome).toMatchObject({ ok: true, format: 'html', documents: 1 });
    const report = curate(documents, DEFAULT_CURATION);
    const [text = ''] = report.documents;
    for (const paragraph of HTML_ARTICLE) expect(text).toContain(paragraph);
    for (const item of HTML_MENU) expect(text).not.toContain(item);
    expect(text).not.toContain(HTML_COOKIE);
    expect(text).not.toContain('All rights reserved');
    expect(text).not.toContain('pageScriptRan');
    expect(text).not.toMatch(/[<>]/u);
    expect(ruleOf(report, 'webBoilerplate')).toMatchObject({ documentsChanged: 1 });
  });

  it('keeps the menu (as text) when the boilerplate rule is off', async () => {
    const { documents } = await readFile('frogs.html', makeHtml());
    const [text = ''] = curate(documents, without('webBoilerplate')).documents;
    for (const item of HTML_MENU) expect(text).toContain(item);
    expect(text).toContain(HTML_COOKIE);
    expect(text).not.toContain('pageScriptRan');
  });

  it('leaves a page that is all content as it was', () => {
    const page =
      '<html><body><p>Only the article, with nothing around it: no menu, no banner and no footer.</p></body></html>';
    const report = curate([page], DEFAULT_CURATION);
    expect(ruleOf(report, 'webBoilerplate').documentsChanged).toBe(0);
    expect(report.documents).toEqual([
      'Only the article, with nothing around it: no menu, no banner and no footer.',
    ]);
  });

  it('reads a page saved in windows-1252 by its meta charset', async () => {
    const html =
      '<!doctype html><html><head><meta charset="windows-1252"></head><body><p>caf\u00e9</p></body></html>';
    const bytes = Uint8Array.from(html, (c) => c.charCodeAt(0));
    const { documents } = await readFile('cafe.htm', bytes);
    expect(documents[0]).toContain('caf\u00e9');
  });
});

describe('EPUB', () => {
  it('makes each chapter a document and leaves out the table of contents', async () => {
    const { documents, outcome } = await readFile('pond.epub', makeEpub());
    expect(outcome).toMatchObject({ ok: true, format: 'epub', documents: 2, note: '2 chapters' });
    EPUB_CHAPTERS.forEach((chapter, i) => {
      expect(documents[i]).toContain(chapter.title);
      expect((documents[i] ?? '').replace(/\s+/gu, ' ')).toContain(chapter.text);
    });
  });
});

describe('archives and limits', () => {
  it('reads each file of a zip archive under the archive name', async () => {
    const archive = zipSync({
      'class/notes.txt': strToU8('Plain notes about frogs and ponds.'),
      'class/trip.docx': makeDocx(),
      'class/.DS_Store': strToU8('junk'),
    });
    const parsed = await parseSources([source('lesson.zip', archive)]);
    expect(parsed.sources.map((s) => [s.name, s.ok])).toEqual([
      ['lesson.zip/class/notes.txt', true],
      ['lesson.zip/class/trip.docx', true],
    ]);
    expect(parsed.documents.join('\n')).toContain(DOCX_HEADING);
  });

  it('refuses a zip bomb before inflating it, and still reads the other files', async () => {
    const bomb = makeZipBomb();
    expect(bomb.byteLength).toBeLessThan(1024 * 1024);
    const parsed = await parseSources([
      source('bomb.zip', bomb),
      source('trip.docx', makeDocx()),
      source('bomb.docx', bomb),
    ]);
    const [zip, docx, renamed] = parsed.sources;
    expect(zip?.ok ? '' : zip?.error).toMatch(
      /bomb\.zip cannot be used: .*(?:inflate|uncompress).*MB/iu,
    );
    expect(docx?.ok).toBe(true);
    expect(renamed?.ok).toBe(false);
    expect(parsed.documents).toHaveLength(1);
  });

  it('refuses a damaged archive in words', () => {
    const zip = zipSync({
      'a.txt': strToU8('some text that is long enough to deflate '.repeat(20)),
    });
    const damaged = zip.slice();
    damaged.fill(0x55, 40, 120);
    const result = unzipWithin(damaged, 1024 * 1024);
    expect(result.ok).toBe(false);
  });

  it('still refuses binary files and reads text files beside the documents', async () => {
    const binary = new Uint8Array(2048).map((_, i) => (i * 37) % 256);
    const parsed = await parseSources([
      source('photo.jpg', binary),
      source('notes.txt', 'Frogs lay eggs in spring.'),
    ]);
    expect(parsed.sources[0]?.ok).toBe(false);
    expect(parsed.sources[1]).toMatchObject({ ok: true, documents: 1, characters: 25 });
  });

  it('tells formats by their bytes when the extension lies', async () => {
    expect(extractedFormatOf('notes.bin', await makePdf())).toBe('pdf');
    expect(extractedFormatOf('book', makeEpub())).toBe('epub');
    expect(extractedFormatOf('saved', strToU8(makeHtml()))).toBe('html');
    expect(extractedFormatOf('notes.txt', strToU8('plain'))).toBeNull();
  });
});

describe('page layout rules', () => {
  it('tells page numbers from short lines of text', () => {
    for (const line of ['7', ' - 12 - ', 'Page 3', 'p. 4', '3 of 12', '5/9', 'xiv']) {
      expect(isPageNumber(line)).toBe(true);
    }
    for (const line of ['Chapter 7', 'I went home', '1984 was a year', 'Table 2']) {
      expect(isPageNumber(line)).toBe(false);
    }
  });

  it('removes a footer repeated on most pages, with its changing number', () => {
    const pages = [
      'Intro text.\nConfidential draft 1',
      'More text.\nConfidential draft 2',
      'End.\nConfidential draft 3',
    ];
    expect(removeRunningHeaders(pages.join('\f'))).toBe('Intro text.\fMore text.\fEnd.');
    expect(removeRunningHeaders('No pages here.\nConfidential draft 1')).toBe(
      'No pages here.\nConfidential draft 1',
    );
  });

  it('keeps a line that opens only one page', () => {
    const text = 'Chapter one\nText.\fOther text.\fMore.';
    expect(removeRunningHeaders(text)).toBe(text);
    expect(removePageNumbers('Text.\n12\fMore.\n13')).toBe('Text.\fMore.');
  });

  it('joins line-end hyphens but keeps compounds the text writes with a hyphen', () => {
    expect(joinHyphenatedWords('an exam-\nple of it')).toBe('an example of it');
    expect(joinHyphenatedWords('a well-known fact and a well-\nknown one')).toBe(
      'a well-known fact and a well-known one',
    );
    expect(joinHyphenatedWords('Mid-\nAtlantic')).toBe('Mid-\nAtlantic');
    expect(joinHyphenatedWords('a page ends mo-\n\n\f\ntionless')).toBe('a page ends motionless');
    expect(joinHyphenatedWords('a list ends in a dash -\n\nnext paragraph')).toBe(
      'a list ends in a dash -\n\nnext paragraph',
    );
  });

  it('cuts long extracted text at page breaks', () => {
    const page = 'x'.repeat(400);
    const documents = splitLongText(Array(10).fill(page).join('\n\f\n'), 1000);
    expect(documents.length).toBeGreaterThan(3);
    expect(documents.every((d) => d.length <= 1000)).toBe(true);
    expect(documents.join('').replace(/\s|\f/gu, '')).toBe('x'.repeat(4000));
  });
});
