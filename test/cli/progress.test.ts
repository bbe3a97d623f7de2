// The import progress bar of the CLI: drawn on a terminal, never written into pipes and logs.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeBloomCsv } from '../support/big-csv';
import { runCli } from '../support/cli';
import { cliPath, tempDir } from '../support/paths';

// util-linux `script` runs a command on a pseudo-terminal, so stderr is a TTY.
const hasScript = spawnSync('script', ['--version']).status === 0;

let dir: string;
let csv: string;

beforeAll(async () => {
  dir = tempDir();
  csv = join(dir, 'entries.csv');
  await writeBloomCsv(csv, 20_000);
});

describe('sail-review import progress', () => {
  it('writes no bar when stderr is a pipe', () => {
    const project = join(dir, 'piped.sailreview');
    expect(runCli(['init', project]).code).toBe(0);
    const run = runCli(['import', project, csv, '--programme', 'bloom']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('新增 20000');
    expect(run.stderr).not.toMatch(/\r|\[#|读取 read/);
  });

  it.skipIf(!hasScript)('draws the read and write phases on a terminal', () => {
    const project = join(dir, 'tty.sailreview');
    expect(runCli(['init', project]).code).toBe(0);
    const command = [process.execPath, cliPath, 'import', project, csv, '--programme', 'bloom']
      .map((arg) => `'${arg}'`)
      .join(' ');
    const run = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    const lines = run.stdout.split(/\r?\n/);
    const read = lines.find((line) => line.includes('读取 read'));
    const write = lines.find((line) => line.includes('写入 write'));
    // Each phase ends on a full bar; earlier redraws of the same line come before a \r.
    expect(read).toMatch(/entries\.csv 读取 read \[#{30}\] 100%$/);
    expect(write).toMatch(/entries\.csv 写入 write \[#{30}\] 100%$/);
    expect(run.stdout).toContain('新增 20000');
  });
});
