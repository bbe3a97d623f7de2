// A kept list's positions (migration 0014): each rubric's criterion or gate keys in its order.
import type { Db } from './database';

/** Each rubric's criterion or gate keys, in its order, by rubric row id (none: an empty list). */
export function rubricKeys(db: Db, table: 'criterion' | 'gate'): Map<number, string[]> {
  const keys = new Map<number, string[]>();
  for (const id of db.prepare<[], number>('SELECT id FROM main.rubric').pluck().all()) {
    keys.set(id, []);
  }
  const rows = db
    .prepare<[], [number, string]>(
      `SELECT rubric_id, key FROM main.${table} ORDER BY rubric_id, position`,
    )
    .raw()
    .iterate();
  for (const [rubric, key] of rows) keys.get(rubric)?.push(key);
  return keys;
}
