// A digest of what an import may write, to prove that a failed or cancelled one wrote nothing.
import { createHash } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
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

/** Each table's rows in storage order, as arrays: prepared once per project. */
const tableReads = new WeakMap<ProjectStore, Array<{ name: string; rows: Statement }>>();

/** A digest of every table of the project, to prove that a refused file left no trace anywhere. */
export function projectDigest(store: ProjectStore): string {
  let reads = tableReads.get(store);
  if (!reads) {
    const db = projectFile(store);
    reads = db
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all()
      .map(({ name }) => ({
        name,
        rows: db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).raw(true),
      }));
    tableReads.set(store, reads);
  }
  const hash = createHash('sha256');
  for (const { name, rows } of reads) {
    hash.update(`\u0000${name}`);
    for (const row of rows.iterate()) hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
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
