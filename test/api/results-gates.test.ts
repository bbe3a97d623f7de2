// Gates in the results views, on a round of 5G mines (three gates): an entry two of three experts
// fail on a gate is out of the ranking, named as such in the discussion queue and left out of
// the score histogram; an entry one expert failed passes but is queued as a split vote.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { gatedScoresCsv } from '../support/gated-scores';
import { sample } from '../support/paths';
import { apiSession, type ApiSession } from '../support/session';

let api: ApiSession;
const ROUND = '矿山复赛';
const EXPERTS = ['EXP001', 'EXP002', 'EXP003'];
let entries: string[] = [];
let out = '';
let split = '';

beforeAll(async () => {
  api = apiSession();
  await api.ok('project.create', { path: join(api.dir, '矿山.sailreview') });
  await api.ok('entries.import', { path: sample('pioneer-candidates.xlsx'), programme: 'pioneer' });
  await api.ok('reviewers.import', { path: sample('reviewers.csv') });
  await api.ok('rounds.create', {
    stage: '初赛',
    name: ROUND,
    programme: 'pioneer',
    sectors: ['mine'],
  });
  const detail = await api.ok('rounds.get', { round: ROUND });
  const rubric = detail.pins[0]?.rubric;
  const queue = await api.ok('scoring.queue', { round: ROUND, reviewer: EXPERTS[0] ?? '' });
  entries = queue.map(({ entry }) => entry.entry_id);
  expect(entries.length).toBeGreaterThanOrEqual(3);
  [out = '', split = ''] = entries;
  // Two of three experts fail `out` on licences, one fails `split`; everything else passes.
  const lines = gatedScoresCsv(
    rubric ?? { criteria: [], gates: [] },
    entries,
    EXPERTS,
    (entryId, gate, r) =>
      gate === 'licence' && ((entryId === out && r < 2) || (entryId === split && r === 0)),
  );
  const csv = join(api.dir, 'scores.csv');
  writeFileSync(csv, lines);
  const imported = await api.ok('scores.import', { round: ROUND, path: csv });
  expect(imported.rejected).toEqual([]);
});

describe('gates in the results views', () => {
  it('queues the entries split on a gate, with the votes and the gate that failed', async () => {
    const queue = await api.ok('ranking.discussion', {
      round: ROUND,
      scope: 'mine',
      method: 'mean',
      rule: { kind: 'top', n: 1 },
      margin: 0,
    });
    const byId = new Map(queue.items.map((item) => [item.row.entry_id, item]));
    const failed = byId.get(out);
    expect(failed?.reasons).toEqual(['gate_split']);
    expect(failed?.row).toMatchObject({ rank: null, gate_failed: 'licence' });
    expect(failed?.gates).toEqual([
      expect.objectContaining({ key: 'licence', fails: 2, answers: 3, split: true }),
      expect.objectContaining({ key: 'operation', fails: 0, answers: 3, split: false }),
      expect.objectContaining({ key: 'safety_mark', fails: 0, answers: 3, split: false }),
    ]);
    expect(failed?.gates[0]?.name_zh).toMatch(/^证照齐全有效/);
    const passed = byId.get(split);
    expect(passed?.reasons).toContain('gate_split');
    expect(passed?.row.gate_failed).toBeNull();
    expect(passed?.row.rank).not.toBeNull();
    // The unanimous entries are queued only for the cut (all are tied at it), not for a gate.
    for (const entryId of entries.slice(2)) {
      expect(byId.get(entryId)?.reasons ?? []).not.toContain('gate_split');
    }
  });

  it('leaves the entry out on a gate out of the sector histogram', async () => {
    const charts = await api.ok('ranking.charts', {
      round: ROUND,
      scope: 'mine',
      method: 'mean',
      top: 5,
    });
    expect(charts.sectors).toHaveLength(1);
    const counted = charts.sectors[0]?.bins.reduce((sum, b) => sum + b.count, 0);
    expect(counted).toBe(entries.length - 1);
  });
});
