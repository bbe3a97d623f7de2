// Tamper evidence (issue 14, item 4): each kind of edit someone can make to a project file
// outside the app — with SQLite itself, or with the app's own code and a key of their own — is
// found by `verify` (exit 3, the first row or event that differs named) and, where an export
// rests on the data, by `verify-export`. Each case edits its own copy of one scored project.
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  mkdtempSync,
  readFileSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { OrganiserKeyStore } from '../../electron/io/organiser-keys';
import { ProjectStore } from '../../electron/store/project-store';
import { runCli } from '../support/cli';
import { sample, tempDir } from '../support/paths';

const demo = (file: string) => sample('demo-round', file);
let dir: string;
let pristine: string;
let csvExport: string;
let xlsxExport: string;
let backupPath: string;

function ok(args: string[]) {
  const run = runCli(args);
  expect(run.code, `${args.join(' ')}\n${run.stderr}`).toBe(0);
  return run;
}

let copies = 0;
/** A copy of the scored project to edit. */
function copy(): string {
  copies += 1;
  const path = join(dir, `copy-${copies}.sailreview`);
  copyFileSync(pristine, path);
  return path;
}

/** Edits the file as another program would: a plain connection, none of the app's triggers. */
function edit<T>(path: string, change: (db: Database.Database) => T): T {
  const db = new Database(path);
  db.pragma('foreign_keys = ON');
  try {
    return change(db);
  } finally {
    db.close();
  }
}

/** The audit event that wrote the scores (the `scores import`), as the file records it. */
function eventOf(path: string, action: string): number {
  return edit(
    path,
    (db) =>
      db.prepare('SELECT max(seq) FROM audit_event WHERE action = ?').pluck().get(action) as number,
  );
}

/** The row id of the review of (entry, reviewer). */
function reviewId(path: string, entry: string, reviewer: string): number {
  return edit(
    path,
    (db) =>
      db
        .prepare(
          `SELECT r.id FROM review r JOIN entry e ON e.id = r.entry_id
           JOIN reviewer rv ON rv.id = r.reviewer_id
           WHERE e.external_id = ? AND rv.external_id = ?`,
        )
        .pluck()
        .get(entry, reviewer) as number,
  );
}

function expectRefused(path: string): string {
  const run = runCli(['verify', path]);
  expect(run.code, run.stderr).toBe(3);
  expect(run.stderr).toContain('校验失败');
  expect(run.stderr).toContain('Verification failed');
  return run.stderr;
}

function expectExportRefused(file: string, path: string): void {
  const run = runCli(['verify-export', file, path]);
  expect(run.code, run.stderr).toBe(3);
}

beforeAll(() => {
  dir = tempDir();
  pristine = join(dir, 'scored.sailreview');
  ok(['init', pristine]);
  ok(['import', pristine, demo('entries.csv'), '--programme', 'pioneer']);
  ok(['rubric', 'import', pristine, demo('rubric.json')]);
  ok(['reviewers', 'import', pristine, demo('reviewers.csv')]);
  ok(['round', 'create', pristine, '--name', '复赛', '--programme', 'pioneer']);
  ok(['scores', 'import', pristine, demo('scores.csv'), '--round', '复赛']);
  csvExport = join(dir, '排名.csv');
  xlsxExport = join(dir, '排名.xlsx');
  ok(['export', pristine, '--round', '复赛', '--format', 'csv', '--out', csvExport]);
  ok(['export', pristine, '--round', '复赛', '--format', 'xlsx', '--out', xlsxExport]);
  backupPath = (JSON.parse(ok(['backup', pristine, '--json']).stdout) as { path: string }).path;
}, 120_000);

describe('the untouched project', () => {
  it('verifies, signed, with every row vouched for; its exports verify', () => {
    const run = ok(['verify', pristine]);
    expect(run.stderr).toContain('链头由组织者密钥签名');
    expect(run.stderr).toMatch(/(\d+) 行数据与之相符/);
    ok(['verify-export', csvExport, pristine]);
    ok(['verify-export', xlsxExport, pristine]);
  });
});

