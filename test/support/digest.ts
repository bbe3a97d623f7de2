// A digest of what an import may write, to prove that a failed or cancelled one wrote nothing.
import { createHash } from 'node:crypto';
import type { ProjectStore } from '../../electron/store/project-store';

const TABLES = ['entry', 'import_batch', 'audit_event'] as const;

export function importDigest(store: ProjectStore): string {
  const hash = createHash('sha256');
  for (const table of TABLES) {
    for (const row of store.db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).iterate()) {
      hash.update(JSON.stringify(row));
    }
    hash.update(`\u0000${table}`);
  }
  return hash.digest('hex');
}
