// What organisers' scripts see of a file refused as a whole: exit code 2 (nothing written, per
// CLI.md) and the reasons on stderr, for a scores file whose rows are all rejected and for a
// file of any importer with a header but no data rows.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { sample, tempDir } from '../support/paths';

const demo = (file: string) => sample('demo-round', file);
let dir: string;
let project: string;

function ok(args: string[]) {
  const run = runCli(args);
  expect(run.code, `${args.join(' ')}\n${run.stderr}`).toBe(0);
  return run;
}

function file(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, lines.join('\r\n'));
  return path;
}

const roundStatuses = () =>
  (JSON.parse(ok(['round', 'list', project, '--json']).stdout) as Array<{ status: string }>).map(
    (round) => round.status,
  );

beforeAll(() => {
  dir = tempDir();
  project = join(dir, 'refusals.sailreview');
  ok(['init', project]);
  ok(['import', project, demo('entries.csv'), '--programme', 'pioneer']);
  ok(['rubric', 'import', project, demo('rubric.json')]);
  ok(['reviewers', 'import', project, demo('reviewers.csv')]);
  ok(['round', 'create', project, '--name', '复赛', '--programme', 'pioneer']);
});

describe('files refused as a whole', () => {
  it('scores import: every row rejected exits 2, names the rows, leaves the round in setup', () => {
    const run = runCli([
      'scores',
      'import',
      project,
      file('bad-scores.csv', [
        'entry_id,reviewer_id,criterion,score',
        'S001-001,R00101,net,abc',
        'S001-001,R00101,level,99',
      ]),
      '--round',
      '复赛',
    ]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('2 行全部被拒绝，未写入任何内容');
    expect(run.stderr).toContain('row 2 (score): net: not a number ("abc")');
    expect(run.stderr).toContain('row 3 (score): level: score must be between 0 and 15 ("99")');
    expect(roundStatuses()).toEqual(['setup']);
  });

  it.each([
    ['import', ['--programme', 'pioneer'], ['候选编号,领航者类别,主体名称']],
    ['reviewers import', [], ['专家编号,姓名']],
    ['scores import', ['--round', '复赛'], ['entry_id,reviewer_id,criterion,score', ',,,']],
  ])('%s: a header and no rows exits 2 and says so', (command, options, lines) => {
    const path = file(`${command.replace(' ', '-')}-header.csv`, lines);
    const run = runCli([...command.split(' '), project, path, ...options]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('只有表头，没有数据行，未导入任何内容');
    expect(run.stderr).toContain('has a header but no data rows; nothing was imported');
  });
});
