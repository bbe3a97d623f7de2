// Round commands as organisers script them: create with a stage, settings, an entry list and a
// rubric version per sector, choose another version while in setup, list, start, lock and reopen
// with a reason; a locked round refuses `scores import`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { sample, tempDir } from '../support/paths';

const demo = (file: string) => sample('demo-round', file);
let dir: string;
let project: string;

interface ListedRound {
  name: string;
  stage: string | null;
  status: string;
  entries: number;
  reviews_submitted: number;
  settings: { method: string; trim_k: number; min_reviews: number; disagreement_threshold: number };
}

function ok(args: string[]) {
  const run = runCli(args);
  expect(run.code, `${args.join(' ')}\n${run.stderr}`).toBe(0);
  return run;
}

function listed(): ListedRound[] {
  return JSON.parse(ok(['round', 'list', project, '--json']).stdout) as ListedRound[];
}

beforeAll(() => {
  dir = tempDir();
  project = join(dir, 'rounds.sailreview');
  ok(['init', project]);
  ok(['import', project, demo('entries.csv'), '--programme', 'pioneer']);
  ok(['import', project, sample('bloom-submissions.csv'), '--programme', 'bloom']);
  ok(['rubric', 'import', project, demo('rubric.json')]);
  ok(['reviewers', 'import', project, demo('reviewers.csv')]);
});

