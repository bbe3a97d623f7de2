// The demo round of ../shared/samples through the CLI, as organisers' scripts run it:
// every method must reproduce the expected-*.json that SCORING.md gives.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { sample, tempDir } from '../support/paths';

const demo = (file: string) => sample('demo-round', file);
let project: string;

beforeAll(() => {
  project = join(tempDir(), 'demo.sailreview');
  const steps = [
    ['init', project],
    ['import', project, demo('entries.csv'), '--programme', 'pioneer'],
    ['rubric', 'import', project, demo('rubric.json')],
    ['reviewers', 'import', project, demo('reviewers.csv')],
    [
      'round',
      'create',
      project,
      '--name',
      '复赛',
      '--programme',
      'pioneer',
      '--sectors',
      'factory',
    ],
    ['scores', 'import', project, demo('scores.csv'), '--round', '复赛'],
  ];
  for (const args of steps) {
    const run = runCli(args);
    expect(run.code, `${args.join(' ')}\n${run.stderr}`).toBe(0);
  }
});

describe('demo round through the CLI', () => {
  for (const method of ['mean', 'trimmed', 'median', 'zscore'] as const) {
    it(`rank --json --method ${method} reproduces expected-${method}.json`, () => {
      const run = runCli([
        'rank',
        project,
        '--round',
        '复赛',
        '--sector',
        'factory',
        '--method',
        method,
        '--json',
      ]);
      expect(run.code, run.stderr).toBe(0);
      const expected = JSON.parse(readFileSync(demo(`expected-${method}.json`), 'utf8')) as Array<
        Record<string, unknown>
      >;
      const actual = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
      expect(actual.map((row) => ({ ...row, title: undefined, sector: undefined }))).toEqual(
        expected.map((row) => ({ ...row, title: undefined, sector: undefined })),
      );
      expect(actual.every((row) => row.sector === 'factory')).toBe(true);
      // The rubric version the ranking used is named beside the JSON, on stderr.
      expect(run.stderr).toContain('第 2 版');
      expect(run.stderr).toContain('v2');
    });
  }

  it('ranks a round of one sector the same without --sector: no sectors to cross', () => {
    const rank = (...args: string[]) =>
      runCli(['rank', project, '--round', '复赛', '--method', 'mean', '--json', ...args]);
    const overall = rank();
    expect(overall.code, overall.stderr).toBe(0);
    expect(JSON.parse(overall.stdout)).toEqual(JSON.parse(rank('--sector', 'factory').stdout));
    // The tie-break criteria decided S001-009 above S001-010, as expected-mean.json says.
    expect(overall.stderr).toContain('impact');
  });

  it('uses the imported rubric as version 2 of the factory sector', () => {
    const run = runCli(['rubric', 'export', project, 'factory']);
    expect(run.code).toBe(0);
    const rubric = JSON.parse(run.stdout) as { criteria: Array<{ key: string }> };
    expect(rubric.criteria.map((c) => c.key)).toEqual([
      'net',
      'level',
      'app',
      'impact',
      'sec',
      'rep',
    ]);
  });

  it('exports the ranking as CSV with a BOM', () => {
    const out = join(tempDir(), 'rank.csv');
    const run = runCli(['export', project, '--round', '复赛', '--format', 'csv', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.trim().split('\r\n')).toHaveLength(13);
  });

  it.each(['ranking', 'entry-sheets', 'expert-sheets'])(
    'prints the digest and page X / Y on every page of the %s PDF',
    (kind) => {
      const out = join(tempDir(), `${kind}.pdf`);
      const run = runCli([
        'export',
        project,
        '--round',
        '复赛',
        '--format',
        'pdf',
        '--kind',
        kind,
        '--out',
        out,
      ]);
      expect(run.code, run.stderr).toBe(0);
      const pages = Number(
        /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [out], { encoding: 'utf8' }))?.[1],
      );
      expect(pages).toBeGreaterThan(0);
      for (let page = 1; page <= pages; page++) {
        const text = execFileSync('pdftotext', ['-f', String(page), '-l', String(page), out, '-'], {
          encoding: 'utf8',
        }).replace(/\s+/g, '');
        // These sheets have no 摘 or 页 in their body: the margins' font pieces load on their own.
        expect(text).toMatch(/数据摘要SHA-256：[0-9a-f]{64}/);
        expect(text).toContain(`第${page}/${pages}页`);
      }
    },
    60_000,
  );

  it('verifies the audit chain and the database', () => {
    const run = runCli(['verify', project]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('校验通过');
  });
});

describe('CLI contract', () => {
  it('--help lists the commands and exits 0', () => {
    const run = runCli(['--help']);
    expect(run.code).toBe(0);
    for (const command of [
      'init',
      'import',
      'entries',
      'rubric',
      'reviewers',
      'round',
      'scores',
      'rank',
      'export',
      'verify',
    ]) {
      expect(run.stdout).toContain(command);
    }
  });

  it('exits 1 on a usage error', () => {
    expect(runCli(['frobnicate']).code).toBe(1);
    expect(runCli(['import', 'x.sailreview', 'y.csv']).code).toBe(1); // --programme missing
  });

  it('exits 2 and writes nothing for a file that cannot be read', () => {
    const dir = tempDir();
    const path = join(dir, 'p.sailreview');
    expect(runCli(['init', path]).code).toBe(0);
    const binary = join(dir, 'photo.csv');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0, 1, 2, 3]));
    const run = runCli(['import', path, binary, '--programme', 'bloom']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/错误/);
    expect(run.stderr).toMatch(/Error/);
    const list = runCli(['entries', path, '--json']);
    expect(JSON.parse(list.stdout)).toEqual([]);
  });

  it('prints import --json in the contract shape with spreadsheet row numbers', () => {
    const dir = tempDir();
    const path = join(dir, 'p.sailreview');
    runCli(['init', path]);
    const run = runCli([
      'import',
      path,
      sample('bloom-submissions-gbk.csv'),
      '--programme',
      'bloom',
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as {
      rows: number;
      inserted: number;
      rejected: Array<{ row: number; column: string | null }>;
    };
    expect(Object.keys(summary).sort()).toEqual([
      'inserted',
      'rejected',
      'rows',
      'unchanged',
      'updated',
    ]);
    // Record 120 of the GBK sample has no 参赛编号: spreadsheet row 121 (the header is row 1).
    expect(summary).toMatchObject({ rows: 240, inserted: 239 });
    expect(summary.rejected).toEqual([
      expect.objectContaining({
        row: 121,
        column: '参赛编号',
        reason_zh: expect.any(String),
        reason_en: expect.any(String),
      }),
    ]);
  });

  it('rejects an invalid rubric with exit 2 and the reason', () => {
    const dir = tempDir();
    const path = join(dir, 'p.sailreview');
    runCli(['init', path]);
    const rubric = JSON.parse(readFileSync(demo('rubric.json'), 'utf8')) as {
      criteria: Array<{ max: number }>;
    };
    rubric.criteria[0]!.max = 25;
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(rubric));
    const run = runCli(['rubric', 'import', path, file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('100');
  });
});
