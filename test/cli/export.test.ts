// `sail-review export` and `verify-export` as organisers' scripts run them (CLI.md): formats,
// shortlist rules, and a file checked against the data later: unchanged, tampered, outdated.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { appendFileSync, copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { sample } from '../support/paths';
import { apiSession } from '../support/session';
import { ROUND, scoredRound } from '../io/export-fixture';

interface RankJson {
  rank: number | null;
  entry_id: string;
  sector: string;
  score: number | null;
}

let project: string;
let dir: string;
let overall: RankJson[];

const rank = (...args: string[]) => {
  const run = runCli(['rank', project, '--round', ROUND, '--json', ...args]);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as RankJson[];
};

/** Exports a CSV with `args`; returns its rows as objects keyed by the bilingual headers. */
function exportCsv(name: string, ...args: string[]): Array<Record<string, string>> {
  const out = join(dir, name);
  const run = runCli([
    'export',
    project,
    '--round',
    ROUND,
    '--format',
    'csv',
    '--out',
    out,
    ...args,
  ]);
  expect(run.code, run.stderr).toBe(0);
  return Papa.parse<Record<string, string>>(readFileSync(out, 'utf8').slice(1), {
    header: true,
    skipEmptyLines: true,
  }).data;
}

/** The entries ranked at or above the rank of the n-th ranked one (ties at the cut kept). */
function topWithTies(rows: RankJson[], n: number): string[] {
  const ranked = rows.filter((row) => row.rank !== null);
  const cut = ranked[Math.min(n, ranked.length) - 1]?.rank ?? 0;
  return ranked.filter((row) => (row.rank ?? 0) <= cut).map((row) => row.entry_id);
}

beforeAll(async () => {
  const api = apiSession();
  project = await scoredRound(api, 60, sample('reviewers.csv'));
  api.session.close();
  dir = api.dir;
  overall = rank();
}, 120_000);

describe('--out naming a file that exists', () => {
  it('replaces it and says which file it replaced; a new file is not called replaced', () => {
    const out = join(dir, '重复导出.csv');
    const args = ['export', project, '--round', ROUND, '--format', 'csv', '--out', out];
    const first = runCli(args);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).not.toMatch(/替换|Replaced/);
    const exported = readFileSync(out, 'utf8');
    writeFileSync(out, 'an earlier export, edited by hand');
    const again = runCli(args);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain(`已替换原有文件：${out}`);
    expect(again.stderr).toContain(`Replaced the existing file: ${out}`);
    expect(readFileSync(out, 'utf8')).toBe(exported);
  });
});

