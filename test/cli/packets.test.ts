// `panel export`, `packet export` and `packet import` as organisers and experts script them
// (design/CLI.md): a package is a project file every command opens, `packet import --json` has
// exactly CLI.md's shape, and a refused packet exits 2 having written nothing.
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { CRITERIA, packetFiles, ROUND } from '../support/packets';
import { tempDir } from '../support/paths';

let dir: string;
let project: string;
let r01Entries: string[];

function run(args: string[], code = 0) {
  const result = runCli(args);
  expect(result.code, `${args.join(' ')}\n${result.stderr}`).toBe(code);
  return result;
}

/** The organiser's data, as a digest of every table: a refused command leaves it as it was. */
function projectData(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all() as string[];
    return JSON.stringify(tables.map((t) => db.prepare(`SELECT * FROM "${t}"`).raw().all()));
  } finally {
    db.close();
  }
}

/** A scores file of complete reviews by R01, `points` per criterion. */
function scoresFile(entries: string[], points: number): string {
  const path = join(dir, `scores-${points}.csv`);
  const rows = entries.flatMap((entry) =>
    Object.entries(CRITERIA).map(([key, max]) => `${entry},R01,${key},${Math.min(points, max)}`),
  );
  writeFileSync(path, ['entry_id,reviewer_id,criterion,score', ...rows].join('\n'));
  return path;
}

beforeAll(() => {
  dir = tempDir();
  const files = packetFiles(dir);
  project = join(dir, 'organiser.sailreview');
  run(['init', project]);
  run(['import', project, files.entries, '--programme', 'pioneer']);
  run(['rubric', 'import', project, files.rubric]);
  run(['reviewers', 'import', project, files.reviewers]);
  run([
    'round',
    'create',
    project,
    '--name',
    ROUND,
    '--programme',
    'pioneer',
    '--sectors',
    'factory',
  ]);
  const assigned = JSON.parse(
    run(['assign', project, '--round', ROUND, '--per-entry', '2', '--json']).stdout,
  ) as { assignments: Array<{ entry_id: string; reviewer_id: string }> };
  r01Entries = assigned.assignments
    .filter((a) => a.reviewer_id === 'R01')
    .map((a) => a.entry_id)
    .sort();
});

/**
 * R01's package exported encrypted (`R01-<name>.sailpanel`), with a file holding its passphrase
 * and one holding a wrong one.
 */
function encryptedPackage(name: string) {
  const panel = join(dir, `R01-${name}.sailpanel`);
  const passphrase = join(dir, `passphrase-${name}.txt`);
  const wrong = join(dir, `wrong-${name}.txt`);
  writeFileSync(passphrase, 'correct horse battery\n');
  writeFileSync(wrong, 'wrong horse battery\n');
  run([
    'panel',
    'export',
    project,
    '--round',
    ROUND,
    '--reviewer',
    'R01',
    '--out',
    panel,
    '--passphrase-file',
    passphrase,
  ]);
  return { panel, passphrase, wrong };
}