describe('an edit with SQLite is found', () => {
  it('a changed score: its review, whose kept score list follows it, and the event that wrote it', () => {
    const path = copy();
    const review = reviewId(path, 'S001-001', 'R00102');
    const changed = edit(path, (db) =>
      db
        .prepare(
          "UPDATE score SET points = points - 1 WHERE review_id = ? AND criterion_key = 'net'",
        )
        .run(review),
    );
    expect(changed.changes).toBe(1);
    const stderr = expectRefused(path);
    expect(stderr).toContain(
      `row ${review} of table review (round "复赛" entry S001-001 reviewer R00102) was changed outside the app (last written by audit event ${eventOf(path, 'scores.import')})`,
    );
    expect(stderr).toContain(`表 review 的行 ${review}`);
    expectExportRefused(csvExport, path);
    expectExportRefused(xlsxExport, path);
  });

  it('a changed score whose list is kept as it was: its row, criterion and review', () => {
    const path = copy();
    const review = reviewId(path, 'S001-001', 'R00102');
    const changed = edit(path, (db) => {
      db.exec('DROP TRIGGER score_keeps_review_list');
      return db
        .prepare(
          "UPDATE score SET points = points - 1 WHERE review_id = ? AND criterion_key = 'net'",
        )
        .run(review);
    });
    expect(changed.changes).toBe(1);
    const stderr = expectRefused(path);
    expect(stderr).toContain(
      `row [${review},"net"] of table score (round "复赛" entry S001-001 reviewer R00102 criterion net) was changed outside the app (last written by audit event ${eventOf(path, 'scores.import')})`,
    );
    expect(stderr).toContain(`表 score 的行 [${review},"net"]`);
    expectExportRefused(csvExport, path);
  });

  it('a changed title', () => {
    const path = copy();
    edit(path, (db) =>
      db.prepare("UPDATE entry SET title = '另一个项目' WHERE external_id = 'S001-003'").run(),
    );
    expect(expectRefused(path)).toMatch(
      /row \d+ of table entry \(entry S001-003\) was changed outside the app \(last written by audit event \d+\)/,
    );
  });

  it('a renamed source column, kept once for every row of its import', () => {
    const path = copy();
    edit(path, (db) =>
      db
        .prepare("UPDATE source_columns SET headers_json = replace(headers_json, '\"', '\"X')")
        .run(),
    );
    expect(expectRefused(path)).toMatch(
      /row \d+ of table source_columns was changed outside the app \(last written by audit event \d+\)/,
    );
  });

  it('a changed comment', () => {
    const path = copy();
    const review = reviewId(path, 'S001-002', 'R00103');
    edit(path, (db) =>
      db.prepare("UPDATE review SET comment = '建议入围' WHERE id = ?").run(review),
    );
    expect(expectRefused(path)).toContain(
      `row ${review} of table review (round "复赛" entry S001-002 reviewer R00103) was changed outside the app (last written by audit event ${eventOf(path, 'scores.import')})`,
    );
    expectExportRefused(csvExport, path);
  });

  it('a changed score list, which a ranking reads instead of the score rows', () => {
    const path = copy();
    const review = reviewId(path, 'S001-001', 'R00102');
    const scoreOf = () =>
      (
        JSON.parse(ok(['rank', path, '--round', '复赛', '--json']).stdout) as Array<{
          entry_id: string;
          all_judge_mean: number;
        }>
      ).find((row) => row.entry_id === 'S001-001')?.all_judge_mean;
    const before = scoreOf();
    // Its first criterion set to 0, the score rows left as they are.
    const changed = edit(path, (db) =>
      db
        .prepare(
          "UPDATE review SET score_list = '0' || substr(score_list, instr(score_list, ',')) WHERE id = ?",
        )
        .run(review),
    );
    expect(changed.changes).toBe(1);
    expect(scoreOf()).not.toBe(before);
    const stderr = expectRefused(path);
    const writtenBy = `(last written by audit event ${eventOf(path, 'scores.import')})`;
    expect(stderr).toContain(
      `row ${review} of table review (round "复赛" entry S001-001 reviewer R00102) was changed outside the app ${writtenBy}`,
    );
    // The score row no longer matches what the list now says.
    expect(stderr).toContain(
      `row [${review},"net"] of table score (round "复赛" entry S001-001 reviewer R00102 criterion net) was changed outside the app ${writtenBy}`,
    );
    expectExportRefused(csvExport, path);
  });

  it('a deleted review (its scores go with it)', () => {
    const path = copy();
    const review = reviewId(path, 'S001-001', 'R00102');
    edit(path, (db) => db.prepare('DELETE FROM review WHERE id = ?').run(review));
    const stderr = expectRefused(path);
    expect(stderr).toContain(
      `row ${review} of table review was deleted outside the app (last written by audit event ${eventOf(path, 'scores.import')})`,
    );
    expectExportRefused(csvExport, path);
  });

  it('a deleted score, its review left as it was', () => {
    const path = copy();
    const review = reviewId(path, 'S001-001', 'R00102');
    edit(path, (db) =>
      db.prepare("DELETE FROM score WHERE review_id = ? AND criterion_key = 'net'").run(review),
    );
    expect(expectRefused(path)).toContain(
      `row [${review},"net"] of table score (round "复赛" entry S001-001 reviewer R00102 criterion net) was deleted outside the app (last written by audit event ${eventOf(path, 'scores.import')})`,
    );
  });

  it('an inserted review with its scores', () => {
    const path = copy();
    const inserted = edit(path, (db) => {
      // A pair of the round that has no review yet.
      const pair = db
        .prepare<
          [],
          { round_id: number; entry_id: number; reviewer_id: number; rubric_id: number }
        >(
          `SELECT re.round_id, re.entry_id, rv.id AS reviewer_id, re.rubric_id
           FROM round_entry re CROSS JOIN reviewer rv
           WHERE NOT EXISTS (SELECT 1 FROM review r WHERE r.round_id = re.round_id
             AND r.entry_id = re.entry_id AND r.reviewer_id = rv.id)
           ORDER BY re.entry_id, rv.id LIMIT 1`,
        )
        .get();
      expect(pair).toBeDefined();
      const id = db
        .prepare(
          `INSERT INTO review (round_id, entry_id, reviewer_id, rubric_id, status, updated_at)
           VALUES (@round_id, @entry_id, @reviewer_id, @rubric_id, 'submitted', '2026-01-01')`,
        )
        .run(pair!).lastInsertRowid;
      db.prepare("INSERT INTO score (review_id, criterion_key, points) VALUES (?, 'net', 20)").run(
        id,
      );
      return Number(id);
    });
    const stderr = expectRefused(path);
    expect(stderr).toMatch(
      new RegExp(
        `row ${inserted} of table review \\(round "复赛" entry \\S+ reviewer \\S+\\) was inserted outside the app \\(no audit event wrote it\\)`,
      ),
    );
    expect(stderr).toContain(`row [${inserted},"net"] of table score`);
  });

  it('a cut-off end of the chain', () => {
    const path = copy();
    const last = edit(path, (db) => {
      db.exec('DROP TRIGGER audit_event_no_delete; DROP TRIGGER row_journal_no_delete;');
      const seq = db.prepare('SELECT max(seq) FROM audit_event').pluck().get() as number;
      db.prepare('DELETE FROM audit_event WHERE seq = ?').run(seq);
      return seq;
    });
    const stderr = expectRefused(path);
    expect(stderr).toContain(
      `the audit chain was cut off: the signed head is event ${last}, but it now ends at event ${last - 1}`,
    );
    // Its rows remain, journalled under an event the chain no longer has.
    expect(stderr).toContain(`audit event ${last} no longer matches the digest of the rows`);
  });

  it('a cut-off end of the chain and of the row journal', () => {
    const path = copy();
    const scoresEvent = eventOf(path, 'scores.import');
    edit(path, (db) => {
      db.exec('DROP TRIGGER audit_event_no_delete; DROP TRIGGER row_journal_no_delete;');
      db.prepare('DELETE FROM audit_event WHERE seq >= ?').run(scoresEvent);
      db.prepare('DELETE FROM row_journal WHERE seq >= ?').run(scoresEvent);
    });
    const stderr = expectRefused(path);
    expect(stderr).toContain('the audit chain was cut off');
    // The scores are there, but no event the chain keeps wrote them.
    expect(stderr).toMatch(/\d+ rows differ from the audit chain/);
    expect(stderr).toContain('was inserted outside the app (no audit event wrote it)');
  });

  it('an export record made to vouch for other data', () => {
    const path = copy();
    edit(path, (db) =>
      db
        .prepare("UPDATE export_record SET data_digest = ? WHERE format = 'csv'")
        .run('0'.repeat(64)),
    );
    expect(expectRefused(path)).toMatch(
      /row \d+ of table export_record was changed outside the app/,
    );
    expectExportRefused(csvExport, path);
  });

  it('a truncated file: exit 3, naming the newest backup', () => {
    const path = join(dir, '截断.sailreview');
    copyFileSync(pristine, path);
    truncateSync(path, Math.floor(statSync(path).size / 2));
    const run = runCli(['verify', path]);
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toContain('项目文件已损坏');
    // The backups of this copy are those of its own name: none, and it says so.
    expect(run.stderr).toContain('没有找到自动备份');
    // The scored project's own backup is named when it is the one damaged.
    const damaged = join(mkdtempSync(join(tmpdir(), 'sail-damaged-')), 'scored.sailreview');
    copyFileSync(pristine, damaged);
    const folder = `${damaged}-备份`;
    runCli(['backup', damaged]);
    truncateSync(damaged, Math.floor(statSync(damaged).size / 2));
    const named = runCli(['verify', damaged]);
    expect(named.code, named.stderr).toBe(3);
    expect(named.stderr).toContain(folder);
    expect(named.stderr).toContain('The newest backup is');
    expect(readFileSync(backupPath).subarray(0, 15).toString()).toBe('SQLite format 3');
  });
});

