/**
 * What page layout leaves in extracted text: running headers and footers repeated on most pages,
 * page numbers, and words hyphenated at line ends. Pages are separated by form feeds (as PDF
 * extraction writes them), so the first two rules only touch paged text.
 */

/** Lines looked at, at the top and at the bottom of each page. */
const EDGE_LINES = 2;

/** A line repeated at the edge of at least this share of the pages (and two) is a running header. */
const RUNNING_SHARE = 0.5;

/** A page number: `7`, `- 7 -`, `Page 7`, `p. 7`, `7 of 12`, `7/12`, `vii`. */
const PAGE_NUMBER =
  /^[-–—\s]*(?:(?:page|p\.|pg\.?|seite|página|pagina)\s*)?(?:\d{1,4}|[ivxlcdm]{1,7})(?:\s*(?:of|\/|de|von)\s*\d{1,4})?[-–—\s]*$/iu;

/** Whether a line is only a page number. */
export function isPageNumber(line: string): boolean {
  return PAGE_NUMBER.test(line.trim());
}

/** The text's pages (split at form feeds), or null when it has none. */
function pagesOf(text: string): string[] | null {
  return text.includes('\f') ? text.split('\f') : null;
}

/** Positions of a page's first and last non-empty lines (up to `EDGE_LINES` each). */
function edgeLines(lines: readonly string[]): number[] {
  const filled = lines.flatMap((line, i) => (line.trim() === '' ? [] : [i]));
  const edges = new Set([...filled.slice(0, EDGE_LINES), ...filled.slice(-EDGE_LINES)]);
  return [...edges];
}

/** A line as running headers repeat it: digits (page numbers, dates) and case ignored. */
function runningKey(line: string): string {
  return line.trim().toLowerCase().replace(/\d+/gu, '#').replace(/\s+/gu, ' ');
}

/** Removes lines repeated at the top or bottom of most pages (a title, a chapter, "Confidential"). */
export function removeRunningHeaders(text: string): string {
  const pages = pagesOf(text);
  if (pages === null || pages.length < 2) return text;
  const split = pages.map((page) => page.split('\n'));
  const pagesWith = new Map<string, number>();
  for (const lines of split) {
    const keys = new Set(
      edgeLines(lines)
        .map((i) => lines[i] ?? '')
        .filter((line) => !isPageNumber(line))
        .map(runningKey),
    );
    for (const key of keys) pagesWith.set(key, (pagesWith.get(key) ?? 0) + 1);
  }
  const needed = Math.max(2, Math.ceil(RUNNING_SHARE * pages.length));
  const running = new Set([...pagesWith].filter(([, n]) => n >= needed).map(([key]) => key));
  if (running.size === 0) return text;
  return split
    .map((lines) => {
      const drop = new Set(
        edgeLines(lines).filter((i) => {
          const line = lines[i] ?? '';
          return !isPageNumber(line) && running.has(runningKey(line));
        }),
      );
      return lines.filter((_, i) => !drop.has(i)).join('\n');
    })
    .join('\f');
}

/** Removes page numbers: a page's first or last line when it is only a number. */
export function removePageNumbers(text: string): string {
  const pages = pagesOf(text);
  if (pages === null) return text;
  return pages
    .map((page) => {
      const lines = page.split('\n');
      const filled = lines.flatMap((line, i) => (line.trim() === '' ? [] : [i]));
      const edges = [filled[0], filled[filled.length - 1]].filter((i) => i !== undefined);
      const drop = new Set(edges.filter((i) => isPageNumber(lines[i] ?? '')));
      return lines.filter((_, i) => !drop.has(i)).join('\n');
    })
    .join('\f');
}

/**
 * A lower-case word broken by a hyphen at a line end, perhaps across a page break (where the
 * page's number and header, once removed, leave blank lines around the form feed).
 */
const HYPHENATED = /(\p{L}+)-[ \t]*\n(?:[ \t\n]*\f[ \t\n]*|[ \t]*)(\p{Ll}[\p{L}]*)/gu;

/** A compound written with its hyphen within a line (`well-known`). */
const COMPOUND = /\p{L}+-\p{L}+/gu;

/**
 * Joins words hyphenated at line ends (`exam-\nple` → `example`); a compound the text also
 * writes with its hyphen within a line (`well-known`) keeps it.
 */
export function joinHyphenatedWords(text: string): string {
  if (!/-[ \t]*\n/u.test(text)) return text;
  const compounds = new Set([...text.matchAll(COMPOUND)].map((m) => m[0].toLowerCase()));
  return text.replace(HYPHENATED, (_whole: string, left: string, right: string) => {
    const compound = `${left}-${right}`;
    return compounds.has(compound.toLowerCase()) ? compound : `${left}${right}`;
  });
}
