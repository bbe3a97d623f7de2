// The panel, organiser's side (issue 12): experts added, edited and imported; conflicts of
// interest (回避) detected, decided and kept across runs; assignment that keeps what exists and
// never gives an entry a conflicted reviewer; manual changes, locks; scores that respect it.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { EntryAssignment } from '../../electron/api/contract';
import { dispatch, USER } from '../../electron/api/dispatch';
import { PANEL_CONFLICTS, PANEL_ROUND, fullReview, panelFiles, scoresFile } from '../support/panel';
import { projectFile } from '../support/project-file';
import { expectOwnRefusal } from '../support/refusal';
import { apiSession, type ApiSession } from '../support/session';

let api: ApiSession;
let files: ReturnType<typeof panelFiles>;
const round = PANEL_ROUND;

beforeEach(async () => {
  api = apiSession();
  files = panelFiles(api.dir);
  await api.ok('project.create', { path: join(api.dir, '评审.sailreview') });
  await api.ok('entries.import', { path: files.entries, programme: 'pioneer' });
  await api.ok('rubrics.import', {
    rubric: JSON.parse(readFileSync(files.rubric, 'utf8')) as unknown,
  });
  await api.ok('reviewers.import', { path: files.reviewers });
  await api.ok('rounds.create', {
    name: round,
    programme: 'pioneer',
    stage: '复赛',
    sectors: ['factory'],
  });
});

function auditActions(): Array<{ action: string; subject: string; payload: unknown }> {
  return projectFile(api.session.require())
    .prepare<[], { action: string; subject: string; payload_json: string }>(
      'SELECT action, subject, payload_json FROM audit_event ORDER BY seq',
    )
    .all()
    .map((row) => ({ ...row, payload: JSON.parse(row.payload_json) as unknown }));
}

const pairs = (list: { reviewer_id: string; entry_id: string }[]) =>
  list.map((c) => `${c.reviewer_id}:${c.entry_id}`).sort();

/** Every (reviewer, entry) pair of the round's assignments. */
const assigned = (entries: EntryAssignment[]) =>
  entries.flatMap((e) => e.reviewers.map((r) => `${r.reviewer_id}:${e.entry_id}`)).sort();

