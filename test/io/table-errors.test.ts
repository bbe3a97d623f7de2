import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openTable } from '../../electron/io/table';
import { expectOwnRefusal } from '../support/refusal';
import {
  handmadeXlsx,
  makeZip,
  readAll,
  SAMPLES,
  sailError,
  tempDir,
  textPart,
  xlsxParts,
  zipArchive,
} from './helpers';

const file = tempDir();
const pioneer = readFileSync(`${SAMPLES}/pioneer-candidates.xlsx`);

describe('unreadable files', () => {
  it.each([
    ['a missing file', () => file('missing.csv'), 'file_not_found'],
    ['a directory', () => file('.'), 'not_a_file'],
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

  describe('a damaged .xlsx is named in our words, at the part and place it is damaged', () => {
    const good = {
      sheets: {
        S: '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>编号</x:t></x:is></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>名称</x:t></x:is></x:c></x:row>',
      },
    };

    /** The package with `part` replaced by `text`, truthfully packed. */
    const withPart = (part: string, text: string) => makeZip({ ...xlsxParts(good), [part]: text });

    it.each([
      [
        'xl/worksheets/sheet1.xml',
        '<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row></x:c></x:sheetData></x:worksheet>',
      ],
      [
        'xl/sharedStrings.xml',
        '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>a</si></sst>',
      ],
      [
        'xl/styles.xml',
        '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="1"><xf numFmtId="0"></cellXfs></styleSheet>',
      ],
      [
        'xl/workbook.xml',
        '<?xml version="1.0"?><workbook><sheets><sheet name="S" sheetId="1"></sheets>',
      ],
    ])('broken XML in %s', async (part, xml) => {
      const e = await sailError(readAll(file('broken.xlsx', withPart(part, xml))));
      expect(e.code).toBe('xlsx_corrupt');
      expectOwnRefusal(e);
      expect(e.message_zh).toContain(`部件 ${part} 的 XML 在第 1 行`);
      expect(e.message_en).toContain(`the XML of part ${part} is broken at line 1`);
    });

    it('gives the column too in a part read as it is in the file', async () => {
      const xml =
        '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>a</si></sst>';
      const e = await sailError(
        readAll(file('strings.xlsx', withPart('xl/sharedStrings.xml', xml))),
      );
      // The column of the '>' that closes the stray </si>.
      const column = xml.indexOf('</si>') + '</si>'.length;
      expect(e.message_zh).toContain(`在第 1 行第 ${column} 列有错误`);
      expect(e.message_en).toContain(`at line 1, column ${column}.`);
    });

    it('a part that fails its checksum', async () => {
      const parts = Object.entries(xlsxParts(good)).map(([name, text]) => textPart(name, text));
      const sheet = parts.find((p) => p.name === 'xl/worksheets/sheet1.xml')!;
      sheet.crc = (sheet.crc + 1) >>> 0;
      const e = await sailError(readAll(file('crc.xlsx', zipArchive(parts))));
      expect(e.code).toBe('xlsx_corrupt');
      expectOwnRefusal(e);
      expect(e.message_zh).toContain('部件 xl/worksheets/sheet1.xml 的校验和不符');
      expect(e.message_en).toContain('part xl/worksheets/sheet1.xml fails its checksum');
    });

    it('a truncated file', async () => {
      const e = await sailError(readAll(file('cut.xlsx', pioneer.subarray(0, 20_000))));
      expectOwnRefusal(e);
      expect(e.message_zh).toContain('找不到 ZIP 目录（文件被截断）');
    });
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
