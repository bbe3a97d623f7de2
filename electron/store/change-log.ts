// What changed in a project since a point in time, for caches of data derived from it (the
// ranking's loaded inputs). Nothing here is stored in the file: the review log lives in this
// connection's temp schema.
import type { Db } from './database';

/** Compared whole: any difference means something was written. */
export interface DataVersion {
  /** The last audit event: every write through ProjectStore.write appends one. */
  audit: number;
  /** SQLite's counter of commits by other connections (another process on the same file). */
  external: number;
  /** The number of the last entry of the review log. */
  reviews: number;
}

const logs = new WeakMap<Db, ChangeLog>();

/** The change log of a connection, started on first use. */
export function changeLog(db: Db): ChangeLog {
  let log = logs.get(db);
  if (!log) {
    log = new ChangeLog(db);
    logs.set(db, log);
  }
  return log;
}

export class ChangeLog {
  private readonly lastAudit;
  private readonly lastReviewChange;
  private readonly actionsAfter;
  private readonly entriesAfter;
  private readonly forgetStatement;

  constructor(private readonly db: Db) {
    // Temp triggers see every write of this connection to review, whichever code makes it;
    // scores are only written together with their review (ReviewRepository.put bumps its
    // version), so the review row names each changed (round, entry). Writes that roll back
    // take their log rows with them. AUTOINCREMENT: numbers are never reused after `forget`.
    db.exec(`
      CREATE TEMP TABLE IF NOT EXISTS review_change (
        n INTEGER PRIMARY KEY AUTOINCREMENT, round_id INTEGER NOT NULL, entry_id INTEGER NOT NULL);
      CREATE TEMP TRIGGER IF NOT EXISTS review_change_insert AFTER INSERT ON main.review
      BEGIN INSERT INTO review_change (round_id, entry_id) VALUES (NEW.round_id, NEW.entry_id); END;
      CREATE TEMP TRIGGER IF NOT EXISTS review_change_update AFTER UPDATE ON main.review
      BEGIN
        INSERT INTO review_change (round_id, entry_id) VALUES (OLD.round_id, OLD.entry_id);
        INSERT INTO review_change (round_id, entry_id) VALUES (NEW.round_id, NEW.entry_id);
      END;
      CREATE TEMP TRIGGER IF NOT EXISTS review_change_delete AFTER DELETE ON main.review
      BEGIN INSERT INTO review_change (round_id, entry_id) VALUES (OLD.round_id, OLD.entry_id); END;
    `);
    this.lastAudit = db.prepare('SELECT coalesce(max(seq), 0) FROM audit_event').pluck();
    this.lastReviewChange = db
      .prepare(
        "SELECT coalesce((SELECT seq FROM temp.sqlite_sequence WHERE name = 'review_change'), 0)",
      )
      .pluck();
    this.actionsAfter = db
      .prepare<[number], string>('SELECT DISTINCT action FROM audit_event WHERE seq > ?')
      .pluck();
    this.entriesAfter = db
      .prepare<[number, number, number], number>(
        'SELECT DISTINCT entry_id FROM review_change WHERE round_id = ? AND n > ? AND n <= ?',
      )
      .pluck();
    this.forgetStatement = db.prepare('DELETE FROM review_change WHERE n <= ?');
  }

  version(): DataVersion {
    return {
      audit: this.lastAudit.get() as number,
      external: this.db.pragma('data_version', { simple: true }) as number,
      reviews: this.lastReviewChange.get() as number,
    };
  }

  /** The audit actions written after `version`. */
  actionsSince(version: DataVersion): string[] {
    return this.actionsAfter.all(version.audit);
  }

  /** Row ids of the round's entries whose reviews changed between the two versions. */
  changedEntries(roundId: number, from: DataVersion, to: DataVersion): number[] {
    return this.entriesAfter.all(roundId, from.reviews, to.reviews);
  }

  /** Drops the log up to `version`: nothing will ask about changes before it again. */
  forget(version: DataVersion): void {
    this.forgetStatement.run(version.reviews);
  }
}
