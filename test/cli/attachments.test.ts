// `sail-review import … --attachments DIR`: the folder is linked after the import, and a missing
// folder stops the import before anything is written.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { tempDir } from '../support/paths';

let dir: string;
let project: string;
let csv: string;
let folder: string;

beforeEach(() => {
  dir = tempDir();
  project = join(dir, 'p.sailreview');
  csv = join(dir, 'entries.csv');
  writeFileSync(
    csv,
    '项目编号,项目名称,牵头申报单位\nB2025-0001,智能考试,甲学院\nB2025-0002,智慧矿山,乙集团\n',
  );
  folder = join(dir, 'attachments');
  mkdirSync(join(folder, 'B2025-0002'), { recursive: true });
  writeFileSync(join(folder, 'B2025-0001_申报书.pdf'), '%PDF-1.4');
  writeFileSync(join(folder, 'B2025-0002', '照片.jpg'), 'jpg');
  writeFileSync(join(folder, '名单.xlsx'), 'x');
  expect(runCli(['init', project]).code).toBe(0);
});

describe('import --attachments', () => {
  it('links the folder and reports what matched no entry', () => {
    const run = runCli([
      'import',
      project,
      csv,
      '--programme',
      'bloom',
      '--attachments',
      folder,
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      inserted: 2,
      attachments: { linked: 2, entries_with_attachments: 2, unmatched: ['名单.xlsx'] },
    });
    expect(run.stderr).toContain('附件：已关联 2 个文件到 2 个项目，1 个未匹配');
    expect(run.stderr).toContain('Attachments: 2 files linked to 2 entries, 1 unmatched');
  });

  it('takes a folder relative to the working directory', () => {
    const run = runCli(
      ['import', project, csv, '--programme', 'bloom', '--attachments', 'attachments'],
      dir,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('未匹配：名单.xlsx');
  });

  it('exits 2 on a missing folder, leaving the project without the entries', () => {
    const run = runCli([
      'import',
      project,
      csv,
      '--programme',
      'bloom',
      '--attachments',
      join(dir, 'missing'),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('找不到附件文件夹');
    expect(run.stderr).toContain('Attachments folder not found');
    const list = runCli(['entries', project, '--json']);
    expect(JSON.parse(list.stdout)).toEqual([]);
  });
});