describe('reviewers', () => {
  it('imports phone and email, and a dry run previews the list without writing it', async () => {
    const other = apiSession();
    await other.ok('project.create', { path: join(other.dir, 'p.sailreview') });
    const dry = await other.ok('reviewers.import', { path: files.reviewers, dry_run: true });
    expect(dry).toMatchObject({ rows: 5, inserted: 5, dry_run: true, rejected: [] });
    expect(dry.preview[0]).toMatchObject({
      reviewer_id: 'R01',
      phone: '13800000001',
      email: 'r01@example.cn',
      id: 0,
    });
    expect(await other.ok('reviewers.list', {})).toEqual([]);
    const done = await other.ok('reviewers.import', { path: files.reviewers });
    expect(done).toMatchObject({ inserted: 5, dry_run: false });
    expect(done.preview[0]?.id).toBeGreaterThan(0);
    // Re-importing the same list upserts by id: nothing changes.
    expect(await other.ok('reviewers.import', { path: files.reviewers })).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: 5,
    });
  });

  it('adds and edits a reviewer; an id another reviewer has is refused in both languages', async () => {
    const added = await api.ok('reviewers.save', {
      reviewer_id: 'R06',
      name: '孙六',
      organisation: '东南大学',
      sectors: ['factory'],
      avoid_organisations: [],
      email: 'r06@example.cn',
    });
    expect(added).toMatchObject({ reviewer_id: 'R06', email: 'r06@example.cn', phone: null });
    const edited = await api.ok('reviewers.save', {
      id: added.id,
      reviewer_id: 'R07',
      name: '孙六',
      sectors: [],
      avoid_organisations: ['华为'],
    });
    expect(edited).toMatchObject({
      id: added.id,
      reviewer_id: 'R07',
      avoid_organisations: ['华为'],
    });
    const taken = await api.fails('reviewers.save', {
      id: added.id,
      reviewer_id: 'R01',
      name: '孙六',
      sectors: [],
      avoid_organisations: [],
    });
    expect(taken.code).toBe('reviewer_id_taken');
    expect(taken.message_zh).toContain('王一');
    expectOwnRefusal(taken);
    expect((await api.ok('reviewers.list', {})).map((r) => r.reviewer_id)).toEqual([
      'R01',
      'R02',
      'R03',
      'R04',
      'R05',
      'R07',
    ]);
    expect(auditActions().filter((e) => e.action === 'reviewer.save')).toHaveLength(2);
  });

  it("narrows a round's panel and counts each member's assignments and conflicts", async () => {
    await api.ok('conflicts.detect', {});
    const everyone = await api.ok('panel.get', { round });
    expect(everyone.everyone).toBe(true);
    expect(everyone.members.every((m) => m.in_panel)).toBe(true);
    expect(everyone.members.find((m) => m.reviewer_id === 'R01')?.conflicts).toBe(1);

    const narrowed = await api.ok('panel.set', { round, reviewer_ids: ['R03', 'R04'] });
    expect(narrowed.everyone).toBe(false);
    expect(narrowed.members.filter((m) => m.in_panel).map((m) => m.reviewer_id)).toEqual([
      'R03',
      'R04',
    ]);
    const run = await api.ok('assignments.run', { round, per_entry: 1 });
    expect(new Set(run.assignments.map((a) => a.reviewer_id))).toEqual(new Set(['R03', 'R04']));
    const counted = await api.ok('panel.get', { round });
    const load = (id: string) => counted.members.find((m) => m.reviewer_id === id)?.assigned;
    expect((load('R03') ?? 0) + (load('R04') ?? 0)).toBe(6);
    expect(auditActions().some((e) => e.action === 'panel.set')).toBe(true);

    expect((await api.ok('panel.set', { round, reviewer_ids: [] })).everyone).toBe(true);
    const unknown = await api.fails('panel.set', { round, reviewer_ids: ['R99'] });
    expect(unknown.code).toBe('reviewer_not_found');
  });
});

