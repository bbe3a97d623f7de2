// Assignments (分配) of a round: who reviews which entry, locked or not, how each came; and the
// round's panel (round_panel; a round without rows there has every reviewer).
import type { Db } from '../database';

export type AssignmentSource = 'auto' | 'manual' | 'score';

export interface AssignmentRecord {
  round_id: number;
  entry_id: number;
  reviewer_id: number;
  locked: 0 | 1;
  source: AssignmentSource;
  override_reason: string | null;
  created_at: string;
}

/** An assignment with the ids and names people see, and the state of its review. */
export interface AssignmentRow extends AssignmentRecord {
  entry_external_id: string;
  reviewer_external_id: string;
  reviewer_name: string;
  review_status: 'draft' | 'submitted' | null;
}

/** A reviewer's assignments and reviews in a round. */
export interface PanelCounts {
  reviewer_id: number;
  assigned: number;
  submitted: number;
  conflicts: number;
}

export class AssignmentRepository {
  private readonly forRoundStatement;
  private readonly rowsStatement;
  private readonly getStatement;
  private readonly insertStatement;
  private readonly deleteStatement;
  private readonly lockStatement;
  private readonly panelStatement;
  private readonly clearPanelStatement;
  private readonly addPanelStatement;
  private readonly countsStatement;
  private readonly reviewedStatement;
  private readonly anyStatement;
  private readonly entriesOfStatement;

  constructor(db: Db) {
    this.forRoundStatement = db.prepare<[number], AssignmentRecord>(
      'SELECT * FROM assignment WHERE round_id = ?',
    );
    this.rowsStatement = db.prepare<{ round: number; reviewer: number | null }, AssignmentRow>(
      `SELECT a.*, e.external_id AS entry_external_id, rv.external_id AS reviewer_external_id,
         rv.name AS reviewer_name, r.status AS review_status
       FROM assignment a
         JOIN entry e ON e.id = a.entry_id
         JOIN reviewer rv ON rv.id = a.reviewer_id
         LEFT JOIN review r ON r.round_id = a.round_id AND r.entry_id = a.entry_id
           AND r.reviewer_id = a.reviewer_id
       WHERE a.round_id = @round AND (@reviewer IS NULL OR a.reviewer_id = @reviewer)
       ORDER BY e.external_id, rv.external_id`,
    );
    this.getStatement = db.prepare<[number, number, number], AssignmentRecord>(
      'SELECT * FROM assignment WHERE round_id = ? AND entry_id = ? AND reviewer_id = ?',
    );
    this.insertStatement = db.prepare<[AssignmentRecord]>(
      `INSERT INTO assignment (round_id, entry_id, reviewer_id, locked, source, override_reason,
         created_at)
       VALUES (@round_id, @entry_id, @reviewer_id, @locked, @source, @override_reason, @created_at)`,
    );
    this.deleteStatement = db.prepare<[number, number, number]>(
      'DELETE FROM assignment WHERE round_id = ? AND entry_id = ? AND reviewer_id = ?',
    );
    this.lockStatement = db.prepare<{ round: number; entry: number; locked: 0 | 1 }>(
      `UPDATE assignment SET locked = @locked
       WHERE round_id = @round AND entry_id = @entry AND locked != @locked`,
    );
    this.panelStatement = db
      .prepare<[number], number>('SELECT reviewer_id FROM round_panel WHERE round_id = ?')
      .pluck();
    this.clearPanelStatement = db.prepare<[number]>('DELETE FROM round_panel WHERE round_id = ?');
    this.addPanelStatement = db.prepare<[number, number]>(
      'INSERT INTO round_panel (round_id, reviewer_id) VALUES (?, ?)',
    );
    this.anyStatement = db
      .prepare<[number], number>('SELECT EXISTS (SELECT 1 FROM assignment WHERE round_id = ?)')
      .pluck();
    this.entriesOfStatement = db
      .prepare<[number, number], number>(
        'SELECT entry_id FROM assignment WHERE round_id = ? AND reviewer_id = ?',
      )
      .pluck();
    this.reviewedStatement = db.prepare<[number], { entry_id: number; reviewer_id: number }>(
      'SELECT entry_id, reviewer_id FROM review WHERE round_id = ?',
    );
    this.countsStatement = db.prepare<{ round: number }, PanelCounts>(
      `SELECT rv.id AS reviewer_id,
         (SELECT count(*) FROM assignment a WHERE a.round_id = @round AND a.reviewer_id = rv.id)
           AS assigned,
         (SELECT count(*) FROM review r
          WHERE r.round_id = @round AND r.reviewer_id = rv.id AND r.status = 'submitted') AS submitted,
         (SELECT count(*) FROM conflict c
            JOIN round_entry re ON re.entry_id = c.entry_id AND re.round_id = @round
          WHERE c.reviewer_id = rv.id AND c.status IN ('potential', 'confirmed')) AS conflicts
       FROM reviewer rv`,
    );
  }

  /** True once the round has any assignment: from then on each reviewer has their own queue. */
  hasAny(roundId: number): boolean {
    return this.anyStatement.get(roundId) === 1;
  }

  /** The entries assigned to a reviewer in the round. */
  entriesOf(roundId: number, reviewerId: number): Set<number> {
    return new Set(this.entriesOfStatement.all(roundId, reviewerId));
  }

  forRound(roundId: number): AssignmentRecord[] {
    return this.forRoundStatement.all(roundId);
  }

  rows(roundId: number, reviewerId?: number): AssignmentRow[] {
    return this.rowsStatement.all({ round: roundId, reviewer: reviewerId ?? null });
  }

  get(roundId: number, entryId: number, reviewerId: number): AssignmentRecord | undefined {
    return this.getStatement.get(roundId, entryId, reviewerId);
  }

  insert(record: AssignmentRecord): void {
    this.insertStatement.run(record);
  }

  delete(roundId: number, entryId: number, reviewerId: number): void {
    this.deleteStatement.run(roundId, entryId, reviewerId);
  }

  /** Locks or unlocks an entry's assignments; the number of assignments changed. */
  setLocked(roundId: number, entryId: number, locked: boolean): number {
    return this.lockStatement.run({ round: roundId, entry: entryId, locked: locked ? 1 : 0 })
      .changes;
  }

  /** The (entry, reviewer) pairs with a review in the round, draft or submitted. */
  reviewed(roundId: number): Array<{ entry_id: number; reviewer_id: number }> {
    return this.reviewedStatement.all(roundId);
  }

  /** The reviewers named for the round's panel (empty: every reviewer takes part). */
  panel(roundId: number): number[] {
    return this.panelStatement.all(roundId);
  }

  setPanel(roundId: number, reviewerIds: readonly number[]): void {
    this.clearPanelStatement.run(roundId);
    for (const id of reviewerIds) this.addPanelStatement.run(roundId, id);
  }

  /** Per reviewer of the project: assignments, submitted reviews and barring conflicts in a round. */
  panelCounts(roundId: number): PanelCounts[] {
    return this.countsStatement.all({ round: roundId });
  }
}
