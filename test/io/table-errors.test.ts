import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openTable } from '../../electron/io/table';
import { handmadeXlsx, makeZip, readAll, SAMPLES, sailError, tempDir } from './helpers';

const file = tempDir();
const pioneer = readFileSync(`${SAMPLES}/pioneer-candidates.xlsx`);

describe('unreadable files', () => {
  it.each([
    ['a missing file', () => file('missing.csv'), 'file_not_found'],
    ['a directory', () => file('.'), 'file_unreadable'],
    ['an empty file', () => file('empty.csv', ''), 'file_empty'],
    ['only a BOM and line breaks', () => file('blank.csv', '\uFEFF\r\n\r\n  \r\n'), 'file_empty'],
    [
      'binary content',
      () => file('image.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48])),
      'file_binary',
    ],
    [
      'control characters',
      () =>
        file(
          'controls.txt',
          Buffer.from(Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41))),
        ),
      'file_binary',
    ],
    ['data without a header', () => file('noheader.csv', '1,2,3\n4,5,6\n'), 'no_header'],
    [
      'an old .xls workbook',
      () => file('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])),
      'file_legacy_excel',
    ],
    [
      'a web page saved as .xls',
      () => file('page.xls', '<html><body><table><tr><td>编号</td></tr></table></body></html>'),
      'file_markup',
    ],
    ['text named .xlsx', () => file('text.xlsx', '编号,名称\n1,2\n'), 'xlsx_corrupt'],
    [
      'a truncated .xlsx',
      () => file('truncated.xlsx', pioneer.subarray(0, 20_000)),
      'xlsx_corrupt',
    ],
    [
      'a zip that is not a workbook',
      () => file('other.xlsx', makeZip({ 'word/document.xml': '<w/>' })),
      'xlsx_corrupt',
    ],
    [
      'a workbook whose only sheet is empty',
      () => file('emptysheet.xlsx', handmadeXlsx({ sheets: { S: '' } })),
      'file_empty',
    ],
    ['invalid JSON', () => file('bad.json', '{"a": [1, 2'), 'json_invalid'],
  ])('%s', async (_, path, code) => {
    const e = await sailError(readAll(path()));
    expect(e.code).toBe(code);
  });

  it('reports damage found while reading the rows of an .xlsx', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.addRow(['编号', '名称']);
    for (let i = 0; i < 5000; i++) ws.addRow([`A${i}`, `名称${i}`.repeat(5)]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    // Damage the middle of the archive, where the worksheet's deflate stream is.
    const damaged = Buffer.from(bytes);
    for (let i = 0; i < 200; i++) {
      const at = Math.floor(damaged.length / 2) + i;
      damaged[at] = (damaged[at] ?? 0) ^ 0x5a;
    }
    const e = await sailError(readAll(file('damaged.xlsx', damaged)));
    expect(['xlsx_corrupt', 'no_header', 'file_empty']).toContain(e.code);
  });

  it('cancels before opening and while reading', async () => {
    const path = file('cancel.csv', `编号,名称\n${'A,B\n'.repeat(200_000)}`);
    const before = new AbortController();
    before.abort();
    expect((await sailError(openTable(path, { signal: before.signal }))).code).toBe('cancelled');

    const during = new AbortController();
    const table = await openTable(path, { signal: during.signal });
    let seen = 0;
    const reading = (async () => {
      for await (const _ of table.rows) {
        if (++seen === 10) during.abort();
      }
    })();
    expect((await sailError(reading)).code).toBe('cancelled');
    expect(seen).toBeLessThan(200_000);
  });

  it('cancels an .xlsx while it is being opened', async () => {
    const controller = new AbortController();
    const opening = openTable(`${SAMPLES}/pioneer-candidates.xlsx`, { signal: controller.signal });
    controller.abort();
    expect((await sailError(opening)).code).toBe('cancelled');
  });

  it('cancels an .xlsx read', async () => {
    const controller = new AbortController();
    const table = await openTable(`${SAMPLES}/pioneer-candidates.xlsx`, {
      signal: controller.signal,
    });
    controller.abort();
    const reading = (async () => {
      for await (const _ of table.rows) {
        /* consume */
      }
    })();
    expect((await sailError(reading)).code).toBe('cancelled');
  });
});
