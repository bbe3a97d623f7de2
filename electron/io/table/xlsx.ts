// XLSX, read with exceljs's full reader (Workbook.xlsx.load): cell values, shared and rich
// text, cached formula results, styles' number formats, the 1904 date system. Not its streaming
// WorkbookReader, which hangs on some damaged archives, ignores merged cells and drops rich-text
// runs. For 50k rows × 17 columns this takes ~8 s of CPU (~6.5 s of it exceljs's) and ~600 MB
// at peak, against a target of 15 s.
//
// exceljs is not handed the file as it is. zip.ts first unpacks only the parts read here
// (workbook, relationships, shared strings, styles, worksheets) under limits on their declared
// and actual sizes, so a ZIP bomb is refused before it is unpacked, and checks each against its
// CRC, so a damaged file is refused as damaged. exceljs gets a package of those parts: it throws
// on comments, drawings and tables it does not find where it expects them, and expands data
// validations cell by cell (a list on three whole columns: 31 s). Three gaps are bridged on the
// way in: element prefixes (<x:row>, as the OpenXML SDK writes) are dropped, ISO date cells
// (t="d") become text and date1904="true" becomes "1"; exceljs reads none of them.
//
// Merged ranges are taken out of exceljs's parsed model before it applies them: it compares
// every range with every other (20,000 one-row merges: 191 s), throws on overlaps and overwrites
// what the covered cells hold. Rows and cells without a reference get the next number, as in
// Excel. `loadWorkbook` and `normalise` are the only code relying on exceljs's internals (its
// reconcile step and parsed model); loading fails loudly, and the tests fail, if an upgrade
// moves them.
//
// exceljs and JSZip load when a workbook is first read (`import()`): loading them takes a third
// of a second, which every CLI command would otherwise pay at start.

import type ExcelJS from 'exceljs';
import { SailError } from '../../core/errors';
import { chooseHeader, Columns, HEADER_SEARCH_ROWS, isBlank, MAX_COLUMNS } from './columns';
import * as err from './errors';
import type { Reason } from '../user-file';
import type { RawRecord, SourceRow, SourceTable, TableReadOptions } from './types';
import { unpackParts, ZipRefusal, type ZipLimits } from './zip';

/**
 * The XML of the parts kept, unpacked. exceljs holds the whole workbook in memory: 50,000 rows
 * of 17 cells are ~35 MB of XML and take ~550 MB, so this is ~2 GB, about 150,000 such rows.
 */
const MAX_XML_MB = 128;
const ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxUnpacked: MAX_XML_MB * 1024 * 1024,
  // Sheet XML as Excel, WPS and exceljs write it packs 5–25 times; a ZIP bomb ~1,000 times.
  maxRatio: 100,
  ratioFrom: 8 * 1024 * 1024,
};
/** Excel's limits; a reference beyond them is damage. */
const MAX_ROWS = 1_048_576;

/** The worksheet elements exceljs may skip: everything but the cells and the merged ranges. */
const IGNORED_NODES = [
  'sheetPr',
  'dimension',
  'sheetViews',
  'sheetFormatPr',
  'cols',
  'autoFilter',
  'rowBreaks',
  'hyperlinks',
  'pageMargins',
  'dataValidations',
  'pageSetup',
  'headerFooter',
  'printOptions',
  'picture',
  'drawing',
  'sheetProtection',
  'tableParts',
  'conditionalFormatting',
  'extLst',
];

/**
 * The parts exceljs reads for cell values, by their names in lower case, in the order they are
 * handed to it (worksheets last). exceljs parses them in that order, and `loadWorkbook` tells
 * from it which one a parse error is in: styles come right after the root relationships and the
 * shared strings right after the workbook's, the two parts it has no hook for.
 */
const KEPT_PARTS = new Map(
  [
    '[Content_Types].xml',
    '_rels/.rels',
    'xl/styles.xml',
    'xl/workbook.xml',
    'xl/_rels/workbook.xml.rels',
    'xl/sharedStrings.xml',
  ].map((name) => [name.toLowerCase(), name]),
);
const PART_ORDER = [...KEPT_PARTS.values()];
const WORKSHEET_PART = /^xl\/worksheets\/sheet(\d+)\.xml$/i;

type NumberKind = 'plain' | 'date' | 'time' | 'percent';