describe('export rules', () => {
  it('keeps the top N and whoever ties the N-th', () => {
    const rows = exportCsv('top.csv', '--top', '7');
    expect(rows.map((row) => row['编号 entry_id'])).toEqual(topWithTies(overall, 7));
  });

  it('keeps the top p % of the ranked entries', () => {
    const rows = exportCsv('percent.csv', '--top-percent', '10');
    expect(rows.map((row) => row['编号 entry_id'])).toEqual(topWithTies(overall, 6));
  });

  it('keeps every entry at or above a pass mark', () => {
    const rows = exportCsv('pass.csv', '--pass-mark', '55');
    const expected = overall.filter((row) => row.rank !== null && (row.score ?? 0) >= 55);
    expect(rows.map((row) => row['编号 entry_id'])).toEqual(expected.map((row) => row.entry_id));
    expect(rows.length).toBeGreaterThan(0);
  });

  it('marks as borderline the entries another method would put in or leave out', () => {
    const byMethod = ['mean', 'trimmed', 'median', 'zscore'].map(
      (method) => new Set(topWithTies(rank('--method', method), 9)),
    );
    const rows = exportCsv('borderline.csv', '--top', '9');
    const marked = rows
      .filter((row) => row['标记 flags']?.includes('临界（随方法变化）'))
      .map((row) => row['编号 entry_id']);
    const expected = rows
      .map((row) => row['编号 entry_id'] ?? '')
      .filter((id) => !byMethod.every((included) => included.has(id)));
    expect(expected.length).toBeGreaterThan(0);
    expect(marked).toEqual(expected);
  });

  it('cuts each sector on its own with --per-sector, and by quotas', () => {
    const rows = exportCsv('sectors.csv', '--per-sector', '--top', '2');
    const sectors = [...new Set(overall.map((row) => row.sector))].sort();
    const expected = sectors.flatMap((sector) => topWithTies(rank('--sector', sector), 2));
    expect(rows.map((row) => row['编号 entry_id'])).toEqual(expected);

    const quotas = exportCsv('quotas.csv', '--quotas', 'factory=3,mine=1');
    expect(quotas.map((row) => row['编号 entry_id'])).toEqual([
      ...topWithTies(rank('--sector', 'factory'), 3),
      ...topWithTies(rank('--sector', 'mine'), 1),
    ]);
    // Sectors by their Chinese names too, as round create takes them; a quota of 0 admits none.
    expect(rank('--sector', '工厂')).toEqual(rank('--sector', 'factory'));
    const named = exportCsv('quotas-zh.csv', '--quotas', '工厂=3,矿山=1,power=0');
    expect(named.map((row) => row['编号 entry_id'])).toEqual(
      quotas.map((row) => row['编号 entry_id']),
    );
  });

  it('includes only the chosen columns, and always what the ranking rests on', () => {
    const [row] = exportCsv('columns.csv', '--columns', 'title,score', '--top', '1');
    expect(Object.keys(row ?? {})).toEqual([
      '排名 rank',
      '编号 entry_id',
      '项目名称 title',
      '得分 score',
      '细则版本 rubric_version',
      '计分方法 method',
      '同分规则 tie_break',
      '数据摘要 data_digest',
    ]);
    // A CSV states what the PDF and the XLSX state in their facts (SCORING.md).
    expect(row).toMatchObject({
      '细则版本 rubric_version': 'generic v1',
      '计分方法 method': 'mean; min_reviews=3; disagreement_threshold=20',
      '同分规则 tie_break': 'score > all_judge_mean > tie',
    });
    expect(row?.['数据摘要 data_digest']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses two rules at once and an unknown sector quota, writing nothing', () => {
    const out = join(dir, 'never.csv');
    const both = runCli([
      'export',
      project,
      '--round',
      ROUND,
      '--format',
      'csv',
      '--out',
      out,
      '--top',
      '3',
      '--pass-mark',
      '60',
    ]);
    expect(both.code).toBe(1);
    const quota = runCli([
      'export',
      project,
      '--round',
      ROUND,
      '--format',
      'csv',
      '--out',
      out,
      '--quotas',
      'harbour=2',
    ]);
    expect(quota.code).toBe(2);
    expect(quota.stderr).toContain('harbour');
    // Options that would be silently ignored, or a name that misstates the format.
    const usage = [
      [['--format', 'csv', '--out', out, '--kind', 'entry-sheets'], '--kind 只用于 PDF'],
      [['--format', 'csv', '--out', out, '--method', 'mean', '--trim', '2'], '--trim 只用于'],
      [['--format', 'pdf', '--out', join(dir, 'never.xlsx')], '扩展名与格式 pdf 不符'],
      [
        ['--format', 'csv', '--out', out, '--columns', 'title,scroe'],
        '--columns 中没有这些列：scroe',
      ],
    ] as const;
    for (const [args, message] of usage) {
      const run = runCli(['export', project, '--round', ROUND, ...args]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(message);
    }
    expect(existsSync(join(dir, 'never.xlsx'))).toBe(false);
    expect(existsSync(out)).toBe(false);
  });
});

describe('export formats', () => {
  it('writes XLSX and PDF and reports the file hash and data digest', () => {
    for (const format of ['xlsx', 'pdf']) {
      const out = join(dir, `排名.${format}`);
      const run = runCli([
        'export',
        project,
        '--round',
        ROUND,
        '--format',
        format,
        '--out',
        out,
        '--top',
        '5',
        '--json',
      ]);
      expect(run.code, run.stderr).toBe(0);
      const record = JSON.parse(run.stdout) as {
        sha256: string;
        data_digest: string;
        format: string;
      };
      expect(record.format).toBe(format);
      expect(run.stderr).toContain(record.sha256);
      expect(run.stderr).toContain(record.data_digest);
    }
    expect(readFileSync(join(dir, '排名.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(runCli(['verify-export', join(dir, '排名.pdf'), project]).code).toBe(0);
    expect(readFileSync(join(dir, '排名.xlsx')).subarray(0, 2).toString()).toBe('PK');
  }, 60_000);

  it('exits 2 with a clear message when no Chromium is found for a PDF', () => {
    const out = join(dir, 'no-chromium.pdf');
    const run = runCli(
      ['export', project, '--round', ROUND, '--format', 'pdf', '--out', out],
      undefined,
      { SAIL_CHROMIUM: join(dir, 'no-such-chromium') },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('找不到 SAIL_CHROMIUM 指定的 Chromium');
    expect(run.stderr).toContain('The Chromium named by SAIL_CHROMIUM was not found');
    expect(existsSync(out)).toBe(false);
  });
});

describe('verify-export', () => {
  it('passes for an untouched export, fails for a tampered file and after a score changed', () => {
    const csv = join(dir, 'verify.csv');
    expect(
      runCli(['export', project, '--round', ROUND, '--format', 'csv', '--out', csv]).code,
    ).toBe(0);
    const xlsx = join(dir, 'verify.xlsx');
    expect(
      runCli(['export', project, '--round', ROUND, '--format', 'xlsx', '--out', xlsx]).code,
    ).toBe(0);
    for (const file of [csv, xlsx]) {
      const ok = runCli(['verify-export', file, project]);
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.stderr).toContain('核对通过');
    }

    const tampered = join(dir, 'tampered.csv');
    writeFileSync(tampered, readFileSync(csv));
    appendFileSync(tampered, 'B9999999,伪造\r\n');
    const bad = runCli(['verify-export', tampered, project]);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('与本项目记录的任何导出都不一致');
    expect(bad.stderr).toContain('matches no export recorded');

    // EXP002 gives the leading entry 0 on one criterion it had scored.
    const first = overall[0]?.entry_id ?? '';
    const [line = ''] = readFileSync(join(dir, 'scores.csv'), 'utf8')
      .split('\n')
      .filter((row) => row.startsWith(`${first},EXP002,`));
    const [, , criterion] = line.split(',');
    const rescored = join(dir, 'rescore.csv');
    writeFileSync(
      rescored,
      `entry_id,reviewer_id,criterion,score\n${first},EXP002,${criterion ?? ''},0\n`,
    );
    const imported = runCli(['scores', 'import', project, rescored, '--round', ROUND]);
    expect(imported.code, imported.stderr).toBe(0);
    const outdated = runCli(['verify-export', csv, project, '--json']);
    expect(outdated.code).toBe(3);
    expect(outdated.stderr).toContain('此后数据已变化');
    expect(outdated.stderr).toContain('the data changed since');
    const check = JSON.parse(outdated.stdout) as { record: object | null; ok: boolean };
    expect(check.record).not.toBeNull();
    expect(check.ok).toBe(false);
  }, 60_000);

  it('does not take the export table’s word for it: edits behind the audit trail fail', () => {
    const csv = join(dir, 'audited.csv');
    const copy = join(dir, 'audited.sailreview');
    expect(
      runCli(['export', project, '--round', ROUND, '--format', 'csv', '--out', csv]).code,
    ).toBe(0);
    copyFileSync(project, copy);
    expect(runCli(['verify-export', csv, copy]).code).toBe(0);
    const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

    // A doctored file, with a row added to the table that claims its hash.
    const doctored = join(dir, 'doctored.csv');
    writeFileSync(doctored, `${readFileSync(csv, 'utf8')}B9999999,伪造\r\n`);
    const db = new Database(copy);
    db.prepare(
      `INSERT INTO export_record (round_id, format, file_name, file_sha256, data_digest,
         settings_json, rows, created_at)
       SELECT round_id, format, 'doctored.csv', ?, data_digest, settings_json, rows, created_at
       FROM export_record WHERE file_sha256 = ?`,
    ).run(sha256(doctored), sha256(csv));
    // Doctored data, with the recorded digest of the genuine file changed to match it.
    db.prepare('UPDATE export_record SET data_digest = ? WHERE file_sha256 = ?').run(
      'f'.repeat(64),
      sha256(csv),
    );
    db.close();
    for (const file of [doctored, csv]) {
      const run = runCli(['verify-export', file, copy]);
      expect(run.code).toBe(3);
      expect(run.stderr).toContain('与审计日志不符');
      expect(run.stderr).toContain('does not match the audit trail');
    }
    const verify = runCli(['verify', copy]);
    expect(verify.code).toBe(3);
    expect(verify.stderr).toContain('条导出记录没有对应的审计事件');
    // The project itself was not touched.
    expect(runCli(['verify', project]).code).toBe(0);
  });

  it('fails once what the export prints changed: an entry title, an expert name', () => {
    const exportFresh = (name: string) => {
      const out = join(dir, name);
      const run = runCli(['export', project, '--round', ROUND, '--format', 'csv', '--out', out]);
      expect(run.code, run.stderr).toBe(0);
      expect(runCli(['verify-export', out, project]).code).toBe(0);
      return out;
    };
    // [file, rows, verify-export's exit code after the change]
    const changes: Array<[string, string[], number]> = [
      [
        'entries.csv',
        [
          '项目编号,项目名称,牵头申报单位,所属行业,省份,城市,项目简介',
          'B0000001,改过名称的项目,申报单位1有限公司,5G+智能矿山,浙江省,城市1,简介',
        ],
        3,
      ],
      // Only the sector: the round still ranks the entry in the group it joined, so the export
      // prints what it printed.
      [
        'entries.csv',
        [
          '项目编号,项目名称,牵头申报单位,所属行业,省份,城市,项目简介',
          'B0000001,改过名称的项目,申报单位1有限公司,5G+智慧电力,浙江省,城市1,简介',
        ],
        0,
      ],
      ['reviewers.csv', ['专家编号,姓名,工作单位', 'EXP001,改名的专家,某研究院'], 3],
    ];
    changes.forEach(([kind, lines, code], i) => {
      const exported = exportFresh(`before-change-${i}.csv`);
      const file = join(dir, `change-${i}-${kind}`);
      writeFileSync(file, `${lines.join('\n')}\n`);
      const command =
        kind === 'entries.csv'
          ? ['import', project, file, '--programme', 'bloom']
          : ['reviewers', 'import', project, file];
      const changed = runCli(command);
      expect(changed.code, changed.stderr).toBe(0);
      const verified = runCli(['verify-export', exported, project]);
      expect(verified.code, `${kind} change ${i}: ${verified.stderr}`).toBe(code);
      expect(verified.stderr).toContain(code === 3 ? '此后数据已变化' : '数据自导出以来未变化');
    });
  }, 90_000);
});
