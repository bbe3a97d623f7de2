import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { openTable } from '../../electron/io/table';
import { detectDelimiter } from '../../electron/io/table/csv';
import { readAll, SAMPLES, sailError, tempDir } from './helpers';

const file = tempDir();

describe('CSV samples', () => {
  it('reads the 300 bloom submissions (UTF-8 BOM, CRLF)', async () => {
    const { table, rows } = await readAll(`${SAMPLES}/bloom-submissions.csv`);
    expect(table).toMatchObject({ format: 'csv', encoding: 'utf-8', sheet: null, headerRow: 1 });
    expect(table.headers[0]).toBe('项目编号'); // BOM stripped
    expect(table.headers).toHaveLength(20);
    expect(rows).toHaveLength(300);
    expect(rows[0]).toMatchObject({ row: 2 });
    expect(rows[0]?.values.slice(0, 5)).toEqual([
      'B2025-0001',
      '第八届',
      '区域赛',
      '重庆赛区',
      '5G+智能考试应用',
    ]);
    expect(rows.at(-1)?.row).toBe(301);
    expect(rows.every((r) => r.values.length === 20)).toBe(true);
  });

  it('reads the GBK sample: 240 rows, its own headers, full-width amounts kept verbatim', async () => {
    const { table, rows } = await readAll(`${SAMPLES}/bloom-submissions-gbk.csv`);
    expect(table.encoding).toBe('gbk');
    expect(table.headers).toEqual([
      '序号',
      '参赛编号',
      '案例名称',
      '申报主体',
      '联合体成员',
      '专题赛道',
      '所在省份',
      '所在城市',
      '负责人',
      '联系方式',
      '案例简介',
      '投资额',
    ]);
    expect(rows).toHaveLength(240);
    const noId = rows.find((r) => r.values[1] === '');
    expect(noId?.row).toBe(121);
    expect(rows.find((r) => r.row === 8)?.values[11]).toBe('５４１９万元');
  });

  it('reads the quirk fixture: title row, blank lines, quoted line break, GB18030-only characters', async () => {
    const { table, rows } = await readAll('test/fixtures/import/bloom-quirks-gbk.csv');
    expect(table.encoding).toBe('gb18030');
    expect(table.headerRow).toBe(2);
    expect(table.headers[2]).toBe('案例名称');
    // Row numbers are records, as Excel shows them: the two-line record is row 5, the next 6.
    expect(rows.map((r) => r.row)).toEqual([3, 5, 6, 8, 9]);
    expect(rows[1]?.values[2]).toBe('5G+远程诊疗\r\n（二期）');
    expect(rows[4]?.values[2]).toBe('𠀀䶮文旅示范');
    expect(rows[4]?.values[7]).toBe('1,234');
  });
});

