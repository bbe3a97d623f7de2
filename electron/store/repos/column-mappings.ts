// Column mappings the organiser confirmed, one per header signature and programme, so the next
// file with the same columns opens with the same choices.
import type { Programme } from '../../core/domain';
import type { Db } from '../database';

export interface ColumnMappingRecord {
  signature: string;
  programme: Programme;
  /** Source header -> entry field key, or null for a column kept only as a source column. */
  mapping_json: string;
  updated_at: string;
}

export class ColumnMappingRepository {
  private readonly getStatement;
  private readonly saveStatement;

  constructor(db: Db) {
    this.getStatement = db.prepare<[string, Programme], ColumnMappingRecord>(
      'SELECT * FROM column_mapping WHERE signature = ? AND programme = ?',
    );
    this.saveStatement = db.prepare(
      `INSERT INTO column_mapping (signature, programme, mapping_json, updated_at)
       VALUES (@signature, @programme, @mapping_json, @updated_at)
       ON CONFLICT (signature, programme)
       DO UPDATE SET mapping_json = excluded.mapping_json, updated_at = excluded.updated_at`,
    );
  }

  get(signature: string, programme: Programme): ColumnMappingRecord | undefined {
    return this.getStatement.get(signature, programme);
  }

  save(record: ColumnMappingRecord): void {
    this.saveStatement.run(record);
  }
}
