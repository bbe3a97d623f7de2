// The organiser's decisions on suspected duplicate pairs: "not a duplicate" or "the same case".
import type { DuplicateVerdict } from '../../core/duplicates';
import type { Db } from '../database';

export interface DuplicateDecisionRecord {
  /** Row id of the entry stored first. */
  entry_a: number;
  entry_b: number;
  verdict: DuplicateVerdict;
  note: string | null;
  decided_by: string | null;
  decided_at: string;
}

/** A decision of one entry's pairs, with the entry on its other side. */
export interface EntryDuplicateDecision extends DuplicateDecisionRecord {
  other_id: number;
  other_entry_id: string;
  other_title: string;
}

export class DuplicateDecisionRepository {
  private readonly all;
  private readonly byPair;
  private readonly upsertStatement;
  private readonly deleteStatement;
  private readonly byEntry;

  constructor(db: Db) {
    this.all = db.prepare<[], DuplicateDecisionRecord>('SELECT * FROM duplicate_decision');
    this.byPair = db.prepare<[number, number], DuplicateDecisionRecord>(
      'SELECT * FROM duplicate_decision WHERE entry_a = ? AND entry_b = ?',
    );
    this.upsertStatement = db.prepare<[DuplicateDecisionRecord]>(
      `INSERT INTO duplicate_decision (entry_a, entry_b, verdict, note, decided_by, decided_at)
       VALUES (@entry_a, @entry_b, @verdict, @note, @decided_by, @decided_at)
       ON CONFLICT (entry_a, entry_b) DO UPDATE SET verdict = excluded.verdict,
         note = excluded.note, decided_by = excluded.decided_by, decided_at = excluded.decided_at`,
    );
    this.deleteStatement = db.prepare<[number, number]>(
      'DELETE FROM duplicate_decision WHERE entry_a = ? AND entry_b = ?',
    );
    this.byEntry = db.prepare<{ id: number }, EntryDuplicateDecision>(
      `SELECT d.*, e.id AS other_id, e.external_id AS other_entry_id, e.title AS other_title
       FROM duplicate_decision d JOIN entry e ON e.id = d.entry_b WHERE d.entry_a = @id
       UNION ALL
       SELECT d.*, e.id, e.external_id, e.title
       FROM duplicate_decision d JOIN entry e ON e.id = d.entry_a WHERE d.entry_b = @id
       ORDER BY decided_at, other_entry_id`,
    );
  }

  /** Every decision, by pair (`${entry_a}:${entry_b}`). */
  byPairKey(): Map<string, DuplicateDecisionRecord> {
    return new Map(this.all.all().map((row) => [pairKey(row.entry_a, row.entry_b), row]));
  }

  get(entryA: number, entryB: number): DuplicateDecisionRecord | undefined {
    return this.byPair.get(entryA, entryB);
  }

  upsert(record: DuplicateDecisionRecord): void {
    this.upsertStatement.run(record);
  }

  remove(entryA: number, entryB: number): void {
    this.deleteStatement.run(entryA, entryB);
  }

  forEntry(id: number): EntryDuplicateDecision[] {
    return this.byEntry.all({ id });
  }
}

/** A pair's key, the entry stored first (lower row id) first. */
export function pairKey(entryA: number, entryB: number): string {
  return `${entryA}:${entryB}`;
}
