// The demo round of ../shared/samples/demo-round through the API: 12 factory candidates, the
// demo factory rubric, 5 experts, round 复赛 with every score imported.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sample } from './paths';
import { apiSession, type ApiSession } from './session';

export const demoFile = (file: string) => sample('demo-round', file);

/** The expected ranking of a method, as the sample gives it. */
export function expectedRanking(
  method: string,
): Array<{ entry_id: string; rank: number | null; score: number; flags: string[] }> {
  return JSON.parse(readFileSync(demoFile(`expected-${method}.json`), 'utf8')) as Array<{
    entry_id: string;
    rank: number | null;
    score: number;
    flags: string[];
  }>;
}

/** The demo project before scoring: its entries, its rubric as version 2, its 5 experts. */
export async function demoProjectSession(): Promise<ApiSession> {
  const api = apiSession();
  await api.ok('project.create', { path: join(api.dir, '演示.sailreview') });
  await api.ok('entries.import', { path: demoFile('entries.csv'), programme: 'pioneer' });
  await api.ok('rubrics.import', {
    rubric: JSON.parse(readFileSync(demoFile('rubric.json'), 'utf8')) as unknown,
  });
  await api.ok('reviewers.import', { path: demoFile('reviewers.csv') });
  return api;
}

export async function demoRoundSession(round = '复赛'): Promise<ApiSession> {
  const api = await demoProjectSession();
  await api.ok('rounds.create', {
    name: round,
    programme: 'pioneer',
    stage: '初赛',
    sectors: ['factory'],
  });
  await api.ok('scores.import', { round, path: demoFile('scores.csv') });
  return api;
}
