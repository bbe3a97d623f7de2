// The results operations on the demo round (../shared/samples/demo-round), with values worked
// out by hand from its expected-*.json: explain, discussion queue, shortlists (save, finalise,
// override, stale), robustness with borderline entries, what-if that writes nothing, charts.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { kendallTauB } from '../../electron/core/scoring/kendall';
import { demoRoundSession, expectedRanking } from '../support/demo-round';
import type { ApiSession } from '../support/session';
import { projectFile } from '../support/project-file';

let api: ApiSession;
const ROUND = '复赛';
const SCOPE = 'factory';

beforeEach(async () => {
  api = await demoRoundSession(ROUND);
});

/** Everything stored, as one hash: what a read-only operation must leave as it was. */
function databaseDigest(): string {
  const db = projectFile(api.session.require());
  const hash = createHash('sha256');
  const tables = db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all();
  for (const { name } of tables) {
    hash.update(name).update(JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).raw().all()));
  }
  return hash.digest('hex');
}

function auditEvents(): Array<{ action: string; subject: string; payload_json: string }> {
  return projectFile(api.session.require())
    .prepare<[], { action: string; subject: string; payload_json: string }>(
      'SELECT action, subject, payload_json FROM audit_event ORDER BY seq',
    )
    .all();
}

describe('explain', () => {
  it('names the tie-break step and values against the entries above and below', async () => {
    // Mean: S001-009 and S001-010 both 74.50 with all-judge mean 74.50; impact 18.4 vs 18.2.
    const explained = await api.ok('ranking.explain', {
      round: ROUND,
      scope: SCOPE,
      method: 'mean',
      entry: 'S001-010',
    });
    expect(explained.row).toMatchObject({ rank: 5, score: 74.5 });
    expect(explained.above).toEqual({
      entry_id: 'S001-009',
      title: expect.any(String),
      rank: 4,
      decided_by: 'criterion:impact',
      steps: [
        { step: 'score', entry: 74.5, other: 74.5 },
        { step: 'all_judge_mean', entry: 74.5, other: 74.5 },
        { step: 'criterion:impact', entry: 18.2, other: 18.4 },
      ],
    });
    expect(explained.below).toMatchObject({
      entry_id: 'S001-003',
      decided_by: 'score',
      steps: [{ step: 'score', entry: 74.5, other: 74.2 }],
    });
    expect(explained.reviews).toHaveLength(5);
    expect(explained.reviews.map((r) => r.total)).toEqual(
      [...explained.reviews.map((r) => r.total)].sort((a, b) => a - b),
    );
    const mean = explained.reviews.reduce((sum, r) => sum + r.total, 0) / 5;
    expect(mean).toBeCloseTo(74.5, 10);
    expect(explained.reviews[0]).toMatchObject({
      reviewer_name: expect.stringMatching(/^专家/),
      dropped: false,
      normalised: null,
    });
    expect(explained.criteria.map((c) => c.key)).toEqual([
      'net',
      'level',
      'app',
      'impact',
      'sec',
      'rep',
    ]);
  });

  it('says tie for entries level on every step (S001-011 and S001-012 share rank 10)', async () => {
    const explained = await api.ok('ranking.explain', {
      round: ROUND,
      scope: SCOPE,
      method: 'mean',
      entry: 'S001-011',
    });
    expect(explained.above).toMatchObject({ entry_id: 'S001-004', decided_by: 'criterion:impact' });
    expect(explained.below).toMatchObject({ entry_id: 'S001-012', decided_by: 'tie' });
    expect(explained.below?.steps).toHaveLength(4);
  });

  it('marks the trimmed mean’s dropped totals: the lowest and the highest of five', async () => {
    const explained = await api.ok('ranking.explain', {
      round: ROUND,
      scope: SCOPE,
      method: 'trimmed',
      entry: 'S001-009',
    });
    expect(explained.trimmed).toEqual({ k: 1, applied: true });
    const dropped = explained.reviews.filter((r) => r.dropped);
    expect(dropped.map((r) => r.total)).toEqual([
      explained.reviews[0]?.total,
      explained.reviews[4]?.total,
    ]);
    const kept = explained.reviews.filter((r) => !r.dropped);
    expect(kept.reduce((sum, r) => sum + r.total, 0) / 3).toBeCloseTo(75.5, 10);
  });

  it('shows the z-score transformation: the transformed totals average to the score', async () => {
    const explained = await api.ok('ranking.explain', {
      round: ROUND,
      scope: SCOPE,
      method: 'zscore',
      entry: 'S001-009',
    });
    expect(explained.row.score).toBe(77.25);
    const transformed = explained.reviews.map((r) => r.normalised ?? NaN);
    expect(transformed.reduce((sum, t) => sum + t, 0) / 5).toBeCloseTo(77.25, 2);
    const zscore = explained.zscore!;
    for (const review of explained.reviews) {
      const reviewer = zscore.reviewers.find((r) => r.reviewer_id === review.reviewer_id)!;
      expect(reviewer.flag).toBeNull();
      expect(review.normalised).toBeCloseTo(
        zscore.mean + (zscore.sd * (review.total - reviewer.mean)) / reviewer.sd,
        10,
      );
    }
  });

  it('refuses an entry that is not in the ranking, in both languages', async () => {
    const result = await api.call('ranking.explain', {
      round: ROUND,
      scope: SCOPE,
      entry: 'S999-999',
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('entry_not_in_ranking');
      expect(result.error.message_zh).toContain('S999-999');
    }
  });
});

describe('discussion queue', () => {
  it('lists disagreement, near the cut (± 2 of 79.17 under top 3) and too few reviews', async () => {
    const queue = await api.ok('ranking.discussion', {
      round: ROUND,
      scope: SCOPE,
      method: 'mean',
      rule: { kind: 'top', n: 3 },
    });
    expect(queue.margin).toBe(2);
    expect(queue.cuts).toEqual([
      { scope: SCOPE, cut_rank: 3, cut_score: 79.17, ranked: 12, admitted: 3 },
    ]);
    expect(queue.items.map((item) => [item.row.entry_id, item.reasons])).toEqual([
      ['S001-001', ['disagreement']],
      ['S001-007', ['disagreement', 'near_cut']],
      ['S001-008', ['disagreement', 'near_cut']],
      ['S001-002', ['disagreement']],
      ['S001-006', ['disagreement']],
      ['S001-004', ['insufficient_reviews']],
      ['S001-005', ['disagreement']],
    ]);
    const first = queue.items[0]!;
    expect(first.totals).toHaveLength(3);
    // Disagreement means max − min of the totals exceeds 20.
    expect(first.totals.at(-1)! - first.totals[0]!).toBeGreaterThan(20);
    for (const spread of first.spreads) {
      expect(spread.range).toBe(spread.high! - spread.low!);
      expect(spread.driver).toBe(spread.range! >= 0.3 * spread.max);
    }
    expect(first.spreads.some((s) => s.driver)).toBe(true);
  });

  it('widens with the margin: 5 points from 79.17 also takes 74.50 and 74.20', async () => {
    const queue = await api.ok('ranking.discussion', {
      round: ROUND,
      scope: SCOPE,
      method: 'mean',
      rule: { kind: 'top', n: 3 },
      margin: 5,
    });
    const near = queue.items
      .filter((i) => i.reasons.includes('near_cut'))
      .map((i) => i.row.entry_id);
    expect(near).toEqual(['S001-007', 'S001-008', 'S001-009', 'S001-010', 'S001-003']);
  });
});

describe('shortlists', () => {
  it('keeps the tie at the cut, marks borderline entries and saves the rule and method', async () => {
    // Top 10 under the mean: S001-011 and S001-012 share rank 10, both kept (11 entries).
    const preview = await api.ok('shortlists.preview', {
      round: ROUND,
      scope: SCOPE,
      method: 'mean',
      rule: { kind: 'top', n: 10 },
    });
    expect(preview.rows).toHaveLength(11);
    const flagsOf = (id: string) => preview.rows.find((r) => r.entry_id === id)?.flags;
    expect(flagsOf('S001-011')).toEqual(['tie', 'tie_at_cut']);
    expect(flagsOf('S001-012')).toEqual(['tie', 'tie_at_cut']);

    // Top 9: the mean ranks S001-004 9th; the other methods tie S001-011/012 at 9th instead.
    const saved = await api.ok('shortlists.create', {
      round: ROUND,
      scope: SCOPE,
      method: 'mean',
      rule: { kind: 'top', n: 9 },
      name: '复赛入围（前 9）',
    });
    expect(saved).toMatchObject({
      name: '复赛入围（前 9）',
      status: 'draft',
      scope: SCOPE,
      rule: { kind: 'top', n: 9 },
      settings: { method: 'mean', min_reviews: 3 },
      entries: 9,
      insufficient_ids: ['S001-004'],
      stale: false,
    });
    expect(saved.rows.map((r) => r.entry_id)).toEqual(
      expectedRanking('mean')
        .slice(0, 9)
        .map((r) => r.entry_id),
    );
    expect(saved.rows.at(-1)).toMatchObject({
      entry_id: 'S001-004',
      rank: 9,
      score: 63.5,
      flags: ['insufficient_reviews', 'borderline'],
    });
    expect(saved.rows.filter((r) => r.flags.includes('borderline'))).toHaveLength(1);
    expect(auditEvents().at(-1)).toMatchObject({
      action: 'shortlist.create',
      subject: `${ROUND}/复赛入围（前 9）`,
    });

    const list = await api.ok('shortlists.list', { round: ROUND });
    expect(list).toEqual([expect.objectContaining({ id: saved.id, entries: 9, status: 'draft' })]);
    expect(await api.ok('shortlists.get', { id: saved.id })).toEqual(saved);
  });

  it('cuts per-sector quotas and a pass mark', async () => {
    const quotas = await api.ok('shortlists.preview', {
      round: ROUND,
      scope: 'overall',
      method: 'trimmed',
      rule: { kind: 'quotas', quotas: { factory: 9 } },
    });
    // Trimmed: S001-011 and S001-012 tie at 9th, both kept.
    expect(quotas.rows).toHaveLength(10);
    expect(quotas.cuts).toEqual([
      { scope: 'factory', cut_rank: 9, cut_score: 64.5, ranked: 12, admitted: 9 },
    ]);
    const unknown = await api.call('shortlists.preview', {
      round: ROUND,
      scope: 'overall',
      rule: { kind: 'quotas', quotas: { mine: 3 } },
    });
    expect(!unknown.ok && unknown.error.code).toBe('shortlist_unknown_sector');

    const passMark = await api.ok('shortlists.preview', {
      round: ROUND,
      scope: SCOPE,
      method: 'trimmed',
      rule: { kind: 'pass_mark', score: 75 },
    });
    expect(passMark.rows.map((r) => r.score)).toEqual([89.33, 80, 79.17, 75.5, 75.5, 75]);
  });

  it('refuses to finalise with too few reviews unless a reason is given, then locks it', async () => {
    const saved = await api.ok('shortlists.create', {
      round: ROUND,
      scope: SCOPE,
      method: 'mean',
      rule: { kind: 'top', n: 9 },
      name: '入围',
    });
    const before = databaseDigest();
    const refused = await api.call('shortlists.finalise', { id: saved.id });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('shortlist_insufficient_reviews');
      expect(refused.error.message_zh).toContain('S001-004');
      expect(refused.error.message_en).toContain('S001-004');
    }
    expect(databaseDigest()).toBe(before);

    const final = await api.ok('shortlists.finalise', {
      id: saved.id,
      override_reason: '专家组一致同意：S001-004 现场考察已补充',
    });
    expect(final).toMatchObject({
      status: 'final',
      override_reason: '专家组一致同意：S001-004 现场考察已补充',
    });
    expect(final.finalised_at).not.toBeNull();
    const event = auditEvents().at(-1)!;
    expect(event.action).toBe('shortlist.finalise');
    expect(JSON.parse(event.payload_json)).toMatchObject({
      override_reason: '专家组一致同意：S001-004 现场考察已补充',
      insufficient_reviews: ['S001-004'],
    });
    expect((await api.ok('project.verify', {})).ok).toBe(true);

    // Locked: neither finalised again nor deleted.
    const again = await api.call('shortlists.finalise', { id: saved.id, override_reason: 'x' });
    expect(!again.ok && again.error.code).toBe('shortlist_final');
    const removed = await api.call('shortlists.delete', { id: saved.id });
    expect(!removed.ok && removed.error.code).toBe('shortlist_final');
  });

  it('refuses while an entry off the list is short of reviews, not once it is reviewed', async () => {
    // Top 8 leaves S001-004 (2 reviews) out, but its third review could bring it in.
    const top8 = await api.ok('shortlists.create', {
      round: ROUND,
      scope: SCOPE,
      rule: { kind: 'top', n: 8 },
      name: '前 8',
    });
    expect(top8.rows.map((r) => r.entry_id)).not.toContain('S001-004');
    expect(top8.insufficient_ids).toEqual(['S001-004']);
    const refused = await api.call('shortlists.finalise', { id: top8.id });
    expect(!refused.ok && refused.error.code).toBe('shortlist_insufficient_reviews');
    expect(!refused.ok && refused.error.message_zh).toContain('S001-004');

    const csv = join(api.dir, 'third-review.csv');
    const scores = { net: 12, level: 9, app: 15, impact: 16, sec: 6, rep: 3 };
    writeFileSync(
      csv,
      [
        'entry_id,reviewer_id,criterion,score',
        ...Object.entries(scores).map(([key, points]) => `S001-004,R00102,${key},${points}`),
      ].join('\n'),
    );
    await api.ok('scores.import', { round: ROUND, path: csv });
    const clean = await api.ok('shortlists.create', {
      round: ROUND,
      scope: SCOPE,
      rule: { kind: 'top', n: 8 },
      name: '前 8（补评后）',
    });
    expect(clean.insufficient_ids).toEqual([]);
    expect((await api.ok('shortlists.finalise', { id: clean.id })).status).toBe('final');

    const draft = await api.ok('shortlists.create', {
      round: ROUND,
      scope: SCOPE,
      rule: { kind: 'top', n: 3 },
      name: '草稿',
    });
    expect(await api.ok('shortlists.delete', { id: draft.id })).toBeNull();
    expect((await api.ok('shortlists.list', { round: ROUND })).map((s) => s.name).sort()).toEqual(
      ['前 8', '前 8（补评后）'].sort(),
    );
  });

  it('refuses a second shortlist of the same name, writing nothing', async () => {
    const input = {
      round: ROUND,
      scope: SCOPE,
      rule: { kind: 'top', n: 3 } as const,
      name: '同名',
    };
    await api.ok('shortlists.create', input);
    const before = databaseDigest();
    const second = await api.call('shortlists.create', input);
    expect(!second.ok && second.error.code).toBe('shortlist_exists');
    expect(databaseDigest()).toBe(before);
  });

  it('is stale once a score changes after saving, and then refuses to finalise', async () => {
    const saved = await api.ok('shortlists.create', {
      round: ROUND,
      scope: SCOPE,
      rule: { kind: 'top', n: 8 },
      name: '前 8',
    });
    const csv = join(api.dir, 'change.csv');
    writeFileSync(csv, 'entry_id,reviewer_id,criterion,score\nS001-009,R00105,net,5\n');
    await api.ok('scores.import', { round: ROUND, path: csv });
    expect((await api.ok('shortlists.get', { id: saved.id })).stale).toBe(true);
    const refused = await api.call('shortlists.finalise', { id: saved.id });
    expect(!refused.ok && refused.error.code).toBe('shortlist_stale');
  });
});

