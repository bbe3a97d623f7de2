// A project journalled by the previous release (schema 12, the demo round scored) kept each row's
// whole hash (44 base64 characters); the journal now keeps its first 22. Both verify: the old
// rows against their whole hashes, the rows written since against the shorter ones, and an edit
// of either is found.
import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { repoRoot, tempDir } from '../support/paths';

const fixture = (name: string) => join(repoRoot, 'test', 'fixtures', name);
/** The previous release's organiser key, as that computer's key folder held it. */
const organiserKey = fixture('journal-v12.pub.pem');

function project(): string {
  const path = join(tempDir(), 'journal-v12.sailreview');
  writeFileSync(path, gunzipSync(readFileSync(fixture('journal-v12.sailreview.gz'))));
  return path;
}

function hashLengths(path: string): number[] {
  const db = new Database(path, { readonly: true });
  try {
    const texts = db.prepare('SELECT rows FROM row_journal').pluck().all() as string[];
    const rows = texts.flatMap((text) => JSON.parse(text) as Array<[string, string, string]>);
    return [...new Set(rows.map(([, , hash]) => hash.length))].sort();
  } finally {
    db.close();
  }
}

it('verifies its whole hashes and, after a write, the shorter ones; an edit of either is found', () => {
  const path = project();
  expect(hashLengths(path)).toEqual([44]);
  const before = runCli(['verify', path, '--public-key', organiserKey]);
  expect(before.code, before.stderr).toBe(0);
  expect(before.stderr).toMatch(/[1-9]\d* rows match it/);

  const written = runCli(['round', 'create', path, '--name', '决赛', '--programme', 'pioneer']);
  expect(written.code, written.stderr).toBe(0);
  expect(hashLengths(path)).toEqual([22, 44]);
  const after = runCli(['verify', path]);
  expect(after.code, after.stderr).toBe(0);

  for (const [edit, found] of [
    ["UPDATE round SET name = '总决赛' WHERE name = '决赛'", /table round \(round "总决赛"\)/],
    ['UPDATE score SET points = points + 0.5 WHERE rowid = 1', /table score/],
  ] as const) {
    const copy = join(tempDir(), 'edited.sailreview');
    writeFileSync(copy, readFileSync(path));
    const db = new Database(copy);
    db.prepare(edit).run();
    db.close();
    const run = runCli(['verify', copy]);
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toMatch(found);
    expect(run.stderr).toContain('was changed outside the app');
  }
});