describe('a panel package through the CLI', () => {
  it('is a project file: entries, scores import and rank work on it; its packet merges once', () => {
    const panel = join(dir, 'R01.sailpanel');
    run(['panel', 'export', project, '--round', ROUND, '--reviewer', 'R01', '--out', panel]);
    const listed = JSON.parse(run(['entries', panel, '--json']).stdout) as Array<{
      entry_id: string;
    }>;
    expect(listed.map((e) => e.entry_id).sort()).toEqual(r01Entries);
    run(['scores', 'import', panel, scoresFile(r01Entries, 7), '--round', ROUND]);
    run(['rank', panel, '--round', ROUND, '--json']);
    // The organiser's commands are not the expert's.
    expect(run(['packet', 'import', panel, join(dir, 'none.sailscores')], 2).stderr).toMatch(
      /评审包[\s\S]*panel package/,
    );

    const packet = join(dir, 'R01-1.sailscores');
    run(['packet', 'export', panel, '--out', packet]);
    const merged = JSON.parse(
      run(['packet', 'import', project, packet, '--json']).stdout,
    ) as Record<string, unknown>;
    expect(Object.keys(merged)).toEqual(['accepted', 'unchanged', 'clashes']);
    expect(merged).toEqual({ accepted: r01Entries.length, unchanged: 0, clashes: [] });
    const ranked = JSON.parse(run(['rank', project, '--round', ROUND, '--json']).stdout) as Array<{
      entry_id: string;
      reviews: number;
    }>;
    for (const entry of r01Entries) {
      expect(ranked.find((row) => row.entry_id === entry)?.reviews).toBe(1);
    }

    const before = projectData(project);
    expect(JSON.parse(run(['packet', 'import', project, packet, '--json']).stdout)).toEqual({
      accepted: 0,
      unchanged: r01Entries.length,
      clashes: [],
    });
    expect(projectData(project)).toBe(before);
  });

  it('a packet altered after signing exits 2, says why in both languages, and writes nothing', () => {
    const panel = join(dir, 'R01-b.sailpanel');
    run(['panel', 'export', project, '--round', ROUND, '--reviewer', 'R01', '--out', panel]);
    run(['scores', 'import', panel, scoresFile(r01Entries, 9), '--round', ROUND]);
    const packet = join(dir, 'R01-b.sailscores');
    run(['packet', 'export', panel, '--out', packet]);
    const altered = join(dir, 'altered.sailscores');
    writeFileSync(altered, readFileSync(packet, 'utf8').replace('\\"net\\":9', '\\"net\\":19'));
    expect(readFileSync(altered, 'utf8')).toContain('\\"net\\":19');
    const before = projectData(project);
    const refused = run(['packet', 'import', project, altered, '--json'], 2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/签名不符[\s\S]*signature does not hold/);
    expect(projectData(project)).toBe(before);
    // Nor can an organiser's project send scores.
    run(['packet', 'export', project, '--out', join(dir, 'x.sailscores')], 2);
  });

  it('a changed review on both sides is listed among clashes in CLI.md’s shape', () => {
    const panel = join(dir, 'R01-c.sailpanel');
    run(['panel', 'export', project, '--round', ROUND, '--reviewer', 'R01', '--out', panel]);
    const [first = ''] = r01Entries;
    run(['scores', 'import', panel, scoresFile([first], 2), '--round', ROUND]);
    run(['scores', 'import', project, scoresFile([first], 3), '--round', ROUND]);
    const packet = join(dir, 'R01-c.sailscores');
    run(['packet', 'export', panel, '--out', packet]);
    const merged = JSON.parse(run(['packet', 'import', project, packet, '--json']).stdout) as {
      clashes: Array<Record<string, unknown>>;
    };
    expect(merged.clashes.map((c) => Object.keys(c))).toEqual([
      ['entry_id', 'reviewer_id', 'reason_zh', 'reason_en'],
    ]);
    expect(merged.clashes[0]).toMatchObject({ entry_id: first, reviewer_id: 'R01' });
  });

  it('verify passes on a package scored on the expert’s laptop, and exits 3 once its rows are edited', () => {
    const panel = join(dir, 'R01-v.sailpanel');
    run(['panel', 'export', project, '--round', ROUND, '--reviewer', 'R01', '--out', panel]);
    const laptop = { SAIL_KEY_DIR: mkdtempSync(join(tmpdir(), 'expert-laptop-')) };
    const scored = runCli(
      ['scores', 'import', panel, scoresFile(r01Entries, 6), '--round', ROUND],
      undefined,
      laptop,
    );
    expect(scored.code, scored.stderr).toBe(0);
    expect(run(['verify', panel]).stderr).toMatch(
      /专家 R01（王一）的评审包密钥签名[\s\S]*panel package key of reviewer R01 \(王一\), certified by the organiser's key/,
    );
    const db = new Database(panel);
    db.prepare("UPDATE review SET comment = 'edited'").run();
    db.close();
    expect(run(['verify', panel], 3).stderr).toMatch(
      /table review[\s\S]*was changed outside the app/,
    );
  });

  it('encrypted with --passphrase-file: the package needs it, a wrong one exits 2', () => {
    const { panel, passphrase, wrong } = encryptedPackage('e');
    expect(readFileSync(panel).subarray(0, 8).toString('latin1')).toBe('SAILPKGE');
    const out = join(dir, 'R01-e.sailscores');
    expect(run(['packet', 'export', panel, '--out', out], 2).stderr).toMatch(
      /口令[\s\S]*passphrase/,
    );
    expect(
      run(['packet', 'export', panel, '--out', out, '--passphrase-file', wrong], 2).stderr,
    ).toMatch(/口令不正确[\s\S]*Wrong passphrase/);
    run(['packet', 'export', panel, '--out', out, '--passphrase-file', passphrase]);
    expect(JSON.parse(run(['packet', 'import', project, out, '--json']).stdout)).toMatchObject({
      clashes: [],
    });
  });

  it('every command that opens a project takes --passphrase-file for an encrypted package; without it or with a wrong one, exit 2 and the file is untouched', () => {
    const { panel, passphrase, wrong } = encryptedPackage('p');
    const scores = scoresFile(r01Entries, 8);
    const commands = [
      ['scores', 'import', panel, scores, '--round', ROUND],
      ['rank', panel, '--round', ROUND, '--json'],
      ['entries', panel, '--json'],
      ['verify', panel],
    ];
    for (const args of commands) {
      const bytes = readFileSync(panel);
      const without = run(args, 2);
      expect(without.stderr).toMatch(/请用 --passphrase-file[\s\S]*pass --passphrase-file/);
      expect(run([...args, '--passphrase-file', wrong], 2).stderr).toMatch(
        /口令不正确[\s\S]*Wrong passphrase/,
      );
      expect(readFileSync(panel).equals(bytes)).toBe(true);
    }
    for (const args of commands) run([...args, '--passphrase-file', passphrase]);
    const ranked = JSON.parse(
      run(['rank', panel, '--round', ROUND, '--json', '--passphrase-file', passphrase]).stdout,
    ) as Array<{ entry_id: string; reviews: number }>;
    expect(ranked.map((row) => [row.entry_id, row.reviews]).sort()).toEqual(
      r01Entries.map((entry) => [entry, 1]),
    );
    // Creating a project opens none.
    expect(
      run(['init', join(dir, 'new.sailreview'), '--passphrase-file', passphrase], 1).stderr,
    ).toMatch(/unknown option/);
  });
});