interface Merge {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
  value?: string;
}

// ---- the package, made fit for exceljs ----

function partName(name: string): string | null {
  const path = name.replace(/\\/g, '/').replace(/^\//, '');
  const kept = KEPT_PARTS.get(path.toLowerCase());
  if (kept) return kept;
  const sheet = WORKSHEET_PART.exec(path);
  return sheet ? `xl/worksheets/sheet${sheet[1] ?? ''}.xml` : null;
}

const NAMESPACES = [
  'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  'http://schemas.openxmlformats.org/package/2006/relationships',
  'http://schemas.openxmlformats.org/package/2006/content-types',
];
const PREFIX_DECLARATION = /xmlns:([\w.-]+)\s*=\s*(["'])([^"']*)\2/g;

/** The prefixes bound to the OOXML namespaces exceljs knows elements of by name. */
function prefixesOf(start: string): string[] {
  return [...start.matchAll(PREFIX_DECLARATION)]
    .filter((m) => NAMESPACES.includes(m[3] ?? ''))
    .map((m) => (m[1] ?? '').replace(/\./g, '\\.'));
}

/** An ISO date cell's text as shown: yyyy-mm-dd, with THH:MM:SS when it has a time of day. */
function isoText(value: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}:\d{2}))?/.exec(value.trim());
  if (!m?.[1]) return value.trim();
  return m[2] && m[2] !== '00:00:00' ? `${m[1]}T${m[2]}` : m[1];
}

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Cells of type d (ISO 8601 text), which exceljs reads as numbers. */
const ISO_DATE_CELL = /<c\b([^>]*?)\st=(["'])d\2([^>]*)>(\s*)<v>([^<]*)<\/v>/g;
const ISO_DATE_TYPE = [Buffer.from(' t="d"'), Buffer.from(" t='d'")];
const DATE1904_TRUE = /\bdate1904\s*=\s*(["'])true\1/;

/**
 * A part as exceljs can read it: element prefixes dropped (<x:row> → <row>), ISO date cells as
 * text cells holding the date as shown, date1904="true" as "1". Most parts need none of this and
 * are passed on as they are, without being decoded.
 */
function normalisePart(name: string, bytes: Uint8Array): Uint8Array | string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const prefixes = prefixesOf(buf.toString('utf8', 0, 4096));
  const isSheet = name.startsWith('xl/worksheets/');
  const isoDates = isSheet && ISO_DATE_TYPE.some((t) => buf.includes(t));
  const book = name === 'xl/workbook.xml';
  const bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  if (prefixes.length === 0 && !isoDates && !book && !bom) return bytes;
  let text = buf.toString('utf8').replace(/^\uFEFF/, '');
  if (prefixes.length > 0) {
    text = text.replace(new RegExp(`<(/?)(?:${prefixes.join('|')}):`, 'g'), '<$1');
  }
  if (book) text = text.replace(DATE1904_TRUE, 'date1904="1"');
  if (isoDates) {
    text = text.replace(
      ISO_DATE_CELL,
      (_, before: string, _q: string, after: string, space: string, value: string) =>
        `<c${before} t="str"${after}>${space}<v>${escapeXml(isoText(value))}</v>`,
    );
  }
  return text;
}

/** A workbook that unpacked but is not one: what is wrong, in both languages. */
class Damage extends Error {
  constructor(readonly reason: Reason) {
    super(reason.en);
  }
}

/** The package handed to exceljs, its parts in order, and those that differ from the file's. */
interface SlimPackage {
  buf: Buffer;
  parts: string[];
  /** Parts normalisePart rewrote: a column in them is not the column in the file. */
  rewritten: Set<string>;
}

/**
 * The package with only the parts exceljs needs, unpacked and checked by zip.ts, in PART_ORDER.
 * Throws SailError when it is not a readable workbook.
 */
async function slimPackage(
  buf: Buffer,
  shown: string,
  signal: AbortSignal | undefined,
): Promise<SlimPackage> {
  let parts: Map<string, Buffer>;
  try {
    parts = await unpackParts(buf, partName, ZIP_LIMITS, signal);
  } catch (e) {
    if (!(e instanceof ZipRefusal)) throw e;
    if (e.kind === 'too_large') throw err.xlsxTooLarge(shown, MAX_XML_MB, 150_000);
    throw e.kind === 'bomb' ? err.xlsxBomb(shown, e.reason) : err.xlsxCorrupt(shown, e.reason);
  }
  if (!parts.has('xl/workbook.xml')) {
    throw err.xlsxCorrupt(shown, {
      zh: '其中没有工作簿部件（不是 Excel 文件）',
      en: 'it has no workbook part (it is not an Excel file)',
    });
  }
  const rank = (name: string): number => {
    const index = PART_ORDER.indexOf(name);
    return index < 0 ? PART_ORDER.length : index;
  };
  const { default: JSZip } = await import('jszip');
  const out = new JSZip();
  const ordered = [...parts.keys()].sort((a, b) => rank(a) - rank(b));
  const rewritten = new Set<string>();
  for (const name of ordered) {
    const bytes = parts.get(name) ?? new Uint8Array();
    const part = normalisePart(name, bytes);
    if (part !== bytes) rewritten.add(name);
    out.file(name, part);
  }
  const slim = await out.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
  return { buf: slim, parts: ordered, rewritten };
}

// ---- exceljs's parsed model, before it becomes a Workbook ----

interface CellModel {
  address?: string;
  type?: number;
  value?: unknown;
  styleId?: number;
}

interface RowModel {
  number: number;
  cells?: (CellModel | undefined)[];
}

interface SheetModel {
  id?: number;
  rows?: (RowModel | undefined)[];
  mergeCells?: string[];
}

interface StylesModel {
  model?: { styles?: ({ numFmtId?: number } | undefined)[] };
  index?: { numFmt?: Record<string, string | undefined> };
  getStyleModel?: (id: number) => object | null;
}

interface BookModel {
  worksheets?: SheetModel[];
  styles?: StylesModel;
  sharedStrings?: { getString?: (index: number) => unknown };
}

interface ExcelJsInternals {
  reconcile(model: BookModel, options: unknown): void;
  parseRels(stream: unknown): Promise<unknown>;
  parseWorkbook(stream: unknown): Promise<unknown>;
  _processWorksheetEntry(...args: unknown[]): Promise<unknown>;
}

/** What `normalise` kept aside for reading the cells. */
interface Extract {
  /** Merge refs by worksheet id. */
  merges: Map<number, string[]>;
  /** Number kinds of exceljs's style objects (shared by every cell of a style). */
  kinds: WeakMap<object, NumberKind>;
  /** The kind of cells without a style (cellXfs 0). */
  defaultKind: NumberKind;
}

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

/** 0-based column of a reference such as AB12; null if it is not one. */
function columnOf(ref: string | undefined): number | null {
  const m = ref ? /^\$?([A-Za-z]{1,3})\$?\d*$/.exec(ref) : null;
  if (!m?.[1]) return null;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return col - 1;
}

function columnName(col: number): string {
  let name = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  }
  return name;
}

/**
 * Before exceljs builds the workbook: number rows and cells that have no reference (the next
 * row, the next column), drop cells beyond column XFD, refuse rows beyond 1,048,576, blank shared
 * string references that point nowhere, note each style's number kind and take the merged
 * ranges out.
 */
function normalise(
  model: BookModel,
  extract: Extract,
  stringType: ExcelJS.ValueType,
): Map<SheetModel, string[]> {
  const styles = model.styles;
  const xfs = styles?.model?.styles ?? [];
  const kindOf = (id: number): NumberKind => {
    const numFmtId = xfs[id]?.numFmtId ?? 0;
    return formatKind(numFmtId, styles?.index?.numFmt?.[numFmtId]);
  };
  extract.defaultKind = kindOf(0);
  xfs.forEach((_, id) => {
    const style = styles?.getStyleModel?.(id);
    if (style) extract.kinds.set(style, kindOf(id));
  });
  const strings = model.sharedStrings;
  const merges = new Map<SheetModel, string[]>();
  for (const sheet of model.worksheets ?? []) {
    merges.set(sheet, sheet.mergeCells ?? []);
    sheet.mergeCells = [];
    let last = 0;
    for (const row of sheet.rows ?? []) {
      if (!row) continue;
      row.number = Number.isInteger(row.number) && row.number > 0 ? row.number : last + 1;
      last = row.number;
      if (row.number > MAX_ROWS) {
        throw new Damage({
          zh: `第 ${row.number} 行超出了 Excel 的最后一行（${MAX_ROWS}）`,
          en: `row ${row.number} is beyond Excel's last row (${MAX_ROWS})`,
        });
      }
      let col = -1;
      const cells: CellModel[] = [];
      for (const cell of row.cells ?? []) {
        if (!cell) continue;
        col = columnOf(cell.address) ?? col + 1;
        if (col >= MAX_COLUMNS) continue;
        cell.address = `${columnName(col)}${row.number}`;
        if (cell.type === stringType && typeof cell.value === 'number') {
          const text = strings?.getString?.(cell.value);
          if (text === undefined || text === null) cell.value = '';
        }
        cells.push(cell);
      }
      row.cells = cells;
    }
  }
  return merges;
}

/**
 * Which part exceljs was reading when it failed. It parses the parts in the package's order
 * (PART_ORDER); the relationships, the workbook and each worksheet are methods that can be
 * wrapped, and each part without a hook comes right after one that has one (or first).
 */
class PartTracker {
  current: string | null = null;
  private lastDone: string | null = null;
  /** The parts exceljs parses, in order ([Content_Types].xml it does not). */
  private readonly parsed: string[];

  constructor(parts: string[]) {
    this.parsed = parts.filter((name) => name !== '[Content_Types].xml');
  }

  wrap<A extends unknown[]>(
    run: (...args: A) => Promise<unknown>,
    partOf: (...args: NoInfer<A>) => string,
  ): (...args: A) => Promise<unknown> {
    return async (...args: A) => {
      this.current = partOf(...args);
      const value = await run(...args);
      this.lastDone = this.current;
      this.current = null;
      return value;
    };
  }

  /** The part being read: a hooked one, or the one after the last part read. */
  failedPart(): string | null {
    if (this.current) return this.current;
    const next = this.lastDone === null ? 0 : this.parsed.indexOf(this.lastDone) + 1;
    return this.parsed[next] ?? null;
  }
}

/**
 * An error exceljs (or saxes under it) threw, in our words, at the part and place it was. The
 * column is given only for a part exceljs read as it is in the file.
 */
function parseDamage(e: unknown, part: string | null, rewritten: Set<string>): Damage {
  const message = e instanceof Error ? e.message : '';
  // saxes: "12:345: unexpected close tag." — the line and column within the part's XML.
  const at = /^(\d+):(\d+): /.exec(message);
  if (part && at) {
    const exact = !rewritten.has(part);
    return new Damage({
      zh: `部件 ${part} 的 XML 在第 ${at[1]} 行${exact ? `第 ${at[2]} 列` : ''}有错误`,
      en: `the XML of part ${part} is broken at line ${at[1]}${exact ? `, column ${at[2]}` : ''}`,
    });
  }
  if (part) {
    return new Damage({ zh: `部件 ${part} 的内容无法读取`, en: `part ${part} cannot be read` });
  }
  return new Damage({ zh: '工作簿的内容无法读取', en: 'its content cannot be read' });
}

async function loadWorkbook(
  { buf, parts: order, rewritten }: SlimPackage,
  signal: AbortSignal | undefined,
): Promise<{ book: ExcelJS.Workbook; extract: Extract }> {
  const { default: excel } = await import('exceljs');
  const book = new excel.Workbook();
  const extract: Extract = { merges: new Map(), kinds: new WeakMap(), defaultKind: 'plain' };
  const xlsx = book.xlsx as unknown as ExcelJsInternals;
  const reconcile = xlsx.reconcile.bind(xlsx);
  const state = { reconciled: false };
  const parts = new PartTracker(order);
  const rels = order.filter((name) => name.endsWith('.rels'));
  let relsRead = 0;
  xlsx.parseRels = parts.wrap(xlsx.parseRels.bind(xlsx), () => rels[relsRead++] ?? '_rels/.rels');
  xlsx.parseWorkbook = parts.wrap(xlsx.parseWorkbook.bind(xlsx), () => 'xl/workbook.xml');
  xlsx._processWorksheetEntry = parts.wrap(
    xlsx._processWorksheetEntry.bind(xlsx),
    (...args: unknown[]) => String(args[4]),
  );
  xlsx.reconcile = (model, options) => {
    err.throwIfAborted(signal); // between parsing the parts and building the workbook
    parts.current = null;
    const merges = normalise(model, extract, excel.ValueType.String);
    reconcile(model, options);
    for (const [sheet, refs] of merges) {
      if (sheet.id !== undefined) extract.merges.set(sheet.id, refs);
    }
    state.reconciled = true;
  };
  // maxRows and maxCols are read by exceljs's worksheet parser, though not in its typings.
  const readOptions: Partial<ExcelJS.XlsxReadOptions> & { maxRows: number; maxCols: number } = {
    ignoreNodes: IGNORED_NODES,
    maxRows: MAX_ROWS,
    maxCols: MAX_COLUMNS,
  };
  try {
    // exceljs types its Buffer as an ArrayBuffer; it hands the Node Buffer to JSZip.
    await book.xlsx.load(buf as unknown as ExcelJS.Buffer, readOptions);
  } catch (e) {
    if (e instanceof SailError || e instanceof Damage) throw e;
    throw parseDamage(e, state.reconciled ? null : parts.failedPart(), rewritten);
  }
  // exceljs 4 calls reconcile from load; without it the merges and fixes above were lost.
  if (!state.reconciled) {
    throw new Damage({ zh: 'Excel 读取组件未能完成读取', en: 'the Excel reader did not finish' });
  }
  return { book, extract };
}

// ---- cells as text ----

/** A number as text without float noise: 1234.5 → '1234.5', 3 → '3', 0.1+0.2 → '0.3'. */
function numberText(n: number): string {
  return Number.isFinite(n) ? String(Number(n.toPrecision(15))) : String(n);
}

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

interface Sheet {
  name: string;
  hidden: boolean;
  worksheet: ExcelJS.Worksheet;
}

interface Book {
  sheets: Sheet[];
  extract: Extract;
  date1904: boolean;
}

/** The serial number exceljs turned into a Date (UTC, days since 1899-12-30 or 1904-01-01). */
const serialOf = (date: Date, date1904: boolean): number =>
  date.getTime() / DAY_MS + 25569 - (date1904 ? 1462 : 0);

function numberCell(n: number, kind: NumberKind, date1904: boolean): string {
  if (kind === 'date' || kind === 'time') return serialText(n, date1904, kind);
  if (kind === 'percent') return `${numberText(n * 100)}%`;
  return numberText(n);
}

/** A cell's value as text: formulas give their cached result, links and rich text their text. */
function valueText(value: unknown, kind: NumberKind, date1904: boolean): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberCell(value, kind, date1904);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    const serial = serialOf(value, date1904);
    return Number.isNaN(serial) ? '' : numberCell(serial, kind, date1904);
  }
  if (typeof value !== 'object') return '';
  const v = value as {
    richText?: { text?: unknown }[];
    text?: unknown;
    result?: unknown;
    error?: unknown;
    formula?: unknown;
    sharedFormula?: unknown;
  };
  if (Array.isArray(v.richText)) {
    return v.richText.map((run) => (typeof run.text === 'string' ? run.text : '')).join('');
  }
  if ('formula' in v || 'sharedFormula' in v) return valueText(v.result, kind, date1904);
  if (v.text !== undefined) return valueText(v.text, kind, date1904);
  if (typeof v.error === 'string') return v.error;
  return '';
}

