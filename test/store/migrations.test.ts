import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase, schemaVersion } from '../../electron/store/database';
import { MIGRATIONS, SCHEMA_VERSION } from '../../electron/store/migrations';
import { migration0001 } from '../../electron/store/migrations/0001_initial';
import { migration0002 } from '../../electron/store/migrations/0002_attachments';
import { migration0003 } from '../../electron/store/migrations/0003_entry_list_index';
import { migration0007 } from '../../electron/store/migrations/0007_duplicate_decisions';
import { migration0008 } from '../../electron/store/migrations/0008_panel';
import { migration0009 } from '../../electron/store/migrations/0009_desk';
import { migration0010 } from '../../electron/store/migrations/0010_expert_queue';
import { migration0011 } from '../../electron/store/migrations/0011_packets';
import { migration0012 } from '../../electron/store/migrations/0012_row_journal';
import { migration0013 } from '../../electron/store/migrations/0013_package_certificate';
import { migration0014 } from '../../electron/store/migrations/0014_review_lists';
import { migration0015 } from '../../electron/store/migrations/0015_source_columns';
import { tempDir } from '../support/paths';

/** The tables of 0001; later migrations add to them (DOMAIN_TABLES). */
const INITIAL_TABLES = [
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
// 0008 renames round_reviewer to round_panel.
const DOMAIN_TABLES = [
  ...INITIAL_TABLES.filter((table) => table !== 'round_reviewer'),
  'round_panel',
  'attachment',
  'duplicate_decision',
  'deferral',
  'panel_package',
  'panel_review',
  'attachment_content',
  'packet_clash',
  'row_journal',
  'chain_seal',
  'source_columns',
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
    expect([...created.keys()].sort()).toEqual([...INITIAL_TABLES].sort());
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

  it('the latest schema has every domain table, each STRICT', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS);
    const created = tables(db);
    expect([...created.keys()].sort()).toEqual([...DOMAIN_TABLES].sort());
    for (const [name, sql] of created) expect(sql, name).toMatch(/\)\s*STRICT\s*$/);
    db.close();
  });

  it('0002 upgrades a version 1 file with an attachment table keyed by (entry, path)', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, [migration0001]);
    const entry = db
      .prepare(
        `INSERT INTO entry (programme, external_id, title, applicant, source_json, created_at, updated_at)
         VALUES ('bloom', 'B2025-0001', 't', 'a', '[]', 'now', 'now')`,
      )
      .run().lastInsertRowid;
    migrate(db, [migration0001, migration0002]);
    expect(schemaVersion(db)).toBe(2);
    expect(tables(db).get('attachment')).toMatch(/\)\s*STRICT\s*$/);
    expect(
      db
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'attachment'")
        .all(),
    ).toEqual([{ name: 'attachment_entry_path_uq' }]);

    const insert = db.prepare(
      `INSERT INTO attachment (entry_id, file_name, path, size, sha256, mime, linked_at)
       VALUES (?, 'a.pdf', ?, 10, ?, 'application/pdf', 'now')`,
    );
    const hash = 'a'.repeat(64);
    insert.run(entry, '/x/a.pdf', hash);
    expect(() => insert.run(entry, '/x/a.pdf', hash)).toThrow(/UNIQUE/);
    expect(() => insert.run(entry, '/x/b.pdf', 'short')).toThrow(/CHECK/);
    expect(() => insert.run(999, '/x/c.pdf', hash)).toThrow(/FOREIGN KEY/);
    db.prepare('DELETE FROM entry').run();
    expect(db.prepare('SELECT count(*) AS n FROM attachment').get()).toEqual({ n: 0 });
    db.close();
  });

  it('0003 upgrades a version 2 file with the entry list index, used for list scans', () => {
    const db = new Database(':memory:');
    migrate(db, [migration0001, migration0002]);
    db.prepare(
      `INSERT INTO entry (programme, external_id, title, applicant, source_json, created_at, updated_at)
       VALUES ('bloom', 'B2025-0001', '5G+智慧工厂', 'a', '[]', 'now', 'now')`,
    ).run();
    migrate(db, [migration0001, migration0002, migration0003]);
    expect(schemaVersion(db)).toBe(3);
    const columns = db
      .prepare<[], { name: string }>("SELECT name FROM pragma_index_info('entry_list_idx')")
      .all()
      .map((column) => column.name);
    expect(columns).toEqual([
      'programme',
      'external_id',
      'title',
      'applicant',
      'province',
      'city',
      'sector',
      'sector_label',
      'track',
    ]);
    const plan = db
      .prepare<[string], { detail: string }>(
        'EXPLAIN QUERY PLAN SELECT count(*) FROM entry WHERE instr(title, ?) > 0',
      )
      .all('智慧')
      .map((step) => step.detail);
    expect(plan.join(' ')).toContain('COVERING INDEX entry_list_idx');
    expect(
      db.prepare("SELECT count(*) AS n FROM entry WHERE instr(title, '智慧') > 0").get(),
    ).toEqual({ n: 1 });
    db.close();
  });

  it('0005 freezes each round entry in its sector group, NOT NULL, from the group it joined', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.slice(0, 4));
    const run = (sql: string) => db.prepare(sql).run();
    run(
      `INSERT INTO rubric (id, sector, version, name_zh, name_en, tie_break_json, origin, created_at)
       VALUES (1, 'factory', 1, 'f', 'f', '[]', 'library', 'now'),
              (2, 'mine', 1, 'm', 'm', '[]', 'library', 'now'),
              (3, 'generic', 1, 'g', 'g', '[]', 'library', 'now')`,
    );
    // Entries as they read now: P2 was a factory entry when round 1 was created, and P4 was a
    // campus entry of round 2, whose campus and park groups both pin the generic version.
    run(
      `INSERT INTO entry (id, programme, external_id, title, applicant, sector, source_json, created_at, updated_at)
       VALUES (1, 'pioneer', 'P1', 't', 'a', 'factory', '[]', 'now', 'now'),
              (2, 'pioneer', 'P2', 't', 'a', 'mine', '[]', 'now', 'now'),
              (3, 'pioneer', 'P3', 't', 'a', NULL, '[]', 'now', 'now'),
              (4, 'bloom', 'B4', 't', 'a', 'port', '[]', 'now', 'now'),
              (5, 'bloom', 'B5', 't', 'a', 'park', '[]', 'now', 'now')`,
    );
    run(
      `INSERT INTO round (id, uuid, name, programme, created_at)
       VALUES (1, 'u1', 'r1', 'pioneer', 'now'), (2, 'u2', 'r2', 'bloom', 'now')`,
    );
    run(
      `INSERT INTO round_rubric (round_id, sector, rubric_id)
       VALUES (1, 'factory', 1), (1, 'mine', 2), (1, 'generic', 3),
              (2, 'campus', 3), (2, 'park', 3)`,
    );
    run(
      `INSERT INTO round_entry (round_id, entry_id, rubric_id)
       VALUES (1, 1, 1), (1, 2, 1), (1, 3, 3), (2, 4, 3), (2, 5, 3)`,
    );

    migrate(db, MIGRATIONS.slice(0, 5));
    expect(schemaVersion(db)).toBe(5);
    expect(tables(db).get('round_entry')).toMatch(/\)\s*STRICT\s*$/);
    expect(
      db
        .prepare('SELECT round_id, entry_id, sector, rubric_id FROM round_entry ORDER BY 1, 2')
        .all(),
    ).toEqual([
      { round_id: 1, entry_id: 1, sector: 'factory', rubric_id: 1 },
      // Scored with the version only the factory group pins: it joined that group.
      { round_id: 1, entry_id: 2, sector: 'factory', rubric_id: 1 },
      { round_id: 1, entry_id: 3, sector: 'generic', rubric_id: 3 },
      // Two groups pin its version: the round cannot tell which it joined, so it stays put.
      { round_id: 2, entry_id: 4, sector: 'port', rubric_id: 3 },
      { round_id: 2, entry_id: 5, sector: 'park', rubric_id: 3 },
    ]);
    expect(
      db
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'round_entry'")
        .all()
        .map((row) => (row as { name: string }).name)
        .filter((name) => !name.startsWith('sqlite_'))
        .sort(),
    ).toEqual(['round_entry_entry_idx', 'round_entry_sector_idx']);
    expect(() =>
      run('INSERT INTO round_entry (round_id, entry_id, rubric_id) VALUES (1, 4, 1)'),
    ).toThrow(/NOT NULL/);
    expect(() =>
      run("INSERT INTO round_entry (round_id, entry_id, rubric_id, sector) VALUES (9, 4, 1, 'x')"),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('0006 refuses a score outside 0..max, off the 0.5 steps or on no criterion, keeping those stored before', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.slice(0, 5));
    const run = (sql: string) => db.prepare(sql).run();
    run(
      `INSERT INTO rubric (id, sector, version, name_zh, name_en, tie_break_json, origin, created_at)
       VALUES (1, 'factory', 1, 'f', 'f', '[]', 'library', 'now')`,
    );
    run(
      `INSERT INTO criterion (rubric_id, position, key, name_zh, name_en, max_points)
       VALUES (1, 1, 'net', '网络', 'net', 20), (1, 2, 'app', '应用', 'app', 25),
              (1, 3, 'sec', '安全', 'sec', 10)`,
    );
    run(
      `INSERT INTO entry (id, programme, external_id, title, applicant, source_json, created_at, updated_at)
       VALUES (1, 'pioneer', 'P1', 't', 'a', '[]', 'now', 'now')`,
    );
    run(
      `INSERT INTO round (id, uuid, name, programme, created_at) VALUES (1, 'u', 'r', 'pioneer', 'now')`,
    );
    run(
      `INSERT INTO reviewer (id, external_id, name, created_at, updated_at)
       VALUES (1, 'R1', 'n', 'now', 'now')`,
    );
    run(
      `INSERT INTO review (id, round_id, entry_id, reviewer_id, rubric_id, updated_at)
       VALUES (1, 1, 1, 1, 1, 'now')`,
    );
    // A flipped bit, written before the migration: it stays, for reading and verify to name.
    run(`INSERT INTO score (review_id, criterion_key, points) VALUES (1, 'net', 4.93e39)`);

    migrate(db, MIGRATIONS.slice(0, 6));
    expect(schemaVersion(db)).toBe(6);
    expect(db.prepare('SELECT points FROM score').pluck().all()).toEqual([4.93e39]);

    const insert = db.prepare(
      'INSERT INTO score (review_id, criterion_key, points) VALUES (1, ?, ?)',
    );
    for (const [key, points] of [
      ['sec', 10.5],
      ['sec', 7.25],
      ['sec', -0.5],
      ['sec', Number.POSITIVE_INFINITY],
      ['sec', Number.NaN],
      ['nosuch', 1],
    ] as const) {
      expect(() => insert.run(key, points), `${key} ${points}`).toThrow(/score out of range/);
    }
    insert.run('app', 25);
    insert.run('sec', 0);
    const update = db.prepare('UPDATE score SET points = ? WHERE criterion_key = ?');
    expect(() => update.run(25.5, 'app')).toThrow(/score out of range/);
    update.run(24.5, 'app');
    // The damaged score can be put right.
    update.run(14.5, 'net');
    expect(
      db.prepare('SELECT criterion_key, points FROM score ORDER BY criterion_key').all(),
    ).toEqual([
      { criterion_key: 'app', points: 24.5 },
      { criterion_key: 'net', points: 14.5 },
      { criterion_key: 'sec', points: 0 },
    ]);
    db.close();
  });

  it('0007 upgrades a file with a table of decisions on duplicate pairs, one per pair', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const before = MIGRATIONS.filter((migration) => migration.version < 7);
    migrate(db, before);
    db.prepare(
      `INSERT INTO entry (id, programme, external_id, title, applicant, source_json, created_at, updated_at)
       VALUES (1, 'bloom', 'B1', 't', 'a', '[]', 'now', 'now'),
              (2, 'bloom', 'B2', 't', 'a', '[]', 'now', 'now')`,
    ).run();
    migrate(db, [...before, migration0007]);
    expect(schemaVersion(db)).toBe(7);
    expect(tables(db).get('duplicate_decision')).toMatch(/\)\s*STRICT\s*$/);
    const insert = db.prepare(
      `INSERT INTO duplicate_decision (entry_a, entry_b, verdict, note, decided_by, decided_at)
       VALUES (?, ?, ?, NULL, NULL, 'now')`,
    );
    insert.run(1, 2, 'same_case');
    expect(() => insert.run(1, 2, 'distinct')).toThrow(/UNIQUE|PRIMARY KEY/);
    // The earlier entry first, so a pair has one row whichever way it is named.
    expect(() => insert.run(2, 1, 'distinct')).toThrow(/CHECK/);
    expect(() => insert.run(1, 1, 'distinct')).toThrow(/CHECK/);
    expect(() => insert.run(1, 2, 'maybe')).toThrow(/CHECK/);
    expect(() => insert.run(1, 9, 'distinct')).toThrow(/FOREIGN KEY/);
    expect(
      db
        .prepare(
          "SELECT name FROM sqlite_schema WHERE type = 'index' AND name NOT LIKE 'sqlite_%' AND tbl_name = 'duplicate_decision'",
        )
        .all(),
    ).toEqual([{ name: 'duplicate_decision_b_idx' }]);
    db.close();
  });

  it('0008 upgrades a version 7 file for the panel: conflicts per pair with decisions, assignment locks, a round panel', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const before = MIGRATIONS.filter((migration) => migration.version < 8);
    migrate(db, before);
    db.exec(
      `INSERT INTO project (id, uuid, name, created_at) VALUES (1, 'u', 'p', 'now');
       INSERT INTO entry (id, programme, external_id, title, applicant, source_json, created_at, updated_at)
         VALUES (1, 'bloom', 'B1', 't', 'a', '[]', 'now', 'now');
       INSERT INTO reviewer (id, external_id, name, created_at, updated_at)
         VALUES (1, 'R1', 'n', 'now', 'now');
       INSERT INTO round (id, uuid, name, programme, created_at) VALUES (1, 'r', 'R', 'bloom', 'now');
       INSERT INTO round_reviewer (round_id, reviewer_id) VALUES (1, 1);
       INSERT INTO assignment (round_id, entry_id, reviewer_id, created_at) VALUES (1, 1, 1, 'now');`,
    );
    migrate(db, [...before, migration0008]);
    expect(schemaVersion(db)).toBe(8);
    const upgraded = tables(db);
    expect(upgraded.has('round_reviewer')).toBe(false);
    // The panel and the assignment made before are kept; the assignment as an unlocked auto one.
    expect(db.prepare('SELECT round_id, reviewer_id FROM round_panel').all()).toEqual([
      { round_id: 1, reviewer_id: 1 },
    ]);
    expect(db.prepare('SELECT locked, source, override_reason FROM assignment').get()).toEqual({
      locked: 0,
      source: 'auto',
      override_reason: null,
    });
    expect(db.prepare('SELECT phone, email FROM reviewer').get()).toEqual({
      phone: null,
      email: null,
    });
    expect(db.prepare('SELECT conflicts_detected_at FROM project').get()).toEqual({
      conflicts_detected_at: null,
    });
    expect(upgraded.get('conflict')).toMatch(/\)\s*STRICT\s*$/);
    const insert = db.prepare(
      `INSERT INTO conflict (reviewer_id, entry_id, source, status, reason_zh, reason_en, found_at)
       VALUES (?, ?, ?, ?, 'zh', 'en', 'now')`,
    );
    insert.run(1, 1, 'detected', 'potential');
    expect(() => insert.run(1, 1, 'declared', 'potential')).toThrow(/UNIQUE|PRIMARY KEY/);
    db.prepare('DELETE FROM conflict').run();
    expect(() => insert.run(1, 1, 'guessed', 'potential')).toThrow(/CHECK/);
    expect(() => insert.run(1, 1, 'declared', 'maybe')).toThrow(/CHECK/);
    expect(() => insert.run(1, 9, 'declared', 'potential')).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("UPDATE assignment SET source = 'guess'").run()).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE assignment SET locked = 2').run()).toThrow(/CHECK/);
    db.close();
  });

  it('0009 upgrades a project to an organiser desk with no PINs and a 10-minute idle lock', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const before = MIGRATIONS.filter((migration) => migration.version < 9);
    migrate(db, before);
    db.prepare(
      "INSERT INTO project (id, uuid, name, kind, created_at) VALUES (1, 'u', 'p', 'project', 'now')",
    ).run();
    db.prepare(
      `INSERT INTO reviewer (external_id, name, created_at, updated_at)
       VALUES ('R1', '专家', 'now', 'now')`,
    ).run();
    migrate(db, [...before, migration0009]);
    expect(schemaVersion(db)).toBe(9);
    expect(
      db.prepare('SELECT desk_mode, organiser_pin_hash, idle_lock_minutes FROM project').get(),
    ).toEqual({ desk_mode: 'organiser', organiser_pin_hash: null, idle_lock_minutes: 10 });
    expect(db.prepare('SELECT pin_hash FROM reviewer').get()).toEqual({ pin_hash: null });
    expect(() => db.prepare("UPDATE project SET desk_mode = 'kiosk'").run()).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE project SET idle_lock_minutes = 0').run()).toThrow(/CHECK/);
    db.close();
  });

  it('0010 keeps rounds closed to experts and gives each reviewer an empty list of deferrals', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const before = MIGRATIONS.filter((migration) => migration.version < 10);
    migrate(db, before);
    db.prepare(
      `INSERT INTO round (uuid, name, programme, status, method, trim_k, min_reviews,
         disagreement_threshold, created_at)
       VALUES ('r', '初赛', 'bloom', 'locked', 'mean', 1, 3, 20, 'now')`,
    ).run();
    migrate(db, [...before, migration0010]);
    expect(schemaVersion(db)).toBe(10);
    expect(db.prepare('SELECT results_for_experts FROM round').get()).toEqual({
      results_for_experts: 0,
    });
    expect(() => db.prepare('UPDATE round SET results_for_experts = 2').run()).toThrow(/CHECK/);
    expect(db.prepare('SELECT count(*) AS n FROM deferral').get()).toEqual({ n: 0 });
    // A deferral names a real round, entry and reviewer.
    expect(() =>
      db
        .prepare(
          "INSERT INTO deferral (round_id, entry_id, reviewer_id, deferred_at) VALUES (1, 99, 99, 'now')",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('0011 upgrades a project with a round and a review to record packages, baselines and clashes', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const before = MIGRATIONS.filter((migration) => migration.version < 11);
    migrate(db, before);
    db.exec(
      `INSERT INTO project (id, uuid, name, kind, created_at) VALUES (1, 'u', 'p', 'project', 'now');
       INSERT INTO reviewer (id, external_id, name, created_at, updated_at)
         VALUES (1, 'R1', '专家', 'now', 'now');
       INSERT INTO round (id, uuid, name, programme, created_at)
         VALUES (1, 'r', '复赛', 'pioneer', 'now');
       INSERT INTO entry (id, programme, external_id, title, applicant, source_json, created_at,
         updated_at) VALUES (1, 'pioneer', 'P1', 't', 'a', '[]', 'now', 'now');`,
    );
    migrate(db, [...before, migration0011]);
    expect(schemaVersion(db)).toBe(11);
    const insertPackage = db.prepare(
      `INSERT INTO panel_package (uuid, round_id, reviewer_id, public_key, include_contacts,
         encrypted, created_at) VALUES (?, 1, 1, 'key', 0, 0, 'now')`,
    );
    insertPackage.run('k1');
    expect(db.prepare('SELECT sequence, private_key FROM panel_package').get()).toEqual({
      sequence: 0,
      private_key: null,
    });
    expect(() => db.prepare("INSERT INTO panel_review VALUES ('k9', 1, 0, 0)").run()).toThrow(
      /FOREIGN KEY/,
    );
    db.prepare("INSERT INTO panel_review VALUES ('k1', 1, 0, 0)").run();
    expect(() => db.prepare("INSERT INTO panel_review VALUES ('k1', 1, 1, 1)").run()).toThrow(
      /UNIQUE/,
    );
    const clash = db.prepare(
      `INSERT INTO packet_clash (package_uuid, entry_id, packet_sequence, project_version,
         packet_version, project_json, packet_json, status, found_at)
       VALUES ('k1', 1, 1, 2, 3, '{}', '{}', ?, 'now')`,
    );
    clash.run('kept_project');
    clash.run('open');
    // One open clash per review of a package; resolved ones stay beside it as the record.
    expect(() => clash.run('open')).toThrow(/UNIQUE/);
    expect(() => clash.run('maybe')).toThrow(/CHECK/);
    db.close();
  });

  it('0012 keeps the events written before it as they were and adds an append-only row journal', () => {
    const db = new Database(':memory:');
    const before = MIGRATIONS.filter((migration) => migration.version < 12);
    migrate(db, before);
    db.prepare(
      "INSERT INTO audit_event (seq, at, actor, action, subject, payload_json, prev_hash, hash) VALUES (1, 't', 'a', 'x', 's', '{}', 'p', 'h')",
    ).run();
    migrate(db, [...before, migration0012]);
    expect(schemaVersion(db)).toBe(12);
    // No digest: the event vouches for no rows, and its hash is computed as before.
    expect(db.prepare('SELECT rows_digest, hash FROM audit_event').get()).toEqual({
      rows_digest: null,
      hash: 'h',
    });
    db.prepare("INSERT INTO row_journal (seq, rows) VALUES (1, '[]')").run();
    expect(() => db.prepare("UPDATE row_journal SET rows = '[1]'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM row_journal').run()).toThrow(/append-only/);
    const seal =
      "INSERT INTO chain_seal (id, seq, hash, key_fingerprint, signature, signed_at) VALUES (?, 1, 'h', 'f', 's', 't')";
    db.prepare(seal).run(1);
    expect(() => db.prepare(seal).run(2)).toThrow(/CHECK/);
    db.close();
  });

  it('0013 keeps the packages issued before it, uncertified, and records a certificate with new ones', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const before = MIGRATIONS.filter((migration) => migration.version < 13);
    migrate(db, before);
    db.exec(
      `INSERT INTO reviewer (id, external_id, name, created_at, updated_at)
         VALUES (1, 'R1', '专家', 'now', 'now');
       INSERT INTO round (id, uuid, name, programme, created_at)
         VALUES (1, 'r', '复赛', 'pioneer', 'now');
       INSERT INTO panel_package (uuid, round_id, reviewer_id, public_key, include_contacts,
         encrypted, created_at) VALUES ('old', 1, 1, 'key', 0, 0, 'now');`,
    );
    migrate(db, [...before, migration0013]);
    expect(schemaVersion(db)).toBe(13);
    expect(
      db.prepare("SELECT certified_by, certificate FROM panel_package WHERE uuid = 'old'").get(),
    ).toEqual({ certified_by: null, certificate: null });
    db.prepare(
      `INSERT INTO panel_package (uuid, round_id, reviewer_id, public_key, include_contacts,
         encrypted, created_at, certified_by, certificate)
       VALUES ('new', 1, 1, 'key', 0, 0, 'now', 'f', 'sig')`,
    ).run();
    expect(() =>
      db.prepare("UPDATE panel_package SET certificate = x'00' WHERE uuid = 'new'").run(),
    ).toThrow(/cannot store BLOB value in TEXT column/);
    db.close();
  });

  it('0014 leaves the reviews written before it without lists, and a score changed outside the app reaches a kept list', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const before = MIGRATIONS.filter((migration) => migration.version < 14);
    migrate(db, before);
    db.exec(
      `INSERT INTO rubric (id, sector, version, name_zh, name_en, tie_break_json, origin, created_at)
         VALUES (1, 'factory', 1, 'f', 'f', '[]', 'library', 'now');
       INSERT INTO criterion (rubric_id, position, key, name_zh, name_en, max_points)
         VALUES (1, 2, 'app', '应用', 'app', 25), (1, 1, 'net', '网络', 'net', 20),
                (1, 3, 'sec', '安全', 'sec', 10);
       INSERT INTO gate (rubric_id, position, key, name_zh, name_en)
         VALUES (1, 1, 'licence', '许可', 'licence');
       INSERT INTO entry (id, programme, external_id, title, applicant, source_json, created_at,
         updated_at) VALUES (1, 'pioneer', 'P1', 't', 'a', '[]', 'now', 'now');
       INSERT INTO round (id, uuid, name, programme, created_at)
         VALUES (1, 'u', 'r', 'pioneer', 'now');
       INSERT INTO reviewer (id, external_id, name, created_at, updated_at)
         VALUES (1, 'R1', 'n', 'now', 'now'), (2, 'R2', 'm', 'now', 'now');
       INSERT INTO review (id, round_id, entry_id, reviewer_id, rubric_id, updated_at)
         VALUES (1, 1, 1, 1, 1, 'now'), (2, 1, 1, 2, 1, 'now');
       INSERT INTO score (review_id, criterion_key, points)
         VALUES (1, 'net', 14.5), (1, 'app', 20), (2, 'net', 3), (2, 'sec', 7.5);
       INSERT INTO gate_answer (review_id, gate_key, passed) VALUES (2, 'licence', 0);`,
    );
    migrate(db, [...before, migration0014]);
    expect(schemaVersion(db)).toBe(14);
    const lists = db.prepare('SELECT score_list, gate_list FROM review WHERE id = ?');
    // Rewriting them would change rows the journal vouches for: they are read from their rows.
    expect(lists.get(1)).toEqual({ score_list: null, gate_list: null });
    // Review 2's lists as the review repository writes them, then a score changed in place.
    db.exec(
      `UPDATE review SET score_list = '3.0,,7.5', gate_list = '0' WHERE id = 2;
       UPDATE score SET points = 12 WHERE review_id = 2 AND criterion_key = 'net';
       UPDATE gate_answer SET passed = 1 WHERE review_id = 2;
       UPDATE score SET points = 19 WHERE review_id = 1 AND criterion_key = 'net';`,
    );
    // In the rubric's order (net, app, sec), a criterion without a score left empty.
    expect(lists.get(2)).toEqual({ score_list: '12.0,,7.5', gate_list: '1' });
    expect(lists.get(1)).toEqual({ score_list: null, gate_list: null });
    db.close();
  });

  it('0015 keeps the source rows stored before it as pairs, and a header list once per set of headers', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const before = MIGRATIONS.filter((migration) => migration.version < 15);
    migrate(db, before);
    const pairs = JSON.stringify([
      ['编号', 'P1'],
      ['名称', 't'],
    ]);
    db.prepare(
      `INSERT INTO entry (id, programme, external_id, title, applicant, source_json, created_at,
         updated_at) VALUES (1, 'pioneer', 'P1', 't', 'a', ?, 'now', 'now')`,
    ).run(pairs);
    migrate(db, [...before, migration0015]);
    expect(schemaVersion(db)).toBe(15);
    // Rewriting it would change a row the journal vouches for: it is read as pairs.
    expect(db.prepare('SELECT source_json, source_columns_id FROM entry').get()).toEqual({
      source_json: pairs,
      source_columns_id: null,
    });
    const list = db.prepare('INSERT INTO source_columns (headers_json) VALUES (?)');
    list.run('["编号","名称"]');
    expect(() => list.run('["编号","名称"]')).toThrow(/UNIQUE/);
    db.prepare(
      `INSERT INTO entry (id, programme, external_id, title, applicant, source_json,
         source_columns_id, created_at, updated_at)
       VALUES (2, 'pioneer', 'P2', 't', 'a', '["P2","t"]', 1, 'now', 'now')`,
    ).run();
    // A row naming no header list is refused.
    expect(() =>
      db
        .prepare(
          `INSERT INTO entry (id, programme, external_id, title, applicant, source_json,
             source_columns_id, created_at, updated_at)
           VALUES (3, 'pioneer', 'P3', 't', 'a', '["P3","t"]', 9, 'now', 'now')`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
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
