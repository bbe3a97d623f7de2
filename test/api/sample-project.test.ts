// The first run's sample project: built on the spot from the shipped samples, so that every
// screen has something to show — both programmes, the rubric library, experts and conflicts, an
// assigned round with submitted and draft reviews (ranked), and a round in setup.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { SAMPLE_ROUND } from '../../electron/api/services/sample-project';
import { resourcesDir, samplesDir } from '../support/paths';
import { apiSession, type ApiSession } from '../support/session';

let api: ApiSession;

beforeAll(async () => {
  api = apiSession();
  await api.ok('project.createSample', {});
}, 60_000);

it('holds both programmes, the rubric library, the experts and their conflicts', async () => {
  const overview = await api.ok('project.overview', {});
  expect(overview.entries).toEqual({ bloom: 300, pioneer: 160 });
  expect(overview.reviewers).toBe(40);
  expect(overview.rubrics).toBeGreaterThanOrEqual(9);
  expect(overview.rounds.map((round) => [round.programme, round.status])).toEqual([
    ['pioneer', 'scoring'],
    ['bloom', 'setup'],
  ]);
  const { conflicts } = await api.ok('conflicts.list', {});
  expect(conflicts.length).toBeGreaterThan(0);
});

it('has a round assigned three experts per entry, partly scored, and ranked', async () => {
  const assignments = await api.ok('assignments.list', { round: SAMPLE_ROUND });
  expect(assignments).toHaveLength(160);
  const full = assignments.filter((entry) => entry.reviewers.length === 3).length;
  expect(full / assignments.length).toBeGreaterThan(0.95);
  const board = await api.ok('panel.progress', { round: SAMPLE_ROUND });
  expect(board.totals.submitted).toBeGreaterThan(board.totals.assigned * 0.5);
  expect(board.totals.submitted).toBeLessThan(board.totals.assigned * 0.95);
  expect(board.totals.draft).toBeGreaterThan(0);
  const ranking = await api.ok('ranking.rank', { round: SAMPLE_ROUND });
  // Most entries have their three reviews: a ranking with few flags of too few reviews.
  const ranked = ranking.rows.filter((row) => row.reviews >= 3);
  expect(ranked.length).toBeGreaterThan(ranking.rows.length / 2);
});

it('is the same every time it is built', async () => {
  const again = apiSession();
  await again.ok('project.createSample', {});
  const ranks = async (session: ApiSession) =>
    (await session.ok('ranking.rank', { round: SAMPLE_ROUND })).rows.map((row) => [
      row.entry_id,
      row.score,
    ]);
  expect(await ranks(again)).toEqual(await ranks(api));
}, 60_000);

it('is built once, in the app’s own folder, then opened as it was left', async () => {
  const { path } = api.session.require();
  expect(path.startsWith(join(api.dir, 'config'))).toBe(true);
  await api.ok('rounds.shareResults', { round: SAMPLE_ROUND, shown: true });
  await api.ok('project.close', {});
  const reopened = await api.ok('project.createSample', {});
  expect(reopened.path).toBe(path);
  const rounds = await api.ok('rounds.list', {});
  expect(rounds.find((round) => round.name === SAMPLE_ROUND)?.results_for_experts).toBe(true);
});

it('ships copies of the shared sample files, unchanged', () => {
  const shipped = readdirSync(join(resourcesDir, 'samples'));
  expect(shipped.sort()).toEqual([
    'bloom-submissions.csv',
    'pioneer-candidates.xlsx',
    'reviewers.csv',
  ]);
  for (const file of shipped) {
    expect(
      readFileSync(join(resourcesDir, 'samples', file)).equals(
        readFileSync(join(samplesDir, file)),
      ),
      file,
    ).toBe(true);
  }
});
