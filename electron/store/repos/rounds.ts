// Rounds (评审批次): their settings, pinned rubric versions and entries.
import type { AggregationSettings, EntryRow, Programme, RoundStatus } from '../../core/domain';
import type { Db } from '../database';

export interface RoundRecord {
  id: number;
  uuid: string;
  name: string;
  programme: Programme;
  stage: string | null;
  status: RoundStatus;
  method: AggregationSettings['method'];
  trim_k: number;
  min_reviews: number;
  disagreement_threshold: number;
  created_at: string;
}

export interface RoundEntryRow extends EntryRow {
  /** The rubric version this entry is scored with in the round. */
  rubric_id: number;
}

export interface NewRound {
  uuid: string;
  name: string;
  programme: Programme;
  stage: string | null;
  settings: AggregationSettings;
  pins: Array<{ sector: string; rubric_id: number }>;
  entries: Array<{ entry_id: number; rubric_id: number }>;
}

export class RoundRepository {
  private readonly byNameStatement;
  private readonly entryRubric;

  constructor(private readonly db: Db) {
    this.byNameStatement = db.prepare<[string], RoundRecord>('SELECT * FROM round WHERE name = ?');
    this.entryRubric = db.prepare<[number, number], { rubric_id: number }>(
      'SELECT rubric_id FROM round_entry WHERE round_id = ? AND entry_id = ?',
    );
  }

  create(round: NewRound, now: string): number {
    const id = Number(
      this.db
        .prepare(
          `INSERT INTO round (uuid, name, programme, stage, method, trim_k, min_reviews,
             disagreement_threshold, created_at)
           VALUES (@uuid, @name, @programme, @stage, @method, @trim_k, @min_reviews,
             @disagreement_threshold, @now)`,
        )
        .run({
          uuid: round.uuid,
          name: round.name,
          programme: round.programme,
          stage: round.stage,
          ...round.settings,
          now,
        }).lastInsertRowid,
    );
    const pin = this.db.prepare(
      'INSERT INTO round_rubric (round_id, sector, rubric_id) VALUES (?, ?, ?)',
    );
    for (const { sector, rubric_id } of round.pins) pin.run(id, sector, rubric_id);
    const member = this.db.prepare(
      'INSERT INTO round_entry (round_id, entry_id, rubric_id) VALUES (?, ?, ?)',
    );
    for (const { entry_id, rubric_id } of round.entries) member.run(id, entry_id, rubric_id);
    return id;
  }

  byName(name: string): RoundRecord | undefined {
    return this.byNameStatement.get(name);
  }

  list(): RoundRecord[] {
    return this.db.prepare<[], RoundRecord>('SELECT * FROM round ORDER BY id').all();
  }

  pins(roundId: number): Array<{ sector: string; rubric_id: number }> {
    return this.db
      .prepare<[number], { sector: string; rubric_id: number }>(
        'SELECT sector, rubric_id FROM round_rubric WHERE round_id = ? ORDER BY sector',
      )
      .all(roundId);
  }

  entries(roundId: number): RoundEntryRow[] {
    return this.db
      .prepare<[number], RoundEntryRow>(
        `SELECT e.id, e.external_id AS entry_id, e.title, e.applicant, e.province, e.city, e.sector,
           e.sector_label, e.track, e.programme, re.rubric_id
         FROM round_entry re JOIN entry e ON e.id = re.entry_id
         WHERE re.round_id = ? ORDER BY e.external_id`,
      )
      .all(roundId);
  }

  sectors(roundId: number): string[] {
    return this.db
      .prepare<[number], { sector: string }>(
        `SELECT DISTINCT e.sector FROM round_entry re JOIN entry e ON e.id = re.entry_id
         WHERE re.round_id = ? AND e.sector IS NOT NULL ORDER BY e.sector`,
      )
      .all(roundId)
      .map((row) => row.sector);
  }

  entryCount(roundId: number): number {
    return (
      this.db.prepare('SELECT count(*) AS n FROM round_entry WHERE round_id = ?').get(roundId) as {
        n: number;
      }
    ).n;
  }

  rubricOf(roundId: number, entryId: number): number | undefined {
    return this.entryRubric.get(roundId, entryId)?.rubric_id;
  }
}
