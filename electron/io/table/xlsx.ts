// XLSX: the workbook parts read with node:zlib and linear scans, the chosen worksheet streamed
// row by row. Not exceljs: its streaming reader hangs on some damaged archives, ignores merged
// cells and keeps only the last run of inline rich text; its full reader needs ~7 s and ~300 MB
// for 50k rows × 17 columns, where this takes ~1.5 s of CPU.

import { readFile } from 'node:fs/promises';
import { posix } from 'node:path';
import { SailError } from '../../core/errors';
import { chooseHeader, Columns, HEADER_SEARCH_ROWS, isBlank } from './columns';
import * as err from './errors';
import type { RawRecord, SourceRow, SourceTable, TableReadOptions } from './types';
import { decodeXml, elementText, sharedStrings, startTags, stringText } from './xml';
import { ZipArchive, ZipError } from './zip';

const MAX_FILE = 1024 * 1024 * 1024;
const MAX_PART = 256 * 1024 * 1024;
/** A single row's XML beyond this is damage, not data. */
const MAX_ROW_XML = 32 * 1024 * 1024;
const MAX_COLUMNS = 16384;

type NumberKind = 'plain' | 'date' | 'time' | 'percent';

interface Workbook {
  zip: ZipArchive;
  sheets: { name: string; part: string; hidden: boolean }[];
  strings: string[];
  kinds: NumberKind[];
  date1904: boolean;
}

interface Merge {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
  value?: string;
}

function relsPart(part: string): string {
  const dir = posix.dirname(part);
  return `${dir === '.' ? '' : `${dir}/`}_rels/${posix.basename(part)}.rels`;
}

function relationships(zip: ZipArchive, part: string): Map<string, { type: string; part: string }> {
  const rels = new Map<string, { type: string; part: string }>();
  const path = relsPart(part);
  if (!zip.has(path)) return rels;
  for (const attrs of startTags(zip.text(path, MAX_PART), 'Relationship')) {
    const target = attrs.get('Target') ?? '';
    if (attrs.get('TargetMode') === 'External' || target === '') continue;
    const resolved = target.startsWith('/')
      ? target.slice(1)
      : posix.normalize(posix.join(posix.dirname(part), target));
    rels.set(attrs.get('Id') ?? '', { type: attrs.get('Type') ?? '', part: resolved });
  }
  return rels;
}

const relOfType = (
  rels: Map<string, { type: string; part: string }>,
  type: string,
): string | undefined => [...rels.values()].find((r) => r.type.endsWith(`/${type}`))?.part;

// Built-in number formats that show dates or times (ids 27–36 and 50–58 are the CJK ones).
const BUILTIN_DATE = new Set([
  14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);
const BUILTIN_TIME = new Set([18, 19, 20, 21, 32, 33, 34, 35, 45, 46, 47]);

function formatKind(id: number, code: string | undefined): NumberKind {
  if (code === undefined) {
    if (BUILTIN_DATE.has(id)) return 'date';
    if (BUILTIN_TIME.has(id)) return 'time';
    return id === 9 || id === 10 ? 'percent' : 'plain';
  }
  // The positive section, without literals, escapes, colours and locales (but keeping [h]).
  const section = (code.split(';')[0] ?? '')
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, '')
    .replace(/AM\/PM|A\/P|上午\/下午/gi, 'h');
  const time = /[hs]/i.test(section);
  if (/[yd]/i.test(section) || (/m/i.test(section) && !time)) return 'date';
  if (time) return 'time';
  return section.includes('%') ? 'percent' : 'plain';
}

function numberKinds(zip: ZipArchive, part: string | undefined): NumberKind[] {
  if (!part || !zip.has(part)) return [];
  const xml = zip.text(part, MAX_PART);
  const codes = new Map<number, string>();
  for (const attrs of startTags(elementText(xml, 'numFmts') ?? '', 'numFmt')) {
    codes.set(Number(attrs.get('numFmtId')), attrs.get('formatCode') ?? '');
  }
  return [...startTags(elementText(xml, 'cellXfs') ?? '', 'xf')].map((attrs) => {
    const id = Number(attrs.get('numFmtId') ?? '0');
    return formatKind(id, codes.get(id));
  });
}

