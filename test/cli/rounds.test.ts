// Round commands as organisers script them: create with a stage, settings and an entry list,
// list, start, lock and reopen with a reason; a locked round refuses `scores import`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { sample, tempDir } from '../support/paths';

const demo = (file: string) => sample('demo-round', file);
let dir: string;
let project: string;

interface ListedRound {
  name: string;
  stage: string | null;
  status: string;
  entries: number;
  reviews_submitted: number;
  settings: { method: string; trim_k: number; min_reviews: number; disagreement_threshold: number };
}

function ok(args: string[]) {
  const run = runCli(args);
  expect(run.code, `${args.join(' ')}\n${run.stderr}`).toBe(0);
  return run;
}

function listed(): ListedRound[] {
  return JSON.parse(ok(['round', 'list', project, '--json']).stdout) as ListedRound[];
}

beforeAll(() => {
  dir = tempDir();
  project = join(dir, 'rounds.sailreview');
  ok(['init', project]);
  ok(['import', project, demo('entries.csv'), '--programme', 'pioneer']);
  ok(['import', project, sample('bloom-submissions.csv'), '--programme', 'bloom']);
  ok(['rubric', 'import', project, demo('rubric.json')]);
  ok(['reviewers', 'import', project, demo('reviewers.csv')]);
});

describe('round commands', () => {
  it('creates a round from an entry list CSV with stage and settings, naming unknown ids', () => {
    const list = join(dir, 'entries.csv');
    writeFileSync(list, '\uFEFF序号,entry_id\r\n1,S001-001\r\n2,S001-002\r\n3,S999-999\r\n');
    const run = ok([
      'round',
      'create',
      project,
      '--name',
      '决赛',
      '--programme',
      'pioneer',
      '--stage',
      '决赛',
      '--entries',
      list,
      '--method',
      'trimmed',
      '--trim',
      '1',
      '--min-reviews',
      '4',
      '--disagreement',
      '15',
    ]);
    expect(run.stderr).toContain('S999-999');
    expect(run.stderr).toContain('factory factory v2');
    expect(listed().find((r) => r.name === '决赛')).toMatchObject({
      stage: '决赛',
      status: 'setup',
      entries: 2,
      settings: { method: 'trimmed', trim_k: 1, min_reviews: 4, disagreement_threshold: 15 },
    });
  });

  it('creates a 绽放杯 round by track', () => {
    const entries = JSON.parse(
      ok(['entries', project, '--programme', 'bloom', '--json']).stdout,
    ) as Array<{ track: string | null }>;
    const track = entries.find((entry) => entry.track)?.track ?? '';
    const expected = entries.filter((entry) => entry.track === track).length;
    ok(['round', 'create', project, '--name', '赛道', '--programme', 'bloom', '--tracks', track]);
    expect(listed().find((r) => r.name === '赛道')?.entries).toBe(expected);
  });

  it('starts, locks and reopens with a reason; a locked round refuses scores import', () => {
    ok([
      'round',
      'create',
      project,
      '--name',
      '复赛',
      '--programme',
      'pioneer',
      '--sectors',
      'factory',
    ]);
    ok(['round', 'start', project, '--name', '复赛']);
    expect(listed().find((r) => r.name === '复赛')?.status).toBe('scoring');

    const again = runCli(['round', 'start', project, '--name', '复赛']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('评分中');

    ok(['round', 'lock', project, '--name', '复赛']);
    const refused = runCli(['scores', 'import', project, demo('scores.csv'), '--round', '复赛']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('已锁定');
    expect(refused.stderr).toContain('round reopen');
    expect(listed().find((r) => r.name === '复赛')?.reviews_submitted).toBe(0);

    const noReason = runCli(['round', 'reopen', project, '--name', '复赛']);
    expect(noReason.code).toBe(1);
    ok(['round', 'reopen', project, '--name', '复赛', '--reason', '补录专家评分']);
    ok(['scores', 'import', project, demo('scores.csv'), '--round', '复赛']);
    expect(listed().find((r) => r.name === '复赛')).toMatchObject({
      status: 'scoring',
      reviews_submitted: 51,
    });
    ok(['verify', project]);
  });

  it('lists rounds as text', () => {
    const run = ok(['round', 'list', project]);
    expect(run.stdout).toMatch(/^决赛\tpioneer\t决赛\tsetup\t2\t0$/m);
  });
});
