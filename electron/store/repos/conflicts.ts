// Conflicts of interest (回避): one row per (reviewer, entry) pair, with the organiser's decision,
// and when detection last ran over the project.
import type { ConflictSource, ConflictStatus } from '../../core/conflicts';
import type { Db } from '../database';

export interface ConflictRecord {
  reviewer_id: number;
  entry_id: number;
  source: ConflictSource;
  status: ConflictStatus;
  reason_zh: string;
  reason_en: string;
  decision_reason: string | null;
  decided_at: string | null;
  found_at: string;
}

/** A conflict with the external ids and names people see. */
export interface ConflictRow extends ConflictRecord {
  reviewer_external_id: string;
  reviewer_name: string;
  entry_external_id: string;
  entry_title: string;
}

export interface ConflictFilter {
  /** Only the entries of this round and the reviewers of its panel. */
  roundId?: number | undefined;
  status?: ConflictStatus | undefined;
  /** External ids, as people give them. */
  reviewerId?: string | undefined;
  entryId?: string | undefined;
}

export class ConflictRepository {
  private readonly allStatement;
  private readonly getStatement;
  private readonly insertStatement;
  private readonly refindStatement;
  private readonly deleteStatement;
  private readonly decideStatement;
  private readonly listStatement;
  private readonly barringStatement;
  private readonly detectedAtStatement;
  private readonly setDetectedAtStatement;
  private readonly confirmedStatement;

