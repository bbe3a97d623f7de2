// openTable: a CSV, XLSX or JSON file as a header and a stream of rows, every value as text.

import { extname } from 'node:path';
import { FILE_LIMITS, fileError, fileTooLarge, openUserFile, readOpened } from '../user-file';
import { openCsv } from './csv';
import * as err from './errors';
import { openJson } from './json';
import type { SourceTable, TableReadOptions } from './types';
import { openXlsx } from './xlsx';

export type { SourceRow, SourceTable, TableReadOptions } from './types';

const CSV_EXTENSIONS = new Set(['.csv', '.txt', '.tsv']);
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** A ZIP signature (a local file header, or the end record of an empty archive): an XLSX. */
const isZip = (bytes: Uint8Array): boolean =>
  bytes[0] === 0x50 &&
  bytes[1] === 0x4b &&
  ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));

/** The first non-space character after any BOM, to tell JSON from CSV by content. */
function firstChar(head: Uint8Array): string {
  const text = new TextDecoder('utf-8').decode(head).replace(/^\uFEFF/, '');
  return text.trimStart().charAt(0);
}

/**
 * Open a table file. The format comes from the extension (.csv/.txt/.tsv, .xlsx, .json), or
 * from the content; a ZIP or old-Excel signature wins over the extension. Throws SailError
 * (exit code 2) for files that cannot be read at all; the header is found before returning and
 * rows are read as `rows` is iterated.
 */
export async function openTable(
  path: string,
  options: TableReadOptions = {},
): Promise<SourceTable> {
  err.throwIfAborted(options.signal);
  const shown = err.shownFile(path, options);
  const file = await openUserFile(path, FILE_LIMITS.csv, shown);
  try {
    if (file.size === 0) throw err.empty(shown);
    const head = new Uint8Array(4096);
    const { bytesRead } = await file.handle.read(head, 0, head.length, 0);
    const start = head.subarray(0, bytesRead);
    const ext = extname(path).toLowerCase();
    if (CFB_MAGIC.every((b, i) => start[i] === b)) throw err.legacyExcel(shown);
    if (isZip(start) || ext === '.xlsx' || ext === '.xlsm') {
      if (!isZip(start)) {
        throw err.xlsxCorrupt(shown, { zh: '它不是 ZIP 压缩包', en: 'it is not a ZIP package' });
      }
      if (file.size > FILE_LIMITS.workbook) throw fileTooLarge(shown, FILE_LIMITS.workbook);
      return await openXlsx(path, await readOpened(shown, file), options);
    }
    const first = firstChar(start);
    if (ext === '.json' || (!CSV_EXTENSIONS.has(ext) && (first === '[' || first === '{'))) {
      if (file.size > FILE_LIMITS.json) throw fileTooLarge(shown, FILE_LIMITS.json);
      return await openJson(path, await readOpened(shown, file), options);
    }
    return await openCsv(path, file, options);
  } catch (e) {
    throw fileError(shown, e);
  } finally {
    await file.handle.close();
  }
}
