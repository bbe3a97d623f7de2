// A project written before the row journal and signed heads (schema 10, made by the previous
// release from the demo round) keeps verifying: its old events hold as they were hashed, its
// rows are reported as not vouched for rather than failed, and from its first write on the
// chain journals and signs as for a new project.
import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { repoRoot, tempDir } from '../support/paths';

it('verifies, then journals and signs from its first write on', () => {
  const project = join(tempDir(), 'legacy.sailreview');
  writeFileSync(
    project,
    gunzipSync(readFileSync(join(repoRoot, 'test', 'fixtures', 'legacy-v10.sailreview.gz'))),
  );
  const before = runCli(['verify', project]);
  expect(before.code, before.stderr).toBe(0);
  expect(before.stderr).toMatch(/(\d+) rows were written by an older version and not since/);
  expect(before.stderr).not.toContain('signed by the organiser');

  const written = runCli(['round', 'create', project, '--name', '决赛', '--programme', 'pioneer']);
  expect(written.code, written.stderr).toBe(0);
  const after = runCli(['verify', project]);
  expect(after.code, after.stderr).toBe(0);
  expect(after.stderr).toContain("its head signed by the organiser's key");

  // A row the new write made is vouched for: changed outside the app, it is found.
  const db = new Database(project);
  db.prepare("UPDATE round SET name = '总决赛' WHERE name = '决赛'").run();
  db.close();
  const edited = runCli(['verify', project]);
  expect(edited.code).toBe(3);
  expect(edited.stderr).toMatch(
    /row \d+ of table round \(round "总决赛"\) was changed outside the app/,
  );
});
