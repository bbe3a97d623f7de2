// `sail-review rubric import|export` (CLI.md): a new project holds the library as version 1 of
// every sector, an invalid rubric is refused with its reason in both languages and changes
// nothing (one case per rule), what is exported and changed imports back as the next version,
// and a rubric equal to its sector's newest version adds nothing.
import Database from 'better-sqlite3';
import iconv from 'iconv-lite';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RubricDefinition } from '../../electron/core/domain';
import { rescaleGuide } from '../../electron/core/rubric';
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

// Each test gets a fresh project: a copy of one `init` made, as `init` makes the same project
// every time (starting the CLI once per test only to create it took a third of this file's time).
let initialised: string;
beforeAll(() => {
  initialised = join(tempDir(), 'rubrics.sailreview');
  cli('init', initialised);
});

beforeEach(() => {
  dir = tempDir();
  project = join(dir, 'rubrics.sailreview');
  copyFileSync(initialised, project);
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
    expect(run.stderr).toContain(`已将评分细则 5G智能矿山评审细则 第 1 版 写入 ${out}`);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(libraryRubric('mine'));
  });

  it('refuses --out in a folder that does not exist with exit 2 and a reason, not a crash', () => {
    const out = join(dir, 'nowhere', 'mine.json');
    const run = runCli(['rubric', 'export', project, 'mine', '--out', out]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`无法写入文件 ${out}：所在文件夹不存在。请换一个位置保存。`);
    expect(run.stderr).toContain(`Cannot write ${out}: its folder does not exist.`);
    expect(run.stderr).not.toContain('内部错误');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe('');
  });

  it('refuses a sector without a rubric, naming it', () => {
    const run = runCli(['rubric', 'export', project, 'harbour', '--out', join(dir, 'x.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('项目中没有领域 harbour 的评分细则');
    expect(existsSync(join(dir, 'x.json'))).toBe(false);
  });
});

describe('rubric import', () => {
  it('adds the imported rubric as the next version, which export then gives', () => {
    const rubric = libraryRubric('factory');
    rubric.name_zh = '某省5G工厂复赛细则';
    for (const [index, max] of [
      [0, 15],
      [5, 10],
    ] as const) {
      const criterion = rubric.criteria[index]!;
      criterion.max = max;
      criterion.guide_zh = rescaleGuide(criterion.guide_zh, max);
      criterion.guide_en = rescaleGuide(criterion.guide_en, max);
    }
    rubric.tie_break = ['app', 'impact'];
    const run = cli('rubric', 'import', project, rubricFile('factory-v2.json', rubric));
    expect(run.stderr).toContain('已导入评分细则 某省5G工厂复赛细则（领域 factory，第 2 版）');
    expect(run.stderr).toContain('(sector factory, version 2)');
    expect(exported('factory')).toEqual(rubric);
    expect(stored().rubrics.filter((r) => r.sector === 'factory')).toEqual([
      { sector: 'factory', version: 1, origin: 'library' },
      { sector: 'factory', version: 2, origin: 'import' },
    ]);
    // The version a round pins, by number and by the sector's Chinese name; stderr names it.
    const first = cli('rubric', 'export', project, '工厂', '--version', '1');
    expect(JSON.parse(first.stdout)).toEqual(libraryRubric('factory'));
    expect(first.stderr).toContain(`已导出评分细则 ${libraryRubric('factory').name_zh} 第 1 版`);
    const out = join(dir, 'factory-v1.json');
    expect(
      cli('rubric', 'export', project, 'factory', '--version', '1', '--out', out).stderr,
    ).toContain('第 1 版');
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(libraryRubric('factory'));
    const none = runCli(['rubric', 'export', project, 'factory', '--version', '7']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('项目中没有领域 factory 的评分细则第 7 版');
  });

  it('adds nothing for a rubric equal to the newest version of its sector, and says so', () => {
    const out = join(dir, 'hospital.json');
    cli('rubric', 'export', project, 'hospital', '--out', out);
    const before = stored();
    const run = cli('rubric', 'import', project, out);
    const name = libraryRubric('hospital').name_zh;
    expect(run.stderr).toContain(`评分细则 ${name}（领域 hospital）与第 1 版相同，未新建版本`);
    expect(run.stderr).toContain('is identical to version 1; no new version');
    expect(stored()).toEqual(before);

    // Changed, it becomes version 2; imported again, it is version 2's equal.
    const changed = libraryRubric('hospital');
    changed.tie_break.reverse();
    const file = rubricFile('hospital-v2.json', changed);
    expect(cli('rubric', 'import', project, file).stderr).toContain('第 2 版');
    expect(cli('rubric', 'import', project, file).stderr).toContain('与第 2 版相同，未新建版本');
    expect(
      stored()
        .rubrics.filter((r) => r.sector === 'hospital')
        .map((r) => r.version),
    ).toEqual([1, 2]);
  });

  it('counts the defaults: a rubric that leaves out empty guides and gates is the same', () => {
    const rubric = libraryRubric('campus') as unknown as Record<string, unknown>;
    const bare = { ...rubric };
    delete bare.gates;
    expect(libraryRubric('campus').gates).toEqual([]);
    const run = cli('rubric', 'import', project, rubricFile('campus.json', bare));
    expect(run.stderr).toContain('与第 1 版相同');
  });

  type Json = Record<string, unknown>;
  type RubricJson = Json & { criteria: Json[]; gates: Json[] };

  /** A library rubric with one thing broken. */
  const broken = (sector: string, change: (rubric: RubricJson) => void): RubricJson => {
    const rubric = libraryRubric(sector) as unknown as RubricJson;
    change(rubric);
    return rubric;
  };

  it.each([
    [
      'points that do not sum to 100',
      broken('mine', (r) => (r.criteria[0]!.max = 15)),
      '各评分项满分之和应为 100，现为 95',
      'criterion maxima must sum to 100, got 95',
    ],
    [
      'two criteria with one key',
      broken('mine', (r) => (r.criteria[3]!.key = r.criteria[1]!.key)),
      'criteria[3].key（标识）：“systems”已是前面一个评分项的标识',
      'criteria[3].key: "systems" is already the key of an earlier criterion',
    ],
    [
      'a gate with the key of a criterion',
      broken('mine', (r) => (r.gates[1]!.key = 'safety')),
      'gates[1].key（标识）：“safety”已是一个评分项的标识',
      'gates[1].key: "safety" is already the key of a criterion',
    ],
    [
      'two gates with one key',
      broken('mine', (r) => (r.gates[1]!.key = r.gates[0]!.key)),
      'gates[1].key（标识）：“licence”已是前面一个门槛项的标识',
      'gates[1].key: "licence" is already the key of an earlier gate',
    ],
    [
      'points off the 0.5 step',
      broken('campus', (r) => {
        r.criteria[0]!.max = 19.7;
        r.criteria[1]!.max = 25.3;
      }),
      'criteria[0].max（满分）：19.7 不是 0.5 的整数倍；criteria[1].max（满分）：25.3 不是 0.5 的整数倍',
      'criteria[0].max: 19.7 is not a multiple of 0.5; criteria[1].max: 25.3 is not a multiple of 0.5',
    ],
    [
      'a tie-break key that is not a criterion',
      broken('park', (r) => (r.tie_break = ['industry', 'speed'])),
      'tie_break[1]（同分比较项）：“speed”不是本细则的评分项',
      'tie_break[1]: "speed" is not a criterion of this rubric',
    ],
    [
      'a tie-break key given twice',
      broken('park', (r) => (r.tie_break = ['industry', 'industry'])),
      'tie_break[1]（同分比较项）：“industry”重复出现，每个评分项只能比较一次',
      'tie_break[1]: "industry" is listed twice; each criterion is compared once',
    ],
    [
      'a misspelt field of the rubric',
      broken('park', (r) => {
        r.tiebreak = r.tie_break;
        delete r.tie_break;
      }),
      'tiebreak：不认识的字段（是否应为 tie_break？）；评分细则可用的字段为 sector、name_zh、name_en、criteria、gates、tie_break',
      'tiebreak: unknown field (did you mean tie_break?); a rubric takes sector, name_zh, name_en, criteria, gates, tie_break',
    ],
    [
      'a misspelt field of a criterion',
      broken('park', (r) => {
        r.criteria[2]!.maximum = r.criteria[2]!.max;
        delete r.criteria[2]!.max;
      }),
      'criteria[2].maximum：不认识的字段（是否应为 max？）；评分项可用的字段为 key、name_zh、name_en、max、guide_zh、guide_en',
      'criteria[2].maximum: unknown field (did you mean max?); a criterion takes key, name_zh, name_en, max, guide_zh, guide_en',
    ],
    [
      'an unknown field of a gate',
      broken('mine', (r) => (r.gates[0]!.note = '2–3 个月')),
      'gates[0].note：不认识的字段；门槛项可用的字段为 key、name_zh、name_en',
      'gates[0].note: unknown field; a gate takes key, name_zh, name_en',
    ],
    [
      'a sector no round can pin',
      broken('factory', (r) => (r.sector = 'factroy')),
      'sector（领域）："factroy" 不是可用的领域；可用的领域为 generic（通用细则）、factory（工厂）、power（电厂）、mine（矿山）、oilgas（油气园区）、campus（校园）、scenic（景区）、hospital（医院）、park（产业园区）、port（港口）',
      'sector: "factroy" is not a known sector; use one of generic (Generic rubric), factory (Factory), power (Power plant)',
    ],
    [
      'a missing sector',
      broken('factory', (r) => delete r.sector),
      'sector（领域）：缺少此项；可用的领域为 generic（通用细则）',
      'sector: is missing; use one of generic',
    ],
    [
      'a missing field',
      broken('campus', (r) => delete r.criteria[2]!.max),
      'criteria[2].max（满分）：缺少此项',
      'criteria[2].max: is missing',
    ],
    [
      'a field of the wrong type',
      broken('port', (r) => (r.criteria[1]!.max = '15分')),
      'criteria[1].max（满分）：应为数字，实为文本',
      'criteria[1].max: expected a number, got text',
    ],
    [
      'a key that is not a key',
      broken('port', (r) => (r.criteria[1]!.key = '2 应用')),
      'criteria[1].key（标识）："2 应用" 不符合要求：标识只能由英文字母、数字、_ 或 - 组成，并以字母开头',
      'criteria[1].key: "2 应用": a key is letters, digits, _ or -, starting with a letter',
    ],
    [
      'a guide promising more than its max',
      broken('mine', (r) => {
        r.criteria[0]!.max = 15;
        r.criteria[1]!.max = 30;
      }),
      'criteria[0].guide_zh（中文评分指引）：“20分”高于满分 15，专家给不出这样的分数',
      'criteria[0].guide_en: levels above the max of 15 (20); no reviewer can give them',
    ],
    [
      'a file that is not JSON',
      '{"sector": "mine",\n  "name_zh" 5G矿山}',
      '文件不是有效的 JSON',
      'syntax error near line 2, column 13',
    ],
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

  it('names the line and column of a JSON syntax error in Chinese', () => {
    const run = runCli([
      'rubric',
      'import',
      project,
      rubricFile('bad.json', '{"sector": "mine",\n  "name_zh" 5G矿山}'),
    ]);
    expect(run.stderr).toContain('第 2 行第 13 列附近有语法错误');
    // Chinese quotation marks, which JSON.parse reports without a position.
    const curly = runCli([
      'rubric',
      'import',
      project,
      rubricFile('curly.json', '{"sector": "mine",\n  "name_zh": “5G矿山”}'),
    ]);
    expect(curly.code).toBe(2);
    expect(curly.stderr).toContain('第 2 行第 14 列附近有语法错误');
    expect(curly.stderr).toContain('syntax error near line 2, column 14');
  });

  it('reads a rubric saved in GBK, as Chinese Windows editors save it', () => {
    const rubric = libraryRubric('mine');
    rubric.name_zh = '某省5G矿山复赛细则';
    const path = join(dir, 'mine-gbk.json');
    writeFileSync(path, iconv.encode(JSON.stringify(rubric, null, 2), 'gbk'));
    const run = runCli(['rubric', 'import', project, path]);
    expect(run.code, run.stderr).toBe(0);
    expect(exported('mine').name_zh).toBe('某省5G矿山复赛细则');
    expect(exported('mine')).toEqual(rubric);
  });

  it('refuses a file that does not exist, naming it', () => {
    const missing = join(dir, 'nowhere.json');
    const run = runCli(['rubric', 'import', project, missing]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`找不到文件“${missing}”`);
    expect(run.stderr).toContain(`File not found: "${missing}"`);
  });
});
