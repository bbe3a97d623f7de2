// Every export is recorded with the digest of the data it was computed from; this repository
// also reads what exports print beyond the ranking: the panel and the submitted reviews.
import type { Db } from '../database';

export interface ExportValues {
  round_id: number | null;
  format: string;
  file_name: string;
  file_sha256: string;
  data_digest: string;
  settings_json: string;
  rows: number;
  created_at: string;
}

export interface ExportRow extends ExportValues {
  id: number;
}

/** A member of a round's panel (专家组). */
export interface PanelReviewer {
  reviewer_id: string;
  name: string;
  organisation: string | null;
}

/** A submitted review with its comment; the scores come from ReviewRepository.submittedScores. */
export interface SubmittedReviewRow {
  entry_id: string;
  reviewer_id: string;
  comment: string;
  submitted_at: string | null;
}

export class ExportRepository {
  private readonly insertStatement;
  private readonly byHashStatement;
  private readonly panelStatement;
  private readonly auditedStatement;

  constructor(private readonly db: Db) {
    this.insertStatement = db.prepare(
      `INSERT INTO export_record (round_id, format, file_name, file_sha256, data_digest,
         settings_json, rows, created_at)
       VALUES (@round_id, @format, @file_name, @file_sha256, @data_digest, @settings_json, @rows,
         @created_at)`,
    );
    this.auditedStatement = db.prepare<[string, string], 1>(
      `SELECT 1 FROM audit_event
       WHERE action = 'export.ranking'
         AND json_extract(payload_json, '$.sha256') = ?
         AND json_extract(payload_json, '$.data_digest') = ?`,
    );
    this.byHashStatement = db.prepare<[string], ExportRow>(
      'SELECT * FROM export_record WHERE file_sha256 = ? ORDER BY id DESC',
    );
    // The panel: reviewers named for the round, assigned in it or reviewing in it; within a
    // sector group, those assigned to or reviewing the entries the round ranks in it.
    this.panelStatement = db.prepare<{ round: number; sector: string | null }, PanelReviewer>(
      `SELECT rv.external_id AS reviewer_id, rv.name, rv.organisation
       FROM reviewer rv
       WHERE rv.id IN (
         SELECT reviewer_id FROM round_panel WHERE round_id = @round AND @sector IS NULL
         UNION
         SELECT a.reviewer_id FROM assignment a
           JOIN round_entry re ON re.round_id = a.round_id AND re.entry_id = a.entry_id
         WHERE a.round_id = @round AND (@sector IS NULL OR re.sector = @sector)
         UNION
         SELECT r.reviewer_id FROM review r
           JOIN round_entry re ON re.round_id = r.round_id AND re.entry_id = r.entry_id
         WHERE r.round_id = @round AND (@sector IS NULL OR re.sector = @sector))
       ORDER BY rv.external_id`,
    );
  }

  insert(values: ExportValues): number {
    return Number(this.insertStatement.run(values).lastInsertRowid);
  }

  /** Exports whose file had this SHA-256, newest first. */
  byFileHash(sha256: string): ExportRow[] {
    return this.byHashStatement.all(sha256);
  }

  /**
   * Whether an `export.ranking` audit event vouches for the record (same file hash and data
   * digest): false for a row added or changed in the table directly, behind the trail's back.
   */
  audited(row: Pick<ExportRow, 'file_sha256' | 'data_digest'>): boolean {
    return this.auditedStatement.get(row.file_sha256, row.data_digest) !== undefined;
  }

  /** The records `audited` refuses, for the project's own verification. */
  unaudited(): number[] {
    return this.db
      .prepare<[], ExportRow>('SELECT * FROM export_record ORDER BY id')
      .all()
      .filter((row) => !this.audited(row))
      .map((row) => row.id);
  }

  /** Exports of a round (or of all rounds), newest first. */
  list(roundId: number | null, limit: number): ExportRow[] {
    return this.db
      .prepare<[number | null, number | null, number], ExportRow>(
        `SELECT * FROM export_record WHERE ? IS NULL OR round_id = ? ORDER BY id DESC LIMIT ?`,
      )
      .all(roundId, roundId, limit);
  }

  panel(roundId: number, sector: string | null): PanelReviewer[] {
    return this.panelStatement.all({ round: roundId, sector });
  }

  submittedReviews(roundId: number): SubmittedReviewRow[] {
    return this.db
      .prepare<[number], SubmittedReviewRow>(
        `SELECT e.external_id AS entry_id, rv.external_id AS reviewer_id, r.comment, r.submitted_at
         FROM review r
           JOIN entry e ON e.id = r.entry_id
           JOIN reviewer rv ON rv.id = r.reviewer_id
         WHERE r.round_id = ? AND r.status = 'submitted'
         ORDER BY e.external_id, rv.external_id`,
      )
      .all(roundId);
  }
}