function readWorkbook(buf: Buffer): Workbook {
  const zip = new ZipArchive(buf);
  const book =
    relOfType(relationships(zip, ''), 'officeDocument') ??
    (zip.has('xl/workbook.xml') ? 'xl/workbook.xml' : undefined);
  if (!book || !zip.has(book)) throw new ZipError('no workbook part (not an Excel file)');
  const rels = relationships(zip, book);
  const xml = zip.text(book, MAX_PART);
  const sheets: Workbook['sheets'] = [];
  for (const attrs of startTags(elementText(xml, 'sheets') ?? '', 'sheet')) {
    const rel = rels.get(attrs.get('id') ?? '');
    if (!rel?.type.endsWith('/worksheet') || !zip.has(rel.part)) continue;
    const state = attrs.get('state') ?? 'visible';
    sheets.push({ name: attrs.get('name') ?? '', part: rel.part, hidden: state !== 'visible' });
  }
  if (sheets.length === 0) throw new ZipError('the workbook has no worksheets');
  const [workbookPr] = startTags(xml, 'workbookPr');
  const pr = workbookPr?.get('date1904');
  const stringsPart = relOfType(rels, 'sharedStrings');
  return {
    zip,
    sheets,
    strings:
      stringsPart && zip.has(stringsPart) ? sharedStrings(zip.text(stringsPart, MAX_PART)) : [],
    kinds: numberKinds(zip, relOfType(rels, 'styles')),
    date1904: pr === '1' || pr === 'true',
  };
}

/** A number as text without float noise: 1234.5 → '1234.5', 3 → '3', 0.1+0.2 → '0.3'. */
function numberText(n: number): string {
  return String(Number(n.toPrecision(15)));
}

/** Short plain numerals, as writers store most values, are already the text to show. */
const PLAIN_NUMERAL = /^-?(?:0|[1-9]\d{0,14})(?:\.\d{1,6})?$/;

const DAY_MS = 86_400_000;

/** An Excel serial date as ISO: yyyy-mm-dd, with THH:MM:SS when it has a time of day. */
function serialText(serial: number, date1904: boolean, kind: 'date' | 'time'): string {
  if (serial < 0 || serial > 2_958_466) return numberText(serial);
  let days = Math.floor(serial);
  let seconds = Math.round((serial - days) * 86400);
  if (seconds === 86400) {
    days += 1;
    seconds = 0;
  }
  const time = new Date(seconds * 1000).toISOString().slice(11, 19);
  if (kind === 'time' && days === 0) return time;
  // 1900 system: serial 1 is 1900-01-01, and Excel counts a 29 February 1900 that never was.
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, days < 60 ? 31 : 30);
  const date = new Date(epoch + days * DAY_MS).toISOString().slice(0, 10);
  return seconds === 0 ? date : `${date}T${time}`;
}

function isoText(value: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}:\d{2}))?/.exec(value.trim());
  if (!m?.[1]) return value.trim();
  return m[2] && m[2] !== '00:00:00' ? `${m[1]}T${m[2]}` : m[1];
}

const valueOf = (content: string): string =>
  /<(?:[\w.-]+:)?v(?:\s[^>]*)?>([^<]*)</.exec(content)?.[1] ?? '';

/** A cell's displayed value as text. Formulas give their cached result. */
function cellText(tag: string, content: string, book: Workbook): string {
  switch (shortAttribute(tag, 't') ?? 'n') {
    case 's': {
      const index = Number(valueOf(content));
      return Number.isInteger(index) ? (book.strings[index] ?? '') : '';
    }
    case 'inlineStr':
      return stringText(elementText(content, 'is') ?? '');
    case 'str':
    case 'e':
      return decodeXml(valueOf(content));
    case 'b': {
      const v = valueOf(content).trim();
      if (v === '') return '';
      return v === '1' || v === 'true' ? 'TRUE' : 'FALSE';
    }
    case 'd':
      return isoText(decodeXml(valueOf(content)));
    default: {
      const raw = valueOf(content).trim();
      if (raw === '') return '';
      const n = Number(raw);
      if (!Number.isFinite(n)) return decodeXml(raw);
      const kind = book.kinds[Number(shortAttribute(tag, 's') ?? '0')] ?? 'plain';
      if (kind === 'date' || kind === 'time') return serialText(n, book.date1904, kind);
      if (kind === 'percent') return `${numberText(n * 100)}%`;
      return PLAIN_NUMERAL.test(raw) && raw.length <= 16 ? raw : numberText(n);
    }
  }
}

