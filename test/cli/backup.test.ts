// `sail-review backup`: the CLI takes no automatic backups (a process per command), so an
// organiser backs up before a bulk change on the command line, and lists what is there.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { tempDir } from '../support/paths';

it('backs up on request, takes none by itself, and lists the backups', () => {
  const project = join(tempDir(), '初赛.sailreview');
  expect(runCli(['init', project]).code).toBe(0);
  const folder = `${project}-备份`;
  expect(existsSync(folder)).toBe(false); // init backs nothing up

  const taken = runCli(['backup', project, '--json']);
  expect(taken.code).toBe(0);
  const backup = JSON.parse(taken.stdout) as { path: string; bytes: number };
  expect(backup.path.startsWith(join(folder, '初赛-'))).toBe(true);
  expect(backup.bytes).toBeGreaterThan(0);

  const listed = runCli(['backup', project, '--list', '--json']);
  expect(listed.code).toBe(0);
  expect(JSON.parse(listed.stdout)).toEqual({ folder, backups: [expect.objectContaining(backup)] });
  // A backup is a project: it opens and verifies.
  const verified = runCli(['verify', backup.path]);
  expect(verified.code).toBe(0);
  expect(verified.stderr).toContain('校验通过');
});