describe('verify-export reads the digest the file itself carries', () => {
  it('a PDF carries it in its document information, which poppler reads too', () => {
    const path = copy();
    const pdf = join(dir, '排名.pdf');
    const printed = ok(['export', path, '--round', '复赛', '--format', 'pdf', '--out', pdf]);
    const digest = /Data digest: ([0-9a-f]{64})/.exec(printed.stderr)?.[1];
    expect(digest).toBeDefined();
    const info = execFileSync('pdfinfo', ['-custom', pdf], { encoding: 'utf8' });
    expect(info).toContain(`SailReviewDataDigest:${digest}`);
    // The update keeps the printed document: its pages and title read as before.
    expect(info).toMatch(/Title:\s+5G应用领航者 · 复赛/);
    ok(['verify-export', pdf, path]);
    const review = reviewId(path, 'S001-001', 'R00102');
    edit(path, (db) =>
      db
        .prepare(
          "UPDATE score SET points = points - 1 WHERE review_id = ? AND criterion_key = 'net'",
        )
        .run(review),
    );
    expectExportRefused(pdf, path);
  });

  it('a file whose own digest differs from its record, however well the record is vouched for', () => {
    const path = copy();
    // A CSV whose digest column says other data, recorded through the app with the
    // organiser's key: the record and its audit event both hold today's digest.
    const other = join(dir, '另一份.csv');
    const text = readFileSync(csvExport, 'utf8');
    const digest = /([0-9a-f]{64})\s*$/.exec(text.trim())?.[1];
    expect(digest).toBeDefined();
    writeFileSync(other, text.replaceAll(digest!, 'a'.repeat(64)));
    const sha256 = createHash('sha256').update(readFileSync(other)).digest('hex');
    const store = ProjectStore.open(path, { keys: new OrganiserKeyStore() });
    const record = store.exports.list(null, 1)[0]!;
    store.write(
      {
        action: 'export.ranking',
        subject: 'x:另一份.csv',
        payload: {
          format: 'csv',
          sha256,
          data_digest: digest,
          settings: JSON.parse(record.settings_json) as unknown,
        },
      },
      () =>
        store.exports.insert({
          round_id: record.round_id,
          format: 'csv',
          file_name: '另一份.csv',
          file_sha256: sha256,
          data_digest: digest!,
          settings_json: record.settings_json,
          rows: record.rows,
          created_at: new Date().toISOString(),
        }),
    );
    store.close();
    ok(['verify', path]);
    const run = runCli(['verify-export', other, path]);
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toContain(`digest in the file ${'a'.repeat(64)}, now ${digest}`);
  });
});

