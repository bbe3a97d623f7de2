// Issue 16: each review keeps its scores and gate answers as lists in its rubric's order
// (migration 0013), which a ranking reads instead of the score rows. After every kind of write
// that changes scores (a save, a submission, a reopening, a score file, a packet's merge, a
// clash settled), the lists must say what the rows say; and a ranking from the lists must equal
// one from the rows (as a review written before the migration is read).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProjectStore } from '../../electron/store/project-store';
import { gatedScoresCsv } from '../support/gated-scores';
import { assignedTo, openPackage, organiserSession, ROUND, score } from '../support/packets';
import { sample } from '../support/paths';
import { projectFile } from '../support/project-file';
import { apiSession, type ApiSession } from '../support/session';

type Cell = number | null;

/** The review's rows in its rubric's order, read from the score and gate_answer tables. */
function rowsInOrder(store: ProjectStore) {
  const db = projectFile(store);
  // Sorted by position here, not by the SQL the repository uses.
  const order = (table: 'criterion' | 'gate') => {
    const rows = db.prepare(`SELECT rubric_id, key, position FROM ${table}`).all() as Array<{
      rubric_id: number;
      key: string;
      position: number;
    }>;
    rows.sort((a, b) => a.position - b.position);
    const keys = new Map<number, string[]>();
    for (const row of rows) keys.set(row.rubric_id, [...(keys.get(row.rubric_id) ?? []), row.key]);
    return keys;
  };
  const criteria = order('criterion');
  const gates = order('gate');
  const scores = new Map<string, number>();
  for (const row of db
    .prepare('SELECT review_id, criterion_key, points FROM score')
    .all() as Array<{
    review_id: number;
    criterion_key: string;
    points: number;
  }>) {
    scores.set(`${row.review_id}/${row.criterion_key}`, row.points);
  }
  const answers = new Map<string, number>();
  for (const row of db
    .prepare('SELECT review_id, gate_key, passed FROM gate_answer')
    .all() as Array<{
    review_id: number;
    gate_key: string;
    passed: number;
  }>) {
    answers.set(`${row.review_id}/${row.gate_key}`, row.passed);
  }
  const reviews = db
    .prepare('SELECT id, rubric_id, score_list, gate_list FROM review ORDER BY id')
    .all() as Array<{
    id: number;
    rubric_id: number;
    score_list: string | null;
    gate_list: string | null;
  }>;
  const parse = (list: string | null): Cell[] | null =>
    list === null
      ? null
      : list === ''
        ? []
        : list.split(',').map((v) => (v === '' ? null : Number(v)));
  // As SQLite writes a REAL (7.0, 7.5): every writer of the lists keeps the same text.
  const real = (points: number | null) =>
    points === null ? '' : Number.isInteger(points) ? `${points}.0` : String(points);
  return reviews.map((review) => ({
    keptText: review.score_list,
    rowsText: (criteria.get(review.rubric_id) ?? [])
      .map((key) => real(scores.get(`${review.id}/${key}`) ?? null))
      .join(','),
    kept: { scores: parse(review.score_list), gates: parse(review.gate_list) },
    rows: {
      scores: (criteria.get(review.rubric_id) ?? []).map(
        (key) => scores.get(`${review.id}/${key}`) ?? null,
      ),
      gates: (gates.get(review.rubric_id) ?? []).map(
        (key) => answers.get(`${review.id}/${key}`) ?? null,
      ),
    },
  }));
}

/** Every review's lists say what its rows say; how many reviews there are. */
function expectListsOfRows(api: ApiSession, step: string): number {
  const reviews = rowsInOrder(api.session.require());
  for (const { kept, rows, keptText, rowsText } of reviews) {
    expect(kept, step).toEqual(rows);
    if (keptText !== null) expect(keptText, step).toBe(rowsText);
  }
  return reviews.length;
}