/** 0-based column of a reference such as AB12; null if it is not one. */
function columnOf(ref: string | undefined): number | null {
  const m = ref ? /^\$?([A-Za-z]{1,3})\$?\d*$/.exec(ref) : null;
  if (!m?.[1]) return null;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return col - 1;
}

/**
 * One of the one-letter attributes r, t, s of a <c> or <row> tag (never escaped). A plain scan:
 * this runs for every cell.
 */
function shortAttribute(tag: string, name: 'r' | 't' | 's'): string | undefined {
  for (let i = tag.indexOf(`${name}=`); i >= 0; i = tag.indexOf(`${name}=`, i + 1)) {
    const before = tag.charCodeAt(i - 1);
    const quote = tag.charAt(i + 2);
    if ((i === 0 || before <= 0x20) && (quote === '"' || quote === "'")) {
      const end = tag.indexOf(quote, i + 3);
      if (end > 0) return tag.slice(i + 3, end);
    }
  }
  // Spaces around '=' are legal XML, if unusual in spreadsheets.
  return /\s=|=\s/.test(tag) ? SPACED_ATTRIBUTE[name].exec(tag)?.[1] : undefined;
}

const SPACED_ATTRIBUTE = {
  r: /(?:^|\s)r\s*=\s*["']([^"']*)["']/,
  t: /(?:^|\s)t\s*=\s*["']([^"']*)["']/,
  s: /(?:^|\s)s\s*=\s*["']([^"']*)["']/,
};

function rowCells(inner: string, book: Workbook): string[] {
  const cells: string[] = [];
  const open = /<((?:[\w.-]+:)?)c(?=[\s/>])/g;
  let last = -1;
  for (;;) {
    const m = open.exec(inner);
    if (!m) break;
    const gt = inner.indexOf('>', open.lastIndex);
    if (gt < 0) break;
    const tag = inner.slice(open.lastIndex, gt);
    let content = '';
    if (tag.endsWith('/')) open.lastIndex = gt + 1;
    else {
      const close = `</${m[1] ?? ''}c>`;
      const end = inner.indexOf(close, gt + 1);
      if (end < 0) break;
      content = inner.slice(gt + 1, end);
      open.lastIndex = end + close.length;
    }
    const col = columnOf(shortAttribute(tag, 'r')) ?? last + 1;
    last = col;
    if (col >= MAX_COLUMNS) continue;
    const value = cellText(tag, content, book);
    if (value === '') continue;
    while (cells.length < col) cells.push('');
    cells[col] = value;
  }
  return cells;
}

/**
 * The rows of a worksheet part, in file order, as their raw cell texts. The XML is inflated and
 * decoded a piece at a time; only the unfinished row is kept between pieces.
 */