describe('conflicts', () => {
  it('finds the declared and detected pairs the names mean, and none between other groups', async () => {
    const detection = await api.ok('conflicts.detect', {});
    expect(detection).toMatchObject({ reviewers: 5, entries: 6, found: 3, added: 3, dropped: 0 });
    const list = await api.ok('conflicts.list', {});
    expect(
      list.conflicts.map(({ reviewer_id, entry_id, source }) => ({
        reviewer_id,
        entry_id,
        source,
      })),
    ).toEqual(PANEL_CONFLICTS);
    expect(list.conflicts.every((c) => c.status === 'potential')).toBe(true);
    expect(list.counts).toEqual({ potential: 3, confirmed: 0, dismissed: 0 });
    expect(list.detected_at).not.toBeNull();
    const r01 = list.conflicts[0];
    expect(r01?.reason_zh).toContain('中国移动通信集团江苏有限公司苏州分公司');
    expect(r01?.reason_en).toContain('belongs to');
    expect(auditActions().at(-1)).toMatchObject({
      action: 'conflicts.detect',
      payload: { found: 3, added: 3, dropped: 0 },
    });
  });

  it('keeps decisions across re-detection, adds new pairs as potential and drops stale potential ones', async () => {
    await api.ok('conflicts.detect', {});
    await api.ok('conflicts.decide', {
      reviewer_id: 'R01',
      entry_id: 'P-01',
      status: 'dismissed',
      reason: '已调离该公司',
    });
    await api.ok('conflicts.decide', { reviewer_id: 'R02', entry_id: 'P-02', status: 'confirmed' });
    // R05 moves from 华为 to 浙江大学 (no longer matching P-04) and R04 now avoids 宁波港城机械.
    const reviewers = await api.ok('reviewers.list', {});
    const r05 = reviewers.find((r) => r.reviewer_id === 'R05')!;
    await api.ok('reviewers.save', { ...r05, organisation: '浙江大学' });
    const r04 = reviewers.find((r) => r.reviewer_id === 'R04')!;
    await api.ok('reviewers.save', { ...r04, avoid_organisations: ['宁波港城机械股份有限公司'] });
    // R01's organisation is dismissed for P-01 but still matches it: the decision stands.
    const again = await api.ok('conflicts.detect', {});
    expect(again).toMatchObject({ found: 3, added: 1, dropped: 1 });
    const list = await api.ok('conflicts.list', {});
    expect(list.conflicts.map((c) => [c.reviewer_id, c.entry_id, c.status])).toEqual([
      ['R01', 'P-01', 'dismissed'],
      ['R02', 'P-02', 'confirmed'],
      ['R04', 'P-06', 'potential'],
    ]);
    expect(list.conflicts[0]?.decision_reason).toBe('已调离该公司');
    const decisions = auditActions().filter((e) => e.action === 'conflict.decide');
    expect(decisions.map((e) => [e.subject, e.payload])).toEqual([
      ['R01:P-01', { from: 'potential', to: 'dismissed', reason: '已调离该公司' }],
      ['R02:P-02', { from: 'potential', to: 'confirmed', reason: null }],
    ]);
    const filtered = await api.ok('conflicts.list', { status: 'dismissed' });
    expect(pairs(filtered.conflicts)).toEqual(['R01:P-01']);
    expect(filtered.counts).toEqual({ potential: 1, confirmed: 1, dismissed: 1 });
  });

  it('adds a conflict no name shows, confirmed with the reason, and refuses unknown pairs', async () => {
    const added = await api.ok('conflicts.add', {
      reviewer_id: 'R03',
      entry_id: 'P-03',
      reason: '专家曾为该企业顾问',
    });
    expect(added).toMatchObject({
      source: 'declared',
      status: 'confirmed',
      decision_reason: '专家曾为该企业顾问',
    });
    expect(added.reason_zh).toContain('专家曾为该企业顾问');
    // Detection keeps it: a decided pair is the organiser's.
    await api.ok('conflicts.detect', {});
    expect(pairs((await api.ok('conflicts.list', { status: 'confirmed' })).conflicts)).toEqual([
      'R03:P-03',
    ]);
    expect(
      auditActions().some((e) => e.action === 'conflict.add' && e.subject === 'R03:P-03'),
    ).toBe(true);
    const missing = await api.fails('conflicts.decide', {
      reviewer_id: 'R04',
      entry_id: 'P-03',
      status: 'confirmed',
    });
    expect(missing.code).toBe('conflict_not_found');
    expectOwnRefusal(missing);
  });

  it("extends the known groups with the project folder's organisation-groups.json, and refuses a malformed one", async () => {
    const r03 = (await api.ok('reviewers.list', {})).find((r) => r.reviewer_id === 'R03')!;
    await api.ok('reviewers.save', { ...r03, organisation: '汇通集团有限公司' });
    await api.ok('conflicts.detect', {});
    expect(pairs((await api.ok('conflicts.list', { reviewer_id: 'R03' })).conflicts)).toEqual([]);
    const groups = join(api.dir, 'organisation-groups.json');
    writeFileSync(
      groups,
      JSON.stringify({
        groups: [
          { name: '汇通集团', aliases: ['汇通集团', '南京汇通'], unitWords: ['汽车零部件'] },
        ],
      }),
    );
    await api.ok('conflicts.detect', {});
    expect(pairs((await api.ok('conflicts.list', { reviewer_id: 'R03' })).conflicts)).toEqual([
      'R03:P-03',
    ]);
    writeFileSync(groups, JSON.stringify({ groups: [{ name: '汇通集团' }] }));
    const events = auditActions().length;
    const refused = await api.fails('conflicts.detect', {});
    expect(refused.code).toBe('invalid_organisation_groups');
    expectOwnRefusal(refused);
    expect(auditActions()).toHaveLength(events);
  });

  it("limits the list to a round's entries and panel", async () => {
    await api.ok('conflicts.detect', {});
    await api.ok('panel.set', { round, reviewer_ids: ['R01', 'R03'] });
    expect(pairs((await api.ok('conflicts.list', { round })).conflicts)).toEqual(['R01:P-01']);
  });
});

