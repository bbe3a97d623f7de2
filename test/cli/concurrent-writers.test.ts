// Two writers on one project at once: `scores import` processes started together, and a CLI
// import run while the window's session is reading its own file, each giving other criteria of
// the same reviews. Every
// score of both files must be in the project afterwards, each review complete and submitted.
// (A write that merged into a review read before its transaction lost the other's scores.)
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dispatch, USER } from '../../electron/api/dispatch';
import { runCli, startCli, type CliRun } from '../support/cli';
import { sample, tempDir } from '../support/paths';
import { apiSession } from '../support/session';
import { projectFile } from '../support/project-file';

/** The generic rubric's criteria with their maxima; the files split them between writers. */
const CRITERIA = [
  ['innovation', 20],
  ['technology', 20],
  ['impact', 25],
  ['business', 20],
  ['maturity', 15],
] as const;
const FIRST = CRITERIA.slice(0, 3);
const SECOND = CRITERIA.slice(3);

let dir: string;
let project: string;
let entries: string[];
let experts: string[];

function ok(args: string[]) {
  const run = runCli(args);
  expect(run.code, `${args.join(' ')}\n${run.stderr}`).toBe(0);
  return run;
}

/** A score every writer agrees on, so the expected project follows from the key alone. */
const points = (e: number, r: number, c: number) =>
  ((e * 7 + r * 3 + c) % ((CRITERIA[c]?.[1] ?? 0) * 2 + 1)) / 2;

/** Every expert scores every entry on `criteria` (300 entries × 40 experts = 12,000 reviews). */
function scoresFile(name: string, criteria: ReadonlyArray<readonly [string, number]>): string {
  const lines = ['entry_id,reviewer_id,criterion,score'];
  entries.forEach((entry, e) =>
    experts.forEach((expert, r) => {
      for (const [key] of criteria) {
        const c = CRITERIA.findIndex(([k]) => k === key);
        lines.push(`${entry},${expert},${key},${points(e, r, c)}`);
      }
    }),
  );
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n'));
  return path;
}

/** What the round holds: per entry, expert and criterion, the score; and review statuses. */
function stored(round: string) {
  const api = apiSession();
  return api.ok('project.open', { path: project }).then(() => {
    const db = projectFile(api.session.require());
    const scores = db
      .prepare<[string], { entry: string; expert: string; criterion: string; points: number }>(
        `SELECT e.external_id AS entry, rv.external_id AS expert, s.criterion_key AS criterion,
           s.points FROM score s JOIN review r ON r.id = s.review_id
           JOIN round ro ON ro.id = r.round_id JOIN entry e ON e.id = r.entry_id
           JOIN reviewer rv ON rv.id = r.reviewer_id WHERE ro.name = ?`,
      )
      .all(round);
    const statuses = db
      .prepare<[string], { status: string; n: number }>(
        `SELECT r.status, count(*) AS n FROM review r JOIN round ro ON ro.id = r.round_id
         WHERE ro.name = ? GROUP BY r.status`,
      )
      .all(round);
    api.session.close();
    return { scores, statuses };
  });
}

function expectEveryScore(result: Awaited<ReturnType<typeof stored>>): void {
  const byKey = new Map(
    result.scores.map((s) => [`${s.entry}/${s.expert}/${s.criterion}`, s.points]),
  );
  let missing = 0;
  let wrong = 0;
  entries.forEach((entry, e) =>
    experts.forEach((expert, r) =>
      CRITERIA.forEach(([key], c) => {
        const value = byKey.get(`${entry}/${expert}/${key}`);
        if (value === undefined) missing += 1;
        else if (value !== points(e, r, c)) wrong += 1;
      }),
    ),
  );
  expect({ missing, wrong, rows: result.scores.length }).toEqual({
    missing: 0,
    wrong: 0,
    rows: entries.length * experts.length * CRITERIA.length,
  });
  expect(result.statuses).toEqual([{ status: 'submitted', n: entries.length * experts.length }]);
}

beforeAll(() => {
  dir = tempDir();
  project = join(dir, 'concurrent.sailreview');
  ok(['init', project]);
  ok(['import', project, sample('bloom-submissions.csv'), '--programme', 'bloom', '--json']);
  ok(['reviewers', 'import', project, sample('reviewers.csv')]);
  for (const round of ['两个进程', '进程与窗口']) {
    ok(['round', 'create', project, '--name', round, '--programme', 'bloom']);
  }
  const listed = JSON.parse(ok(['entries', project, '--json']).stdout) as Array<{
    entry_id: string;
  }>;
  entries = listed.map((entry) => entry.entry_id);
  experts = Array.from({ length: 40 }, (_, i) => `EXP${String(i + 1).padStart(3, '0')}`);
}, 60_000);

describe('concurrent score imports', () => {
  it('two CLI processes started together keep every score of both files', async () => {
    const first = scoresFile('first.csv', FIRST);
    const second = scoresFile('second.csv', SECOND);
    const runs = await Promise.all(
      [first, second].map((file) =>
        startCli(['scores', 'import', project, file, '--round', '两个进程']),
      ),
    );
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    expectEveryScore(await stored('两个进程'));
  }, 120_000);

  it("a CLI process importing while the window's session imports keeps every score", async () => {
    const first = scoresFile('window-first.csv', FIRST);
    const second = scoresFile('window-second.csv', SECOND);
    const window = apiSession();
    await window.ok('project.open', { path: project });
    // The CLI imports from start to end while the window's import is reading its file: once it
    // has read some rows, the other process writes reviews those rows belong to.
    let cli: CliRun | undefined;
    const result = await dispatch(
      window.handlers,
      'scores.import',
      { round: '进程与窗口', path: second },
      {
        caller: USER,
        progress: ({ phase, rows }) => {
          if (phase === 'read' && (rows ?? 0) > 0 && !cli) {
            cli = runCli(['scores', 'import', project, first, '--round', '进程与窗口']);
          }
        },
      },
    );
    window.session.close();
    expect(cli?.code, cli?.stderr).toBe(0);
    expect(result.ok, JSON.stringify(result)).toBe(true);
    expectEveryScore(await stored('进程与窗口'));
  }, 120_000);
});