async function* sheetRecords(
  book: Workbook,
  part: string,
  onRead?: (done: number, total: number) => void,
): AsyncGenerator<RawRecord> {
  const decoder = new TextDecoder('utf-8');
  const marker = /<(\/?)((?:[\w.-]+:)?)(row|sheetData)(?=[\s/>])/g;
  let buf = '';
  let pos = 0;
  /** Where to resume looking for the end of an unfinished row. */
  let closeFrom = -1;
  let lastRow = 0;

  const next = (final: boolean): RawRecord | 'more' | 'end' => {
    for (;;) {
      marker.lastIndex = pos;
      const m = marker.exec(buf);
      if (!m) {
        pos = Math.max(pos, buf.length - 32);
        return final ? 'end' : 'more';
      }
      const afterName = marker.lastIndex;
      if (m[3] === 'sheetData' || m[1] === '/') {
        if (m[3] === 'sheetData' && m[1] === '/') return 'end';
        pos = afterName;
        continue;
      }
      const gt = buf.indexOf('>', afterName);
      if (gt < 0) {
        pos = m.index;
        return final ? 'end' : 'more';
      }
      const tag = buf.slice(afterName, gt);
      let inner = '';
      let after = gt + 1;
      if (!tag.endsWith('/')) {
        const close = `</${m[2] ?? ''}row>`;
        const end = buf.indexOf(close, Math.max(gt + 1, closeFrom));
        if (end < 0) {
          pos = m.index;
          closeFrom = Math.max(gt + 1, buf.length - close.length);
          return final ? 'end' : 'more';
        }
        inner = buf.slice(gt + 1, end);
        after = end + close.length;
      }
      pos = after;
      closeFrom = -1;
      const r = Number(shortAttribute(tag, 'r'));
      lastRow = Number.isInteger(r) && r > 0 ? r : lastRow + 1;
      return { row: lastRow, cells: rowCells(inner, book) };
    }
  };

  for await (const chunk of book.zip.chunks(part, onRead)) {
    buf = buf.slice(pos) + decoder.decode(chunk, { stream: true });
    if (closeFrom >= 0) closeFrom -= pos;
    pos = 0;
    for (let r = next(false); r !== 'more'; r = next(false)) {
      if (r === 'end') return;
      yield r;
    }
    if (buf.length - pos > MAX_ROW_XML) throw new ZipError(`a row of ${part} is too large`);
  }
  buf = buf.slice(pos) + decoder.decode();
  pos = 0;
  closeFrom = -1;
  for (let r = next(true); r !== 'end' && r !== 'more'; r = next(true)) yield r;
}

/** The merged ranges of a worksheet; <mergeCells> follows the rows, so this reads the part once. */
async function readMerges(book: Workbook, part: string): Promise<Merge[]> {
  const needle = Buffer.from('mergeCell');
  const decoder = new TextDecoder('utf-8');
  let carry: Buffer = Buffer.alloc(0);
  let tail: string | null = null;
  for await (const chunk of book.zip.chunks(part)) {
    if (tail !== null) {
      tail += decoder.decode(chunk, { stream: true });
      if (tail.length > MAX_ROW_XML) break;
      continue;
    }
    // The last bytes of the previous chunk are kept in case the name straddles two chunks.
    const seam = Buffer.concat([carry, chunk.subarray(0, needle.length)]);
    if (seam.includes(needle) || chunk.includes(needle)) {
      tail = decoder.decode(Buffer.concat([carry, chunk]), { stream: true });
    } else carry = chunk.subarray(Math.max(0, chunk.length - needle.length + 1));
  }
  const merges: Merge[] = [];
  for (const attrs of startTags(tail ?? '', 'mergeCell')) {
    const m = /^\$?([A-Za-z]{1,3})\$?(\d+):\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(
      attrs.get('ref') ?? '',
    );
    if (!m) continue;
    const c1 = columnOf(m[1]);
    const c2 = columnOf(m[3]);
    const r1 = Number(m[2]);
    const r2 = Number(m[4]);
    if (c1 === null || c2 === null || c2 >= MAX_COLUMNS || r2 < r1 || c2 < c1) continue;
    merges.push({ r1, c1, r2, c2 });
  }
  return merges.sort((a, b) => a.r1 - b.r1);
}

/**
 * Gives the empty cells of a merged range the value of its top-left cell, row by row in order.
 * Ranges spanning the table's full width (titles, notes, section rows) are left alone, so such
 * a row does not turn into a bogus record.
 */
class MergeFiller {
  private next = 0;
  private active: Merge[] = [];

  constructor(private readonly merges: Merge[]) {}

