// `sail-review rubric import|export` (CLI.md): a new project holds the library as version 1 of
// every sector, an invalid rubric is refused with its reason in both languages and changes
// nothing, and what is exported imports back as the next version.
import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RubricDefinition } from '../../electron/core/domain';
import { readRubricLibrary } from '../../electron/io/rubric-library';
import { runCli } from '../support/cli';
import { resourcesDir, tempDir } from '../support/paths';

const library = readRubricLibrary(resourcesDir).map(({ json }) => json as RubricDefinition);
const libraryRubric = (sector: string): RubricDefinition =>
  structuredClone(library.find((rubric) => rubric.sector === sector)!);

let dir: string;
let project: string;

function cli(...args: string[]) {
  const run = runCli(args);
  expect(run.code, run.stderr).toBe(0);
  return run;
}

/** What the project file holds: rubric versions and the length of the audit chain. */
function stored() {
  const db = new Database(project, { readonly: true });
  try {
    const rubrics = db
      .prepare('SELECT sector, version, origin FROM rubric ORDER BY sector, version')
      .all() as Array<{ sector: string; version: number; origin: string }>;
    const audit = (db.prepare('SELECT count(*) AS n FROM audit_event').get() as { n: number }).n;
    return { rubrics, audit };
  } finally {
    db.close();
  }
}

function rubricFile(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

const exported = (sector: string) =>
  JSON.parse(cli('rubric', 'export', project, sector).stdout) as RubricDefinition;

beforeEach(() => {
  dir = tempDir();
  project = join(dir, 'rubrics.sailreview');
  cli('init', project);
});

describe('the library in a new project', () => {
  it('seeds every library rubric as version 1', () => {
    expect(stored().rubrics).toEqual(
      library
        .map((rubric) => ({ sector: rubric.sector, version: 1, origin: 'library' }))
        .sort((a, b) => a.sector.localeCompare(b.sector)),
    );
    expect(library).toHaveLength(10);
  });

  it('exports each library rubric exactly as shipped', () => {
    for (const rubric of library) expect(exported(rubric.sector)).toEqual(rubric);
  });

  it('writes the export to --out', () => {
    const out = join(dir, 'mine.json');
    const run = cli('rubric', 'export', project, 'mine', '--out', out);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`已写入 ${out}`);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(libraryRubric('mine'));
  });
});

describe('rubric import', () => {
  it('adds the imported rubric as the next version, which export then gives', () => {
    const rubric = libraryRubric('factory');
    rubric.name_zh = '某省5G工厂复赛细则';
    rubric.criteria[0]!.max = 15;
    rubric.criteria[5]!.max = 10;
    rubric.tie_break = ['app', 'impact'];
    const run = cli('rubric', 'import', project, rubricFile('factory-v2.json', rubric));
    expect(run.stderr).toContain('已导入评分细则 某省5G工厂复赛细则（领域 factory，第 2 版）');
    expect(run.stderr).toContain('(sector factory, version 2)');
    expect(exported('factory')).toEqual(rubric);
    expect(stored().rubrics.filter((r) => r.sector === 'factory')).toEqual([
      { sector: 'factory', version: 1, origin: 'library' },
      { sector: 'factory', version: 2, origin: 'import' },
    ]);
  });

  it('imports an exported rubric back unchanged as version 2', () => {
    const out = join(dir, 'hospital.json');
    cli('rubric', 'export', project, 'hospital', '--out', out);
    cli('rubric', 'import', project, out);
    expect(exported('hospital')).toEqual(libraryRubric('hospital'));
    expect(
      stored()
        .rubrics.filter((r) => r.sector === 'hospital')
        .map((r) => r.version),
    ).toEqual([1, 2]);
  });

  const badSum = libraryRubric('mine');
  badSum.criteria[0]!.max = 15;
  const missingMax = libraryRubric('campus') as unknown as { criteria: Array<{ max?: number }> };
  delete missingMax.criteria[2]!.max;
  const wrongType = libraryRubric('port') as unknown as { criteria: Array<{ max: unknown }> };
  wrongType.criteria[1]!.max = '15分';
  const unknownTieBreak = libraryRubric('park');
  unknownTieBreak.tie_break = ['industry', 'speed'];

  it.each([
    [
      'points that do not sum to 100',
      badSum,
      '各评分项满分之和应为 100，现为 95',
      'criterion maxima must sum to 100, got 95',
    ],
    [
      'a missing field',
      missingMax,
      'criteria[2].max（满分）：缺少此项',
      'criteria[2].max: is missing',
    ],
    [
      'a field of the wrong type',
      wrongType,
      'criteria[1].max（满分）：应为数字，实为文本',
      'criteria[1].max: expected a number, got text',
    ],
    [
      'a tie-break key that is not a criterion',
      unknownTieBreak,
      '同分比较项 speed 不是本细则的评分项',
      'tie_break names speed, which is not a criterion of this rubric',
    ],
    ['a file that is not JSON', '{"sector": "mine",\n  "name_zh" 5G矿山}', '第 2 行', 'line 2'],
    ['an empty file', '', '内容为空或不完整', 'it is empty or cut off'],
    ['a list instead of a rubric', '[]', '整个文件：应为对象', 'the document: expected an object'],
  ])(
    'refuses %s with exit 2, says why in both languages and writes nothing',
    (_, content, zh, en) => {
      const before = stored();
      const run = runCli(['rubric', 'import', project, rubricFile('bad.json', content)]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(zh);
      expect(run.stderr).toContain(en);
      expect(run.stdout).toBe('');
      expect(stored()).toEqual(before);
      expect(cli('verify', project).stderr).toContain(`审计链 ${before.audit} 条事件完好`);
    },
  );

  it('refuses a file that does not exist, naming it', () => {
    const missing = join(dir, 'nowhere.json');
    const run = runCli(['rubric', 'import', project, missing]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`无法读取文件：${missing}`);
    expect(run.stderr).toContain(`Cannot read file: ${missing}`);
  });
});
