// Once a round is assigned, each reviewer's queue holds their own entries, not the round's, and
// a review of an entry not assigned to them is refused; before any assignment everyone sees all.
import { beforeEach, expect, it } from 'vitest';
import { demoProjectSession } from '../support/demo-round';
import type { ApiSession } from '../support/session';

let api: ApiSession;
const ROUND = '复赛';

beforeEach(async () => {
  api = await demoProjectSession();
  await api.ok('rounds.create', {
    name: ROUND,
    programme: 'pioneer',
    stage: '复赛',
    sectors: ['factory'],
  });
});

it('the queue is the reviewer’s assignments once there are any', async () => {
  const all = await api.ok('scoring.queue', { round: ROUND, reviewer: 'R00101' });
  expect(all.length).toBeGreaterThan(2);

  await api.ok('assignments.run', { round: ROUND, per_entry: 2, seed: 3 });
  const assigned = await api.ok('assignments.list', { round: ROUND });
  const mine = (reviewer: string) =>
    assigned
      .filter((entry) => entry.reviewers.some((r) => r.reviewer_id === reviewer))
      .map((entry) => entry.entry_id)
      .sort();
  for (const reviewer of ['R00101', 'R00102', 'R00103']) {
    const queue = await api.ok('scoring.queue', { round: ROUND, reviewer });
    expect(queue.map((item) => item.entry.entry_id).sort()).toEqual(mine(reviewer));
  }

  const queue = await api.ok('scoring.queue', { round: ROUND, reviewer: 'R00101' });
  const own = new Set(queue.map((item) => item.entry.id));
  const other = all.find((item) => !own.has(item.entry.id));
  if (!other) throw new Error('R00101 was given every entry');
  const refused = await api.fails('scoring.get', {
    round: ROUND,
    reviewer: 'R00101',
    entry: other.entry.id,
  });
  expect(refused.code).toBe('not_assigned');
  const save = await api.fails('scoring.save', {
    round: ROUND,
    reviewer: 'R00101',
    entry: other.entry.id,
    scores: { net: 10 },
  });
  expect(save.code).toBe('not_assigned');
});
