// Exports of rounds whose entries use several rubrics or one sector only: criterion columns are
// kept per rubric (two sectors' `net` are different criteria), a one-sector round is exported
// as that sector's ranking, and a file that cannot be written says where and why.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { sample } from '../support/paths';
import { apiSession, type ApiSession } from '../support/session';

let api: ApiSession;
const EXPERTS = ['EXP001', 'EXP002', 'EXP003'];

/** Every entry of `round` scored by the three experts, each criterion at 70 % of its max. */
async function scoreRound(round: string): Promise<void> {
  const detail = await api.ok('rounds.get', { round });
  const rubrics = new Map(detail.pins.map((pin) => [pin.sector, pin.rubric]));
  const queue = await api.ok('scoring.queue', { round, reviewer: EXPERTS[0] ?? '' });
  const lines = ['entry_id,reviewer_id,criterion,score'];
  queue.forEach(({ entry }, i) => {
    EXPERTS.forEach((expert, r) => {
      const rubric = rubrics.get(entry.sector ?? '');
      for (const c of rubric?.criteria ?? []) {
        const points = Math.min(c.max, Math.round(c.max * (0.5 + ((i + r) % 5) / 10) * 2) / 2);
        lines.push(`${entry.entry_id},${expert},${c.key},${points}`);
      }
      for (const g of rubric?.gates ?? [])
        lines.push(`${entry.entry_id},${expert},gate:${g.key},pass`);
    });
  });
  const csv = join(api.dir, `${round}-scores.csv`);
  writeFileSync(csv, lines.join('\n'));
  const imported = await api.ok('scores.import', { round, path: csv });
  expect(imported.rejected).toEqual([]);
  expect(imported.incomplete).toBe(0);
}

beforeAll(async () => {
  api = apiSession();
  await api.ok('project.create', { path: join(api.dir, '领航者.sailreview') });
  await api.ok('entries.import', { path: sample('pioneer-candidates.xlsx'), programme: 'pioneer' });
  await api.ok('reviewers.import', { path: sample('reviewers.csv') });
  await api.ok('rounds.create', {
    stage: '初赛',
    name: '两领域',
    programme: 'pioneer',
    sectors: ['factory', 'power'],
  });
  await scoreRound('两领域');
  await api.ok('rounds.create', {
    stage: '初赛',
    name: '工厂批次',
    programme: 'pioneer',
    sectors: ['factory'],
  });
  await scoreRound('工厂批次');
});

function readCsv(path: string): Array<Record<string, string>> {
  return Papa.parse<Record<string, string>>(readFileSync(path, 'utf8').slice(1), {
    header: true,
    skipEmptyLines: true,
  }).data;
}

describe('exports across rubrics', () => {
  it('keeps each rubric’s criteria in their own columns, named with the sector', async () => {
    const path = join(api.dir, '两领域.csv');
    await api.ok('export.ranking', { round: '两领域', format: 'csv', path });
    const rows = readCsv(path);
    const headers = Object.keys(rows[0] ?? {});
    expect(headers).toContain('工厂·5G网络基础设施 (factory.net)');
    expect(headers).toContain('电厂·厂站5G网络与安全分区 (power.net)');
    expect(headers.filter((h) => h.endsWith('(net)'))).toEqual([]);
    const factory = rows.find((row) => row['领域 sector'] === '工厂');
    const power = rows.find((row) => row['领域 sector'] === '电厂');
    expect(factory?.['工厂·5G网络基础设施 (factory.net)']).not.toBe('');
    expect(factory?.['电厂·厂站5G网络与安全分区 (power.net)']).toBe('');
    expect(power?.['电厂·厂站5G网络与安全分区 (power.net)']).not.toBe('');
    expect(power?.['工厂·5G网络基础设施 (factory.net)']).toBe('');
    // Each row names the rubric version it was scored with.
    expect(factory?.['细则版本 rubric_version']).toBe('factory v1');
    expect(power?.['细则版本 rubric_version']).toBe('power v1');
  });

  it('ranks a one-sector round as that sector, with its rubric’s tie-break', async () => {
    const preview = await api.ok('export.preview', { round: '工厂批次', format: 'pdf' });
    expect(preview.html).not.toContain('总排名（跨领域）');
    expect(preview.html).toContain('评分项“应用成效”均分');
    const path = join(api.dir, '工厂批次.csv');
    await api.ok('export.ranking', { round: '工厂批次', format: 'csv', path });
    expect(readCsv(path)[0]?.['同分规则 tie_break']).toBe(
      'score > all_judge_mean > criterion:impact > criterion:app > tie',
    );
  });

  it('says where the criterion means are when the overall table across rubrics has no room', async () => {
    const overall = await api.ok('export.preview', { round: '两领域', format: 'pdf' });
    expect(overall.html).toMatch(
      /<p class="note">各评分项均分（\d+ 列，各领域细则不同）未印在本表中，见各领域排名表或 XLSX 的评分项明细表。<\/p>/,
    );
    const factory = await api.ok('export.preview', {
      round: '两领域',
      format: 'pdf',
      scope: 'factory',
    });
    expect(factory.html).not.toContain('未印在本表中');
    // One sector's own criteria fit: printed as columns.
    const head = /<thead><tr>(.*?)<\/tr><\/thead>/.exec(factory.html ?? '')?.[1] ?? '';
    expect(head).toContain('5G网络基础设施');
  });

  it('prints a 领航者 candidate’s name once, as 主体名称: it is title and applicant at once', async () => {
    const preview = await api.ok('export.preview', { round: '工厂批次', format: 'pdf' });
    const head = /<thead><tr>(.*?)<\/tr><\/thead>/.exec(preview.html ?? '')?.[1] ?? '';
    expect(head).toContain('主体名称</th>');
    expect(head).not.toContain('申报单位');
    expect(head).not.toContain('项目名称');
    // The spreadsheets keep both columns for the organisers' systems.
    expect(preview.headers).toContain('申报单位 applicant');
  });

  it('says which folder is missing when the file cannot be written, and writes nothing', async () => {
    const path = join(api.dir, 'no-such-folder', '排名.csv');
    const exports = (await api.ok('export.list', {})).length;
    const result = await api.call('export.ranking', { round: '两领域', format: 'csv', path });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('file_unwritable');
      expect(result.error.message_zh).toContain(join(api.dir, 'no-such-folder'));
      expect(result.error.message_en).toContain('the folder does not exist');
    }
    expect(await api.ok('export.list', {})).toHaveLength(exports);
  });
});

