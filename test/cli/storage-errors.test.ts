// The CLI beside another program that holds the project longer than the busy timeout: exit 2
// (nothing written, CLI.md) with what happened and what to do, never "Internal error"; the
// project is intact and takes the same import once the other program is done.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { holdWriteLock } from '../support/lock-holder';
import { sample, tempDir } from '../support/paths';

const demo = (file: string) => sample('demo-round', file);
let project: string;

function ok(args: string[]) {
  const run = runCli(args);
  expect(run.code, `${args.join(' ')}\n${run.stderr}`).toBe(0);
  return run;
}

beforeAll(() => {
  project = join(tempDir(), 'busy.sailreview');
  ok(['init', project]);
  ok(['import', project, demo('entries.csv'), '--programme', 'pioneer']);
});

describe('a project held by another program', () => {
  it('exits 2 saying so, and the import goes through once it is free', async () => {
    const holder = await holdWriteLock(project);
    let run;
    try {
      run = runCli(['reviewers', 'import', project, demo('reviewers.csv')]);
    } finally {
      holder.release();
    }
    expect(await holder.released).toBe(0);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('项目文件正被另一个程序占用');
    expect(run.stderr).toContain('Wait for it to finish, or close that program, and try again.');
    expect(run.stderr).not.toContain('Internal error');
    ok(['verify', project]);
    expect(ok(['reviewers', 'import', project, demo('reviewers.csv')]).stderr).toContain(
      '5 inserted',
    );
  });

  it('--help says which exit code these end with', () => {
    const help = ok(['--help']).stdout;
    expect(help).toContain(
      '2  输入被拒绝、文件无法读取、项目被其他程序占用或磁盘已满（未写入任何内容）',
    );
    expect(help).toContain('project held by another program or disk full (nothing written)');
  });
});
