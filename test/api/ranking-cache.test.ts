// The ranking's cached inputs (services/ranking-inputs.ts): after any sequence of score changes
// and method switches, ranking.rank answers exactly what a fresh load of the project answers.
import fc from 'fast-check';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rankRound } from '../../electron/api/services/ranking';
import { saveReview, submitReview } from '../../electron/api/services/scoring';
import { AGGREGATION_METHODS } from '../../electron/core/domain';
import { ProjectStore } from '../../electron/store/project-store';
import { demoFile, demoRoundSession } from '../support/demo-round';
import type { ApiSession } from '../support/session';

const ROUND = '复赛';
const RUBRIC = JSON.parse(readFileSync(demoFile('rubric.json'), 'utf8')) as {
  criteria: Array<{ key: string; max: number }>;
};
const REVIEWERS = ['R00101', 'R00102', 'R00103', 'R00104', 'R00105'];

let api: ApiSession | null = null;
const others: ProjectStore[] = [];
afterEach(() => {
  api?.session.close();
  api = null;
  for (const store of others.splice(0)) store.close();
});

/** The ranking a second connection computes: no cache, everything read from the file. */
function freshRanking(path: string, method: (typeof AGGREGATION_METHODS)[number], scope: string) {
  const store = ProjectStore.open(path);
  try {
    return rankRound(store, ROUND, { method }, scope).rows;
  } finally {
    store.close();
  }
}

/** The round's entries (row ids), whoever they are assigned to. */
async function entryIds(session: ApiSession): Promise<number[]> {
  const entries = await session.ok('assignments.list', { round: ROUND });
  const ids = session.session.require().entries.mapByExternalId('pioneer');
  return entries.map((entry) => ids.get(entry.entry_id)?.id ?? -1);
}

const scoresArb = fc.record(
  Object.fromEntries(
    RUBRIC.criteria.map((c) => [c.key, fc.integer({ min: 0, max: c.max * 2 }).map((h) => h / 2)]),
  ),
);

/** A step of a scoring session: a save (complete or not, then maybe a submit) or a ranking. */
const stepArb = fc.oneof(
  fc.record({
    kind: fc.constant('save' as const),
    reviewer: fc.integer({ min: 0, max: REVIEWERS.length - 1 }),
    entry: fc.integer({ min: 0, max: 11 }),
    scores: scoresArb,
    drop: fc.option(fc.constantFrom(...RUBRIC.criteria.map((c) => c.key))),
    submit: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('rank' as const),
    method: fc.constantFrom(...AGGREGATION_METHODS),
    scope: fc.constantFrom('overall', 'factory'),
  }),
);

/**
 * Makes a review open to change as an expert would find it: a submitted one is reopened (with a
 * reason), and a pair the round did not assign (the demo's scores assign only what they score)
 * is assigned first; a draft needs nothing.
 */
async function reopenIfSubmitted(
  session: ApiSession,
  review: { round: string; reviewer: string; entry: number },
): Promise<void> {
  const result = await session.call('scoring.reopen', { ...review, reason: '复核' });
  if (result.ok || result.error.code === 'review_not_submitted') return;
  if (result.error.code !== 'not_assigned') throw new Error(result.error.message_en);
  const store = session.session.require();
  const entry = store.entries.get(review.entry);
  await session.ok('assignments.change', {
    round: review.round,
    entry_id: entry?.external_id ?? '',
    add: review.reviewer,
  });
}

describe('ranking after score changes', () => {
  it('equals a fresh load after any sequence of saves, submits and method switches', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 12 }), async (steps) => {
        api?.session.close();
        api = await demoRoundSession(ROUND);
        const session = api;
        const path = session.session.require().path;
        const entries = await entryIds(session);
        for (const step of steps) {
          if (step.kind === 'save') {
            const scores: Record<string, number | null> = { ...step.scores };
            if (step.drop) scores[step.drop] = null;
            const reviewer = REVIEWERS[step.reviewer]!;
            const entry = entries[step.entry]!;
            await reopenIfSubmitted(session, { round: ROUND, reviewer, entry });
            await session.ok('scoring.save', { round: ROUND, reviewer, entry, scores });
            if (step.submit && !step.drop) {
              await session.ok('scoring.submit', { round: ROUND, reviewer, entry });
            }
          } else {
            const ranked = await session.ok('ranking.rank', {
              round: ROUND,
              method: step.method,
              scope: step.scope,
            });
            expect(ranked.rows).toEqual(freshRanking(path, step.method, step.scope));
          }
        }
      }),
      { numRuns: 12 },
    );
  }, 240_000);

  it('sees a score written by another connection (another process on the same file)', async () => {
    api = await demoRoundSession(ROUND);
    const store = api.session.require();
    const before = rankRound(store, ROUND, {}, 'overall');
    const [entry] = await entryIds(api);
    const other = ProjectStore.open(store.path);
    others.push(other);
    const zeros = Object.fromEntries(RUBRIC.criteria.map((c) => [c.key, 0]));
    const request = { round: ROUND, reviewer: REVIEWERS[0]!, entry: entry! };
    await reopenIfSubmitted(api, request);
    saveReview(other, { ...request, scores: zeros, gates: {}, comment: '' });
    submitReview(other, ROUND, request.reviewer, request.entry);
    const after = rankRound(store, ROUND, {}, 'overall');
    expect(after.rows).not.toEqual(before.rows);
    expect(after.rows).toEqual(freshRanking(store.path, 'mean', 'overall'));
  });

  it('reads entry changes again: a re-imported title shows in the next ranking', async () => {
    api = await demoRoundSession(ROUND);
    const store = api.session.require();
    const [first] = rankRound(store, ROUND, {}, 'overall').rows;
    const csv = readFileSync(demoFile('entries.csv'), 'utf8').replace(first!.title, '改名后的项目');
    const path = join(api.dir, 'renamed.csv');
    writeFileSync(path, csv);
    await api.ok('entries.import', { path, programme: 'pioneer' });
    const renamed = rankRound(store, ROUND, {}, 'overall').rows.find(
      (row) => row.entry_id === first!.entry_id,
    );
    expect(renamed?.title).toBe('改名后的项目');
  });

  it('refuses the data digest of a ranking once its data changed', async () => {
    api = await demoRoundSession(ROUND);
    const store = api.session.require();
    const ranking = rankRound(store, ROUND, {}, 'overall');
    const digest = rankRound(store, ROUND, {}, 'overall').dataDigest();
    expect(ranking.dataDigest()).toBe(digest);

    const stale = rankRound(store, ROUND, {}, 'overall');
    const [entry] = await entryIds(api);
    const zeros = Object.fromEntries(RUBRIC.criteria.map((c) => [c.key, 0]));
    await reopenIfSubmitted(api, { round: ROUND, reviewer: REVIEWERS[1]!, entry: entry! });
    await api.ok('scoring.save', {
      round: ROUND,
      reviewer: REVIEWERS[1]!,
      entry: entry!,
      scores: zeros,
    });
    expect(() => stale.dataDigest()).toThrow(/changed after it was ranked/);
    expect(rankRound(store, ROUND, {}, 'overall').dataDigest()).not.toBe(digest);
  });
});
