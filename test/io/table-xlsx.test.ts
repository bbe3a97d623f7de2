import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { handmadeXlsx, readAll, SAMPLES, sailError, tempDir } from './helpers';

const file = tempDir();

async function writeBook(name: string, build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const path = file(name);
  await wb.xlsx.writeFile(path);
  return path;
}

describe('XLSX sample', () => {
  it('reads the 160 pioneer candidates under the merged title row', async () => {
    const { table, rows } = await readAll(`${SAMPLES}/pioneer-candidates.xlsx`);
    expect(table).toMatchObject({
      format: 'xlsx',
      encoding: null,
      sheet: '候选名单',
      sheets: ['候选名单'],
    });
    expect(table.headerRow).toBe(2);
    expect(table.headers).toHaveLength(17);
    expect(table.headers.slice(0, 3)).toEqual(['候选编号', '领航者类别', '主体名称']);
    expect(table.headers[13]).toBe('投资额（万元）');
    expect(rows).toHaveLength(160);
    expect(rows[0]).toMatchObject({ row: 3 });
    const first = rows[0]?.values ?? [];
    expect(first[0]).toBe('P2025-0001');
    expect(first[10]).toBe('192'); // a number, as text
    expect(first[14]).toBe('2025-01-20'); // a real date
    expect(rows.at(-1)?.values[13]).toBe('17328万元'); // an amount typed as text
    expect(rows.at(-1)?.row).toBe(162);
  });
});