describe('CSV encodings', () => {
  const header = '项目编号,项目名称,申报单位\r\n';
  const body = 'A1,智慧工厂,南京某某公司\r\nA2,远程医疗,北京某某医院\r\n';

  it.each([
    ['UTF-8 without BOM', Buffer.from(header + body, 'utf8'), 'utf-8'],
    ['UTF-8 with BOM', Buffer.from(`\uFEFF${header}${body}`, 'utf8'), 'utf-8'],
    ['GBK', iconv.encode(header + body, 'gbk'), 'gbk'],
    ['UTF-16LE with BOM', iconv.encode(`\uFEFF${header}${body}`, 'utf16le'), 'utf-16le'],
    ['UTF-16BE with BOM', iconv.encode(`\uFEFF${header}${body}`, 'utf16-be'), 'utf-16be'],
  ])('%s', async (name, bytes, encoding) => {
    const { table, rows } = await readAll(file(`${name}.csv`, bytes));
    expect(table.encoding).toBe(encoding);
    expect(table.headers).toEqual(['项目编号', '项目名称', '申报单位']);
    expect(rows.map((r) => r.values)).toEqual([
      ['A1', '智慧工厂', '南京某某公司'],
      ['A2', '远程医疗', '北京某某医院'],
    ]);
  });

  it('GB18030 four-byte characters decode and are reported as gb18030', async () => {
    const path = file('gb18030.csv', iconv.encode(`${header}A1,𠀀工厂,䶮公司\r\n`, 'gb18030'));
    const { table, rows } = await readAll(path);
    expect(table.encoding).toBe('gb18030');
    expect(rows[0]?.values).toEqual(['A1', '𠀀工厂', '䶮公司']);
  });

  it('judges the encoding past an all-ASCII first megabyte', async () => {
    const ascii = `id,name,org\r\n${'X1,abc,def\r\n'.repeat(90_000)}`;
    const path = file(
      'late-gbk.csv',
      Buffer.concat([Buffer.from(ascii), iconv.encode('Z9,工厂,公司\r\n', 'gbk')]),
    );
    const { table, rows } = await readAll(path);
    expect(table.encoding).toBe('gbk');
    expect(rows.at(-1)?.values).toEqual(['Z9', '工厂', '公司']);
  });

  it('does not mistake a multibyte character cut at the sample edge for GBK', async () => {
    // 1 MB sample boundary falls inside a three-byte UTF-8 character.
    const filler = `id,title\r\n${'a'.repeat(1024 * 1024 - 11)}`;
    const path = file('edge.csv', Buffer.from(`${filler}中,文\r\n`, 'utf8'));
    const { table } = await readAll(path);
    expect(table.encoding).toBe('utf-8');
  });

  it('honours an explicit encoding', async () => {
    const path = file('forced.csv', iconv.encode(header + body, 'gbk'));
    const { table, rows } = await readAll(path, { encoding: 'gbk' });
    expect(table.encoding).toBe('gbk');
    expect(rows[0]?.values[1]).toBe('智慧工厂');
    const utf8 = await readAll(file('forced-utf8.csv', Buffer.from(header + body)), {
      encoding: 'utf8',
    });
    expect(utf8.rows[1]?.values[2]).toBe('北京某某医院');
  });
});