describe('an export to a file that exists', () => {
  it('is refused and leaves the file and the records as they were, unless replace is given', async () => {
    const path = join(api.dir, '已有.csv');
    const earlier = await api.ok('export.ranking', { round: '两领域', format: 'csv', path });
    expect(earlier.replaced).toBe(false);
    const before = readFileSync(path);
    const exports = (await api.ok('export.list', {})).length;
    for (const format of ['csv', 'xlsx', 'pdf'] as const) {
      const refused = await api.call('export.ranking', { round: '工厂批次', format, path });
      expect(refused.ok).toBe(false);
      if (!refused.ok) {
        expect(refused.error.code).toBe('file_exists');
        expect(refused.error.message_zh).toContain(path);
        expect(refused.error.message_en).toContain(path);
      }
    }
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(await api.ok('export.list', {})).toHaveLength(exports);

    const replaced = await api.ok('export.ranking', {
      round: '工厂批次',
      format: 'csv',
      path,
      replace: true,
    });
    expect(replaced.replaced).toBe(true);
    expect(readFileSync(path).equals(before)).toBe(false);
    expect(readCsv(path).every((row) => row['领域 sector'] === '工厂')).toBe(true);
    expect(await api.ok('export.list', {})).toHaveLength(exports + 1);
  });
});

describe('exports of the generic group', () => {
  it('expert sheets of the generic scope hold the entries without a sector', async () => {
    const own = apiSession();
    await own.ok('project.create', { path: join(own.dir, '通用.sailreview') });
    const csv = join(own.dir, 'entries.csv');
    writeFileSync(
      csv,
      '项目编号,项目名称,牵头申报单位,所属行业\nB2025-0901,5G+无领域应用,某单位,5G+其他\n',
    );
    await own.ok('entries.import', { path: csv, programme: 'bloom' });
    await own.ok('reviewers.import', { path: sample('reviewers.csv') });
    const round = await own.ok('rounds.create', {
      stage: '初赛',
      name: '通用批次',
      programme: 'bloom',
    });
    expect(round.sectors).toEqual(['generic']);
    const [entry] = (await own.ok('entries.list', {})).rows;
    const form = await own.ok('scoring.get', {
      round: '通用批次',
      reviewer: 'EXP001',
      entry: entry?.id ?? 0,
    });
    await own.ok('scoring.save', {
      round: '通用批次',
      reviewer: 'EXP001',
      entry: entry?.id ?? 0,
      scores: Object.fromEntries(form.rubric.criteria.map((c) => [c.key, c.max / 2])),
      gates: Object.fromEntries(form.rubric.gates.map((g) => [g.key, 'pass' as const])),
      comment: '',
    });
    await own.ok('scoring.submit', {
      round: '通用批次',
      reviewer: 'EXP001',
      entry: entry?.id ?? 0,
    });
    const preview = await own.ok('export.preview', {
      round: '通用批次',
      format: 'pdf',
      kind: 'expert-sheets',
      scope: 'generic',
    });
    expect(preview.html).toContain('5G+无领域应用');
  });
});
