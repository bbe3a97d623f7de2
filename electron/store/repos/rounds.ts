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
  /** 1 when experts may see the panel's results once the round is locked. */
  results_for_experts: number;
  created_at: string;
}

/**
 * An entry as its round holds it. `sector` is the entry's sector group frozen when it joined the
 * round (null for the generic group, as an entry without a sector reads), not its sector now: a
 * re-import that changes the entry's sector moves it neither between the round's rankings nor to
 * another rubric.
 */
export interface RoundEntryRow extends EntryRow {
  /** The rubric version this entry is scored with in the round. */
  rubric_id: number;
}

/** What a ranking reads of a round's entries: what its rows, exports' digest and views show. */
export type RankedEntryRow = Pick<
  RoundEntryRow,
  'id' | 'entry_id' | 'title' | 'applicant' | 'province' | 'sector' | 'rubric_id'
>;

/** An entry of a round whose sector now is not the group it was frozen in. */
export interface RoundSectorChangeRow {
  entry_id: string;
  title: string;
  /** Its sector group now ('generic' without a sector). */
  sector: string;
  /** The group it was frozen in: where the round ranks it. */
  ranked_in: string;
  rubric_id: number;
  /** 1 when the round pins a rubric for its sector now. */
  sector_pinned: 0 | 1;
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
  /** Each entry with its sector group ('generic' without a sector) and that group's pin. */
  entries: Array<{ entry_id: number; sector: string; rubric_id: number }>;
}

export interface RoundEvent {
  seq: number;
  at: string;
  actor: string;
  action: string;
  payload_json: string;
}

/** The sector group of entry `e` as it reads now, as SQL: the key a pin is stored under. */
const GROUP_NOW_SQL = `coalesce(e.sector, '${GENERIC_RUBRIC_KEY}')`;

/** A round entry's frozen group as SQL, read as an entry's sector: null for the generic group. */
export const roundEntrySectorSql = (alias: string) =>
  `nullif(${alias}.sector, '${GENERIC_RUBRIC_KEY}')`;

/**
 * A round's entries (`?` its row id) from the list's covering index (migration 0003), not the
 * wide entry rows with their source rows: a third of the time of reading a 50,000-entry round.
 */
const ROUND_ENTRIES = `entry e INDEXED BY entry_list_idx
  JOIN round_entry re ON re.round_id = ? AND re.entry_id = e.id`;

/**
 * Entry id order, spelt as the list index leads (a round's entries share its programme), so
 * SQLite reads them in order rather than sorting 50,000 rows in a temporary tree.
 */
const BY_ENTRY_ID = 'ORDER BY e.programme, e.external_id';

