// A packet's merge writes its reviews, scores and gate answers in bulk and journals the reviews
// itself (ReviewRepository.putMany, RowJournal.inBulk) rather than through the row journal's
// triggers; each review's kept lists vouch for its scores and gate answers. `verify` must vouch
// for every row it writes, replaces or removes, exactly as it does for a desk save, and find
// each of them edited outside the app.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../electron/store/project-store';
import { tempDir } from '../support/paths';
import { projectFile } from '../support/project-file';
import {
  createFactoryRound,
  FACTORY_RUBRIC as RUBRIC,
  insertEntries,
  insertReviewers,
} from '../support/store-setup';

const write = <T>(store: ProjectStore, action: string, change: () => T): T =>
  store.write({ action, subject: 'test', payload: null }, change);

/**
 * A project with one round of three entries and one rubric (written through the store) and two
 * reviewers; the entries and reviewers are put in as another program would, unjournalled, and
 * the checks below look at the tables the merge writes.
 */
function project() {
  const store = ProjectStore.create(join(tempDir(), 'bulk.sailreview'));
  const entries = insertEntries(
    store,
    ['P-1', 'P-2', 'P-3'].map((id) => ({ id, sector: 'factory' })),
  );
  const reviewers = insertReviewers(store, ['R1', 'R2']);
  return write(store, 'setup', () => {
    const rubric = store.rubrics.addVersion(RUBRIC, 'editor');
    const roundId = createFactoryRound(store, rubric.id, entries);
    return { store, entries, reviewers, roundId, rubricId: rubric.id };
  });
}

const journalled = ['review', 'score', 'gate_answer'];

/** The first expert's review of the first entry, merged as a packet's merge writes it. */
function mergeReview(
  { store, entries, reviewers, roundId, rubricId }: ReturnType<typeof project>,
  net: number,
): void {
  const review = {
    entry_id: entries[0] ?? 0,
    rubric_id: rubricId,
    status: 'draft' as const,
    comment: '',
    scores: { net, app: 40 },
    gates: { licence: 1, safety: 1 } as const,
  };
  write(store, 'merge', () => store.reviews.putMany(roundId, reviewers[0] ?? 0, [review], 'now'));
}

/** What `verify` finds in the tables a merge writes, in a fixed order. */
const differences = (store: ProjectStore) =>
  store
    .verifyChain()
    .rows.differences.filter((d) => journalled.includes(d.table))
    .map(({ table, key, kind, seq }) => ({ table, key, kind, seq }))
    .sort((a, b) => `${a.table}${a.key}`.localeCompare(`${b.table}${b.key}`));

describe('a bulk write of reviews (a packet merge)', () => {
  it('journals every review, score and gate answer it writes, replaces or removes', () => {
    const { store, entries, reviewers, roundId, rubricId } = project();
    const [first = 0, second = 0, third = 0] = entries;
    const [expert = 0, other = 0] = reviewers;
    const review = (entry_id: number, net: number, gates: Record<string, 0 | 1>) => ({
      entry_id,
      rubric_id: rubricId,
      status: 'submitted' as const,
      comment: `意见 ${net}`,
      scores: { net, app: 20.5 },
      gates,
    });
    write(store, 'merge', () =>
      store.reviews.putMany(
        roundId,
        expert,
        [review(first, 50, { licence: 1, safety: 0 }), review(second, 30, {})],
        'then',
      ),
    );
    // A desk save beside them, journalled by trigger.
    write(store, 'save', () =>
      store.reviews.put(
        { round_id: roundId, entry_id: third, reviewer_id: other, rubric_id: rubricId },
        { scores: new Map([['net', 10]]), gates: new Map([['licence', true]]), comment: '' },
        'draft',
        'now',
      ),
    );
    // A newer packet: one review rewritten with fewer gate answers, one new.
    write(store, 'merge again', () =>
      store.reviews.putMany(
        roundId,
        expert,
        [review(first, 0, { safety: 1 }), review(third, 60, { licence: 0 })],
        'later',
      ),
    );
    const written = (table: string) =>
      projectFile(store).prepare(`SELECT count(*) FROM ${table}`).pluck().get();
    expect([written('review'), written('score'), written('gate_answer')]).toEqual([4, 7, 3]);

    const { rows } = store.verifyChain();
    expect(rows.brokenEvents).toEqual([]);
    expect(rows.differences.filter((d) => journalled.includes(d.table))).toEqual([]);
    store.close();
  });

  it('leaves each of its rows vouched for, so an edit outside the app is found', () => {
    const setup = project();
    const { store } = setup;
    mergeReview(setup, 12);
    mergeReview(setup, 13.5);
    const mergedAt = store.lastWrite();
    const file = projectFile(store);
    const reviewId = file.prepare('SELECT id FROM review').pluck().get() as number;
    expect(differences(store)).toEqual([]);
    // The review's lists no longer spell its rows: each row that differs is named.
    file.prepare("UPDATE review SET score_list = '14.0,40.0'").run();
    expect(differences(store)).toEqual([
      { table: 'review', key: String(reviewId), kind: 'changed', seq: mergedAt },
      { table: 'score', key: `[${reviewId},"net"]`, kind: 'changed', seq: mergedAt },
    ]);
    file.prepare("DELETE FROM gate_answer WHERE gate_key = 'safety'").run();
    // A score on a key the rubric lacks, the trigger refusing it dropped first.
    file.exec(`DROP TRIGGER score_in_range_insert;
      INSERT INTO score (review_id, criterion_key, points) VALUES (${reviewId}, 'bogus', 1)`);
    expect(differences(store)).toEqual([
      { table: 'gate_answer', key: `[${reviewId},"safety"]`, kind: 'deleted', seq: mergedAt },
      { table: 'review', key: String(reviewId), kind: 'changed', seq: mergedAt },
      { table: 'score', key: `[${reviewId},"bogus"]`, kind: 'inserted', seq: mergedAt },
      { table: 'score', key: `[${reviewId},"net"]`, kind: 'changed', seq: mergedAt },
    ]);
    store.close();
  });

  it('a score changed outside the app: its review, whose kept list follows its rows', () => {
    const setup = project();
    const { store } = setup;
    mergeReview(setup, 12);
    const mergedAt = store.lastWrite();
    const file = projectFile(store);
    const reviewId = file.prepare('SELECT id FROM review').pluck().get() as number;
    // Migration 0014's trigger rewrites the list, so the ranking reads the changed score.
    file.prepare("UPDATE score SET points = 14 WHERE criterion_key = 'net'").run();
    expect(file.prepare('SELECT score_list FROM review').pluck().get()).toBe('14.0,40.0');
    expect(differences(store)).toEqual([
      { table: 'review', key: String(reviewId), kind: 'changed', seq: mergedAt },
    ]);
    store.close();
  });
});
