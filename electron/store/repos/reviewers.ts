// Reviewers (专家), keyed by their external id (专家编号).
import type { Db } from '../database';

export interface ReviewerValues {
  external_id: string;
  name: string;
  organisation: string | null;
  title: string | null;
  province: string | null;
  sectors_json: string;
  avoid_json: string;
  phone: string | null;
  email: string | null;
  source_json: string | null;
}

export interface ReviewerRecord extends ReviewerValues {
  id: number;
}

export class ReviewerRepository {
  private readonly byExternal;
  private readonly byIdStatement;
  private readonly listStatement;
  private readonly insertStatement;
  private readonly updateStatement;

  constructor(db: Db) {
    this.byExternal = db.prepare<[string], ReviewerRecord>(
      'SELECT * FROM reviewer WHERE external_id = ?',
    );
    this.byIdStatement = db.prepare<[number], ReviewerRecord>(
      'SELECT * FROM reviewer WHERE id = ?',
    );
    this.listStatement = db.prepare<[], ReviewerRecord>(
      'SELECT * FROM reviewer ORDER BY external_id',
    );
    this.insertStatement = db.prepare(
      `INSERT INTO reviewer (external_id, name, organisation, title, province, sectors_json,
         avoid_json, phone, email, source_json, created_at, updated_at)
       VALUES (@external_id, @name, @organisation, @title, @province, @sectors_json, @avoid_json,
         @phone, @email, @source_json, @now, @now)`,
    );
    this.updateStatement = db.prepare(
      `UPDATE reviewer SET external_id = @external_id, name = @name, organisation = @organisation,
         title = @title, province = @province, sectors_json = @sectors_json,
         avoid_json = @avoid_json, phone = @phone, email = @email, source_json = @source_json,
         updated_at = @now
       WHERE id = @id`,
    );
  }

  byExternalId(externalId: string): ReviewerRecord | undefined {
    return this.byExternal.get(externalId);
  }

  byId(id: number): ReviewerRecord | undefined {
    return this.byIdStatement.get(id);
  }

  insert(values: ReviewerValues, now: string): number {
    return Number(this.insertStatement.run({ ...values, now }).lastInsertRowid);
  }

  /** Rewrites a reviewer's row, its external id too (the caller checks that no other row uses it). */
  update(id: number, values: ReviewerValues, now: string): void {
    this.updateStatement.run({ ...values, id, now });
  }

  /** What an upsert of these values would do. */
  compare(values: ReviewerValues): 'inserted' | 'updated' | 'unchanged' {
    const existing = this.byExternal.get(values.external_id);
    if (!existing) return 'inserted';
    const same =
      existing.name === values.name &&
      existing.organisation === values.organisation &&
      existing.title === values.title &&
      existing.province === values.province &&
      existing.sectors_json === values.sectors_json &&
      existing.avoid_json === values.avoid_json &&
      existing.phone === values.phone &&
      existing.email === values.email &&
      existing.source_json === values.source_json;
    return same ? 'unchanged' : 'updated';
  }

  /** Inserts or updates by external id; tells which happened. */
  upsert(values: ReviewerValues, now: string): 'inserted' | 'updated' | 'unchanged' {
    const outcome = this.compare(values);
    if (outcome === 'inserted') this.insertStatement.run({ ...values, now });
    if (outcome === 'updated') {
      const existing = this.byExternal.get(values.external_id);
      if (existing) this.updateStatement.run({ ...values, id: existing.id, now });
    }
    return outcome;
  }

  list(): ReviewerRecord[] {
    return this.listStatement.all();
  }
}
