/**
 * A small RFC 4180 CSV reader (quoted fields, doubled quotes, newlines inside quotes, CRLF)
 * and the choice of which column holds the text.
 */

/** Column names that hold the text, in order of preference. */
const TEXT_COLUMN_NAMES = ['text', 'body', 'content', 'document', 'message'];

/** Parses delimited text into rows of fields. */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = (): void => {
    row.push(field);
    field = '';
  };
  const endRow = (): void => {
    endField();
    if (row.length > 1 || row[0] !== '') rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const char = text[i];
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += char;
      }
      i += 1;
      continue;
    }
    if (char === '"' && field === '') quoted = true;
    else if (char === delimiter) endField();
    else if (char === '\n') endRow();
    else if (char === '\r') {
      if (text[i + 1] !== '\n') endRow();
    } else field += char;
    i += 1;
  }
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

/**
 * Index of the column holding the text: one named text/body/content (case-insensitive), else
 * the one with the most characters over the data rows.
 */
export function chooseTextColumn(header: readonly string[], rows: readonly string[][]): number {
  const names = header.map((name) => name.trim().toLowerCase());
  for (const wanted of TEXT_COLUMN_NAMES) {
    const index = names.indexOf(wanted);
    if (index >= 0) return index;
  }
  const totals = header.map(() => 0);
  for (const row of rows) {
    row.forEach((cell, column) => {
      if (column < totals.length) totals[column] = (totals[column] ?? 0) + cell.length;
    });
  }
  let best = 0;
  totals.forEach((total, column) => {
    if (total > (totals[best] ?? 0)) best = column;
  });
  return best;
}
