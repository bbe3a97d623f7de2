// The expert's own queue beyond scoring: declaring a conflict (回避) from the form gives the slot
// back to the organiser and records the conflict; putting an entry off moves it to the end; the
// organiser's progress board counts each expert's work and names the entries short of experts.
import { beforeEach, describe, expect, it } from 'vitest';
import { demoProjectSession } from '../support/demo-round';
import { projectFile } from '../support/project-file';
import type { ApiSession } from '../support/session';

let api: ApiSession;
const ROUND = '复赛';
const FULL = { net: 18, level: 12, app: 20, impact: 20, sec: 8, rep: 4 };

beforeEach(async () => {
  api = await demoProjectSession();
  await api.ok('rounds.create', { name: ROUND, programme: 'pioneer', stage: '复赛' });
  await api.ok('assignments.run', { round: ROUND, per_entry: 3, seed: 1 });
});

const queueOf = async (reviewer: string) =>
  (await api.ok('scoring.queue', { round: ROUND, reviewer })).map((item) => item.entry.entry_id);

async function firstOf(reviewer: string): Promise<{ id: number; entry_id: string }> {
  const [item] = await api.ok('scoring.queue', { round: ROUND, reviewer });
  if (!item) throw new Error(`${reviewer} has an empty queue`);
  return { id: item.entry.id, entry_id: item.entry.entry_id };
}

function auditPayloads(action: string): unknown[] {
  return projectFile(api.session.require())
    .prepare<[string], { payload_json: string }>(
      'SELECT payload_json FROM audit_event WHERE action = ? ORDER BY seq',
    )
    .all(action)
    .map((row) => JSON.parse(row.payload_json) as unknown);
}

describe('recusal from the form', () => {
  it('records the conflict, gives the slot back and removes the draft, in one audited write', async () => {
    const entry = await firstOf('R00101');
    const key = { round: ROUND, reviewer: 'R00101', entry: entry.id };
    await api.ok('scoring.save', { ...key, scores: { net: 15 }, comment: '初评意见' });

    await api.ok('scoring.recuse', { ...key, reason: '本人曾参与该项目建设' });

    expect(await queueOf('R00101')).not.toContain(entry.entry_id);
    expect((await api.fails('scoring.get', key)).code).toBe('conflict_of_interest');
    expect((await api.fails('scoring.save', { ...key, scores: { net: 1 } })).code).toBe(
      'conflict_of_interest',
    );
    const { conflicts } = await api.ok('conflicts.list', { round: ROUND, reviewer_id: 'R00101' });
    expect(conflicts.find((c) => c.entry_id === entry.entry_id)).toMatchObject({
      source: 'declared',
      status: 'confirmed',
      reason_zh: expect.stringContaining('本人曾参与该项目建设') as string,
    });
    const assignments = await api.ok('assignments.list', { round: ROUND });
    const slot = assignments.find((a) => a.entry_id === entry.entry_id);
    expect(slot?.reviewers.map((r) => r.reviewer_id)).not.toContain('R00101');
    expect(slot?.reviewers).toHaveLength(2);
    // The draft is gone from the round, and kept in the audit trail.
    const round = await api.ok('rounds.list', {});
    expect(round[0]?.reviews_draft).toBe(0);
    expect(auditPayloads('review.recuse')).toEqual([
      expect.objectContaining({
        reason: '本人曾参与该项目建设',
        conflict_before: null,
        draft: { scores: { net: 15 }, gates: {}, comment: '初评意见' },
      }),
    ]);

    // A redo of the assignment fills the slot with someone else, never the expert who recused.
    const run = await api.ok('assignments.run', { round: ROUND, per_entry: 3, seed: 2 });
    expect(run.assignments).toContainEqual({
      entry_id: entry.entry_id,
      reviewer_id: expect.not.stringMatching(/^R00101$/) as string,
    });
    expect(await queueOf('R00101')).not.toContain(entry.entry_id);
  });

  it('a submitted review is reopened first; a blank reason is refused; nothing changes then', async () => {
    const entry = await firstOf('R00102');
    const key = { round: ROUND, reviewer: 'R00102', entry: entry.id };
    await api.ok('scoring.save', { ...key, scores: FULL });
    await api.ok('scoring.submit', key);
    expect((await api.fails('scoring.recuse', { ...key, reason: '亲属在申报单位' })).code).toBe(
      'review_submitted',
    );
    expect((await api.fails('scoring.recuse', { ...key, reason: '   ' })).code).toBe(
      'invalid_input',
    );
    expect(await queueOf('R00102')).toContain(entry.entry_id);
    expect(auditPayloads('review.recuse')).toEqual([]);

    await api.ok('scoring.reopen', { ...key, reason: '需要回避' });
    await api.ok('scoring.recuse', { ...key, reason: '亲属在申报单位' });
    expect(await queueOf('R00102')).not.toContain(entry.entry_id);
  });

  it('an expert cannot recuse from an entry not theirs', async () => {
    const mine = new Set(await queueOf('R00101'));
    const others = await Promise.all(
      ['R00102', 'R00103', 'R00104', 'R00105'].map((reviewer) =>
        api.ok('scoring.queue', { round: ROUND, reviewer }),
      ),
    );
    const other = others.flat().find((item) => !mine.has(item.entry.entry_id));
    if (!other) throw new Error('R00101 has every entry');
    const recusal = { round: ROUND, reviewer: 'R00101', entry: other.entry.id, reason: '无' };
    expect((await api.fails('scoring.recuse', recusal)).code).toBe('not_assigned');
    expect(auditPayloads('review.recuse')).toEqual([]);
  });
});

