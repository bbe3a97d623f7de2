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
  source_json: string | null;
}

export interface ReviewerRecord extends ReviewerValues {
  id: number;
}

export class ReviewerRepository {
  private readonly byExternal;
  private readonly insertStatement;
  private readonly updateStatement;

  constructor(private readonly db: Db) {
    this.byExternal = db.prepare<[string], ReviewerRecord>(
      'SELECT * FROM reviewer WHERE external_id = ?',
    );
    this.insertStatement = db.prepare(
      `INSERT INTO reviewer (external_id, name, organisation, title, province, sectors_json,
         avoid_json, source_json, created_at, updated_at)
       VALUES (@external_id, @name, @organisation, @title, @province, @sectors_json, @avoid_json,
         @source_json, @now, @now)`,
    );
    this.updateStatement = db.prepare(
      `UPDATE reviewer SET name = @name, organisation = @organisation, title = @title,
         province = @province, sectors_json = @sectors_json, avoid_json = @avoid_json,
         source_json = @source_json, updated_at = @now
       WHERE id = @id`,
    );
  }

  byExternalId(externalId: string): ReviewerRecord | undefined {
    return this.byExternal.get(externalId);
  }

  /** Inserts or updates by external id; tells which happened. */
  upsert(values: ReviewerValues, now: string): 'inserted' | 'updated' | 'unchanged' {
    const existing = this.byExternal.get(values.external_id);
    if (!existing) {
      this.insertStatement.run({ ...values, now });
      return 'inserted';
    }
    const same =
      existing.name === values.name &&
      existing.organisation === values.organisation &&
      existing.title === values.title &&
      existing.province === values.province &&
      existing.sectors_json === values.sectors_json &&
      existing.avoid_json === values.avoid_json &&
      existing.source_json === values.source_json;
    if (same) return 'unchanged';
    this.updateStatement.run({ ...values, id: existing.id, now });
    return 'updated';
  }

  list(): ReviewerRecord[] {
    return this.db.prepare<[], ReviewerRecord>('SELECT * FROM reviewer ORDER BY external_id').all();
  }
}