describe('robustness', () => {
  it('ranks under every method side by side, τ-b per pair, borderline under the rule', async () => {
    const result = await api.ok('ranking.robustness', {
      round: ROUND,
      scope: SCOPE,
      method: 'mean',
      rule: { kind: 'top', n: 9 },
    });
    const methods = ['mean', 'trimmed', 'median', 'zscore'] as const;
    const expected = Object.fromEntries(
      methods.map((m) => [m, new Map(expectedRanking(m).map((r) => [r.entry_id, r.rank]))]),
    );
    expect(result.rows.map((r) => r.entry_id)).toEqual(
      expectedRanking('mean').map((r) => r.entry_id),
    );
    for (const row of result.rows) {
      for (const m of methods) expect(row.ranks[m]).toBe(expected[m]!.get(row.entry_id));
    }
    expect(
      result.rows
        .filter((r) => r.borderline)
        .map((r) => r.entry_id)
        .sort(),
    ).toEqual(['S001-004', 'S001-011', 'S001-012']);
    const s004 = result.rows.find((r) => r.entry_id === 'S001-004')!;
    expect(s004.shortlisted).toEqual({ mean: true, trimmed: false, median: false, zscore: false });

    expect(result.agreement.map((a) => `${a.a}/${a.b}`)).toEqual([
      'mean/trimmed',
      'mean/median',
      'mean/zscore',
      'trimmed/median',
      'trimmed/zscore',
      'median/zscore',
    ]);
    for (const pair of result.agreement) {
      const ids = result.rows.map((r) => r.entry_id);
      const tau = kendallTauB(
        ids.map((id) => expected[pair.a]!.get(id)!),
        ids.map((id) => expected[pair.b]!.get(id)!),
      );
      expect(pair.entries).toBe(12);
      expect(pair.tau).toBeCloseTo(tau!, 12);
    }
    // Trimmed and z-score order the demo round identically: τ-b = 1.
    expect(result.agreement.find((a) => a.a === 'trimmed' && a.b === 'zscore')?.tau).toBe(1);
  });
});