  constructor(db: Db) {
    this.allStatement = db.prepare<[], ConflictRecord>('SELECT * FROM conflict');
    this.confirmedStatement = db
      .prepare<[number], number>(
        "SELECT entry_id FROM conflict WHERE reviewer_id = ? AND status = 'confirmed'",
      )
      .pluck();
    this.getStatement = db.prepare<[number, number], ConflictRecord>(
      'SELECT * FROM conflict WHERE reviewer_id = ? AND entry_id = ?',
    );
    // Positional parameters: detection may insert tens of thousands of pairs in one write.
    this.insertStatement = db.prepare<
      [number, number, string, string, string, string, string | null, string | null, string]
    >(
      `INSERT INTO conflict (reviewer_id, entry_id, source, status, reason_zh, reason_en,
         decision_reason, decided_at, found_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.refindStatement = db.prepare<
      Pick<ConflictRecord, 'reviewer_id' | 'entry_id' | 'source' | 'reason_zh' | 'reason_en'>
    >(
      `UPDATE conflict SET source = @source, reason_zh = @reason_zh, reason_en = @reason_en
       WHERE reviewer_id = @reviewer_id AND entry_id = @entry_id`,
    );
    this.deleteStatement = db.prepare<[number, number]>(
      'DELETE FROM conflict WHERE reviewer_id = ? AND entry_id = ?',
    );
    this.decideStatement = db.prepare<
      Pick<ConflictRecord, 'reviewer_id' | 'entry_id' | 'status' | 'decision_reason' | 'decided_at'>
    >(
      `UPDATE conflict SET status = @status, decision_reason = @decision_reason,
         decided_at = @decided_at
       WHERE reviewer_id = @reviewer_id AND entry_id = @entry_id`,
    );
    // A round's panel is its round_panel rows, or every reviewer when it has none.
    this.listStatement = db.prepare<
      {
        round: number | null;
        status: ConflictStatus | null;
        reviewer: string | null;
        entry: string | null;
      },
      ConflictRow
    >(
      `SELECT c.*, rv.external_id AS reviewer_external_id, rv.name AS reviewer_name,
         e.external_id AS entry_external_id, e.title AS entry_title
       FROM conflict c
         JOIN reviewer rv ON rv.id = c.reviewer_id
         JOIN entry e ON e.id = c.entry_id
       WHERE (@status IS NULL OR c.status = @status)
         AND (@reviewer IS NULL OR rv.external_id = @reviewer)
         AND (@entry IS NULL OR e.external_id = @entry)
         AND (@round IS NULL OR (
           c.entry_id IN (SELECT entry_id FROM round_entry WHERE round_id = @round)
           AND (NOT EXISTS (SELECT 1 FROM round_panel WHERE round_id = @round)
             OR c.reviewer_id IN (SELECT reviewer_id FROM round_panel WHERE round_id = @round))))
       ORDER BY rv.external_id, e.external_id`,
    );
    this.barringStatement = db.prepare<[number], Pick<ConflictRecord, 'reviewer_id' | 'entry_id'>>(
      `SELECT c.reviewer_id, c.entry_id FROM conflict c
       JOIN round_entry re ON re.entry_id = c.entry_id AND re.round_id = ?
       WHERE c.status IN ('potential', 'confirmed')`,
    );
    this.detectedAtStatement = db
      .prepare<[], string | null>('SELECT conflicts_detected_at FROM project WHERE id = 1')
      .pluck();
    this.setDetectedAtStatement = db.prepare<[string]>(
      'UPDATE project SET conflicts_detected_at = ? WHERE id = 1',
    );
  }

  all(): ConflictRecord[] {
    return this.allStatement.all();
  }

  get(reviewerId: number, entryId: number): ConflictRecord | undefined {
    return this.getStatement.get(reviewerId, entryId);
  }

  insert(record: ConflictRecord): void {
    this.insertStatement.run(
      record.reviewer_id,
      record.entry_id,
      record.source,
      record.status,
      record.reason_zh,
      record.reason_en,
      record.decision_reason,
      record.decided_at,
      record.found_at,
    );
  }

  /** A pair found again: its source and reason as found now (its decision stays). */
  refind(
    found: Pick<ConflictRecord, 'reviewer_id' | 'entry_id' | 'source' | 'reason_zh' | 'reason_en'>,
  ): void {
    this.refindStatement.run(found);
  }

  delete(reviewerId: number, entryId: number): void {
    this.deleteStatement.run(reviewerId, entryId);
  }

  decide(
    decision: Pick<
      ConflictRecord,
      'reviewer_id' | 'entry_id' | 'status' | 'decision_reason' | 'decided_at'
    >,
  ): void {
    this.decideStatement.run(decision);
  }

  /**
   * Confirms a pair with `reason` (the organiser's, or an expert's recusal). A pair already found
   * keeps its source and reason; a new one is declared, with `declared` as its reason.
   */
  confirm(
    pair: Pick<ConflictRecord, 'reviewer_id' | 'entry_id'>,
    reason: string,
    declared: { zh: string; en: string },
    at: string,
  ): void {
    const decision = {
      ...pair,
      status: 'confirmed' as const,
      decision_reason: reason,
      decided_at: at,
    };
    if (this.get(pair.reviewer_id, pair.entry_id)) this.decide(decision);
    else {
      this.insert({
        ...decision,
        source: 'declared',
        reason_zh: declared.zh,
        reason_en: declared.en,
        found_at: at,
      });
    }
  }

  list(filter: ConflictFilter = {}): ConflictRow[] {
    return this.listStatement.all({
      round: filter.roundId ?? null,
      status: filter.status ?? null,
      reviewer: filter.reviewerId ?? null,
      entry: filter.entryId ?? null,
    });
  }

  /** The pairs of a round's entries that bar an assignment: potential or confirmed. */
  barring(roundId: number): Array<Pick<ConflictRecord, 'reviewer_id' | 'entry_id'>> {
    return this.barringStatement.all(roundId);
  }

  /** The entries a reviewer's confirmed conflicts bar them from (a recusal among them). */
  confirmedOf(reviewerId: number): Set<number> {
    return new Set(this.confirmedStatement.all(reviewerId));
  }

  /** When detection last ran over the whole project, or null. */
  detectedAt(): string | null {
    return this.detectedAtStatement.get() ?? null;
  }

  setDetectedAt(at: string): void {
    this.setDetectedAtStatement.run(at);
  }
}
