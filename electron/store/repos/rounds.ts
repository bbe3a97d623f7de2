// Rounds (评审批次): their settings, state, pinned rubric versions and entries.
import { GENERIC_RUBRIC_KEY } from '../../core/sectors';
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

/** A round pins one rubric version per sector of its entries ('generic' for entries without). */
export interface RoundPin {
  sector: string;
  rubric_id: number;
}

export interface NewRound {
  uuid: string;
  name: string;
  programme: Programme;
  stage: string | null;
  settings: AggregationSettings;
  pins: RoundPin[];
  entries: Array<{ entry_id: number; rubric_id: number }>;
}

export interface RoundEvent {
  seq: number;
  at: string;
  actor: string;
  action: string;
  payload_json: string;
}

/** The sector group of an entry in a round, as SQL: the key its pin is stored under. */
const GROUP_SQL = `coalesce(e.sector, '${GENERIC_RUBRIC_KEY}')`;

export class RoundRepository {
  private readonly byNameStatement;
  private readonly byIdStatement;
  private readonly entryRubric;
  private readonly setStatusStatement;
  private readonly movePinStatement;
  private readonly moveEntriesStatement;
  private readonly groupReviews;
  private readonly historyStatement;

  constructor(private readonly db: Db) {
    this.byNameStatement = db.prepare<[string], RoundRecord>('SELECT * FROM round WHERE name = ?');
    this.byIdStatement = db.prepare<[number], RoundRecord>('SELECT * FROM round WHERE id = ?');
    this.entryRubric = db.prepare<[number, number], { rubric_id: number }>(
      'SELECT rubric_id FROM round_entry WHERE round_id = ? AND entry_id = ?',
    );
    this.setStatusStatement = db.prepare<[RoundStatus, number]>(
      'UPDATE round SET status = ? WHERE id = ?',
    );
    this.movePinStatement = db.prepare<[number, number, string]>(
      'UPDATE round_rubric SET rubric_id = ? WHERE round_id = ? AND sector = ?',
    );
    this.moveEntriesStatement = db.prepare<[number, number, number, string]>(
      `UPDATE round_entry SET rubric_id = ?
       WHERE round_id = ? AND entry_id IN (
         SELECT e.id FROM round_entry re JOIN entry e ON e.id = re.entry_id
         WHERE re.round_id = ? AND ${GROUP_SQL} = ?)`,
    );
    this.groupReviews = db.prepare<[number, string], { n: number }>(
      `SELECT count(*) AS n FROM review r JOIN entry e ON e.id = r.entry_id
       WHERE r.round_id = ? AND ${GROUP_SQL} = ?`,
    );
    this.historyStatement = db.prepare<[string], RoundEvent>(
      `SELECT seq, at, actor, action, payload_json FROM audit_event
       WHERE subject = ? ORDER BY seq`,
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

  byId(id: number): RoundRecord | undefined {
    return this.byIdStatement.get(id);
  }

  list(): RoundRecord[] {
    return this.db.prepare<[], RoundRecord>('SELECT * FROM round ORDER BY id').all();
  }

  setStatus(roundId: number, status: RoundStatus): void {
    this.setStatusStatement.run(status, roundId);
  }

  updateSetup(roundId: number, stage: string | null, settings: AggregationSettings): void {
    this.db
      .prepare(
        `UPDATE round SET stage = @stage, method = @method, trim_k = @trim_k,
           min_reviews = @min_reviews, disagreement_threshold = @disagreement_threshold
         WHERE id = @id`,
      )
      .run({ id: roundId, stage, ...settings });
  }

  pins(roundId: number): RoundPin[] {
    return this.db
      .prepare<[number], RoundPin>(
        'SELECT sector, rubric_id FROM round_rubric WHERE round_id = ? ORDER BY sector',
      )
      .all(roundId);
  }

  /** Pins another version for a sector, and scores that sector's entries with it. */
  movePin(roundId: number, sector: string, rubricId: number): void {
    this.movePinStatement.run(rubricId, roundId, sector);
    this.moveEntriesStatement.run(rubricId, roundId, roundId, sector);
  }

  /** Reviews (draft or submitted) of the round's entries in a sector group. */
  reviewsInSector(roundId: number, sector: string): number {
    return this.groupReviews.get(roundId, sector)?.n ?? 0;
  }

  /** Entries of the round per sector group. */
  sectorSizes(roundId: number): Map<string, number> {
    const rows = this.db
      .prepare<[number], { sector: string; n: number }>(
        `SELECT ${GROUP_SQL} AS sector, count(*) AS n
         FROM round_entry re JOIN entry e ON e.id = re.entry_id
         WHERE re.round_id = ? GROUP BY 1`,
      )
      .all(roundId);
    return new Map(rows.map((row) => [row.sector, row.n]));
  }

  reviewCounts(roundId: number): { submitted: number; draft: number } {
    const rows = this.db
      .prepare<[number], { status: 'draft' | 'submitted'; n: number }>(
        'SELECT status, count(*) AS n FROM review WHERE round_id = ? GROUP BY status',
      )
      .all(roundId);
    const count = (status: string) => rows.find((row) => row.status === status)?.n ?? 0;
    return { submitted: count('submitted'), draft: count('draft') };
  }

  /** The audit events whose subject is the round (create, start, lock, reopen, settings, pins). */
  history(uuid: string): RoundEvent[] {
    return this.historyStatement.all(uuid);
  }

  /** Entries of a programme as a round selects them (every one; filters run in the service). */
  candidates(programme: Programme): EntryRow[] {
    return this.db
      .prepare<[Programme], EntryRow>(
        `SELECT id, external_id AS entry_id, programme, title, applicant, province, city, sector,
           sector_label, track
         FROM entry WHERE programme = ? ORDER BY external_id`,
      )
      .all(programme);
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

  /**
   * The sector groups of a round's entries, the scopes it is ranked in: each sector, then
   * `generic` for entries without one (a 绽放杯 track that fits no sector).
   */
  sectors(roundId: number): string[] {
    return this.db
      .prepare<[number], { sector: string }>(
        `SELECT DISTINCT ${GROUP_SQL} AS sector FROM round_entry re JOIN entry e ON e.id = re.entry_id
         WHERE re.round_id = ? ORDER BY sector = '${GENERIC_RUBRIC_KEY}', sector`,
      )
      .all(roundId)
      .map((row) => row.sector);
  }

  tracks(roundId: number): string[] {
    return this.db
      .prepare<[number], { track: string }>(
        `SELECT DISTINCT e.track FROM round_entry re JOIN entry e ON e.id = re.entry_id
         WHERE re.round_id = ? AND e.track IS NOT NULL ORDER BY e.track`,
      )
      .all(roundId)
      .map((row) => row.track);
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