describe('a chain rewritten with the app’s own code is found without the organiser’s key', () => {
  /** The entries file with one applicant changed: what the attacker imports. */
  function changedEntries(): string {
    const file = join(dir, 'entries-changed.csv');
    const text = readFileSync(demo('entries.csv'), 'utf8');
    const lines = text.split('\n');
    const row = lines.findIndex((line) => line.includes('S001-003'));
    const cells = lines[row]!.split(',');
    const applicant = lines[0]!.split(',').indexOf('主体名称');
    expect(applicant).toBeGreaterThan(0);
    cells[applicant] = '另一家有限公司';
    lines[row] = cells.join(',');
    writeFileSync(file, lines.join('\n'));
    return file;
  }

  /** The attacker rewrites through the CLI, every hash recomputed, signed with their own key. */
  function rewriteWithOwnKey(path: string, keyDir: string): void {
    const run = runCli(['import', path, changedEntries(), '--programme', 'pioneer'], undefined, {
      SAIL_KEY_DIR: keyDir,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('更新 1');
  }

  it('signed with another key: an unknown key; the export is not vouched for', () => {
    const path = copy();
    rewriteWithOwnKey(path, mkdtempSync(join(tmpdir(), 'attacker-keys-')));
    const stderr = expectRefused(path);
    expect(stderr).toContain("is signed with a key this computer's key folder does not hold");
    // Every row matches the rewritten chain: only the signature tells.
    expect(stderr).not.toContain('rows differ');
    expectExportRefused(csvExport, path);
  });

  it('signed with another key and labelled as the organiser’s: the signature does not hold', () => {
    const path = copy();
    const organiser = edit(
      path,
      (db) => db.prepare('SELECT key_fingerprint FROM chain_seal').pluck().get() as string,
    );
    rewriteWithOwnKey(path, mkdtempSync(join(tmpdir(), 'attacker-keys-')));
    edit(path, (db) => db.prepare('UPDATE chain_seal SET key_fingerprint = ?').run(organiser));
    expect(expectRefused(path)).toMatch(
      /the signature of the chain's head \(event \d+\) does not hold: the chain was rewritten/,
    );
  });

  it('written with no key at all: the signed head is no longer the head', () => {
    const path = copy();
    const store = ProjectStore.open(path);
    store.write({ action: 'column_mapping.save', subject: 'x', payload: null }, () =>
      store.columnMappings.save({
        signature: 'sig',
        programme: 'pioneer',
        mapping_json: '{}',
        updated_at: 'now',
      }),
    );
    const head = store.lastWrite();
    store.close();
    expect(expectRefused(path)).toContain(
      `the chain's head is not the one signed: event ${head - 1} was signed, the head is now event ${head}`,
    );
  });

  it('the organiser’s public key given to verify elsewhere vouches for the untouched file', () => {
    const keyDir = process.env.SAIL_KEY_DIR!;
    const fingerprint = readFileSync(join(keyDir, 'current'), 'utf8').trim();
    const elsewhere = { SAIL_KEY_DIR: mkdtempSync(join(tmpdir(), 'other-computer-')) };
    const unknown = runCli(['verify', pristine], undefined, elsewhere);
    expect(unknown.code).toBe(3);
    const given = runCli(
      ['verify', pristine, '--public-key', join(keyDir, `${fingerprint}.pub.pem`)],
      undefined,
      elsewhere,
    );
    expect(given.code, given.stderr).toBe(0);
  });
});
