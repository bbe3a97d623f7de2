// A digest of what an import may write, to prove that a failed or cancelled one wrote nothing.
import { createHash } from 'node:crypto';
import Database, { type Statement } from 'better-sqlite3';
import { expect } from 'vitest';
import type { ProjectStore } from '../../electron/store/project-store';
import { projectFile } from './project-file';

const TABLES = ['entry', 'import_batch', 'audit_event'] as const;

export function importDigest(store: ProjectStore): string {
  const hash = createHash('sha256');
  for (const table of TABLES) {
    for (const row of projectFile(store)
      .prepare(`SELECT * FROM ${table} ORDER BY rowid`)
      .iterate()) {
      hash.update(JSON.stringify(row));
    }
    hash.update(`\u0000${table}`);
  }
  return hash.digest('hex');
}

/** Each table's rows in storage order, as arrays: prepared once per connection. */
const tableReads = new WeakMap<Database.Database, Array<{ name: string; rows: Statement }>>();

function digestOf(db: Database.Database): string {
  let reads = tableReads.get(db);
  if (!reads) {
    reads = db
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all()
      .map(({ name }) => ({
        name,
        rows: db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).raw(true),
      }));
    tableReads.set(db, reads);
  }
  const hash = createHash('sha256');
  for (const { name, rows } of reads) {
    hash.update(`\u0000${name}`);
    for (const row of rows.iterate()) hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
}

/** A digest of every table of the project, to prove that a refused file left no trace anywhere. */
export function projectDigest(store: ProjectStore): string {
  return digestOf(projectFile(store));
}

/** Read-only connections to each store's file not holding a moment now, kept for the next. */
const idleConnections = new WeakMap<ProjectStore, Database.Database[]>();

/**
 * Keeps the project as it is now, to check later that it is the same (projectDigest before and
 * after) without reading every table when nothing was committed meanwhile: a read transaction on
 * a connection of its own goes on seeing this moment while the store writes (WAL), so its digest
 * is taken only when SQLite's count of commits (commitsSeen) moved. `release` ends it.
 */
export function holdProject(store: ProjectStore): {
  expectUnchanged: (message?: string) => void;
  release: () => void;
} {
  const idle = idleConnections.get(store) ?? [];
  idleConnections.set(store, idle);
  const held = idle.pop() ?? new Database(store.path, { readonly: true });
  // Counted before the moment is taken: a commit in between is then compared, not missed.
  const commits = commitsSeen(store);
  held.exec('BEGIN');
  // A deferred transaction takes its moment at its first read.
  held.prepare('SELECT count(*) FROM sqlite_master').get();
  return {
    expectUnchanged: (message) => {
      if (commitsSeen(store) !== commits) {
        expect(projectDigest(store), message).toBe(digestOf(held));
      }
    },
    release: () => {
      held.exec('ROLLBACK');
      idle.push(held);
    },
  };
}

/** How many events the audit chain holds. */
export function auditLength(store: ProjectStore): number {
  return (
    projectFile(store).prepare('SELECT count(*) AS n FROM audit_event').get() as { n: number }
  ).n;
}

/**
 * SQLite's count of what other connections committed to the file, seen from the test's own
 * (projectFile): while it stays the same, the store has committed nothing.
 */
export function commitsSeen(store: ProjectStore): number {
  return projectFile(store).pragma('data_version', { simple: true }) as number;
}
