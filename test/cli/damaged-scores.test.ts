// A score the rules refuse, stored by damage rather than by the app (the store refuses to write
// one since migration 0006): a flipped bit turned 14.5 into 4.93e39. Ranking, the review form
// and an import touching that review refuse it by name, and `verify` lists it, exit code 3.
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { sample, tempDir } from '../support/paths';
import { apiSession } from '../support/session';

const demo = (file: string) => sample('demo-round', file);
let project: string;

function ok(args: string[]) {
  const run = runCli(args);
  expect(run.code, `${args.join(' ')}\n${run.stderr}`).toBe(0);
  return run;
}

/** Where the damage is named: the first row of the demo scores (S001-001, R00102, net, 14.5). */
function expectNamed(text: string): void {
  expect(text).toContain('S001-001');
  expect(text).toContain('R00102');
  expect(text).toContain('net');
  expect(text).toContain('4.93e+39');
}

function auditEvents(): number {
  const db = new Database(project, { readonly: true });
  const count = db.prepare('SELECT count(*) FROM audit_event').pluck().get() as number;
  db.close();
  return count;
}

beforeAll(() => {
  project = join(tempDir(), 'damaged.sailreview');
  ok(['init', project]);
  ok(['import', project, demo('entries.csv'), '--programme', 'pioneer']);
  ok(['rubric', 'import', project, demo('rubric.json')]);
  ok(['reviewers', 'import', project, demo('reviewers.csv')]);
  ok(['round', 'create', project, '--name', '复赛', '--programme', 'pioneer']);
  ok(['scores', 'import', project, demo('scores.csv'), '--round', '复赛']);
  // The bit flips behind the store's back: its trigger would refuse the value.
  const db = new Database(project);
  db.exec('DROP TRIGGER IF EXISTS score_in_range_update');
  const flipped = db
    .prepare(
      `UPDATE score SET points = 4.93e39 WHERE criterion_key = 'net' AND points = 14.5
         AND review_id = (SELECT r.id FROM review r JOIN entry e ON e.id = r.entry_id
           JOIN reviewer rv ON rv.id = r.reviewer_id
           WHERE e.external_id = 'S001-001' AND rv.external_id = 'R00102')`,
    )
    .run();
  db.close();
  expect(flipped.changes).toBe(1);
}, 60_000);

describe('a damaged score', () => {
  it('is refused by rank, named, exit code 3', () => {
    const run = runCli(['rank', project, '--round', '复赛', '--json']);
    expect(run.code, run.stderr).toBe(3);
    expect(run.stdout).toBe('');
    expectNamed(run.stderr);
    expect(run.stderr).toContain('应为 0 到 20 之间 0.5 的整数倍');
    expect(run.stderr).toContain('it must be 0 to 20 in steps of 0.5');
  });

  it('is listed by verify, exit code 3', () => {
    const run = runCli(['verify', project]);
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toContain('1 个分数不合评分规则');
    expect(run.stderr).toContain(
      'round "复赛" entry S001-001 reviewer R00102 criterion net: 4.93e+39 (must be 0–20 in steps of 0.5)',
    );
  });

  it('is refused by an import merging into its review, exit code 3, nothing written', () => {
    const file = join(tempDir(), 'more.csv');
    writeFileSync(file, 'entry_id,reviewer_id,criterion,score\nS001-001,R00102,level,3\n');
    const before = auditEvents();
    const run = runCli(['scores', 'import', project, file, '--round', '复赛']);
    expect(run.code, run.stderr).toBe(3);
    expectNamed(run.stderr);
    expect(auditEvents()).toBe(before);
  });

  it("is refused by the review form, named, in the window's words", async () => {
    const api = apiSession();
    await api.ok('project.open', { path: project });
    const entry = (await api.ok('entries.list', { search: 'S001-001' })).rows[0]!.id;
    const form = await api.call('scoring.get', { round: '复赛', reviewer: 'R00102', entry });
    api.session.close();
    expect(form.ok).toBe(false);
    if (form.ok) return;
    expect(form.error.code).toBe('score_out_of_range');
    expectNamed(form.error.message_zh);
    expectNamed(form.error.message_en);
  });
});
