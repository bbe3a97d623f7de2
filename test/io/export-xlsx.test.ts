// XLSX exports read back with exceljs: sheets per sector plus overall and detail, frozen
// headers, number formats, widths, the shortlist cut, and formulas neutralised.
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { xlsxBytes } from '../../electron/io/export/xlsx';
import type { ReportColumn } from '../../electron/io/export/report';
import { sample } from '../support/paths';
import { apiSession, type ApiSession } from '../support/session';
import { METHOD_NAMES } from '../../electron/core/vocabulary';
import { EXPERTS, FORMULA_COMMENT, ROUND, scoredRound } from './export-fixture';

async function read(source: string | Uint8Array): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  if (typeof source === 'string') await book.xlsx.readFile(source);
  else await book.xlsx.load(source as unknown as ArrayBuffer);
  return book;
}

const column = (key: string, kind: ReportColumn['kind'] = 'text'): ReportColumn => ({
  key,
  zh: key,
  en: key,
  kind,
  printed: true,
});

describe('formula injection', () => {
  it('neutralises text starting with = + - @ tab or CR, and leaves numbers alone', async () => {
    const risky = ['=SUM(A1:A9)', '+86 10 1234', '-2+3', '@cmd', '\tx', '\rx', 'a=b'];
    const bytes = await xlsxBytes(
      [
        {
          name: 't',
          columns: [column('text'), column('score', 'score')],
          rows: risky.map((value, i) => [value, -i - 0.5]),
          frozenColumns: 1,
        },
      ],
      { title_zh: '=标题', title_en: 't', facts: [], data_digest: 'd', date: '2025-01-01' },
    );
    const sheet = (await read(bytes)).getWorksheet('t');
    const cells = risky.map((_, i) => sheet?.getRow(i + 2).getCell(1));
    expect(cells.map((cell) => cell?.value)).toEqual([
      "'=SUM(A1:A9)",
      "'+86 10 1234",
      "'-2+3",
      "'@cmd",
      "'\tx",
      // XML reads a lone CR back as LF; the apostrophe in front is what counts.
      "'\nx",
      'a=b',
    ]);
    expect(cells.every((cell) => cell?.type === ExcelJS.ValueType.String)).toBe(true);
    expect(sheet?.getRow(3).getCell(2).value).toBe(-1.5);
  });
});

describe('ranking workbook', () => {
  let api: ApiSession;
  let book: ExcelJS.Workbook;

  beforeAll(async () => {
    api = apiSession();
    await scoredRound(api, 60, sample('reviewers.csv'));
    const path = join(api.dir, '排名.xlsx');
    await api.ok('export.ranking', {
      round: ROUND,
      format: 'xlsx',
      path,
      rule: { kind: 'top_percent', percent: 25 },
    });
    book = await read(path);
  }, 120_000);

  it('has an overall sheet, one per sector, the criterion detail and the facts', async () => {
    const { sectors } = await api.ok('rounds.get', { round: ROUND });
    const names = book.worksheets.map((sheet) => sheet.name);
    expect(names[0]).toBe('总排名');
    expect(names.slice(-2)).toEqual(['评分明细', '导出说明']);
    expect(names.slice(1, -2)).toEqual(expect.arrayContaining(['工厂排名', '矿山排名']));
    expect(book.worksheets).toHaveLength(sectors.length + 3);
  });

  it('keeps the shortlist the rule cuts, in rank order, with frozen headers and formats', async () => {
    const ranking = await api.ok('ranking.rank', { round: ROUND });
    const ranked = ranking.rows.filter((row) => row.rank !== null);
    const cutRank = ranked[Math.ceil(ranked.length * 0.25) - 1]?.rank ?? 0;
    const expected = ranked.filter((row) => (row.rank ?? 0) <= cutRank);
    const sheet = book.getWorksheet('总排名');
    expect(sheet?.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 1 });
    const header = sheet?.getRow(1).values as unknown[];
    expect(header.slice(1, 3)).toEqual(['排名 rank', '编号 entry_id']);
    const ids = [];
    for (let r = 2; r <= (sheet?.rowCount ?? 0); r++) ids.push(sheet?.getRow(r).getCell(2).value);
    expect(ids).toEqual(expected.map((row) => row.entry_id));
    const scoreAt = header.indexOf('得分 score');
    expect(sheet?.getColumn(scoreAt).numFmt).toBe('0.00');
    expect(sheet?.getRow(2).getCell(scoreAt).value).toBe(expected[0]?.score);
    expect(sheet?.getColumn(3).width).toBeGreaterThan(10);
  });

  it('lists every expert’s criterion scores of the exported entries, comments defused', () => {
    const detail = book.getWorksheet('评分明细');
    const overall = book.getWorksheet('总排名');
    expect((detail?.rowCount ?? 0) - 1).toBe(((overall?.rowCount ?? 0) - 1) * EXPERTS.length);
    const comments: unknown[] = [];
    detail?.eachRow((row) => comments.push(row.getCell(row.cellCount).value));
    // The would-be formula only shows up when its entry is on the shortlist.
    for (const comment of comments) {
      expect(String(comment).startsWith('=')).toBe(false);
    }
  });

  it('states the method, rule and data digest', () => {
    const facts = book.getWorksheet('导出说明');
    const text = JSON.stringify(facts?.getSheetValues());
    expect(text).toContain(METHOD_NAMES.mean.zh);
    expect(text).toContain('前 25%');
    expect(text).toMatch(/[0-9a-f]{64}/);
  });

  it('writes the formula comment neutralised when its entry is exported', async () => {
    const path = join(api.dir, '全部.xlsx');
    await api.ok('export.ranking', { round: ROUND, format: 'xlsx', path });
    const detail = (await read(path)).getWorksheet('评分明细');
    const comments: unknown[] = [];
    detail?.eachRow((row) => comments.push(row.getCell(row.cellCount).value));
    expect(comments).toContain(`'${FORMULA_COMMENT}`);
  });
});