describe('assignments', () => {
  beforeEach(async () => {
    await api.ok('conflicts.detect', {});
  });

  it('gives each entry K reviewers, never a conflicted one, and keeps what exists', async () => {
    // R02 on P-05 by hand first: kept by the run.
    await api.ok('assignments.change', { round, entry_id: 'P-05', add: 'R02' });
    const run = await api.ok('assignments.run', { round, per_entry: 2, seed: 7 });
    expect(run.unassigned).toEqual([]);
    expect(run.kept).toBe(1);
    const list = await api.ok('assignments.list', { round });
    for (const entry of list) {
      expect(entry.reviewers).toHaveLength(2);
      expect(new Set(entry.reviewers.map((r) => r.reviewer_id)).size).toBe(2);
    }
    const all = assigned(list);
    for (const conflict of PANEL_CONFLICTS) {
      expect(all).not.toContain(`${conflict.reviewer_id}:${conflict.entry_id}`);
    }
    expect(list.find((e) => e.entry_id === 'P-05')?.reviewers).toContainEqual(
      expect.objectContaining({ reviewer_id: 'R02', source: 'manual' }),
    );
    // 12 slots over 5 reviewers: loads 2 or 3.
    expect(run.load).toEqual({ min: 2, max: 3, spread: 1 });
    expect(run.assignments).toHaveLength(11);
    expect(auditActions().at(-1)).toMatchObject({
      action: 'assignment.run',
      payload: { per_entry: 2, added: 11 },
    });
  });

  it('allows a dismissed conflict and names the entries that cannot get K reviewers', async () => {
    await api.ok('conflicts.decide', { reviewer_id: 'R01', entry_id: 'P-01', status: 'dismissed' });
    const plan = await api.ok('assignments.plan', { round, per_entry: 5 });
    expect(plan.shortfalls.map((s) => [s.entry_id, s.eligible, s.missing])).toEqual([
      ['P-02', 4, 1],
      ['P-04', 4, 1],
    ]);
    expect(plan).toMatchObject({ panel: 5, entries: 6, kept: 0, to_fill: 30 });
    const run = await api.ok('assignments.run', { round, per_entry: 5 });
    expect(run.unassigned.map((u) => u.entry_id)).toEqual(['P-02', 'P-04']);
    for (const u of run.unassigned) {
      expect(u.reason_zh).toMatch(/[\u4e00-\u9fff]/);
      expect(u.reason_en).toMatch(/[A-Za-z]{3}/);
    }
    const list = await api.ok('assignments.list', { round });
    expect(assigned(list)).toContain('R01:P-01');
    expect(assigned(list)).not.toContain('R02:P-02');
    expect(assigned(list)).not.toContain('R05:P-04');
  });

  it('refuses a conflicted reviewer by hand unless a reason is given, which is recorded', async () => {
    const refused = await api.fails('assignments.change', {
      round,
      entry_id: 'P-01',
      add: 'R01',
    });
    expect(refused.code).toBe('conflict_of_interest');
    expect(refused.message_zh).toContain('中国移动通信集团江苏有限公司苏州分公司');
    expectOwnRefusal(refused);
    expect(assigned(await api.ok('assignments.list', { round }))).toEqual([]);

    const changed = await api.ok('assignments.change', {
      round,
      entry_id: 'P-01',
      add: 'R01',
      override_reason: '该分公司与专家所在部门无业务往来',
    });
    expect(changed.reviewers).toEqual([
      expect.objectContaining({
        reviewer_id: 'R01',
        source: 'manual',
        override_reason: '该分公司与专家所在部门无业务往来',
      }),
    ]);
    expect(auditActions().at(-1)).toMatchObject({
      action: 'assignment.change',
      payload: { add: 'R01', override_reason: '该分公司与专家所在部门无业务往来' },
    });
    // A swap: R01 out, R03 in, in one change.
    const swapped = await api.ok('assignments.change', {
      round,
      entry_id: 'P-01',
      remove: 'R01',
      add: 'R03',
    });
    expect(swapped.reviewers.map((r) => r.reviewer_id)).toEqual(['R03']);
  });

  it('refuses to remove a reviewer who has submitted a review of the entry', async () => {
    await api.ok('scores.import', { round, path: scoresFile(api.dir, fullReview('P-03', 'R04')) });
    const refused = await api.fails('assignments.change', {
      round,
      entry_id: 'P-03',
      remove: 'R04',
    });
    expect(refused.code).toBe('review_submitted');
    expectOwnRefusal(refused);
    const entry = (await api.ok('assignments.list', { round })).find((e) => e.entry_id === 'P-03');
    expect(entry?.reviewers).toEqual([
      expect.objectContaining({ reviewer_id: 'R04', review: 'submitted', source: 'score' }),
    ]);
  });

  it('keeps locked assignments through a redo, which solves the unlocked ones again', async () => {
    // Three on P-03 (more than K), locked; three on P-05, not locked.
    for (const add of ['R01', 'R02', 'R03']) {
      await api.ok('assignments.change', { round, entry_id: 'P-03', add });
      await api.ok('assignments.change', { round, entry_id: 'P-05', add });
    }
    expect(await api.ok('assignments.lock', { round, entry_ids: ['P-03'], locked: true })).toEqual({
      changed: 3,
    });
    await api.ok('assignments.run', { round, per_entry: 2, redo: true });
    const list = await api.ok('assignments.list', { round });
    const p03 = list.find((e) => e.entry_id === 'P-03')!;
    expect(p03.reviewers.map((r) => [r.reviewer_id, r.locked])).toEqual([
      ['R01', true],
      ['R02', true],
      ['R03', true],
    ]);
    expect(list.find((e) => e.entry_id === 'P-05')?.reviewers).toHaveLength(2);
    expect(auditActions().some((e) => e.action === 'assignment.lock')).toBe(true);
  });

  it('changes nothing in a locked round', async () => {
    await api.ok('scores.import', { round, path: scoresFile(api.dir, fullReview('P-03', 'R04')) });
    await api.ok('rounds.lock', { round });
    for (const refused of [
      await api.fails('assignments.change', { round, entry_id: 'P-05', add: 'R03' }),
      await api.fails('assignments.run', { round, per_entry: 2 }),
      await api.fails('assignments.lock', { round, entry_ids: ['P-03'], locked: true }),
    ]) {
      expect(refused.code).toBe('round_locked');
      expectOwnRefusal(refused);
    }
  });

  it('writes nothing when the run is cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const before = auditActions().length;
    const result = await dispatch(
      api.handlers,
      'assignments.run',
      { round, per_entry: 2 },
      { caller: USER, signal: controller.signal },
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(auditActions()).toHaveLength(before);
    expect(assigned(await api.ok('assignments.list', { round }))).toEqual([]);
  });
});

