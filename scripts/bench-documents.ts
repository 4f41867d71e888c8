/**
 * What reading a long PDF costs, and what curation's page rules take out of it: a PDF of
 * `--pages` pages (default 100) is made with pdf-lib from a built-in book, each page with a
 * running header, its number at the foot and words broken with a hyphen at line ends; it is read
 * `--repeats` times by the data worker's own reader (pdf.js in Node), and the text is curated with
 * the default rules. Timings vary with the machine and its load; they are reported, never
 * asserted.
 *
 *   npx tsx scripts/bench-documents.ts [--pages 100] [--lines 28] [--repeats 3] [--book moby-dick]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { curate } from '../src/data/curate/curate';
import { DEFAULT_CURATION } from '../src/data/curate/rules';
import { withWebPageReader } from '../src/data/extract/extract';
import { parseSources } from '../src/worker/data/parse';
import { makePdf } from '../tests/fixtures/documents';

const { values } = parseArgs({
  options: {
    pages: { type: 'string', default: '100' },
    lines: { type: 'string', default: '28' },
    repeats: { type: 'string', default: '3' },
    book: { type: 'string', default: 'moby-dick' },
  },
});
const pages = Number(values.pages);
const linesPerPage = Number(values.lines);
const repeats = Number(values.repeats);

/** The header printed on every page. */
const HEADER = 'Moby-Dick; or, The Whale - Herman Melville';
/** Characters a line holds before it wraps. */
const WIDTH = 62;

/**
 * The book's words wrapped into lines of printable ASCII (the PDF's standard font has no other
 * glyphs); one long word in eight that would overflow is broken with a hyphen, as typesetters do.
 */
function wrappedLines(text: string, count: number): string[] {
  const words = text
    .replace(/[^\x20-\x7e\n]/gu, ' ')
    .split(/\s+/u)
    .filter((word) => word !== '');
  const lines: string[] = [];
  let line = '';
  let breaks = 0;
  for (const word of words) {
    if (lines.length === count) break;
    const candidate = line === '' ? word : `${line} ${word}`;
    if (candidate.length <= WIDTH) {
      line = candidate;
      continue;
    }
    const room = WIDTH - line.length - 2;
    if (word.length >= 8 && room >= 4 && /^[a-z]+$/u.test(word) && breaks++ % 8 === 0) {
      lines.push(`${line} ${word.slice(0, room)}-`);
      line = word.slice(room);
    } else {
      lines.push(line);
      line = word;
    }
  }
  if (lines.length < count && line !== '') lines.push(line);
  return lines;
}

const book = readFileSync(`public/corpora/${values.book}.txt`, 'utf8');
const lines = wrappedLines(book, pages * linesPerPage);
const layout = Array.from({ length: pages }, (_, i) =>
  lines.slice(i * linesPerPage, (i + 1) * linesPerPage),
);
const pdf = await makePdf(layout, HEADER);
console.log(
  `${pages}-page PDF: ${pdf.byteLength.toLocaleString('en')} bytes, ${lines.length} lines of up to ${WIDTH} characters`,
);

const timings: number[] = [];
let documents: string[] = [];
let characters = 0;
for (let i = 0; i < repeats; i++) {
  const started = performance.now();
  const parsed = await parseSources([{ name: 'book.pdf', content: pdf.slice().buffer }]);
  timings.push(performance.now() - started);
  documents = parsed.documents;
  characters = parsed.characters;
}
const median = [...timings].sort((a, b) => a - b)[Math.floor(timings.length / 2)] ?? 0;
console.log(
  `read ${repeats}×: ${timings.map((ms) => `${Math.round(ms)} ms`).join(', ')}; median ${Math.round(median)} ms, ${characters.toLocaleString('en')} characters in ${documents.length} document(s), ${Math.round(characters / (median / 1000)).toLocaleString('en')} characters/s, ${(median / pages).toFixed(1)} ms a page`,
);

const started = performance.now();
const report = await withWebPageReader(() => curate(documents, DEFAULT_CURATION));
console.log(`curated in ${Math.round(performance.now() - started)} ms with the default rules:`);
for (const rule of report.rules) {
  if (!rule.enabled || (rule.documentsChanged === 0 && rule.documentsRemoved === 0)) continue;
  console.log(
    `  ${rule.label}: −${rule.charactersRemoved.toLocaleString('en')} characters, ${rule.documentsChanged} document(s) changed, ${rule.documentsRemoved} removed`,
  );
}
const kept = report.documents.join('');
const headerLeft = kept.split(HEADER).length - 1;
const brokenMade = lines.filter((line) => /[a-z]-$/u.test(line)).length;
const brokenLeft = (kept.match(/[a-z]-\s/gu) ?? []).length;
console.log(
  `kept ${kept.length.toLocaleString('en')} characters; the header is left ${headerLeft} time(s) of ${pages}; words broken at a line end: ${brokenMade} made, ${brokenLeft} left`,
);