/** The ranking from the lists, then from the rows alone (the lists cleared, as before 0013). */
async function rankedBothWays(api: ApiSession, round: string) {
  const fromLists = await api.ok('ranking.rank', { round, method: 'trimmed' });
  projectFile(api.session.require()).exec('UPDATE review SET score_list = NULL, gate_list = NULL');
  const fromRows = await api.ok('ranking.rank', { round, method: 'trimmed' });
  return { fromLists, fromRows };
}

describe("a review's score and gate lists", () => {
  it('say what its rows say after saves, submissions, reopenings, a packet merge and a clash settled', async () => {
    const organiser = await organiserSession();
    const [first = '', second = ''] = await assignedTo(organiser, 'R01');
    const { expert } = await openPackage(organiser, 'R01');

    await score(organiser, 'R02', first, 7);
    expectListsOfRows(organiser, 'save');
    await score(organiser, 'R02', first, 9, { submit: true });
    expectListsOfRows(organiser, 'submit');
    await score(organiser, 'R02', first, 4, { submit: true });
    expectListsOfRows(organiser, 'reopen, save, submit');

    // A clash on `first`, a plain merge of `second`.
    await score(organiser, 'R01', first, 3);
    await score(expert, 'R01', first, 9, { submit: true });
    await score(expert, 'R01', second, 6, { submit: true });
    const packet = join(expert.dir, '1.sailscores');
    await expert.ok('packets.export', { path: packet });
    expectListsOfRows(expert, 'the expert’s saves in a package');
    const merged = await organiser.ok('packets.import', { path: packet });
    expect(merged).toMatchObject({ accepted: 1 });
    expectListsOfRows(organiser, 'packet merge');
    const [clash] = await organiser.ok('packets.clashes', { round: ROUND });
    await organiser.ok('packets.resolve', { clash_id: clash?.id ?? 0, keep: 'packet' });
    expect(expectListsOfRows(organiser, 'clash settled')).toBe(3);

    const { fromLists, fromRows } = await rankedBothWays(organiser, ROUND);
    expect(fromLists.rows.filter((row) => row.reviews > 0)).toHaveLength(2);
    expect(fromLists).toEqual(fromRows);
  });

  it('keep gate answers in the rubric’s order after a score file, and rank as the rows do', async () => {
    const api = apiSession();
    await api.ok('project.create', { path: join(api.dir, '矿山.sailreview') });
    await api.ok('entries.import', {
      path: sample('pioneer-candidates.xlsx'),
      programme: 'pioneer',
    });
    await api.ok('reviewers.import', { path: sample('reviewers.csv') });
    const round = '矿山复赛';
    await api.ok('rounds.create', {
      stage: '初赛',
      name: round,
      programme: 'pioneer',
      sectors: ['mine'],
    });
    const rubric = (await api.ok('rounds.get', { round })).pins[0]?.rubric;
    expect(rubric?.gates.length).toBeGreaterThan(1);
    const experts = ['EXP001', 'EXP002', 'EXP003'];
    const queue = await api.ok('scoring.queue', { round, reviewer: 'EXP001' });
    const entries = queue.map(({ entry }) => entry.entry_id);
    const csv = join(api.dir, 'scores.csv');
    // Each expert fails a different gate of the first entry: the order of the answers matters.
    writeFileSync(
      csv,
      gatedScoresCsv(
        rubric ?? { criteria: [], gates: [] },
        entries,
        experts,
        (entryId, gate, r) => entryId === entries[0] && rubric?.gates[r]?.key === gate,
      ),
    );
    expect((await api.ok('scores.import', { round, path: csv })).rejected).toEqual([]);
    expect(expectListsOfRows(api, 'score file')).toBe(entries.length * experts.length);

    const { fromLists, fromRows } = await rankedBothWays(api, round);
    expect(fromLists.rows).toHaveLength(entries.length);
    expect(fromLists).toEqual(fromRows);
  });
});