describe('XLSX cells', () => {
  it('finds the header below title rows, fills merged cells, converts values', async () => {
    const path = await writeBook('cells.xlsx', (wb) => {
      const ws = wb.addWorksheet('名单');
      ws.getCell('A1').value = '2025年5G应用领航者候选对象汇总表';
      ws.mergeCells('A1:H1');
      ws.getCell('A2').value = '填报单位：某省通信管理局';
      ws.addRow([
        '候选编号',
        '领航者类别',
        '主体名称',
        '投运时间',
        '投资额',
        '占比',
        '备注',
        '编码',
      ]);
      ws.addRow([
        'P1',
        '工厂',
        '甲公司',
        new Date(Date.UTC(2025, 0, 20)),
        1234.5,
        0.25,
        { richText: [{ text: '富' }, { text: '文本', font: { bold: true } }] },
        '00123',
      ]);
      ws.addRow([
        'P2',
        null,
        '乙公司',
        new Date(Date.UTC(2024, 5, 1, 8, 30)),
        0.1 + 0.2,
        1,
        { formula: 'C5&"!"', result: '乙公司!' },
        42,
      ]);
      ws.addRow([
        'P3',
        null,
        '丙公司',
        null,
        3,
        null,
        { text: '链接', hyperlink: 'https://example.cn' },
        true,
      ]);
      ws.mergeCells('B4:B6'); // one category for three candidates
      ws.getCell('D4').numFmt = 'yyyy-mm-dd';
      ws.getCell('D5').numFmt = 'yyyy-mm-dd hh:mm';
      ws.getCell('F4').numFmt = '0%';
      ws.getCell('F5').numFmt = '0%';
      ws.addRow([]);
      ws.addRow(['注：以上数据由各省推荐。']);
      ws.mergeCells('A8:H8'); // a note across the table stays one cell
    });
    const { table, rows } = await readAll(path);
    expect(table.headerRow).toBe(3);
    expect(table.headers).toEqual([
      '候选编号',
      '领航者类别',
      '主体名称',
      '投运时间',
      '投资额',
      '占比',
      '备注',
      '编码',
    ]);
    expect(rows.map((r) => r.row)).toEqual([4, 5, 6, 8]);
    expect(rows[0]?.values).toEqual([
      'P1',
      '工厂',
      '甲公司',
      '2025-01-20',
      '1234.5',
      '25%',
      '富文本',
      '00123',
    ]);
    expect(rows[1]?.values).toEqual([
      'P2',
      '工厂',
      '乙公司',
      '2024-06-01T08:30:00',
      '0.3',
      '100%',
      '乙公司!',
      '42',
    ]);
    expect(rows[2]?.values).toEqual(['P3', '工厂', '丙公司', '', '3', '', '链接', 'TRUE']);
    expect(rows[3]?.values).toEqual(['注：以上数据由各省推荐。', '', '', '', '', '', '', '']);
  });

  it('reads inline rich text, formula strings, errors and booleans from a streaming writer', async () => {
    const path = file('inline.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
    const ws = wb.addWorksheet('S');
    ws.addRow(['编号', '名称', '结果', '错误', '布尔']).commit();
    ws.addRow([
      'A1',
      { richText: [{ text: 'Rich ' }, { text: '文本', font: { bold: true } }] },
      { formula: 'A2&"x"', result: 'A1x' },
      { error: '#N/A' },
      false,
    ]).commit();
    ws.commit();
    await wb.commit();
    const { rows } = await readAll(path);
    expect(rows[0]?.values).toEqual(['A1', 'Rich 文本', 'A1x', '#N/A', 'FALSE']);
  });

  it('reads the 1904 date system', async () => {
    const path = await writeBook('d1904.xlsx', (wb) => {
      wb.properties.date1904 = true;
      const ws = wb.addWorksheet('S');
      ws.addRow(['编号', '投运时间']);
      ws.addRow(['A', new Date(Date.UTC(2023, 2, 14))]);
      ws.getCell('B2').numFmt = 'yyyy/m/d';
    });
    const { rows } = await readAll(path);
    expect(rows[0]?.values).toEqual(['A', '2023-03-14']);
  });

  it('reads prefixed XML, phonetic guides, escapes, ISO dates, cells without references, CJK date formats', async () => {
    const bytes = handmadeXlsx({
      strings: [
        '<x:si><x:t>编号</x:t></x:si>',
        '<x:si><x:r><x:t>名</x:t></x:r><x:r><x:t>称</x:t></x:r><x:rPh sb="0" eb="1"><x:t>めい</x:t></x:rPh></x:si>',
        '<x:si><x:t>a_x000D_b &amp; &#x4E2D;</x:t></x:si>',
        '<x:si/>',
        '<x:si><x:t>日期</x:t></x:si>',
      ],
      styles:
        '<x:numFmts count="1"><x:numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></x:numFmts>' +
        '<x:cellStyleXfs count="1"><x:xf numFmtId="14"/></x:cellStyleXfs>' +
        '<x:cellXfs count="3"><x:xf numFmtId="0"/><x:xf numFmtId="176" applyNumberFormat="1"/><x:xf numFmtId="31"/></x:cellXfs>',
      sheets: {
        数据: [
          '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c><x:c r="C1" t="s"><x:v>4</x:v></x:c><x:c r="D1" t = "s"><x:v>3</x:v></x:c></x:row>',
          '<x:row><x:c t="s"><x:v>2</x:v></x:c><x:c t="inlineStr"><x:is><x:t>内联</x:t></x:is></x:c><x:c s="1"><x:v>45678</x:v></x:c><x:c t="d"><x:v>2025-03-01T00:00:00Z</x:v></x:c></x:row>',
          '<x:row r="3"><x:c r="A3"><x:v>1.0000000000000002</x:v></x:c><x:c r="C3" s="2"><x:v>45678.5</x:v></x:c></x:row>',
        ].join(''),
      },
    });
    const { table, rows } = await readAll(file('handmade.xlsx', bytes));
    expect(table.headers).toEqual(['编号', '名称', '日期', '列4']);
    expect(rows).toEqual([
      { row: 2, values: ['a\rb & 中', '内联', '2025-01-21', '2025-03-01'] },
      { row: 3, values: ['1', '', '2025-01-21T12:00:00', ''] },
    ]);
  });
});

describe('XLSX sheets', () => {
  const build = (wb: ExcelJS.Workbook): void => {
    wb.addWorksheet('说明');
    const hidden = wb.addWorksheet('隐藏');
    hidden.state = 'hidden';
    hidden.addRow(['编号', '名称']);
    hidden.addRow(['H1', '隐']);
    const data = wb.addWorksheet('数据');
    data.addRow(['编号', '名称']);
    data.addRow(['D1', '数']);
  };

  it('defaults to the first visible sheet with data', async () => {
    const path = await writeBook('sheets.xlsx', build);
    const { table, rows } = await readAll(path);
    expect(table.sheets).toEqual(['说明', '隐藏', '数据']);
    expect(table.sheet).toBe('数据');
    expect(rows[0]?.values).toEqual(['D1', '数']);
  });

  it('opens a sheet by name, and lists the sheets when the name is unknown', async () => {
    const path = await writeBook('sheets2.xlsx', build);
    const { table, rows } = await readAll(path, { sheet: '隐藏' });
    expect(table.sheet).toBe('隐藏');
    expect(rows[0]?.values).toEqual(['H1', '隐']);
    const e = await sailError(readAll(path, { sheet: '名单' }));
    expect(e.code).toBe('sheet_not_found');
    expect(e.message_zh).toContain('说明、隐藏、数据');
    expect(e.message_en).toContain('说明, 隐藏, 数据');
  });

  // How long this takes is measured by `npm run bench` (xlsx_50000), not asserted here.
  it('reads 50,000 rows', async () => {
    const path = file('big.xlsx');
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
      filename: path,
      useSharedStrings: true,
      useStyles: true,
    });
    const ws = wb.addWorksheet('候选名单');
    ws.addRow([
      '候选编号',
      '领航者类别',
      '主体名称',
      '基站数',
      '投资额（万元）',
      '投运时间',
    ]).commit();
    for (let i = 0; i < 50_000; i++) {
      const row = ws.addRow([
        `P${i}`,
        '工厂',
        `主体${i}有限公司`,
        i % 300,
        i * 1.5,
        new Date(Date.UTC(2024, 1, 1 + (i % 28))),
      ]);
      row.getCell(6).numFmt = 'yyyy-mm-dd';
      row.commit();
    }
    ws.commit();
    await wb.commit();
    const progress: [number, number][] = [];
    const { rows } = await readAll(path, {
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(rows).toHaveLength(50_000);
    expect(rows.at(-1)).toEqual({
      row: 50_001,
      values: ['P49999', '工厂', '主体49999有限公司', '199', '74998.5', '2024-02-20'],
    });
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toEqual([50_001, 50_001]);
  }, 120_000);
});

// Workbooks on which exceljs on its own crashes, throws or takes minutes (measured with exceljs
// 4.4: 31 s for a list rule on three whole columns, 191 s for 20,000 one-row merges).
describe('XLSX that exceljs alone cannot read', () => {
  const header =
    '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c><x:c r="C1" t="s"><x:v>2</x:v></x:c></x:row>';
  const strings = [
    '<x:si><x:t>编号</x:t></x:si>',
    '<x:si><x:t>名称</x:t></x:si>',
    '<x:si><x:t>备注</x:t></x:si>',
  ];
  const dataRows = (n: number): string =>
    Array.from(
      { length: n },
      (_, i) =>
        `<x:row r="${i + 2}"><x:c r="A${i + 2}"><x:v>${i + 1}</x:v></x:c><x:c r="B${i + 2}" t="inlineStr"><x:is><x:t>名${i}</x:t></x:is></x:c></x:row>`,
    ).join('');

  it('ignores data validations on whole columns and column ranges beyond the sheet', async () => {
    const bytes = handmadeXlsx({
      strings,
      sheets: { S: header + dataRows(3) },
      after:
        '<x:cols><x:col min="1" max="999999999" width="9"/></x:cols>' +
        '<x:dataValidations count="1"><x:dataValidation type="list" sqref="A2:C1048576"><x:formula1>"a,b"</x:formula1></x:dataValidation></x:dataValidations>',
    });
    const { rows } = await readAll(file('validations.xlsx', bytes));
    expect(rows.map((r) => r.values)).toEqual([
      ['1', '名0', ''],
      ['2', '名1', ''],
      ['3', '名2', ''],
    ]);
  });

  it('fills 20,000 merged ranges, and overlapping ones, keeping what hidden cells hold', async () => {
    const merges = Array.from(
      { length: 20_000 },
      (_, i) => `<x:mergeCell ref="B${i + 2}:C${i + 2}"/>`,
    );
    const bytes = handmadeXlsx({
      strings,
      sheets: { S: header + dataRows(20_000) },
      after: `<x:mergeCells count="${merges.length}">${merges.join('')}</x:mergeCells>`,
    });
    const { rows } = await readAll(file('merges.xlsx', bytes));
    expect(rows).toHaveLength(20_000);
    expect(rows.at(-1)).toEqual({ row: 20_001, values: ['20000', '名19999', '名19999'] });

    const overlapping = handmadeXlsx({
      strings,
      sheets: {
        S:
          header +
          '<x:row r="2"><x:c r="A2"><x:v>1</x:v></x:c><x:c r="B2" t="inlineStr"><x:is><x:t>甲</x:t></x:is></x:c></x:row>' +
          '<x:row r="3"><x:c r="A3"><x:v>2</x:v></x:c><x:c r="C3" t="inlineStr"><x:is><x:t>藏</x:t></x:is></x:c></x:row>',
      },
      after:
        '<x:mergeCells count="2"><x:mergeCell ref="B2:C3"/><x:mergeCell ref="B3:B4"/></x:mergeCells>',
    });
    const read = await readAll(file('overlapping.xlsx', overlapping));
    expect(read.rows.map((r) => r.values)).toEqual([
      ['1', '甲', '甲'],
      ['2', '甲', '藏'],
    ]);
  });

  it('reads a sheet whose comments, drawing and table parts sit where exceljs does not look', async () => {
    const rel = (id: string, type: string, target: string): string =>
      `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"/>`;
    const bytes = handmadeXlsx({
      strings,
      sheets: { S: header + dataRows(1) },
      after:
        '<x:drawing r:id="rD"/><x:legacyDrawing r:id="rV"/><x:tableParts count="1"><x:tablePart r:id="rT"/></x:tableParts>',
      parts: {
        'xl/worksheets/_rels/sheet1.xml.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel('rC', 'comments', '/xl/comments/comment1.xml')}${rel('rD', 'drawing', '/xl/drawings/drawing1.xml')}${rel('rV', 'vmlDrawing', '/xl/drawings/vmlDrawing1.vml')}${rel('rT', 'table', '/xl/tables/table1.xml')}</Relationships>`,
        'xl/comments/comment1.xml':
          '<comments><authors><author>a</author></authors><commentList><comment ref="A2" authorId="0"><text><t>注</t></text></comment></commentList></comments>',
      },
    });
    const { rows } = await readAll(file('parts.xlsx', bytes));
    expect(rows).toEqual([{ row: 2, values: ['1', '名0', ''] }]);
  });

  it('reads date1904="true", as some writers spell it', async () => {
    const bytes = handmadeXlsx({
      date1904: 'true',
      strings,
      styles: '<x:cellXfs count="2"><x:xf numFmtId="0"/><x:xf numFmtId="14"/></x:cellXfs>',
      sheets: {
        S:
          header +
          '<x:row r="2"><x:c r="A2"><x:v>1</x:v></x:c><x:c r="B2" s="1"><x:v>43904</x:v></x:c></x:row>',
      },
    });
    const { rows } = await readAll(file('d1904true.xlsx', bytes));
    expect(rows[0]?.values).toEqual(['1', '2024-03-15', '']);
  });
});
