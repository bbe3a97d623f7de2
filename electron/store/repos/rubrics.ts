// Rubric versions. A version is replaced in place only while nothing uses it; a frozen one (any
// score uses it) never changes: migration 0004's triggers freeze it and refuse changes.
import type {
  Criterion,
  Gate,
  RoundStatus,
  RubricDefinition,
  RubricVersion,
} from '../../core/domain';
import type { Db } from '../database';

interface RubricRow {
  id: number;
  sector: string;
  version: number;
  name_zh: string;
  name_en: string;
  tie_break_json: string;
  origin: string;
  frozen: number;
  created_at: string;
}

/** A round that pins a rubric version, and where it stands. */
export interface RubricUse {
  rubric_id: number;
  round: string;
  status: RoundStatus;
}

interface CriterionRow extends Criterion {
  rubric_id: number;
  position: number;
  max_points: number;
}

export class RubricRepository {
  private readonly nextVersion;
  private readonly insertRubric;
  private readonly insertCriterion;
  private readonly insertGate;
  private readonly criteriaOf;
  private readonly gatesOf;
  private readonly byId;
  private readonly updateRubric;
  private readonly clearCriteria;
  private readonly clearGates;
  private readonly uses;

  constructor(private readonly db: Db) {
    this.nextVersion = db.prepare<[string], { v: number }>(
      'SELECT coalesce(max(version), 0) + 1 AS v FROM rubric WHERE sector = ?',
    );
    this.insertRubric = db.prepare(
      `INSERT INTO rubric (sector, version, name_zh, name_en, tie_break_json, origin, created_at)
       VALUES (@sector, @version, @name_zh, @name_en, @tie_break_json, @origin, @created_at)`,
    );
    this.insertCriterion = db.prepare(
      `INSERT INTO criterion (rubric_id, position, key, name_zh, name_en, max_points, guide_zh, guide_en)
       VALUES (@rubric_id, @position, @key, @name_zh, @name_en, @max, @guide_zh, @guide_en)`,
    );
    this.insertGate = db.prepare(
      `INSERT INTO gate (rubric_id, position, key, name_zh, name_en)
       VALUES (@rubric_id, @position, @key, @name_zh, @name_en)`,
    );
    this.criteriaOf = db.prepare<[number], CriterionRow>(
      'SELECT * FROM criterion WHERE rubric_id = ? ORDER BY position',
    );
    this.gatesOf = db.prepare<[number], Gate & { position: number }>(
      'SELECT key, name_zh, name_en, position FROM gate WHERE rubric_id = ? ORDER BY position',
    );
    this.byId = db.prepare<[number], RubricRow>('SELECT * FROM rubric WHERE id = ?');
    this.updateRubric = db.prepare(
      `UPDATE rubric SET name_zh = @name_zh, name_en = @name_en, tie_break_json = @tie_break_json,
         origin = 'editor'
       WHERE id = @id`,
    );
    this.clearCriteria = db.prepare('DELETE FROM criterion WHERE rubric_id = ?');
    this.clearGates = db.prepare('DELETE FROM gate WHERE rubric_id = ?');
    this.uses = db.prepare<[], RubricUse>(
      `SELECT DISTINCT rr.rubric_id, r.name AS round, r.status
       FROM round_rubric rr JOIN round r ON r.id = rr.round_id ORDER BY r.id`,
    );
  }

  /** Stores the definition as the newest version of its sector. */
  addVersion(definition: RubricDefinition, origin: 'library' | 'import' | 'editor'): RubricVersion {
    const version = this.nextVersion.get(definition.sector)?.v ?? 1;
    const rubricId = Number(
      this.insertRubric.run({
        sector: definition.sector,
        version,
        name_zh: definition.name_zh,
        name_en: definition.name_en,
        tie_break_json: JSON.stringify(definition.tie_break),
        origin,
        created_at: new Date().toISOString(),
      }).lastInsertRowid,
    );
    this.insertItems(rubricId, definition);
    return this.require(rubricId);
  }

  /**
   * Replaces the content of a version of the same sector (the caller checks that no round pins
   * it); the database refuses it for a frozen version.
   */
  replace(id: number, definition: RubricDefinition): RubricVersion {
    this.updateRubric.run({
      id,
      name_zh: definition.name_zh,
      name_en: definition.name_en,
      tie_break_json: JSON.stringify(definition.tie_break),
    });
    this.clearCriteria.run(id);
    this.clearGates.run(id);
    this.insertItems(id, definition);
    return this.require(id);
  }

  /** The rounds that pin each version, by rubric id. */
  usage(): Map<number, RubricUse[]> {
    const byRubric = new Map<number, RubricUse[]>();
    for (const use of this.uses.all()) {
      byRubric.set(use.rubric_id, [...(byRubric.get(use.rubric_id) ?? []), use]);
    }
    return byRubric;
  }

  private insertItems(rubricId: number, definition: RubricDefinition): void {
    definition.criteria.forEach((criterion, position) =>
      this.insertCriterion.run({ ...criterion, rubric_id: rubricId, position }),
    );
    definition.gates.forEach((gate, position) =>
      this.insertGate.run({ ...gate, rubric_id: rubricId, position }),
    );
  }

  get(id: number): RubricVersion | undefined {
    const row = this.byId.get(id);
    return row ? this.hydrate(row) : undefined;
  }

  require(id: number): RubricVersion {
    const rubric = this.get(id);
    if (!rubric) throw new Error(`rubric ${id} missing`);
    return rubric;
  }

  latest(sector: string): RubricVersion | undefined {
    const row = this.db
      .prepare<[string], RubricRow>(
        'SELECT * FROM rubric WHERE sector = ? ORDER BY version DESC LIMIT 1',
      )
      .get(sector);
    return row ? this.hydrate(row) : undefined;
  }

  list(): RubricVersion[] {
    return this.db
      .prepare<[], RubricRow>('SELECT * FROM rubric ORDER BY sector, version')
      .all()
      .map((row) => this.hydrate(row));
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM rubric').get() as { n: number }).n;
  }

  private hydrate(row: RubricRow): RubricVersion {
    return {
      id: row.id,
      sector: row.sector,
      version: row.version,
      name_zh: row.name_zh,
      name_en: row.name_en,
      tie_break: JSON.parse(row.tie_break_json) as string[],
      frozen: row.frozen === 1,
      created_at: row.created_at,
      criteria: this.criteriaOf.all(row.id).map((c) => ({
        key: c.key,
        name_zh: c.name_zh,
        name_en: c.name_en,
        max: c.max_points,
        guide_zh: c.guide_zh,
        guide_en: c.guide_en,
      })),
      gates: this.gatesOf
        .all(row.id)
        .map(({ key, name_zh, name_en }) => ({ key, name_zh, name_en })),
    };
  }
}