describe('scores import and conflicts', () => {
  it('rejects the rows of a conflicted pair, imports the others and assigns the scored pair', async () => {
    await api.ok('conflicts.detect', {});
    const summary = await api.ok('scores.import', {
      round,
      path: scoresFile(api.dir, [...fullReview('P-01', 'R01'), ...fullReview('P-01', 'R03')]),
    });
    expect(summary).toMatchObject({ rows: 12, reviews: 1, submitted: 1 });
    expect(summary.rejected).toHaveLength(6);
    expect(summary.rejected[0]).toMatchObject({ row: 2, column: 'reviewer_id' });
    expect(summary.rejected[0]?.reason_zh).toContain('回避');
    expect(summary.rejected[0]?.reason_en).toContain('conflict');
    const p01 = (await api.ok('assignments.list', { round })).find((e) => e.entry_id === 'P-01');
    expect(p01?.reviewers).toEqual([
      expect.objectContaining({ reviewer_id: 'R03', source: 'score', review: 'submitted' }),
    ]);
  });

  it('accepts the scores of a dismissed conflict', async () => {
    await api.ok('conflicts.detect', {});
    await api.ok('conflicts.decide', { reviewer_id: 'R01', entry_id: 'P-01', status: 'dismissed' });
    const summary = await api.ok('scores.import', {
      round,
      path: scoresFile(api.dir, fullReview('P-01', 'R01')),
    });
    expect(summary).toMatchObject({ reviews: 1, rejected: [] });
  });
});