  apply(row: number, cells: string[]): string[] {
    while (this.next < this.merges.length && (this.merges[this.next]?.r1 ?? Infinity) <= row) {
      const merge = this.merges[this.next++];
      if (merge) this.active.push(merge);
    }
    this.active = this.active.filter((m) => m.r2 >= row);
    if (this.active.length === 0) return cells;
    const out = cells.slice();
    for (const m of this.active) {
      if (m.r1 === row) m.value = cells[m.c1] ?? '';
      if (!m.value) continue;
      for (let c = m.c1; c <= m.c2; c++) {
        if ((out[c] ?? '') !== '') continue;
        while (out.length < c) out.push('');
        out[c] = m.value;
      }
    }
    return out;
  }
}

function asSailError(path: string, e: unknown): SailError {
  if (e instanceof SailError) return e;
  return err.xlsxCorrupt(path, e instanceof Error ? e.message : String(e));
}

async function hasData(book: Workbook, part: string): Promise<boolean> {
  for await (const record of sheetRecords(book, part)) {
    if (!isBlank(record.cells)) return true;
  }
  return false;
}

async function chooseSheet(
  path: string,
  book: Workbook,
  wanted: string | undefined,
): Promise<Workbook['sheets'][number]> {
  const names = book.sheets.map((s) => s.name);
  if (wanted !== undefined) {
    const key = (s: string): string => s.normalize('NFKC').trim().toLowerCase();
    const sheet =
      book.sheets.find((s) => s.name === wanted) ??
      book.sheets.find((s) => key(s.name) === key(wanted));
    if (!sheet) throw err.sheetNotFound(path, wanted, names);
    return sheet;
  }
  const ordered = [...book.sheets.filter((s) => !s.hidden), ...book.sheets.filter((s) => s.hidden)];
  for (const sheet of ordered) {
    if (await hasData(book, sheet.part)) return sheet;
  }
  throw err.empty(path);
}

export async function openXlsx(
  path: string,
  size: number,
  options: TableReadOptions,
): Promise<SourceTable> {
  if (size > MAX_FILE) throw err.tooLarge(path, '1 GB');
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (e) {
    throw err.unreadable(path, e instanceof Error ? e.message : String(e));
  }
  try {
    const book = readWorkbook(buf);
    err.throwIfAborted(options.signal);
    const sheet = await chooseSheet(path, book, options.sheet);
    const merges = await readMerges(book, sheet.part);
    err.throwIfAborted(options.signal);

    const records = sheetRecords(book, sheet.part, options.onProgress);
    const leading: RawRecord[] = [];
    for (let nonBlank = 0; nonBlank < HEADER_SEARCH_ROWS;) {
      const r = await records.next();
      if (r.done) break;
      leading.push(r.value);
      if (!isBlank(r.value.cells)) nonBlank++;
    }
    const header = chooseHeader(leading);
    if (!header) {
      await records.return(undefined);
      throw leading.every((r) => isBlank(r.cells)) ? err.empty(path) : err.noHeader(path);
    }
    const first = header.cells.findIndex((c) => c.trim() !== '');
    const last = header.cells.findLastIndex((c) => c.trim() !== '');
    const filler = new MergeFiller(
      merges.filter((m) => !(m.c1 <= first && m.c2 >= last && m.c2 > m.c1)),
    );
    const filled = leading.map((r) => ({ row: r.row, cells: filler.apply(r.row, r.cells) }));
    const headerCells = filled.find((r) => r.row === header.row)?.cells ?? header.cells;
    const columns = new Columns(headerCells);
    const headerRow = header.row;

    async function* rows(): AsyncGenerator<SourceRow> {
      try {
        for (const r of filled) {
          if (r.row > headerRow && !isBlank(r.cells)) {
            yield { row: r.row, values: columns.align(r.cells) };
          }
        }
        for await (const r of records) {
          err.throwIfAborted(options.signal);
          const cells = filler.apply(r.row, r.cells);
          if (r.row > headerRow && !isBlank(cells)) {
            yield { row: r.row, values: columns.align(cells) };
          }
        }
      } catch (e) {
        throw asSailError(path, e);
      } finally {
        await records.return(undefined);
      }
    }

    return {
      format: 'xlsx',
      encoding: null,
      sheet: sheet.name,
      sheets: book.sheets.map((s) => s.name),
      headers: columns.headers,
      headerRow,
      rows: rows(),
    };
  } catch (e) {
    throw asSailError(path, e);
  }
}
