import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase, schemaVersion } from '../../electron/store/database';
import { MIGRATIONS, SCHEMA_VERSION } from '../../electron/store/migrations';
import { migration0001 } from '../../electron/store/migrations/0001_initial';
import { tempDir } from '../support/paths';

const DOMAIN_TABLES = [
  'project',
  'sector',
  'import_batch',
  'entry',
  'column_mapping',
  'rubric',
  'criterion',
  'gate',
  'round',
  'round_rubric',
  'round_entry',
  'reviewer',
  'round_reviewer',
  'conflict',
  'assignment',
  'review',
  'score',
  'gate_answer',
  'shortlist',
  'shortlist_entry',
  'export_record',
  'audit_event',
];

function tables(db: Database.Database): Map<string, string> {
  const rows = db
    .prepare<[], { name: string; sql: string }>(
      "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    )
    .all();
  return new Map(rows.map((row) => [row.name, row.sql]));
}

describe('migrations', () => {
  it('are numbered 1..n without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('0001 creates every domain table as STRICT, with foreign keys enforced', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, [migration0001]);
    expect(schemaVersion(db)).toBe(1);
    const created = tables(db);
    expect([...created.keys()].sort()).toEqual([...DOMAIN_TABLES].sort());
    for (const [name, sql] of created) expect(sql, name).toMatch(/\)\s*STRICT\s*$/);
    expect(() =>
      db.prepare('INSERT INTO round_entry (round_id, entry_id, rubric_id) VALUES (1, 1, 1)').run(),
    ).toThrow(/FOREIGN KEY/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO rubric (sector, version, name_zh, name_en, tie_break_json, origin, created_at) VALUES ('x', 0, 'a', 'b', '[]', 'import', 'now')",
        )
        .run(),
    ).toThrow(/CHECK/);
    expect(db.prepare('SELECT count(*) AS n FROM sector').get()).toEqual({ n: 9 });
    db.close();
  });

  it('0001 makes the audit trail append-only', () => {
    const db = new Database(':memory:');
    migrate(db, [migration0001]);
    db.prepare(
      "INSERT INTO audit_event (seq, at, actor, action, subject, payload_json, prev_hash, hash) VALUES (1, 't', 'a', 'x', 's', '{}', 'p', 'h')",
    ).run();
    expect(() => db.prepare("UPDATE audit_event SET action = 'y'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_event').run()).toThrow(/append-only/);
    db.close();
  });

  it('applies pending migrations in one transaction: a failing one leaves the file untouched', () => {
    const db = new Database(':memory:');
    const broken = {
      version: 2,
      name: 'broken',
      sql: 'CREATE TABLE extra (x INTEGER) STRICT; SELECT * FROM missing_table;',
    };
    expect(() => migrate(db, [migration0001, broken])).toThrow(/missing_table/);
    expect(schemaVersion(db)).toBe(0);
    expect(tables(db).size).toBe(0);
    db.close();
  });

  it('refuses a project written by a newer version', () => {
    const path = join(tempDir(), 'newer.sailreview');
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openDatabase(path)).toThrow(
      expect.objectContaining({
        code: 'project_too_new',
        message_zh: expect.stringContaining('更新版本'),
      }),
    );
  });

  it('opens with WAL, foreign keys and synchronous=FULL', () => {
    const db = openDatabase(join(tempDir(), 'p.sailreview'), { create: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('rejects a file that is not a database with a clear message', () => {
    const path = join(tempDir(), 'notes.sailreview');
    writeFileSync(path, 'this is a text file, not SQLite '.repeat(100));
    expect(() => openDatabase(path)).toThrow(
      expect.objectContaining({
        code: 'not_a_project',
        message_en: expect.stringContaining('not a SailReview project'),
      }),
    );
  });

  it('refuses to open a missing file unless asked to create it', () => {
    expect(() => openDatabase(join(tempDir(), 'missing.sailreview'))).toThrow(
      expect.objectContaining({ code: 'project_not_found' }),
    );
  });
});
