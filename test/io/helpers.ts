// Temp files and table reading shortcuts for the table-reader tests.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { afterAll, expect } from 'vitest';
import { SailError } from '../../electron/core/errors';
import {
  openTable,
  type SourceRow,
  type SourceTable,
  type TableReadOptions,
} from '../../electron/io/table';

export const SAMPLES = '/work/shared/samples';

/** A temp directory removed after the test file. */
export function tempDir(): (name: string, content?: string | Uint8Array) => string {
  const dir = mkdtempSync(join(tmpdir(), 'sail-table-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return (name, content) => {
    const path = join(dir, name);
    if (content !== undefined) writeFileSync(path, content);
    return path;
  };
}

export async function readAll(
  path: string,
  options?: TableReadOptions,
): Promise<{ table: SourceTable; rows: SourceRow[] }> {
  const table = await openTable(path, options);
  const rows: SourceRow[] = [];
  for await (const row of table.rows) rows.push(row);
  return { table, rows };
}

/** The SailError a promise rejects with, checked to carry both messages and exit code 2. */
export async function sailError(promise: Promise<unknown>): Promise<SailError> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SailError);
  const e = error as SailError;
  expect(e.exitCode).toBe(2);
  expect(e.message_zh).toMatch(/[\u4e00-\u9fff]/);
  expect(e.message_en).toMatch(/[A-Za-z]{3}/);
  return e;
}

/** A part of a hand-built ZIP: its packed bytes and what the directory says about them. */
export interface ZipPart {
  name: string;
  /** The bytes as stored in the archive. */
  packed: Buffer;
  /** 0 stored, 8 deflated. */
  method: number;
  crc: number;
  /** The unpacked size the local header and the central directory declare. */
  size: number;
}

/** A ZIP archive of parts exactly as given: the directory may declare what it likes. */
export function zipArchive(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const nameBytes = Buffer.from(part.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(part.method, 8);
    local.writeUInt32LE(part.crc, 14);
    local.writeUInt32LE(part.packed.length, 18);
    local.writeUInt32LE(part.size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(part.method, 10);
    central.writeUInt32LE(part.crc, 16);
    central.writeUInt32LE(part.packed.length, 20);
    central.writeUInt32LE(part.size, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, part.packed);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + part.packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A part of text, stored or deflated, truthfully described. */
export function textPart(name: string, text: string, deflate = true): ZipPart {
  const data = Buffer.from(text, 'utf8');
  return {
    name,
    packed: deflate ? deflateRawSync(data) : data,
    method: deflate ? 8 : 0,
    crc: crc32(data),
    size: data.length,
  };
}

/** A ZIP archive of text parts, stored or deflated, for hand-written XLSX packages. */
export function makeZip(parts: Record<string, string>, deflate = true): Buffer {
  return zipArchive(Object.entries(parts).map(([name, text]) => textPart(name, text, deflate)));
}

const CONTENT_TYPES = `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`;
const ROOT_RELS = `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

export interface HandmadeXlsx {
  sheets: Record<string, string>;
  strings?: string[];
  styles?: string;
  date1904?: boolean | 'true';
  after?: string;
  /** More parts, such as a worksheet's relationships and what they point at. */
  parts?: Record<string, string>;
}

/** The parts of a minimal XLSX package (see handmadeXlsx), by name. */
export function xlsxParts(options: HandmadeXlsx): Record<string, string> {
  const names = Object.keys(options.sheets);
  const ns =
    'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  const parts: Record<string, string> = {
    '[Content_Types].xml': CONTENT_TYPES,
    '_rels/.rels': ROOT_RELS,
    'xl/workbook.xml': `<?xml version="1.0"?><x:workbook ${ns}><x:workbookPr date1904="${options.date1904 === 'true' ? 'true' : options.date1904 ? 1 : 0}"/><x:sheets>${names
      .map((n, i) => `<x:sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join('')}</x:sheets></x:workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${names
      .map(
        (_, i) =>
          `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet${i + 1}.xml"/>`,
      )
      .join(
        '',
      )}<Relationship Id="rS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    'xl/sharedStrings.xml': `<?xml version="1.0"?><x:sst ${ns}>${(options.strings ?? []).join('')}</x:sst>`,
    'xl/styles.xml': `<?xml version="1.0"?><x:styleSheet ${ns}>${options.styles ?? '<x:cellXfs count="1"><x:xf numFmtId="0"/></x:cellXfs>'}</x:styleSheet>`,
  };
  names.forEach((name, i) => {
    parts[`xl/worksheets/sheet${i + 1}.xml`] =
      `<?xml version="1.0"?><x:worksheet ${ns}><x:sheetData>${options.sheets[name] ?? ''}</x:sheetData>${options.after ?? ''}</x:worksheet>`;
  });
  return { ...parts, ...options.parts };
}

/**
 * A minimal XLSX package around hand-written sheet XML (the `x:` prefix is used throughout, as
 * the OpenXML SDK writes it). `sheets` maps sheet names to the inside of <x:sheetData>.
 */
export function handmadeXlsx(options: HandmadeXlsx): Buffer {
  return makeZip(xlsxParts(options));
}

const MIB = 1024 * 1024;

/**
 * A deflated part that unpacks to `head`, then `unit` `times` over, then `tail`, made without
 * ever holding what it unpacks to: the unit is deflated once, ending in a full flush (so it
 * refers to nothing before it), and its bytes repeated. 1 MiB of one byte deflates to ~1 KiB.
 */
export function repeatedPart(
  name: string,
  head: string,
  times: number,
  tail: string,
  unit: Buffer = Buffer.alloc(MIB, 0x20),
): ZipPart {
  const flushed = (data: Buffer) => deflateRawSync(data, { finishFlush: constants.Z_FULL_FLUSH });
  const first = Buffer.from(head, 'utf8');
  const last = Buffer.from(tail, 'utf8');
  const packedUnit = flushed(unit);
  let crc = crc32(first);
  for (let i = 0; i < times; i++) crc = crc32(unit, crc);
  crc = crc32(last, crc);
  return {
    name,
    packed: Buffer.concat([
      flushed(first),
      ...Array<Buffer>(times).fill(packedUnit),
      deflateRawSync(last),
    ]),
    method: 8,
    crc,
    size: first.length + unit.length * times + last.length,
  };
}

/** An XLSX whose sheets are `sheets`, the other parts those of handmadeXlsx with one sheet each. */
export function xlsxAround(sheets: ZipPart[]): Buffer {
  const names = Object.fromEntries(sheets.map((_, i) => [`S${i + 1}`, '']));
  const parts = Object.entries(xlsxParts({ sheets: names }))
    .filter(([name]) => !name.startsWith('xl/worksheets/'))
    .map(([name, text]) => textPart(name, text));
  return zipArchive([...parts, ...sheets]);
}

/** The sheet XML around a bomb's repeated bytes. */
export const SHEET_HEAD =
  '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>编号</t></is></c><c r="B1" t="inlineStr"><is><t>名称</t></is></c></row>';
export const SHEET_TAIL = '</sheetData></worksheet>';
