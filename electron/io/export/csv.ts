// CSV for Excel: UTF-8 with BOM (so Chinese opens correctly), CRLF, RFC 4180 quoting, and text
// that a spreadsheet would run as a formula defused with a leading apostrophe.

import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';

/** Text starting like this is a formula to Excel/LibreOffice (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: string | number | null): string {
  let text: string;
  if (value === null) text = '';
  else if (typeof value === 'number') text = Number.isFinite(value) ? String(value) : '';
  else text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A cell as it was before `cell` defused it. Our CSVs of rejected rows are meant to be fixed and
 * imported again; without this a phone number such as +86 10 1234 5678 would come back as '+86….
 */
export function restoreDefused(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

export function toCsv(headers: string[], rows: (string | number | null)[][]): string {
  const lines = [headers, ...rows].map((row) => row.map(cell).join(','));
  return `\uFEFF${lines.map((line) => `${line}\r\n`).join('')}`;
}

/**
 * Write the CSV to a temporary file beside `path`, flush it, then rename it into place. A fired
 * `signal` stops it before the rename, so `path` is either the whole new file or untouched.
 */
export async function writeCsvFile(
  path: string,
  headers: string[],
  rows: (string | number | null)[][],
  signal?: AbortSignal,
): Promise<void> {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    signal?.throwIfAborted();
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(toCsv(headers, rows), {
        encoding: 'utf8',
        ...(signal ? { signal } : {}),
      });
      await handle.sync();
    } finally {
      await handle.close();
    }
    signal?.throwIfAborted();
    await rename(temp, path);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw e;
  }
}
