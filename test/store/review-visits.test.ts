// Reading a round's submitted scores for ranking: one pass over the score table when the round
// holds most reviews, index lookups otherwise. Both must visit exactly the round's submitted
// scores (no draft, no other round's), as the plain query lists them.
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { demoRoundSession } from '../support/demo-round';

describe('visiting a round’s submitted scores', () => {
  it('visits the same rows by table scan and by index, skipping drafts and other rounds', async () => {
    const api = await demoRoundSession('复赛');
    const store = api.session.require();
    const roundId = (name: string) => store.rounds.byName(name)?.id ?? -1;
    const external = new Map(store.reviewers.list().map((r) => [r.id, r.external_id]));
    const entryIds = new Map(
      store.rounds.entries(roundId('复赛')).map((entry) => [entry.id, entry.entry_id]),
    );
    const visited = (name: string) => {
      const rows: string[] = [];
      const row =
        (kind: string) =>
        (_review: number, entry: number, reviewer: number, key: string, value: number) =>
          rows.push(`${entryIds.get(entry)}/${external.get(reviewer)}/${kind}${key}=${value}`);
      store.reviews.visitSubmitted(roundId(name), null, row(''), row('gate:'));
      return rows.sort();
    };
    const listed = (name: string) =>
      [
        ...[...store.reviews.submittedScores(roundId(name))].map(
          (row) => `${row.entry_id}/${row.reviewer_id}/${row.criterion_key}=${row.points}`,
        ),
        ...store.reviews
          .submittedGates(roundId(name))
          .map((row) => `${row.entry_id}/${row.reviewer_id}/gate:${row.gate_key}=${row.passed}`),
      ].sort();

    // A draft in 复赛 (never visited): R00102, given S001-004, starts it and stops half-way.
    await api.ok('assignments.change', { round: '复赛', entry_id: 'S001-004', add: 'R00102' });
    await api.ok('scoring.save', {
      round: '复赛',
      reviewer: 'R00102',
      entry: store.entries.mapByExternalId('pioneer').get('S001-004')?.id ?? -1,
      scores: { net: 10 },
    });
    // 复赛 holds every review.
    expect(visited('复赛').filter((row) => !row.includes('/gate:'))).toHaveLength(51 * 6);
    expect(visited('复赛')).toEqual(listed('复赛'));

    // A second round of the same entries with more reviews: 复赛 is now read through the index.
    await api.ok('rounds.create', {
      stage: '决赛',
      name: '决赛',
      programme: 'pioneer',
      sectors: ['factory'],
    });
    const lines = ['entry_id,reviewer_id,criterion,score'];
    // Whole and half points, one and two digits: the lists are read by hand (store/repos/reviews.ts).
    const points = ['3', '2.5', '0', '10', '0.5', '4'];
    for (const entry of entryIds.values()) {
      for (const reviewer of ['R00101', 'R00102', 'R00103', 'R00104', 'R00105']) {
        ['net', 'level', 'app', 'impact', 'sec', 'rep'].forEach((key, i) =>
          lines.push(`${entry},${reviewer},${key},${points[i]}`),
        );
      }
    }
    const csv = join(api.dir, 'final.csv');
    writeFileSync(csv, lines.join('\n'));
    await api.ok('scores.import', { round: '决赛', path: csv });
    expect(visited('复赛')).toEqual(listed('复赛'));
    expect(visited('决赛').filter((row) => !row.includes('/gate:'))).toHaveLength(60 * 6);
    expect(visited('决赛').filter((row) => row.endsWith('=2.5'))).toHaveLength(60);
    expect(visited('决赛')).toEqual(listed('决赛'));
  });
});