function rowCells(row: ExcelJS.Row, book: Book): string[] {
  const cells: string[] = [];
  row.eachCell((cell, colNumber) => {
    const kind = book.extract.kinds.get(cell.style) ?? book.extract.defaultKind;
    const text = valueText(cell.value, kind, book.date1904);
    if (text === '') return;
    while (cells.length < colNumber - 1) cells.push('');
    cells[colNumber - 1] = text;
  });
  return cells;
}

/** The rows of a worksheet in order, as their cell texts. */
function* sheetRecords(sheet: Sheet, book: Book): Generator<RawRecord> {
  const last = sheet.worksheet.rowCount;
  for (let n = 1; n <= last; n++) {
    const row = sheet.worksheet.findRow(n);
    if (row) yield { row: n, cells: rowCells(row, book) };
  }
}

// ---- merged cells ----

function parseMerges(refs: readonly string[]): Merge[] {
  const merges: Merge[] = [];
  for (const ref of refs) {
    const m = /^\$?([A-Za-z]{1,3})\$?(\d+):\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref.trim());
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

// ---- the table ----

function asSailError(shown: string, e: unknown): SailError {
  if (e instanceof SailError) return e;
  if (e instanceof Damage) return err.xlsxCorrupt(shown, e.reason);
  return err.xlsxCorrupt(shown, parseDamage(e, null, new Set()).reason);
}

function chooseSheet(shown: string, book: Book, wanted: string | undefined): Sheet {
  const names = book.sheets.map((s) => s.name);
  if (wanted !== undefined) {
    const key = (s: string): string => s.normalize('NFKC').trim().toLowerCase();
    const sheet =
      book.sheets.find((s) => s.name === wanted) ??
      book.sheets.find((s) => key(s.name) === key(wanted));
    if (!sheet) throw err.sheetNotFound(shown, wanted, names);
    return sheet;
  }
  const ordered = [...book.sheets.filter((s) => !s.hidden), ...book.sheets.filter((s) => s.hidden)];
  for (const sheet of ordered) {
    for (const record of sheetRecords(sheet, book)) {
      if (!isBlank(record.cells)) return sheet;
    }
  }
  throw err.empty(shown);
}

async function readBook(shown: string, buf: Buffer, signal?: AbortSignal): Promise<Book> {
  const { book, extract } = await loadWorkbook(await slimPackage(buf, shown, signal), signal);
  const sheets = book.worksheets
    .filter((ws) => typeof ws.name === 'string')
    .map((ws) => ({ name: ws.name, hidden: ws.state !== 'visible', worksheet: ws }));
  if (sheets.length === 0) {
    throw new Damage({ zh: '其中没有工作表', en: 'it has no worksheets' });
  }
  return { sheets, extract, date1904: book.properties.date1904 };
}

export async function openXlsx(
  path: string,
  buf: Buffer,
  options: TableReadOptions,
): Promise<SourceTable> {
  const shown = err.shownFile(path, options);
  try {
    const book = await readBook(shown, buf, options.signal);
    err.throwIfAborted(options.signal);
    const sheet = chooseSheet(shown, book, options.sheet);
    const merges = parseMerges(book.extract.merges.get(sheet.worksheet.id) ?? []);

    const records = sheetRecords(sheet, book);
    const leading: RawRecord[] = [];
    for (let nonBlank = 0; nonBlank < HEADER_SEARCH_ROWS;) {
      const r = records.next();
      if (r.done) break;
      leading.push(r.value);
      if (!isBlank(r.value.cells)) nonBlank++;
    }
    const header = chooseHeader(leading);
    if (!header) {
      throw leading.every((r) => isBlank(r.cells)) ? err.empty(shown) : err.noHeader(shown);
    }
    const first = header.cells.findIndex((c) => c.trim() !== '');
    const last = header.cells.findLastIndex((c) => c.trim() !== '');
    const filler = new MergeFiller(
      merges.filter((m) => !(m.c1 <= first && m.c2 >= last && m.c2 > m.c1)),
    );
    const filled = leading.map((r) => ({ row: r.row, cells: filler.apply(r.row, r.cells) }));
    const headerCells = filled.find((r) => r.row === header.row)?.cells ?? header.cells;
    const columns = new Columns(shown, header.row, headerCells);
    const headerRow = header.row;
    const total = sheet.worksheet.rowCount;

    async function* rows(): AsyncGenerator<SourceRow> {
      try {
        for (const r of filled) {
          if (r.row > headerRow && !isBlank(r.cells)) {
            yield { row: r.row, values: columns.align(r.cells, r.row) };
          }
        }
        let seen = 0;
        for (const r of records) {
          err.throwIfAborted(options.signal);
          const cells = filler.apply(r.row, r.cells);
          if (r.row > headerRow && !isBlank(cells)) {
            yield { row: r.row, values: columns.align(cells, r.row) };
          }
          if (++seen % 1000 === 0) {
            options.onProgress?.(r.row, total);
            // The workbook is in memory already: let the event loop (a cancel, say) have a turn.
            await new Promise((resolve) => setImmediate(resolve));
          }
        }
        options.onProgress?.(total, total);
      } catch (e) {
        throw asSailError(shown, e);
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
    throw asSailError(shown, e);
  }
}