export class RoundRepository {
  private readonly byNameStatement;
  private readonly byIdStatement;
  private readonly entryRubric;
  private readonly setStatusStatement;
  private readonly movePinStatement;
  private readonly moveEntriesStatement;
  private readonly groupReviews;
  private readonly historyStatement;
  private readonly sectorChangesStatement;
  private readonly addPinStatement;
  private readonly regroupStatement;
  private readonly dropEmptyPinsStatement;

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
    this.moveEntriesStatement = db.prepare<[number, number, string]>(
      'UPDATE round_entry SET rubric_id = ? WHERE round_id = ? AND sector = ?',
    );
    this.groupReviews = db.prepare<[number, string], { n: number }>(
      `SELECT count(*) AS n FROM review r
         JOIN round_entry re ON re.round_id = r.round_id AND re.entry_id = r.entry_id
       WHERE r.round_id = ? AND re.sector = ?`,
    );
    this.historyStatement = db.prepare<[string], RoundEvent>(
      `SELECT seq, at, actor, action, payload_json FROM audit_event
       WHERE subject = ? ORDER BY seq`,
    );
    // Entry rows are wide; the entry list index holds the id, title and sector this reads, so
    // scanning it beats fetching each entry's row (~10 ms against ~50 ms at 50,000 entries).
    this.sectorChangesStatement = db.prepare<[number], RoundSectorChangeRow>(
      `SELECT e.external_id AS entry_id, e.title, ${GROUP_NOW_SQL} AS sector,
         re.sector AS ranked_in, re.rubric_id,
         EXISTS (SELECT 1 FROM round_rubric rr
                 WHERE rr.round_id = re.round_id AND rr.sector = ${GROUP_NOW_SQL}) AS sector_pinned
       FROM entry e INDEXED BY entry_list_idx
         JOIN round_entry re ON re.round_id = ? AND re.entry_id = e.id
       WHERE re.sector <> ${GROUP_NOW_SQL}
       ORDER BY e.external_id`,
    );
    this.addPinStatement = db.prepare<[number, string, number]>(
      'INSERT INTO round_rubric (round_id, sector, rubric_id) VALUES (?, ?, ?)',
    );
    // Entries whose new group has no pin stay: the caller pins those groups first.
    this.regroupStatement = db.prepare<[number]>(
      `UPDATE round_entry SET sector = rr.sector, rubric_id = rr.rubric_id
       FROM entry e, round_rubric rr
       WHERE round_entry.round_id = ? AND e.id = round_entry.entry_id
         AND rr.round_id = round_entry.round_id AND rr.sector = ${GROUP_NOW_SQL}
         AND round_entry.sector <> rr.sector`,
    );
    this.dropEmptyPinsStatement = db.prepare<[number, number]>(
      `DELETE FROM round_rubric WHERE round_id = ?
         AND sector NOT IN (SELECT sector FROM round_entry WHERE round_id = ?)`,
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
    for (const { sector, rubric_id } of round.pins) this.addPinStatement.run(id, sector, rubric_id);
    const member = this.db.prepare(
      'INSERT INTO round_entry (round_id, entry_id, sector, rubric_id) VALUES (?, ?, ?, ?)',
    );
    for (const entry of round.entries)
      member.run(id, entry.entry_id, entry.sector, entry.rubric_id);
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

  setResultsForExperts(roundId: number, shown: boolean): void {
    this.db
      .prepare('UPDATE round SET results_for_experts = ? WHERE id = ?')
      .run(shown ? 1 : 0, roundId);
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

  /** Pins another version for a sector group, and scores that group's entries with it. */
  movePin(roundId: number, sector: string, rubricId: number): void {
    this.movePinStatement.run(rubricId, roundId, sector);
    this.moveEntriesStatement.run(rubricId, roundId, sector);
  }

  /** Entries whose sector now differs from the group they were frozen in, in entry id order. */
  sectorChanges(roundId: number): RoundSectorChangeRow[] {
    return this.sectorChangesStatement.all(roundId);
  }

  /**
   * Moves the entries whose sector changed into the group of their sector now, scored with its
   * pin, after pinning `pins` for groups the round had none for; groups left empty lose their
   * pin.
   */
  regroup(roundId: number, pins: RoundPin[]): void {
    for (const pin of pins) this.addPinStatement.run(roundId, pin.sector, pin.rubric_id);
    this.regroupStatement.run(roundId);
    this.dropEmptyPinsStatement.run(roundId, roundId);
  }

  /** Reviews (draft or submitted) of the round's entries in a sector group. */
  reviewsInSector(roundId: number, sector: string): number {
    return this.groupReviews.get(roundId, sector)?.n ?? 0;
  }

  /** Entries of the round per sector group. */
  sectorSizes(roundId: number): Map<string, number> {
    const rows = this.db
      .prepare<[number], { sector: string; n: number }>(
        'SELECT sector, count(*) AS n FROM round_entry WHERE round_id = ? GROUP BY sector',
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
        `SELECT e.id, e.external_id AS entry_id, e.title, e.applicant, e.province, e.city,
           ${roundEntrySectorSql('re')} AS sector, e.sector_label, e.track, e.programme,
           re.rubric_id
         FROM ${ROUND_ENTRIES} ${BY_ENTRY_ID}`,
      )
      .all(roundId);
  }

  /**
   * The round's entries as a ranking reads them (RoundRepository.entries' order): only the
   * columns it uses, as each one is a string made 50,000 times.
   */
  rankedEntries(roundId: number): RankedEntryRow[] {
    return this.db
      .prepare<[number], RankedEntryRow>(
        `SELECT e.id, e.external_id AS entry_id, e.title, e.applicant, e.province,
           ${roundEntrySectorSql('re')} AS sector, re.rubric_id
         FROM ${ROUND_ENTRIES} ${BY_ENTRY_ID}`,
      )
      .all(roundId);
  }

  /** A round's entries by external id: row id and rubric version only (a packet's merge). */
  entryKeys(roundId: number): Map<string, { id: number; rubric_id: number }> {
    const rows = this.db
      .prepare<[number], [string, number, number]>(
        `SELECT e.external_id, re.entry_id, re.rubric_id
         FROM round_entry re JOIN entry e ON e.id = re.entry_id WHERE re.round_id = ?`,
      )
      .raw()
      .all(roundId);
    // From arrays (raw): a merge reads the 5,000 entries of a round once per packet.
    return new Map(rows.map(([external, id, rubric_id]) => [external, { id, rubric_id }]));
  }

  /**
   * The sector groups of a round's entries, the scopes it is ranked in: each sector, then
   * `generic` for entries without one (a 绽放杯 track that fits no sector).
   */
  sectors(roundId: number): string[] {
    return this.db
      .prepare<[number], { sector: string }>(
        `SELECT DISTINCT sector FROM round_entry
         WHERE round_id = ? ORDER BY sector = '${GENERIC_RUBRIC_KEY}', sector`,
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