describe('what-if weights', () => {
  const ORIGINAL = { net: 20, level: 15, app: 25, impact: 25, sec: 10, rep: 5 };

  it('with the rubric’s own weights changes nothing', async () => {
    const result = await api.ok('ranking.whatif', {
      round: ROUND,
      scope: SCOPE,
      method: 'mean',
      rule: { kind: 'top', n: 9 },
      weights: ORIGINAL,
    });
    expect(result.rows.every((r) => r.movement === 'same')).toBe(true);
    expect(result.rows.map((r) => [r.entry_id, r.before.rank, r.before.score])).toEqual(
      expectedRanking('mean').map((r) => [r.entry_id, r.rank, r.score]),
    );
  });

  it('moves entries in and out of the shortlist and writes nothing at all', async () => {
    const before = databaseDigest();
    const events = auditEvents().length;
    // Only impact counts: each entry's score becomes its impact mean × 100 / 25.
    const result = await api.ok('ranking.whatif', {
      round: ROUND,
      scope: SCOPE,
      method: 'mean',
      rule: { kind: 'top', n: 3 },
      weights: { net: 0, level: 0, app: 0, impact: 100, sec: 0, rep: 0 },
    });
    const after = new Map(result.rows.map((r) => [r.entry_id, r.after]));
    // Impact means: S001-001 23.17 (92.67), S001-007 and S001-008 22.67 (90.67 each).
    expect(after.get('S001-001')).toMatchObject({ rank: 1, score: 92.67, shortlisted: true });
    expect(after.get('S001-009')?.score).toBe(73.6); // 18.4 × 4
    expect(result.criteria.find((c) => c.key === 'impact')).toMatchObject({
      max: 25,
      new_max: 100,
    });
    // Before and after the shortlist is 001, 007, 008 — nobody moves in or out.
    expect(result.moved_in).toEqual([]);
    expect(result.moved_out).toEqual([]);

    const app = await api.ok('ranking.whatif', {
      round: ROUND,
      scope: SCOPE,
      method: 'mean',
      rule: { kind: 'top', n: 3 },
      weights: { net: 0, level: 0, app: 100, impact: 0, sec: 0, rep: 0 },
    });
    // App means: 001 22.67, 009 and 010 20.4, 007 18.67: 009 and 010 move in, 007 and 008 out.
    expect(app.moved_in.sort()).toEqual(['S001-009', 'S001-010']);
    expect(app.moved_out.sort()).toEqual(['S001-007', 'S001-008']);

    expect(databaseDigest()).toBe(before);
    expect(auditEvents()).toHaveLength(events);
    expect((await api.ok('project.verify', {})).ok).toBe(true);
  });

  it('refuses maxima that do not add up to 100', async () => {
    const result = await api.call('ranking.whatif', {
      round: ROUND,
      scope: SCOPE,
      rule: { kind: 'top', n: 3 },
      weights: { ...ORIGINAL, rep: 10 },
    });
    expect(!result.ok && result.error.code).toBe('whatif_not_100');
  });
});

describe('charts', () => {
  it('summarises each reviewer, the top entries and the sector histogram', async () => {
    const charts = await api.ok('ranking.charts', {
      round: ROUND,
      scope: SCOPE,
      method: 'mean',
      top: 5,
    });
    expect(charts.reviewers).toHaveLength(5);
    const medians = charts.reviewers.map((r) => r.box.median);
    expect(medians).toEqual([...medians].sort((a, b) => a - b));
    expect(charts.reviewers.reduce((sum, r) => sum + r.box.n, 0)).toBe(51); // 306 rows / 6
    expect(charts.entries.map((e) => e.entry_id)).toEqual(
      expectedRanking('mean')
        .slice(0, 5)
        .map((r) => r.entry_id),
    );
    expect(charts.entries[0]?.box.mean).toBeCloseTo(89.33, 2);
    expect(charts.sectors).toHaveLength(1);
    expect(charts.sectors[0]?.sector).toBe('factory');
    expect(charts.sectors[0]?.bins.reduce((sum, b) => sum + b.count, 0)).toBe(12);
  });
});
