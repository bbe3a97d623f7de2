// Temp files and table reading shortcuts for the table-reader tests.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
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

/** A ZIP archive of text parts, stored or deflated, for hand-written XLSX packages. */
export function makeZip(parts: Record<string, string>, deflate = true): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(parts)) {
    const data = Buffer.from(text, 'utf8');
    const body = deflate ? deflateRawSync(data) : data;
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(deflate ? 8 : 0, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(deflate ? 8 : 0, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, body);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(parts).length, 8);
  end.writeUInt16LE(Object.keys(parts).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CONTENT_TYPES = `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`;
const ROOT_RELS = `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

/**
 * A minimal XLSX package around hand-written sheet XML (the `x:` prefix is used throughout, as
 * the OpenXML SDK writes it). `sheets` maps sheet names to the inside of <x:sheetData>.
 */
export function handmadeXlsx(options: {
  sheets: Record<string, string>;
  strings?: string[];
  styles?: string;
  date1904?: boolean | 'true';
  after?: string;
  /** More parts, such as a worksheet's relationships and what they point at. */
  parts?: Record<string, string>;
}): Buffer {
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
  return makeZip({ ...parts, ...options.parts });
}