describe('CSV structure', () => {
  it.each([
    ['tab', '\t'],
    ['semicolon', ';'],
    ['comma', ','],
  ])('detects %s delimiters', async (name, d) => {
    const text = [`编号${d}名称${d}单位`, `1${d}甲，乙${d}"A${d}B"`, `2${d}丙${d}C`].join('\n');
    const { rows, table } = await readAll(file(`${name}.txt`, text));
    expect(table.headers).toEqual(['编号', '名称', '单位']);
    expect(rows.map((r) => r.values)).toEqual([
      ['1', '甲，乙', `A${d}B`],
      ['2', '丙', 'C'],
    ]);
  });

  it('is not fooled by a semicolon inside comma-separated text', () => {
    const text = 'id,name,avoid\nE1,王,甲公司;乙公司\nE2,李,丙公司;丁公司\n';
    expect(detectDelimiter(text, true)).toBe(',');
    expect(detectDelimiter('a;b;c\n1,5;2,5;3\n4;5;6,0\n', true)).toBe(';');
  });

  it('numbers rows by record, after quoted line breaks and blank lines', async () => {
    const text = [
      'id,title,note',
      '1,"two',
      'lines",x',
      '',
      '2,"three',
      '',
      'lines ""quoted""",y',
      '3,plain,z',
    ].join('\r\n');
    const { rows } = await readAll(file('multiline.csv', text));
    expect(rows.map((r) => [r.row, r.values[0]])).toEqual([
      [2, '1'],
      [4, '2'],
      [5, '3'],
    ]);
    expect(rows[1]?.values[1]).toBe('three\r\n\r\nlines "quoted"');
  });

  it('makes duplicate headers unique and names blank ones', async () => {
    const text = '编号,联系人,联系人,,联系人\n1,张,李,x,王\n';
    const { table, rows } = await readAll(file('dup.csv', text));
    expect(table.headers).toEqual(['编号', '联系人', '联系人 (2)', '列4', '联系人 (3)']);
    expect(rows[0]?.values).toEqual(['1', '张', '李', 'x', '王']);
  });

  it('keeps extra cells under generated headers and pads short rows', async () => {
    const text = 'a,b,c\n1,2,3,4,,6\n7\n8,9,10,,,\n';
    const { table, rows } = await readAll(file('ragged.csv', text));
    expect(table.headers).toEqual(['a', 'b', 'c', '列4', '列6']);
    expect(rows.map((r) => r.values)).toEqual([
      ['1', '2', '3', '4', '6'],
      ['7', '', '', '', ''],
      ['8', '9', '10', '', ''],
    ]);
  });

  it('skips a title row above the header and trims header text', async () => {
    const text = '2025年汇总表,,,\n\n 项目编号 ,项目名称,申报单位,省份\nX1,工厂,某公司,江苏\n';
    const { table, rows } = await readAll(file('title.csv', text));
    expect(table.headerRow).toBe(3);
    expect(table.headers).toEqual(['项目编号', '项目名称', '申报单位', '省份']);
    expect(rows).toEqual([{ row: 4, values: ['X1', '工厂', '某公司', '江苏'] }]);
  });

  it('handles lone CR line endings and a last line without a break', async () => {
    const text = 'a,b,c\r1,"x\ry",3\r\r4,5,6';
    const { table, rows } = await readAll(file('cr.csv', text));
    expect(table.headers).toEqual(['a', 'b', 'c']);
    expect(rows).toEqual([
      { row: 2, values: ['1', 'x\ry', '3'] },
      { row: 4, values: ['4', '5', '6'] },
    ]);
  });

  it('refuses text after a closing quote, naming the row, instead of merging records', async () => {
    // papaparse would run such a field on to the next quote, swallowing the records between.
    const text = 'id,title,note\n1,plain,x\n2,"5G+"智慧工厂,y\n3,plain,z\n';
    const e = await sailError(readAll(file('badquote.csv', text)));
    expect(e.code).toBe('csv_quotes');
    expect(e.message_en).toContain('row 3');
    expect(e.message_zh).toContain('第 3 行');
    // Past the first megabyte it is found while streaming the rows.
    const filler = `id,title\n${'x,y\n'.repeat(300_000)}`;
    const late = await openTable(file('latequote.csv', `${filler}9,"a"b\n10,c\n`));
    const reading = (async () => {
      for await (const _ of late.rows) {
        /* consume */
      }
    })();
    const e2 = await sailError(reading);
    expect(e2.code).toBe('csv_quotes');
    expect(e2.message_en).toContain('row 300002');
  });

  it('reads an unclosed quote to the end of the file, but refuses one running past 4 MB', async () => {
    const { rows } = await readAll(file('unclosed.csv', 'id,title\n1,"open\n2,b\n'));
    expect(rows).toEqual([{ row: 2, values: ['1', 'open\n2,b\n'] }]);
    // papaparse parses an unfinished record again with each chunk: that would be quadratic.
    const long = `id,title\n1,"open\n${'2,b\n'.repeat(1_200_000)}`;
    const table = await openTable(file('unclosed-long.csv', long));
    const reading = (async () => {
      for await (const _ of table.rows) {
        /* consume */
      }
    })();
    const e = await sailError(reading);
    expect(e.code).toBe('csv_quotes');
    expect(e.message_en).toContain('row 2');
  });

  it('tells a line that runs on without a break from a quote left open', async () => {
    // 5 MB of one unquoted value: no quote anywhere, so not "unbalanced quotes".
    const long = `id,title\n1,a\n2,${'x'.repeat(5 * 1024 * 1024)}\n3,c\n`;
    const table = await openTable(file('long-line.csv', long));
    const reading = (async () => {
      for await (const _ of table.rows) {
        /* consume */
      }
    })();
    const e = await sailError(reading);
    expect(e.code).toBe('csv_row_too_long');
    expect(e.message_zh).toContain('第 3 行超过 4 MB 仍没有换行');
    expect(e.message_en).toContain('Row 3 of CSV file');
    expect(e.message_en).not.toContain('quote');
  });

  it('refuses a first line longer than the first megabyte, saying why', async () => {
    const unquoted = await sailError(readAll(file('one-line.csv', 'a,'.repeat(700_000))));
    expect(unquoted.code).toBe('csv_row_too_long');
    expect(unquoted.message_en).toContain('Row 1');
    expect(unquoted.message_en).toContain('1 MB');
    const quoted = await sailError(readAll(file('one-quote.csv', `id,"${'a\n'.repeat(700_000)}`)));
    expect(quoted.code).toBe('csv_quotes');
    expect(quoted.message_en).toContain('row 1: a quoted field runs on for more than 1 MB');
  });

  it('refuses a header of 100,000 names at once, however alike they are', async () => {
    // Numbering repeated names one try at a time made this quadratic: 45 s for a 270 KB file.
    // The bound is a safety net far above a refusal, not a speed target.
    const started = performance.now();
    const e = await sailError(readAll(file('alike.csv', `${'a,'.repeat(100_000)}a\n1,2\n`)));
    expect(e.code).toBe('too_many_columns');
    expect(e.message_en).toContain('Row 1');
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('refuses a row of more values than a spreadsheet has columns', async () => {
    const wide = `id,title\n1,a\n${Array.from({ length: 20_000 }, (_, i) => `v${i}`).join(',')}\n`;
    const e = await sailError(readAll(file('wide.csv', wide)));
    expect(e.code).toBe('too_many_columns');
    expect(e.message_zh).toContain('第 3 行的列数超过 16384 列');
  });

  it('does not mistake a chunk ending between a closing quote and its LF for bad quoting', async () => {
    // The file is read 256 KiB at a time: put the CR of a quoted field's CRLF at the last byte.
    const head = 'id,title\r\n';
    const filler = 'x'.repeat(256 * 1024 - head.length - '1,""\r'.length);
    const text = `${head}1,"${filler}"\r\n2,"b"\r\n`;
    const { rows } = await readAll(file('seam.csv', text));
    expect(rows.map((r) => [r.row, r.values[0], r.values[1]?.length])).toEqual([
      [2, '1', filler.length],
      [3, '2', 1],
    ]);
  });

  it('streams a large file without re-reading it into memory', async () => {
    const lines = ['项目编号,项目名称,牵头申报单位'];
    for (let i = 0; i < 100_000; i++) lines.push(`B${i},"项目,${i}",单位${i}`);
    const path = file('big.csv', lines.join('\n'));
    const progress: number[] = [];
    const { rows } = await readAll(path, { onProgress: (done) => progress.push(done) });
    expect(rows).toHaveLength(100_000);
    expect(rows.at(-1)).toEqual({ row: 100_001, values: ['B99999', '项目,99999', '单位99999'] });
    expect(progress.length).toBeGreaterThan(1);
  });
});

describe('CSV header row', () => {
  it('prefers the row naming known columns over header-like notes above it', async () => {
    const text =
      '填报单位,某省通信管理局\n填报人,张三\n参赛编号,案例名称,申报主体\nS1,智慧工厂,某公司\n';
    const { table, rows } = await readAll(file('notes.csv', text));
    expect(table.headerRow).toBe(3);
    expect(rows).toEqual([{ row: 4, values: ['S1', '智慧工厂', '某公司'] }]);
  });

  it('keeps an unfamiliar header even when a data cell is a column name', async () => {
    const text = '考号,科目,说明\nK1,名称,甲\nK2,省份,乙\n';
    const { table, rows } = await readAll(file('unfamiliar.csv', text));
    expect(table.headerRow).toBe(1);
    expect(rows).toHaveLength(2);
  });
});
