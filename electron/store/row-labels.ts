// A journalled row in the review's terms (round, entry, reviewer, criterion), for `verify` to
// name what differs the way organisers know it; the journal itself keys rows by row id.
import type { RowLabel } from '../core/chain';
import type { Db } from './database';

const REVIEW = `SELECT ro.name AS round, e.external_id AS entry_id, rv.external_id AS reviewer_id
  FROM review r JOIN round ro ON ro.id = r.round_id JOIN entry e ON e.id = r.entry_id
  JOIN reviewer rv ON rv.id = r.reviewer_id WHERE r.id = ?`;

/** By table: the label's query, given the key's parts. */
const QUERIES: Record<string, { sql: string; criterion?: boolean }> = {
  entry: { sql: 'SELECT external_id AS entry_id FROM entry WHERE id = ?' },
  reviewer: { sql: 'SELECT external_id AS reviewer_id FROM reviewer WHERE id = ?' },
  round: { sql: 'SELECT name AS round FROM round WHERE id = ?' },
  review: { sql: REVIEW },
  score: { sql: REVIEW, criterion: true },
  gate_answer: { sql: REVIEW, criterion: true },
};

/** The row's label, or null for a table without one or a row the file no longer has. */
export function rowLabel(db: Db, table: string, key: string): RowLabel | null {
  const query = QUERIES[table];
  if (!query) return null;
  const parts: unknown[] = key.startsWith('[') ? (JSON.parse(key) as unknown[]) : [key];
  const found = db.prepare<[unknown], RowLabel>(query.sql).get(parts[0]);
  if (!found) return null;
  return query.criterion ? { ...found, criterion: String(parts[1]) } : found;
}
