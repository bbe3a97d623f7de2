// Crashes and a full disk (issue 14, item 5). The CLI importing entries or scores is killed with
// SIGKILL at random points (a fixed seed, 100 trials): each time the project opens, SQLite's
// integrity check and `verify`'s checks pass, the import is there whole or not at all, and no
// score committed before it is lost. A full disk refuses a score import plainly, nothing written.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProjectStore } from '../../electron/store/project-store';
import { runCli } from '../support/cli';
import { expectSound, runKillTrials, type FaultTrialKind } from '../support/fault-trials';
import { projectFile, storeConnection } from '../support/project-file';
import { sample, tempDir } from '../support/paths';
import { apiSession } from '../support/session';

const demo = (file: string) => sample('demo-round', file);
const ENTRIES = 2000;

let dir: string;
let entriesBase: string;
let scoresBase: string;
let entriesFile: string;
let laterScores: string;
/** The scores the later score file holds. */
let laterRows: number;

function ok(args: string[]): void {
  const run = runCli(args);
  expect(run.code, `${args.join(' ')}\n${run.stderr}`).toBe(0);
}

const count = (store: ProjectStore, table: string) =>
  projectFile(store).prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

/** Every stored score, as text rows: what a later write must leave as it was. */
const scores = (store: ProjectStore) =>
  projectFile(store)
    .prepare(
      `SELECT e.external_id || '/' || rv.external_id || '/' || s.criterion_key || '=' || s.points
       FROM score s JOIN review r ON r.id = s.review_id JOIN entry e ON e.id = r.entry_id
       JOIN reviewer rv ON rv.id = r.reviewer_id`,
    )
    .pluck()
    .all() as string[];

beforeAll(() => {
  dir = tempDir();
  entriesFile = join(dir, 'entries.csv');
  const rows = ['项目编号,项目名称,牵头申报单位,所属行业,省份,城市,项目简介'];
  for (let i = 1; i <= ENTRIES; i++) {
    rows.push(
      `B${String(i).padStart(7, '0')},5G+示范项目${i},申报单位${i % 97}有限公司,5G+工业互联网,江苏省,苏州,建设5G专网${i}`,
    );
  }
  writeFileSync(entriesFile, `${rows.join('\r\n')}\r\n`);
  entriesBase = join(dir, 'entries-base.sailreview');
  ok(['init', entriesBase]);

  // The demo round with half its score file committed; the other half is the import killed.
  scoresBase = join(dir, 'scores-base.sailreview');
  ok(['init', scoresBase]);
  ok(['import', scoresBase, demo('entries.csv'), '--programme', 'pioneer']);
  ok(['rubric', 'import', scoresBase, demo('rubric.json')]);
  ok(['reviewers', 'import', scoresBase, demo('reviewers.csv')]);
  ok(['round', 'create', scoresBase, '--name', '复赛', '--programme', 'pioneer']);
  const [header = '', ...lines] = readFileSync(demo('scores.csv'), 'utf8').trim().split(/\r?\n/);
  const half = Math.floor(lines.length / 2);
  const earlier = join(dir, 'scores-earlier.csv');
  writeFileSync(earlier, [header, ...lines.slice(0, half)].join('\n'));
  laterScores = join(dir, 'scores-later.csv');
  writeFileSync(laterScores, [header, ...lines.slice(half)].join('\n'));
  // Gate rows are answers, not scores.
  laterRows = lines.slice(half).filter((line) => !line.split(',')[2]?.startsWith('gate:')).length;
  ok(['scores', 'import', scoresBase, earlier, '--round', '复赛']);
}, 120_000);

const entriesImport: FaultTrialKind<{ entries: number }> = {
  name: 'entries',
  command: (project) => ['import', project, entriesFile, '--programme', 'bloom'],
  before: (store) => ({ entries: count(store, 'entry') }),
  check: (store, before) => {
    const entries = count(store, 'entry');
    const batches = projectFile(store)
      .prepare('SELECT inserted FROM import_batch')
      .pluck()
      .all() as number[];
    if (entries === before.entries) {
      expect(batches).toEqual([]);
      return 'absent';
    }
    // Whole: every row, with the import batch that records them.
    expect(entries).toBe(before.entries + ENTRIES);
    expect(batches).toEqual([ENTRIES]);
    return 'applied';
  },
};

const scoresImport: FaultTrialKind<{ scores: string[] }> = {
  name: 'scores',
  command: (project) => ['scores', 'import', project, laterScores, '--round', '复赛'],
  before: (store) => ({ scores: scores(store) }),
  check: (store, before) => {
    const now = scores(store);
    // No score committed before the import is lost or changed.
    expect(now).toEqual(expect.arrayContaining(before.scores));
    if (now.length === before.scores.length) return 'absent';
    // Whole: every score of the later file.
    expect(now.length).toBe(before.scores.length + laterRows);
    return 'applied';
  },
};

describe('a write killed at a random point', () => {
  it('an entry import: the project sound, the import whole or absent', async () => {
    const outcomes = await runKillTrials(entriesImport, entriesBase, dir, 50, 14_05);
    expect(outcomes.applied + outcomes.absent).toBe(50);
    // The kills fell before the commit and after it.
    expect(outcomes.killed).toBeGreaterThan(0);
    expect(outcomes.absent).toBeGreaterThan(0);
    expect(outcomes.applied).toBeGreaterThan(0);
  }, 240_000);

  it('a score import: the project sound, earlier scores kept, the import whole or absent', async () => {
    const outcomes = await runKillTrials(scoresImport, scoresBase, dir, 50, 14_06);
    expect(outcomes.applied + outcomes.absent).toBe(50);
    // The kills fell before the commit and after it.
    expect(outcomes.killed).toBeGreaterThan(0);
    expect(outcomes.absent).toBeGreaterThan(0);
    expect(outcomes.applied).toBeGreaterThan(0);
  }, 240_000);
});

describe('a full disk', () => {
  it('refuses a score import plainly, nothing written, the project sound', async () => {
    const api = apiSession();
    const path = join(api.dir, 'full.sailreview');
    copyFileSync(scoresBase, path);
    await api.ok('project.open', { path });
    const store = api.session.require();
    const before = scores(store);
    const db = storeConnection(store);
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    const error = await api.fails('scores.import', { round: '复赛', path: laterScores });
    expect(error.code).toBe('disk_full');
    expect(error.message_zh).toContain('磁盘空间已满');
    expect(error.message_en).toContain('nothing was written');
    expect(scores(store)).toEqual(before);
    expectSound(store);
    db.pragma('max_page_count = 1073741823');
    await api.ok('scores.import', { round: '复赛', path: laterScores });
    expectSound(store);
    expect(scores(store)).toHaveLength(before.length + laterRows);
  });
});
