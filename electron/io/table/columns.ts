// Finding the header row and keeping every column, whatever the readers found.

import { isKnownHeader } from '../../core/entries';
import type { Reason } from '../user-file';
import * as err from './errors';
import type { RawRecord } from './types';

/** Excel's widest sheet; a row wider than this is not a table (a CSV of one value per comma). */
export const MAX_COLUMNS = 16_384;

/** How many non-blank records above the data the header may be preceded by (title rows, notes). */
export const HEADER_SEARCH_ROWS = 20;

export function isBlank(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

const NUMBER = /^[-+]?[\d,]*\.?\d+(?:e[-+]?\d+)?%?$/i;
const DATE = /^\d{4}[-/.年]\d{1,2}([-/.月]\d{1,2}日?)?([ T][\d:.]+)?Z?$/;
/** 填报单位：某某 — a label with its value, as in a note above the table. */
const LABEL_WITH_VALUE = /[:：]\s*\S/;

const filled = (cells: readonly string[]): string[] =>
  cells.map((c) => c.trim()).filter((c) => c !== '');

const isDataLike = (cell: string): boolean =>
  NUMBER.test(cell.normalize('NFKC')) || DATE.test(cell.normalize('NFKC'));

function looksLikeHeader(cells: string[]): boolean {
  return (
    cells.length >= 2 &&
    new Set(cells).size === cells.length &&
    cells.every((c) => c.length <= 40 && !isDataLike(c) && !LABEL_WITH_VALUE.test(c))
  );
}

/**
 * The header among the first records. Candidates have ≥ 2 filled cells and at least half as
 * many as the widest early record, so notes above a table (填报单位, 某省) do not qualify. The
 * first candidate naming ≥ 2 known columns wins, else the first that reads like column names,
 * else the first non-blank record unless it holds only numbers and dates (no header at all).
 * A merged title row has one filled cell, so it is passed over. Null when nothing fits.
 */
export function chooseHeader(records: readonly RawRecord[]): RawRecord | null {
  const nonBlank = records.filter((r) => !isBlank(r.cells)).slice(0, HEADER_SEARCH_ROWS);
  const width = Math.max(0, ...nonBlank.map((r) => filled(r.cells).length));
  const candidates = nonBlank.filter((r) => {
    const count = filled(r.cells).length;
    return count >= 2 && count >= width / 2;
  });
  const known = candidates.find((r) => filled(r.cells).filter(isKnownHeader).length >= 2);
  if (known) return known;
  const headerLike = candidates.find((r) => looksLikeHeader(filled(r.cells)));
  if (headerLike) return headerLike;
  const first = nonBlank[0];
  return first && !filled(first.cells).every(isDataLike) ? first : null;
}

/** A header cell as shown (trimmed, BOM removed); matching normalises further on its own. */
function headerText(cell: string): string {
  return cell.replace(/\uFEFF/g, '').trim();
}

/**
 * The columns of a table: unique names for every source position that has a header or, in some
 * row, a value. Positions left of the first and right of the last named header are added only
 * when a row has a value there, named `列N` after their 1-based position. More than
 * MAX_COLUMNS columns are refused, naming the row that brought them.
 */
export class Columns {
  readonly headers: string[] = [];
  private readonly positions = new Map<number, number>();
  private readonly used = new Set<string>();
  /** The next number to try after each repeated name, so a thousand 联系人 cost no more. */
  private readonly nextNumber = new Map<string, number>();

  constructor(
    private readonly path: string,
    headerRow: number,
    headerCells: readonly string[],
  ) {
    const names = headerCells.map(headerText);
    const first = names.findIndex((n) => n !== '');
    const last = names.findLastIndex((n) => n !== '');
    for (let p = first; p >= 0 && p <= last; p++) this.add(p, names[p] ?? '', headerRow);
  }

  private add(position: number, name: string, row: number): void {
    if (this.headers.length >= MAX_COLUMNS) throw err.tooManyColumns(this.path, row, MAX_COLUMNS);
    const base = name === '' ? `列${position + 1}` : name;
    let unique = base;
    let k = this.nextNumber.get(base) ?? 2;
    for (; this.used.has(unique); k++) unique = `${base} (${k})`;
    this.nextNumber.set(base, k);
    this.used.add(unique);
    this.positions.set(position, this.headers.length);
    this.headers.push(unique);
  }

  /** Values of `row` in header order; a value at an unknown position first adds its column. */
  align(cells: readonly string[], row: number): string[] {
    cells.forEach((cell, p) => {
      if (!this.positions.has(p) && cell.trim() !== '') this.add(p, '', row);
    });
    const values = new Array<string>(this.headers.length).fill('');
    cells.forEach((cell, p) => {
      const index = this.positions.get(p);
      if (index !== undefined) values[index] = cell;
    });
    return values;
  }
}

/** Names a message shows of a file's own columns: a file may have thousands, megabytes long. */
const LISTED_COLUMNS = 30;
const SHOWN_NAME_CHARS = 40;

/** A name from a file as a message shows it: cut short past 40 characters. */
export function shownName(name: string): string {
  const chars = Array.from(name);
  return chars.length > SHOWN_NAME_CHARS ? `${chars.slice(0, SHOWN_NAME_CHARS).join('')}…` : name;
}

/** The columns of a file as a message lists them: the first 30, each cut short, and the count. */
export function columnList(headers: readonly string[]): Reason {
  const shown = headers.slice(0, LISTED_COLUMNS).map(shownName);
  if (headers.length <= LISTED_COLUMNS) return { zh: shown.join('、'), en: shown.join(', ') };
  return {
    zh: `${shown.join('、')} 等，共 ${headers.length} 列`,
    en: `${shown.join(', ')} … (${headers.length} in all)`,
  };
}
