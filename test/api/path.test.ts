// The thinnest complete path through the one API, in process: import → browse → score → rank → export.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sample } from '../support/paths';
import { apiSession } from '../support/session';

describe('the review path through the API', () => {
  it('imports, browses, scores, ranks and exports', async () => {
    const { dir, ok, call } = apiSession();
    const project = await ok('project.create', { path: join(dir, '演示.sailreview') });
    expect(project.name).toBe('演示');
    expect(await ok('project.recent', {})).toEqual([
      expect.objectContaining({ path: project.path, name: '演示' }),
    ]);

    const imported = await ok('entries.import', {
      path: sample('bloom-submissions.csv'),
      programme: 'bloom',
    });
    expect(imported).toMatchObject({
      rows: 300,
      inserted: 300,
      updated: 0,
      unchanged: 0,
      rejected: [],
    });
    expect(imported.encoding).toMatch(/utf-?8/i);

    const all = await ok('entries.list', { limit: 10 });
    expect(all.total).toBe(300);
    expect(all.rows).toHaveLength(10);
    expect(all.rows[0]!.entry_id).toBe('B2025-0001');
    const mines = await ok('entries.list', { sector: 'mine', limit: 500 });
    expect(mines.total).toBe(46);
    const searched = await ok('entries.list', { search: '智能考试', limit: 500 });
    expect(searched.total).toBeGreaterThan(0);
    expect(
      searched.rows.every(
        (row) => row.title.includes('智能考试') || row.applicant.includes('智能考试'),
      ),
    ).toBe(true);

    const detail = await ok('entries.get', { id: all.rows[0]!.id });
    expect(detail.title).toBe('5G+智能考试应用');
    expect(detail.applicant).toBe('重庆交通职业技术学院');
    expect(detail.sector).toBe('campus');
    expect(detail.source_file).toBe('bloom-submissions.csv');
    expect(detail.source_row).toBe(2);
    // Every source column is kept verbatim, mapped or not.
    expect(detail.source).toHaveLength(20);
    expect(detail.source).toContainEqual(['商业模式', '项目制交付']);

    // The library (resources/rubrics): the generic rubric and one per sector, all version 1.
    const rubrics = await ok('rubrics.list', {});
    expect(rubrics).toHaveLength(10);
    expect(rubrics.every((r) => r.version === 1)).toBe(true);
    const generic = rubrics.find((r) => r.sector === 'generic');
    expect(generic?.criteria.map((c) => [c.name_zh, c.max])).toEqual([
      ['创新性', 20],
      ['技术先进性', 20],
      ['应用成效', 25],
      ['商业模式与可推广性', 20],
      ['成熟度', 15],
    ]);

    const reviewers = await ok('reviewers.import', { path: sample('reviewers.csv') });
    expect(reviewers).toMatchObject({ rows: 40, inserted: 40, rejected: [] });

    const round = await ok('rounds.create', { name: '初赛', programme: 'bloom', stage: '初赛' });
    expect(round.entries).toBe(300);
    // A 绽放杯 round pins the generic rubric for every sector group of its entries.
    expect(round.pins.length).toBeGreaterThan(1);
    expect(round.pins.every((pin) => pin.rubric.sector === 'generic')).toBe(true);
    expect(round.pins.reduce((sum, pin) => sum + pin.entries, 0)).toBe(300);

    const queue = await ok('scoring.queue', { round: '初赛', reviewer: 'EXP001' });
    expect(queue).toHaveLength(300);
    expect(queue[0]!.status).toBe('new');
    const entry = queue[0]!.entry.id;

    const form = await ok('scoring.get', { round: '初赛', reviewer: 'EXP001', entry });
    expect(form.review.status).toBe('new');
    const partial = await ok('scoring.save', {
      round: '初赛',
      reviewer: 'EXP001',
      entry,
      scores: { innovation: 18, technology: 17.5, impact: null, business: null, maturity: null },
    });
    expect(partial).toMatchObject({ status: 'draft', total: 35.5, complete: false, version: 1 });

    const early = await call('scoring.submit', { round: '初赛', reviewer: 'EXP001', entry });
    expect(early.ok).toBe(false);
    if (!early.ok) {
      expect(early.error.code).toBe('review_incomplete');
      expect(early.error.message_zh).toContain('应用成效');
    }

    const outOfRange = await call('scoring.save', {
      round: '初赛',
      reviewer: 'EXP001',
      entry,
      scores: { innovation: 20.5 },
    });
    expect(outOfRange.ok).toBe(false);
    if (!outOfRange.ok) expect(outOfRange.error.message_en).toContain('between 0 and 20');

    await ok('scoring.save', {
      round: '初赛',
      reviewer: 'EXP001',
      entry,
      scores: { innovation: 18, technology: 17.5, impact: 22, business: 16, maturity: 12.5 },
      comment: '应用成效数据充分',
    });
    const submitted = await ok('scoring.submit', { round: '初赛', reviewer: 'EXP001', entry });
    expect(submitted).toMatchObject({ status: 'submitted', total: 86, complete: true });

    // The rubric version is frozen once a score uses it.
    const listed = await ok('rubrics.list', {});
    expect(listed.find((r) => r.sector === 'generic')?.frozen).toBe(true);
    expect(listed.filter((r) => r.sector !== 'generic').every((r) => !r.frozen)).toBe(true);

    const ranking = await ok('ranking.rank', { round: '初赛' });
    expect(ranking.settings.method).toBe('mean');
    expect(ranking.rows[0]).toMatchObject({
      rank: 1,
      entry_id: 'B2025-0001',
      score: 86,
      reviews: 1,
      flags: ['insufficient_reviews'],
    });
    expect(ranking.tie_break_chain).toEqual(['score', 'all_judge_mean', 'tie']);

    const out = join(dir, 'ranking.csv');
    const exported = await ok('export.ranking', { round: '初赛', format: 'csv', path: out });
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines).toHaveLength(301);
    expect(lines[1]).toMatch(/^1,B2025-0001,5G\+智能考试应用,/);
    expect(exported.sha256).toMatch(/^[0-9a-f]{64}$/);

    const verification = await ok('project.verify', {});
    expect(verification).toMatchObject({ ok: true, integrity: 'ok', audit_broken_at: null });
    expect(verification.audit_events).toBeGreaterThanOrEqual(8);
  });

  it('re-importing the same file changes nothing and says so', async () => {
    const { dir, ok } = apiSession();
    await ok('project.create', { path: join(dir, 'p.sailreview') });
    await ok('entries.import', { path: sample('bloom-submissions.csv'), programme: 'bloom' });
    const again = await ok('entries.import', {
      path: sample('bloom-submissions.csv'),
      programme: 'bloom',
    });
    expect(again).toMatchObject({ rows: 300, inserted: 0, updated: 0, unchanged: 300 });
  });

  it('a dry run writes nothing', async () => {
    const { dir, ok } = apiSession();
    await ok('project.create', { path: join(dir, 'p.sailreview') });
    const dry = await ok('entries.import', {
      path: sample('bloom-submissions.csv'),
      programme: 'bloom',
      dry_run: true,
    });
    expect(dry).toMatchObject({ rows: 300, inserted: 300, dry_run: true });
    expect((await ok('entries.list', {})).total).toBe(0);
  });

  it('reports errors in Chinese and English and validates every input', async () => {
    const { call } = apiSession();
    const noProject = await call('entries.list', {});
    expect(noProject).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'no_project',
        message_zh: expect.stringContaining('项目'),
      }),
    });
    const bad = await call('entries.import', { path: '', programme: 'nope' } as never);
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('invalid_input');
      expect(bad.error.message_en).toContain('programme');
      expect(bad.error.message_zh).toContain('输入不正确');
    }
  });

  it('refuses a round for a programme with no entries', async () => {
    const { dir, ok, call } = apiSession();
    await ok('project.create', { path: join(dir, 'p.sailreview') });
    const result = await call('rounds.create', { stage: '初赛', name: 'x', programme: 'pioneer' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('round_empty');
  });
});

describe('the contract', () => {
  it('names the same operations in the channel list and the handlers', async () => {
    const { OPERATION_NAMES } = await import('../../electron/api/channels');
    const { operations } = await import('../../electron/api/contract');
    const { handlers } = apiSession();
    expect([...OPERATION_NAMES].sort()).toEqual(Object.keys(operations).sort());
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(operations).sort());
  });
});
