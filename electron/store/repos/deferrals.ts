// Entries an expert put off to the end of their queue in a round, and when: the queue lists them
// last, in the order they were put off.
import type { Db } from '../database';

export class DeferralRepository {
  private readonly ofStatement;
  private readonly upsertStatement;
  private readonly deleteStatement;

  constructor(db: Db) {
    this.ofStatement = db.prepare<[number, number], { entry_id: number; deferred_at: string }>(
      'SELECT entry_id, deferred_at FROM deferral WHERE round_id = ? AND reviewer_id = ?',
    );
    this.upsertStatement = db.prepare(
      `INSERT INTO deferral (round_id, entry_id, reviewer_id, deferred_at)
       VALUES (@round_id, @entry_id, @reviewer_id, @at)
       ON CONFLICT (round_id, reviewer_id, entry_id) DO UPDATE SET deferred_at = @at`,
    );
    this.deleteStatement = db.prepare(
      'DELETE FROM deferral WHERE round_id = ? AND entry_id = ? AND reviewer_id = ?',
    );
  }

  /** A reviewer's deferred entries in a round: entry row id → when it was put off. */
  of(roundId: number, reviewerId: number): Map<number, string> {
    return new Map(
      this.ofStatement.all(roundId, reviewerId).map((row) => [row.entry_id, row.deferred_at]),
    );
  }

  defer(key: { round_id: number; entry_id: number; reviewer_id: number }, at: string): void {
    this.upsertStatement.run({ ...key, at });
  }

  /** Back in its place; true when it had been put off. */
  restore(roundId: number, entryId: number, reviewerId: number): boolean {
    return this.deleteStatement.run(roundId, entryId, reviewerId).changes > 0;
  }
}
