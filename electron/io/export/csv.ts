// CSV for Excel: UTF-8 with BOM (so Chinese opens correctly), CRLF, RFC 4180 quoting, and text
// that a spreadsheet would run as a formula defused with a leading apostrophe.
import { writeFileAtomic, type WriteOptions } from './atomic-file';
import { neutraliseFormula } from './neutralise';

export { restoreDefused } from './neutralise';

export type CsvCell = string | number | null;

function cell(value: CsvCell): string {
  let text: string;
  if (value === null) text = '';
  else if (typeof value === 'number') text = Number.isFinite(value) ? String(value) : '';
  else text = neutraliseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(headers: string[], rows: CsvCell[][]): string {
  const lines = [headers, ...rows].map((row) => row.map(cell).join(','));
  return `\uFEFF${lines.map((line) => `${line}\r\n`).join('')}`;
}

/** The CSV written atomically (see writeFileAtomic): `path` is the whole file or untouched. */
export async function writeCsvFile(
  path: string,
  headers: string[],
  rows: CsvCell[][],
  options?: WriteOptions,
): Promise<void> {
  await writeFileAtomic(path, toCsv(headers, rows), options);
}