describe('round commands', () => {
  it('creates a round from an entry list CSV with stage and settings, naming unknown ids', () => {
    const list = join(dir, 'entries.csv');
    writeFileSync(list, '\uFEFF序号,entry_id\r\n1,S001-001\r\n2,S001-002\r\n3,S999-999\r\n');
    const run = ok([
      'round',
      'create',
      project,
      '--name',
      '决赛',
      '--programme',
      'pioneer',
      '--stage',
      '决赛',
      '--entries',
      list,
      '--method',
      'trimmed',
      '--trim',
      '1',
      '--min-reviews',
      '4',
      '--disagreement',
      '15',
    ]);
    expect(run.stderr).toContain('清单中 1 个编号在5G应用领航者项目中找不到：S999-999');
    expect(run.stderr).toContain('1 listed id matches no 5G application pioneers entry: S999-999');
    // Sectors, states and rubrics in words in Chinese, the sector's key in English.
    expect(run.stderr).toContain('状态：筹备中；评分细则：工厂 → 5G工厂评审细则 第 2 版');
    expect(run.stderr).toContain('in setup; rubrics: factory → factory rubric v2');
    expect(listed().find((r) => r.name === '决赛')).toMatchObject({
      stage: '决赛',
      status: 'setup',
      entries: 2,
      settings: { method: 'trimmed', trim_k: 1, min_reviews: 4, disagreement_threshold: 15 },
    });
  });

  it('creates a 绽放杯 round by track', () => {
    const entries = JSON.parse(
      ok(['entries', project, '--programme', 'bloom', '--json']).stdout,
    ) as Array<{ track: string | null }>;
    const track = entries.find((entry) => entry.track)?.track ?? '';
    const expected = entries.filter((entry) => entry.track === track).length;
    ok(['round', 'create', project, '--name', '赛道', '--programme', 'bloom', '--tracks', track]);
    expect(listed().find((r) => r.name === '赛道')?.entries).toBe(expected);
  });

  it('starts, locks and reopens with a reason; a locked round refuses scores import', () => {
    ok([
      'round',
      'create',
      project,
      '--name',
      '复赛',
      '--programme',
      'pioneer',
      '--sectors',
      'factory',
    ]);
    ok(['round', 'start', project, '--name', '复赛']);
    expect(listed().find((r) => r.name === '复赛')?.status).toBe('scoring');

    const again = runCli(['round', 'start', project, '--name', '复赛']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('评分中');

    // Without a round name: a usage error; `--round`, as every other command takes it, works.
    const nameless = runCli(['round', 'lock', project]);
    expect(nameless.code).toBe(1);
    expect(nameless.stderr).toContain('缺少批次名称');
    ok(['round', 'lock', project, '--round', '复赛']);
    const refused = runCli(['scores', 'import', project, demo('scores.csv'), '--round', '复赛']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('已锁定');
    expect(refused.stderr).toContain('round reopen');
    expect(listed().find((r) => r.name === '复赛')?.reviews_submitted).toBe(0);

    const noReason = runCli(['round', 'reopen', project, '--name', '复赛']);
    expect(noReason.code).toBe(1);
    const blank = runCli(['round', 'reopen', project, '--name', '复赛', '--reason', ' ']);
    expect(blank.code).toBe(2);
    expect(blank.stderr).toContain('须填写原因');
    expect(blank.stderr).toContain('needs a reason');
    expect(blank.stderr).not.toContain('Too small');
    ok(['round', 'reopen', project, '--name', '复赛', '--reason', '补录专家评分']);
    ok(['scores', 'import', project, demo('scores.csv'), '--round', '复赛']);
    expect(listed().find((r) => r.name === '复赛')).toMatchObject({
      status: 'scoring',
      reviews_submitted: 51,
    });
    ok(['verify', project]);
  });

  it('applies the filters given with an entry list, saying which listed ids they leave out', () => {
    const list = join(dir, 'mixed.txt');
    writeFileSync(list, 'B2025-0001\nB2025-0005\nB2025-0006\n');
    const run = ok([
      'round',
      'create',
      project,
      '--name',
      '名单·工厂矿山',
      '--programme',
      'bloom',
      '--entries',
      list,
      '--sectors',
      '工厂,mine',
    ]);
    expect(listed().find((r) => r.name === '名单·工厂矿山')?.entries).toBe(2);
    expect(run.stderr).toContain('1 个项目不符合筛选条件，未加入批次：B2025-0001');
    expect(run.stderr).toContain('1 listed entries do not match the filters');
  });

  it('uses the version --rubric names per sector, and refuses unknown sectors and versions', () => {
    const created = ok([
      'round',
      'create',
      project,
      '--name',
      '绽放杯·指定细则',
      '--programme',
      'bloom',
      '--sectors',
      'factory,mine,campus',
      '--rubric',
      'factory=1,mine=latest',
      '--rubric',
      'all=generic',
    ]);
    expect(created.stderr).toContain('工厂 → 5G工厂评审细则 第 1 版');
    expect(created.stderr).toContain('矿山 → 5G智能矿山评审细则 第 1 版');
    expect(created.stderr).toContain('校园 → 绽放杯5G应用征集大赛通用评审细则 第 1 版');
    expect(created.stderr).toContain('mine → 5G smart mine rubric v1');

    const refusals = [
      [['--rubric', 'foo=1'], 2, '未知的领域“foo”', 'Unknown sector "foo"'],
      [['--rubric', 'factory=9'], 2, '没有第 9 版', 'has no version 9'],
      [['--rubric', 'mine=1'], 2, '没有领域为“矿山”的项目', 'no entries in sector mine'],
      [['--rubric', 'factory'], 1, '领域=版本', 'sector=version'],
      [
        ['--sectors', 'factory', '--rubric', 'factory=1', '--rubric', '工厂=latest'],
        1,
        '为领域 工厂 给出了两个版本',
        'gives sector 工厂 two versions',
      ],
      [
        ['--rubric', 'factory=v2'],
        1,
        '版本号、generic 或 latest',
        'version number, generic or latest',
      ],
    ] as const;
    for (const [args, code, zh, en] of refusals) {
      const run = runCli([
        'round',
        'create',
        project,
        '--name',
        '不应创建',
        '--programme',
        'pioneer',
        ...args,
      ]);
      expect(run.code, run.stderr).toBe(code);
      expect(run.stderr).toContain(zh);
      expect(run.stderr).toContain(en);
    }
    expect(listed().map((r) => r.name)).not.toContain('不应创建');
  });

  it('says what round create uses by default, without calling it a lock', () => {
    const help = ok(['round', 'create', '--help']).stdout;
    expect(help).toContain('绽放杯批次默认使用通用评分细则');
    expect(help).toContain('--rubric');
    expect(help).not.toContain('锁定');
  });

  it('gives a round created without --stage the stage its --help names', () => {
    const help = ok(['round', 'create', '--help']).stdout;
    // The option's own lines only (help wraps them), up to the next option.
    const stated = /--stage <stage>(?:(?!\n\s*--)[\s\S])*?default: "([^"]+)"/.exec(help)?.[1];
    expect(stated).toBeDefined();
    ok(['round', 'create', project, '--name', '未给阶段', '--programme', 'pioneer']);
    expect(listed().find((r) => r.name === '未给阶段')?.stage).toBe(stated);
  });

  it('round pin chooses another version while the round is in setup', () => {
    ok(['round', 'create', project, '--name', '选版本', '--programme', 'pioneer']);
    const pinned = ok([
      'round',
      'pin',
      project,
      '--name',
      '选版本',
      '--sector',
      '工厂',
      '--version',
      '1',
    ]);
    expect(pinned.stderr).toContain('工厂 → 5G工厂评审细则 第 1 版');
    const generic = ok([
      'round',
      'pin',
      project,
      '--name',
      '选版本',
      '--sector',
      'factory',
      '--version',
      'generic',
    ]);
    expect(generic.stderr).toContain('工厂 → 绽放杯5G应用征集大赛通用评审细则 第 1 版');

    const unknown = runCli([
      'round',
      'pin',
      project,
      '--name',
      '选版本',
      '--sector',
      'factory',
      '--version',
      '7',
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('没有第 7 版');
    const noSector = runCli([
      'round',
      'pin',
      project,
      '--name',
      '选版本',
      '--sector',
      'mine',
      '--version',
      '1',
    ]);
    expect(noSector.code).toBe(2);
    expect(noSector.stderr).toContain('没有领域为“矿山”的项目');

    ok(['round', 'start', project, '--name', '选版本']);
    const started = runCli([
      'round',
      'pin',
      project,
      '--name',
      '选版本',
      '--sector',
      'factory',
      '--version',
      '2',
    ]);
    expect(started.code).toBe(2);
    expect(started.stderr).toContain('只能在筹备阶段修改');
  });

  it('lists rounds as text', () => {
    const run = ok(['round', 'list', project]);
    expect(run.stdout).toMatch(/^决赛\tpioneer\t决赛\tsetup\t2\t0$/m);
  });
});

describe('entries whose sector changed after a round was created', () => {
  it('stay in the sector group they joined; round regroup moves them while in setup', () => {
    const own = join(dir, 'regroup.sailreview');
    ok(['init', own]);
    ok(['import', own, demo('entries.csv'), '--programme', 'pioneer']);
    ok(['rubric', 'import', own, demo('rubric.json')]);
    ok(['reviewers', 'import', own, demo('reviewers.csv')]);
    ok(['round', 'create', own, '--name', '复赛', '--programme', 'pioneer']);
    ok(['scores', 'import', own, demo('scores.csv'), '--round', '复赛']);
    ok(['round', 'create', own, '--name', '筹备', '--programme', 'pioneer']);
    // A corrected file moves S001-002 from 工厂 to 电厂.
    const corrected = join(dir, 'corrected.csv');
    writeFileSync(
      corrected,
      readFileSync(demo('entries.csv'), 'utf8').replace('S001-002,5G工厂', 'S001-002,5G电厂'),
    );
    ok(['import', own, corrected, '--programme', 'pioneer']);
    const ranked = (name: string, sector: string) =>
      JSON.parse(ok(['rank', own, '--round', name, '--sector', sector, '--json']).stdout) as Array<{
        entry_id: string;
        sector: string;
      }>;

    expect(ranked('复赛', 'factory')).toHaveLength(12);
    expect(ranked('复赛', 'factory')).toContainEqual(
      expect.objectContaining({ entry_id: 'S001-002', sector: 'factory' }),
    );
    const power = runCli(['rank', own, '--round', '复赛', '--sector', 'power', '--json']);
    expect(power.code).toBe(2);
    expect(power.stderr).toContain('没有领域为 power 的项目');
    // Scoring has started in 复赛: the entry stays where it is scored, and the round says so.
    const locked = ok(['round', 'lock', own, '--name', '复赛']);
    expect(locked.stderr).toContain('S001-002（现为电厂）');
    expect(locked.stderr).toContain('S001-002 (now power)');
    expect(locked.stderr).not.toContain('round regroup');
    const refused = runCli(['round', 'regroup', own, '--name', '复赛']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('只能在筹备阶段修改');

    // 筹备 is still in setup: the round points to regroup, which moves the entry to 电厂.
    const same = ok([
      'round',
      'pin',
      own,
      '--name',
      '筹备',
      '--sector',
      'factory',
      '--version',
      '2',
    ]);
    expect(same.stderr).toContain('sail-review round regroup');
    const moved = ok(['round', 'regroup', own, '--name', '筹备']);
    expect(moved.stderr).toContain('已将 1 个项目移入现在的领域');
    expect(moved.stderr).toMatch(/工厂 → 5G工厂评审细则 第 2 版；电厂 → .+ 第 1 版/);
    expect(moved.stderr).not.toContain('注意');
    expect(ranked('筹备', 'power').map((row) => row.entry_id)).toEqual(['S001-002']);
    expect(ranked('筹备', 'factory').map((row) => row.entry_id)).not.toContain('S001-002');
  });
});
