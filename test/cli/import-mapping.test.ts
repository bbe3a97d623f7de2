// `sail-review import` with column mappings: a saved mapping is reused, --mapping wins over it,
// and --rejected-out writes the rejected rows (on a dry run too) as a CSV to fix.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { repoRoot, tempDir } from '../support/paths';

const MANUAL = join(repoRoot, 'test', 'fixtures', 'import', 'manual-mapping.csv');
let dir: string;
let project: string;

function mappingFile(name: string, mapping: Record<string, string | null>): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(mapping));
  return path;
}

function cli(...args: string[]) {
  const run = runCli(args);
  expect(run.code, run.stderr).toBe(0);
  return run;
}

const titles = () =>
  Object.fromEntries(
    (
      JSON.parse(cli('entries', project, '--json').stdout) as Array<{
        entry_id: string;
        title: string;
      }>
    ).map((entry) => [entry.entry_id, entry.title]),
  );

beforeEach(() => {
  dir = tempDir();
  project = join(dir, 'cli.sailreview');
  cli('init', project);
});

describe('import with column mappings', () => {
  it('reuses the saved mapping, and --mapping still wins', () => {
    const confirmed = mappingFile('a.json', { 名字: 'title', 单位: 'applicant' });
    const first = cli('import', project, MANUAL, '--programme', 'bloom', '--mapping', confirmed);
    expect(first.stderr).toContain('新增 2');
    expect(first.stderr).not.toContain('已沿用');

    const second = cli('import', project, MANUAL, '--programme', 'bloom');
    expect(second.stderr).toContain('未变 2');
    expect(second.stderr).toContain('Applied the column mapping confirmed before');

    const swapped = mappingFile('b.json', { 名字: 'applicant', 单位: 'title' });
    const third = cli('import', project, MANUAL, '--programme', 'bloom', '--mapping', swapped);
    expect(third.stderr).toContain('更新 2');
    expect(third.stderr).toContain('已沿用此前为相同表头确认的列映射（--mapping 指定的列除外）');
    expect(third.stderr).toMatch(/内容有变化的项目 2 个：\n {2}M-001: 项目名称、牵头申报单位/);
    expect(third.stderr).toMatch(/2 entries changed:\n {2}M-001: Title, Applicant/);
    expect(titles()).toEqual({ 'M-001': '甲制造有限公司', 'M-003': '丙市人民医院' });
  });

  it('writes the rejected rows with --rejected-out, on a dry run without storing anything', () => {
    const out = join(dir, 'rejected.csv');
    const confirmed = mappingFile('a.json', { 名字: 'title', 单位: 'applicant' });
    const run = cli(
      'import',
      project,
      MANUAL,
      '--programme',
      'bloom',
      '--mapping',
      confirmed,
      '--dry-run',
      '--rejected-out',
      out,
    );
    expect(run.stderr).toContain(`被拒绝的 2 行已写入 ${out}`);
    const lines = readFileSync(out, 'utf8').split('\r\n');
    expect(lines[0]).toBe('\uFEFF编号,名字,单位,备注,错误原因,error');
    expect(lines[1]).toBe(
      "M-002,5G智慧港口调度,,'+86 10 1234 5678,牵头申报单位为空,Applicant is empty",
    );
    expect(titles()).toEqual({});
    // Nothing saved either: the next import has no mapping to reuse and lacks the columns.
    const next = runCli(['import', project, MANUAL, '--programme', 'bloom']);
    expect(next.code).toBe(2);
    expect(next.stderr).toContain('文件缺少必需的列');
  });
});

describe('a --mapping file that cannot be a mapping', () => {
  it('refuses a device at once, in both languages, with exit 2', () => {
    // /dev/zero never ends: reading it whole would fill the memory.
    const run = runCli([
      'import',
      project,
      MANUAL,
      '--programme',
      'bloom',
      '--mapping',
      '/dev/zero',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('“/dev/zero”是设备，不是普通文件');
    expect(run.stderr).toContain('"/dev/zero" is a device, not a regular file');
    expect(titles()).toEqual({});
  });

  it('says where its JSON breaks, in our words', () => {
    const path = join(dir, 'broken.json');
    // Line 3 is '  "单位": applicant': the bare word starts at column 9.
    writeFileSync(path, '{\n  "名字": "title",\n  "单位": applicant\n}');
    const run = runCli(['import', project, MANUAL, '--programme', 'bloom', '--mapping', path]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('第 3 行第 9 列附近有语法错误');
    expect(run.stderr).toContain('syntax error near line 3, column 9');
    expect(run.stderr).not.toMatch(/SyntaxError|Unexpected token/);
  });
});