describe('putting an entry off', () => {
  it('moves it to the end of the queue in the order put off, and back in its place', async () => {
    const before = await queueOf('R00103');
    expect(before.length).toBeGreaterThanOrEqual(3);
    const queue = await api.ok('scoring.queue', { round: ROUND, reviewer: 'R00103' });
    const [first, second] = queue;
    if (!first || !second) throw new Error('short queue');
    const key = { round: ROUND, reviewer: 'R00103' };
    await api.ok('scoring.defer', { ...key, entry: first.entry.id, deferred: true });
    await api.ok('scoring.defer', { ...key, entry: second.entry.id, deferred: true });
    const after = await api.ok('scoring.queue', key);
    expect(after.map((item) => item.entry.entry_id)).toEqual([
      ...before.slice(2),
      first.entry.entry_id,
      second.entry.entry_id,
    ]);
    expect(after.filter((item) => item.deferred).map((item) => item.entry.entry_id)).toEqual([
      first.entry.entry_id,
      second.entry.entry_id,
    ]);
    // Others' queues are their own.
    expect(
      (await api.ok('scoring.queue', { round: ROUND, reviewer: 'R00101' })).some((i) => i.deferred),
    ).toBe(false);

    await api.ok('scoring.defer', { ...key, entry: first.entry.id, deferred: false });
    expect(await queueOf('R00103')).toEqual([
      first.entry.entry_id,
      ...before.slice(2),
      second.entry.entry_id,
    ]);
    expect(auditPayloads('review.defer')).toEqual([
      { deferred: true },
      { deferred: true },
      { deferred: false },
    ]);
  });
});

describe('the progress board', () => {
  it('counts each expert’s submitted, draft and not started reviews, and names short entries', async () => {
    const board0 = await api.ok('panel.progress', { round: ROUND });
    expect(board0).toMatchObject({ assigned: true, per_entry: 3, short: [], short_total: 0 });
    const assignments = await api.ok('assignments.list', { round: ROUND });
    const load = (reviewer: string) =>
      assignments.filter((a) => a.reviewers.some((r) => r.reviewer_id === reviewer)).length;
    for (const expert of board0.experts) {
      expect(expert).toMatchObject({
        assigned: load(expert.reviewer_id),
        submitted: 0,
        draft: 0,
        not_started: load(expert.reviewer_id),
        minutes_per_review: null,
      });
    }
    expect(board0.totals.assigned).toBe(12 * 3);

    const queue = await api.ok('scoring.queue', { round: ROUND, reviewer: 'R00104' });
    const [a, b, c] = queue;
    if (!a || !b || !c) throw new Error('short queue');
    const key = { round: ROUND, reviewer: 'R00104' };
    for (const item of [a, b]) {
      await api.ok('scoring.save', { ...key, entry: item.entry.id, scores: FULL });
      await api.ok('scoring.submit', { ...key, entry: item.entry.id });
    }
    await api.ok('scoring.save', { ...key, entry: c.entry.id, scores: { net: 3 } });
    const recused = queue[3];
    if (!recused) throw new Error('short queue');
    await api.ok('scoring.recuse', { ...key, entry: recused.entry.id, reason: '同一集团' });

    const board = await api.ok('panel.progress', { round: ROUND });
    const me = board.experts.find((e) => e.reviewer_id === 'R00104');
    expect(me).toMatchObject({
      assigned: queue.length - 1,
      submitted: 2,
      draft: 1,
      not_started: queue.length - 4,
      last_hour: 2,
    });
    expect(me?.last_submitted_at).not.toBeNull();
    expect(board.short).toEqual([
      expect.objectContaining({
        entry_id: recused.entry.entry_id,
        assigned: 2,
        submitted: 0,
        recused: 1,
      }),
    ]);
    expect(board.short_total).toBe(1);
    expect(board.totals).toMatchObject({ submitted: 2, draft: 1, assigned: 12 * 3 - 1 });
  });

  it('before any assignment every expert of the panel has the whole round', async () => {
    await api.ok('rounds.create', { name: '决赛', programme: 'pioneer', stage: '决赛' });
    await api.ok('panel.set', { round: '决赛', reviewer_ids: ['R00101', 'R00102'] });
    const board = await api.ok('panel.progress', { round: '决赛' });
    expect(board).toMatchObject({ assigned: false, per_entry: null, short: [] });
    expect(board.experts.map((e) => [e.reviewer_id, e.assigned])).toEqual([
      ['R00101', 12],
      ['R00102', 12],
    ]);
  });
});
