// Saved shortlists: the rule, method and settings they were cut with, and their rows.
import type { Db } from '../database';
import { roundEntrySectorSql } from './rounds';

export interface ShortlistRecord {
  id: number;
  round_id: number;
  name: string;
  rule_json: string;
  settings_json: string;
  status: 'draft' | 'final';
  override_reason: string | null;
  created_at: string;
  finalised_at: string | null;
}

export interface ShortlistEntryRecord {
  /** The entry's row id, its external id and title (for lists and checks). */
  entry_row_id: number;
  entry_id: string;
  title: string;
  applicant: string;
  sector: string | null;
  rank: number | null;
  score: number | null;
  flags_json: string;
}

export interface NewShortlist {
  round_id: number;
  name: string;
  rule_json: string;
  settings_json: string;
  rows: Array<{ entry_row_id: number; rank: number | null; score: number | null; flags: string[] }>;
}

export class ShortlistRepository {
  private readonly insertList;
  private readonly insertRow;
  private readonly byIdStatement;
  private readonly byNameStatement;
  private readonly listStatement;
  private readonly rowsStatement;
  private readonly finaliseStatement;
  private readonly deleteStatement;

  constructor(db: Db) {
    this.insertList = db.prepare(
      `INSERT INTO shortlist (round_id, name, rule_json, settings_json, status, created_at)
       VALUES (@round_id, @name, @rule_json, @settings_json, 'draft', @created_at)`,
    );
    this.insertRow = db.prepare(
      `INSERT INTO shortlist_entry (shortlist_id, entry_id, rank, score, flags_json)
       VALUES (?, ?, ?, ?, ?)`,
    );
    this.byIdStatement = db.prepare<[number], ShortlistRecord>(
      'SELECT * FROM shortlist WHERE id = ?',
    );
    this.byNameStatement = db.prepare<[number, string], ShortlistRecord>(
      'SELECT * FROM shortlist WHERE round_id = ? AND name = ?',
    );
    this.listStatement = db.prepare<[number], ShortlistRecord & { entries: number }>(
      `SELECT s.*, (SELECT count(*) FROM shortlist_entry se WHERE se.shortlist_id = s.id) AS entries
       FROM shortlist s WHERE s.round_id = ? ORDER BY s.id`,
    );
    // Rows come back in the order they were saved: the ranking's order, sector by sector for quotas.
    // The sector is the group the round ranked the entry in, whatever the entry reads now.
    this.rowsStatement = db.prepare<[number], ShortlistEntryRecord>(
      `SELECT e.id AS entry_row_id, e.external_id AS entry_id, e.title, e.applicant,
         ${roundEntrySectorSql('re')} AS sector, se.rank, se.score, se.flags_json
       FROM shortlist_entry se
         JOIN shortlist s ON s.id = se.shortlist_id
         JOIN round_entry re ON re.round_id = s.round_id AND re.entry_id = se.entry_id
         JOIN entry e ON e.id = se.entry_id
       WHERE se.shortlist_id = ?
       ORDER BY se.rowid`,
    );
    this.finaliseStatement = db.prepare(
      `UPDATE shortlist SET status = 'final', override_reason = ?, finalised_at = ?
       WHERE id = ? AND status = 'draft'`,
    );
    this.deleteStatement = db.prepare("DELETE FROM shortlist WHERE id = ? AND status = 'draft'");
  }

  /** Inserts a draft shortlist and its rows; the caller runs it inside ProjectStore.write. */
  insert(shortlist: NewShortlist, now: string): number {
    const id = Number(this.insertList.run({ ...shortlist, created_at: now }).lastInsertRowid);
    for (const row of shortlist.rows) {
      this.insertRow.run(id, row.entry_row_id, row.rank, row.score, JSON.stringify(row.flags));
    }
    return id;
  }

  get(id: number): ShortlistRecord | undefined {
    return this.byIdStatement.get(id);
  }

  byName(roundId: number, name: string): ShortlistRecord | undefined {
    return this.byNameStatement.get(roundId, name);
  }

  list(roundId: number): Array<ShortlistRecord & { entries: number }> {
    return this.listStatement.all(roundId);
  }

  rows(id: number): ShortlistEntryRecord[] {
    return this.rowsStatement.all(id);
  }

  /** Locks a draft; false when it was not a draft. */
  finalise(id: number, overrideReason: string | null, now: string): boolean {
    return this.finaliseStatement.run(overrideReason, now, id).changes === 1;
  }

  /** Deletes a draft (its rows cascade); false when it was not a draft. */
  deleteDraft(id: number): boolean {
    return this.deleteStatement.run(id).changes === 1;
  }
}
