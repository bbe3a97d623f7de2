// Import done right, through the API as the window uses it: preview and column mapping (saved per
// header set and reused), the rejected rows as a CSV to fix and re-import, and the field-level
// changes a re-import reports.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeEach, describe, expect, it } from 'vitest';
import { repoRoot, sample } from '../support/paths';
import { apiSession, type ApiSession } from '../support/session';

const fixture = (name: string) => join(repoRoot, 'test', 'fixtures', 'import', name);
const MANUAL = fixture('manual-mapping.csv');
/** What the organiser picks for manual-mapping.csv: 编号 is detected, 名字 and 单位 are not. */
const MANUAL_MAPPING = { 编号: 'entry_id', 名字: 'title', 单位: 'applicant', 备注: null };

let api: ApiSession;

beforeEach(async () => {
  api = apiSession();
  await api.ok('project.create', { path: join(api.dir, '映射.sailreview') });
});

/** A CSV parsed as a spreadsheet would show it, BOM checked and removed. */
function readCsv(path: string): string[][] {
  const text = readFileSync(path, 'utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  return Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
}

describe('entries.preview', () => {
  it('shows a CSV, its first rows and the detected mapping with the fields to choose from', async () => {
    const preview = await api.ok('entries.preview', { path: MANUAL, programme: 'bloom' });
    expect(preview).toMatchObject({
      file: 'manual-mapping.csv',
      format: 'csv',
      encoding: 'utf-8',
      sheets: [],
      header_row: 1,
      headers: ['编号', '名字', '单位', '备注'],
      mapping: { 编号: 'entry_id', 名字: null, 单位: null, 备注: null },
      saved_mapping: false,
    });
    expect(preview.rows).toHaveLength(4);
    expect(preview.rows[1]).toEqual({
      row: 3,
      values: ['M-002', '5G智慧港口调度', '', '+86 10 1234 5678'],
    });
    const required = preview.fields.filter((field) => field.required).map((field) => field.key);
    expect(required).toEqual(['entry_id', 'title', 'applicant']);
    expect(preview.fields).toContainEqual({
      key: 'title',
      name_zh: '项目名称',
      name_en: 'Title',
      required: true,
    });
    expect(preview.fields.map((field) => field.key)).toContain('track');

    const pioneer = await api.ok('entries.preview', { path: MANUAL, programme: 'pioneer' });
    expect(pioneer.fields.filter((field) => field.required).map((field) => field.key)).toEqual([
      'entry_id',
      'title',
      'applicant',
      'sector',
    ]);
  });

  it('decodes a GBK file, and shows at most 20 rows of a long one', async () => {
    const gbk = await api.ok('entries.preview', {
      path: fixture('platform-gbk.csv'),
      programme: 'bloom',
    });
    expect(gbk.encoding).toMatch(/^gb/);
    expect(gbk.headers).toEqual(['序号', '参赛编号', '案例名称', '申报主体', '所属省份']);
    expect(gbk.rows[0]?.values).toEqual([
      '1',
      'G-001',
      '5G+智慧矿山安全监测',
      '晋能控股集团',
      '山西',
    ]);
    expect(gbk.mapping).toEqual({
      序号: null,
      参赛编号: 'entry_id',
      案例名称: 'title',
      申报主体: 'applicant',
      所属省份: 'province',
    });
    const forced = await api.ok('entries.preview', {
      path: fixture('platform-gbk.csv'),
      programme: 'bloom',
      encoding: 'gbk',
    });
    expect(forced.rows).toEqual(gbk.rows);

    const bloom = await api.ok('entries.preview', {
      path: sample('bloom-submissions.csv'),
      programme: 'bloom',
    });
    expect(bloom.rows).toHaveLength(20);
    expect(bloom.rows[19]?.row).toBe(21);
  });

  it('offers the sheets of a workbook and finds the header below a title row', async () => {
    const path = fixture('pioneer-title-row.xlsx');
    const first = await api.ok('entries.preview', { path, programme: 'pioneer' });
    expect(first).toMatchObject({ format: 'xlsx', sheet: '填表说明' });
    expect(first.sheets).toEqual(['填表说明', '候选名单']);

    const list = await api.ok('entries.preview', { path, programme: 'pioneer', sheet: '候选名单' });
    expect(list).toMatchObject({
      sheet: '候选名单',
      header_row: 2,
      headers: ['候选编号', '主体名称', '所属类别', '所在省份', '计划投资（万元）'],
      mapping: {
        候选编号: 'entry_id',
        主体名称: 'applicant',
        所属类别: 'sector',
        所在省份: 'province',
        '计划投资（万元）': 'investment_wan',
      },
    });
    expect(list.rows.map((row) => row.values)).toEqual([
      ['P-001', '江苏某某钢铁有限公司', '5G工厂', '江苏', '1200'],
      ['P-002', '南京某某港务集团', '港口类', '江苏省', '８００万元'],
      ['P-003', '苏州某某医院', '医院', '江苏', '350.5'],
    ]);
  });

  it('refuses an unreadable file with a message in both languages', async () => {
    const empty = join(api.dir, 'empty.csv');
    writeFileSync(empty, '');
    const result = await api.call('entries.preview', { path: empty, programme: 'bloom' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message_zh).toMatch(/[\u4e00-\u9fff]/);
      expect(result.error.message_en).toMatch(/empty/i);
    }
  });
});

describe('saved column mappings', () => {
  it('reuses the confirmed mapping for the same header set, in preview and import', async () => {
    const first = await api.ok('entries.import', {
      path: MANUAL,
      programme: 'bloom',
      mapping: MANUAL_MAPPING,
    });
    expect(first).toMatchObject({ inserted: 2, saved_mapping: false });
    expect(first.import_id).toEqual(expect.any(Number));

    const again = await api.ok('entries.preview', { path: MANUAL, programme: 'bloom' });
    expect(again).toMatchObject({ saved_mapping: true, mapping: MANUAL_MAPPING });

    // The same columns in another order and spacing are the same header set.
    const reordered = join(api.dir, 'reordered.csv');
    writeFileSync(reordered, '备注,单位, 名字 ,编号\r\n二批,丁公司,5G智慧电网,M-010\r\n');
    const preview = await api.ok('entries.preview', { path: reordered, programme: 'bloom' });
    expect(preview.saved_mapping).toBe(true);
    expect(preview.mapping).toEqual({
      备注: null,
      单位: 'applicant',
      名字: 'title',
      编号: 'entry_id',
    });

    // Without a mapping of its own, the import applies the saved one.
    const second = await api.ok('entries.import', { path: reordered, programme: 'bloom' });
    expect(second).toMatchObject({ inserted: 1, rejected: [], saved_mapping: true });

    // A mapping is saved per programme.
    const pioneer = await api.ok('entries.preview', { path: MANUAL, programme: 'pioneer' });
    expect(pioneer.saved_mapping).toBe(false);
  });

  it('neither saves a mapping on a dry run nor when the import fails', async () => {
    await api.ok('entries.import', {
      path: MANUAL,
      programme: 'bloom',
      mapping: MANUAL_MAPPING,
      dry_run: true,
    });
    const failed = await api.call('entries.import', {
      path: MANUAL,
      programme: 'bloom',
      mapping: { 名字: 'title' },
    });
    expect(failed.ok).toBe(false);
    if (!failed.ok) expect(failed.error.code).toBe('missing_columns');
    const preview = await api.ok('entries.preview', { path: MANUAL, programme: 'bloom' });
    expect(preview.saved_mapping).toBe(false);
  });
});

describe('rejected rows', () => {
  it('exports them verbatim with the reasons, and the fixed file imports', async () => {
    const imported = await api.ok('entries.import', {
      path: MANUAL,
      programme: 'bloom',
      mapping: MANUAL_MAPPING,
    });
    expect(imported.rejected.map((rejection) => [rejection.row, rejection.column])).toEqual([
      [3, '单位'],
      [5, '编号'],
    ]);

    const out = join(api.dir, '被拒绝的行.csv');
    const written = await api.ok('imports.rejectedCsv', {
      import_id: imported.import_id!,
      path: out,
    });
    expect(written).toEqual({ path: out, rows: 2 });
    const rows = readCsv(out);
    expect(rows[0]).toEqual(['编号', '名字', '单位', '备注', '错误原因', 'error']);
    expect(rows[1]?.slice(0, 4)).toEqual(['M-002', '5G智慧港口调度', '', "'+86 10 1234 5678"]);
    expect(rows[1]?.slice(4)).toEqual(['牵头申报单位为空', 'Applicant is empty']);
    expect(rows[2]?.slice(0, 4)).toEqual([
      'M-003',
      '5G远程会诊平台（重复）',
      '丙市人民医院',
      '重复提交',
    ]);
    expect(rows[2]?.[4]).toContain('与第 4 行重复');
    expect(rows[2]?.[5]).toContain('repeats row 4');

    // The organiser fills in the applicant and gives the second submission its own id, leaving
    // the reason columns where they are.
    rows[1]![2] = '乙港务集团';
    rows[2]![0] = 'M-004';
    const fixed = join(api.dir, '已改正.csv');
    writeFileSync(fixed, `\uFEFF${Papa.unparse(rows)}\r\n`);
    const reimported = await api.ok('entries.import', { path: fixed, programme: 'bloom' });
    expect(reimported).toMatchObject({
      saved_mapping: true,
      inserted: 2,
      rejected: [],
    });

    const page = await api.ok('entries.list', { search: 'M-002' });
    const entry = await api.ok('entries.get', { id: page.rows[0]!.id });
    expect(entry).toMatchObject({ title: '5G智慧港口调度', applicant: '乙港务集团' });
    // The phone number comes back as the source file had it, without the CSV's apostrophe.
    expect(entry.source).toContainEqual(['备注', '+86 10 1234 5678']);

    // Rejected again: the old reasons are replaced, not repeated.
    rows[1]![2] = '';
    writeFileSync(fixed, `\uFEFF${Papa.unparse(rows)}\r\n`);
    const rejectedAgain = await api.ok('entries.import', { path: fixed, programme: 'bloom' });
    expect(rejectedAgain.rejected).toHaveLength(1);
    await api.ok('imports.rejectedCsv', { import_id: rejectedAgain.import_id!, path: out });
    expect(readCsv(out)[0]).toEqual(['编号', '名字', '单位', '备注', '错误原因', 'error']);
  });

  it('says which import it does not know', async () => {
    const result = await api.call('imports.rejectedCsv', {
      import_id: 99,
      path: join(api.dir, 'x.csv'),
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatchObject({ code: 'import_not_found' });
      expect(result.error.message_zh).toContain('99');
    }
  });

  it('stores nothing when the CSV cannot be written, and says why', async () => {
    const result = await api.call('entries.import', {
      path: MANUAL,
      programme: 'bloom',
      mapping: MANUAL_MAPPING,
      rejected_out: join(api.dir, 'no-such-folder', 'rejected.csv'),
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('rejected_csv_failed');
      expect(result.error.message_zh).toContain('no-such-folder');
    }
    expect((await api.ok('entries.list', {})).total).toBe(0);
  });

  it('writes the CSV of a dry run from its result, storing nothing', async () => {
    const out = join(api.dir, 'dry.csv');
    const summary = await api.ok('entries.import', {
      path: MANUAL,
      programme: 'bloom',
      mapping: MANUAL_MAPPING,
      dry_run: true,
      rejected_out: out,
    });
    expect(summary).toMatchObject({ dry_run: true, import_id: null, inserted: 2 });
    expect(readCsv(out).map((row) => row[0])).toEqual(['编号', 'M-002', 'M-003']);
    expect((await api.ok('entries.list', {})).total).toBe(0);
  });
});

describe('field-level changes on re-import', () => {
  it('lists exactly what changed and warns of entries that already have scores', async () => {
    await api.ok('entries.import', { path: fixture('changes-v1.csv'), programme: 'bloom' });
    await api.ok('reviewers.import', { path: sample('reviewers.csv') });
    await api.ok('rounds.create', { stage: '初赛', name: '初赛', programme: 'bloom' });
    const scored = (await api.ok('entries.list', { search: 'C-003' })).rows[0]!.id;
    await api.ok('scoring.save', {
      round: '初赛',
      reviewer: 'EXP001',
      entry: scored,
      scores: { innovation: 15 },
    });

    const summary = await api.ok('entries.import', {
      path: fixture('changes-v2.csv'),
      programme: 'bloom',
    });
    expect(summary).toMatchObject({
      inserted: 1,
      updated: 3,
      unchanged: 1,
      changes_total: 3,
      changed_scored: ['C-003'],
    });
    expect(summary.changes).toEqual([
      {
        entry_id: 'C-001',
        fields: [
          { field: 'title', kind: 'field', before: '5G智慧矿山', after: '5G+智慧矿山综合管控' },
        ],
      },
      {
        // 江苏 and 江苏省 are the same province: only the source column shows the change.
        entry_id: 'C-002',
        fields: [{ field: '省份', kind: 'source', before: '江苏', after: '江苏省' }],
      },
      {
        entry_id: 'C-003',
        fields: [
          {
            field: 'contact',
            kind: 'field',
            before: '13800000003',
            after: '13900000003',
          },
          {
            field: 'contact_phone',
            kind: 'field',
            before: '13800000003',
            after: '13900000003',
          },
          { field: '内部备注', kind: 'source', before: '无', after: '已复核' },
        ],
      },
    ]);
  });

  it('counts reordered columns and an added empty column as unchanged', async () => {
    const path = fixture('changes-v1.csv');
    await api.ok('entries.import', { path, programme: 'bloom' });
    const [header = '', ...rows] = readFileSync(path, 'utf8').slice(1).trim().split('\r\n');
    // The last two columns swapped, and an empty 错误原因 column as a fixed file would bring.
    const swap = (line: string) => {
      const cells = line.split(',');
      return [...cells.slice(0, 4), cells[5], cells[4], ''].join(',');
    };
    const reordered = join(api.dir, 'reordered.csv');
    writeFileSync(reordered, [`${swap(header)}错误原因`, ...rows.map(swap)].join('\r\n'));
    const summary = await api.ok('entries.import', { path: reordered, programme: 'bloom' });
    expect(summary).toMatchObject({ updated: 0, unchanged: 4, changes: [], changes_total: 0 });
  });

  it('keeps the stored columns a file of corrections leaves out; an empty cell still clears', async () => {
    const full = join(api.dir, 'full.csv');
    writeFileSync(
      full,
      [
        '项目编号,项目名称,牵头申报单位,省份,联系电话,所属行业,内部备注',
        'P-1,5G智慧矿山,某矿业集团,山西,13800000001,5G+智慧矿山,初审通过',
        'P-2,5G智慧港口,某港务集团,山东,13800000002,5G+智慧港口,待补材料',
      ].join('\n'),
    );
    await api.ok('entries.import', { path: full, programme: 'bloom' });
    const before = await api.ok('entries.get', { id: 1 });

    const corrections = join(api.dir, 'corrections.csv');
    writeFileSync(
      corrections,
      [
        '项目编号,项目名称,牵头申报单位,联系电话',
        'P-1,5G+智慧矿山综合管控,某矿业集团,',
        'P-2,5G智慧港口,某港务集团,13800000002',
      ].join('\n'),
    );
    const summary = await api.ok('entries.import', { path: corrections, programme: 'bloom' });
    expect(summary).toMatchObject({ updated: 1, unchanged: 1, rejected: [] });
    expect(summary.changes).toEqual([
      {
        entry_id: 'P-1',
        fields: [
          { field: 'title', kind: 'field', before: '5G智慧矿山', after: '5G+智慧矿山综合管控' },
          { field: 'contact', kind: 'field', before: '13800000001', after: null },
          { field: 'contact_phone', kind: 'field', before: '13800000001', after: null },
        ],
      },
    ]);
    const after = await api.ok('entries.get', { id: 1 });
    expect(after).toMatchObject({
      title: '5G+智慧矿山综合管控',
      province: '山西省',
      sector: before.sector,
      sector_label: before.sector_label,
    });
    expect(after.source).toEqual([
      ['项目编号', 'P-1'],
      ['项目名称', '5G+智慧矿山综合管控'],
      ['牵头申报单位', '某矿业集团'],
      ['联系电话', ''],
      ['省份', '山西'],
      ['所属行业', '5G+智慧矿山'],
      ['内部备注', '初审通过'],
    ]);
  });

  it('lists the first 500 changed entries and counts them all', async () => {
    const csv = (title: string) =>
      [
        '项目编号,项目名称,牵头申报单位',
        ...Array.from({ length: 501 }, (_, i) => `N-${i},${title}${i},单位${i}`),
      ].join('\n');
    const path = join(api.dir, 'many.csv');
    writeFileSync(path, csv('旧名称'));
    await api.ok('entries.import', { path, programme: 'bloom' });
    writeFileSync(path, csv('新名称'));
    const summary = await api.ok('entries.import', { path, programme: 'bloom' });
    expect(summary).toMatchObject({ updated: 501, changes_total: 501 });
    expect(summary.changes).toHaveLength(500);
    expect(summary.changes[0]).toEqual({
      entry_id: 'N-0',
      fields: [{ field: 'title', kind: 'field', before: '旧名称0', after: '新名称0' }],
    });
  });
});

describe('refusals that name a file’s columns', () => {
  // A file may have thousands of columns, a name megabytes long: the message stays readable.
  it('list the first columns, each cut short, and how many there are', async () => {
    const names = Array.from({ length: 2000 }, (_, i) => `${'很长的列名'.repeat(20)}${i}`);
    const wide = join(api.dir, 'wide.csv');
    writeFileSync(wide, `${names.join(',')}\n${names.map(() => 'x').join(',')}\n`);
    const result = await api.call('reviewers.import', { path: wide });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('missing_columns');
    expect(result.error.message_zh).toContain(`文件的列：${'很长的列名'.repeat(8)}…、`);
    expect(result.error.message_zh).toContain('等，共 2000 列');
    expect(result.error.message_en).toContain('(2000 in all)');
    expect(result.error.message_zh.length).toBeLessThan(2000);
  });

  it('cut a mapping’s unknown column short', async () => {
    const result = await api.call('entries.import', {
      path: MANUAL,
      programme: 'bloom',
      mapping: { ...MANUAL_MAPPING, ['无此列'.repeat(100_000)]: 'title' },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('mapping_unknown_column');
    expect(result.error.message_zh).toContain(`映射中的列“${'无此列'.repeat(13)}无…”不在文件中`);
    expect(result.error.message_en.length).toBeLessThan(1000);
  });
});
