// Import batches: which file, its hash, the mapping used and the counts, one row per import.
import type { Programme } from '../../core/domain';
import type { Db } from '../database';

export interface ImportBatchValues {
  programme: Programme;
  file_name: string;
  file_sha256: string;
  format: string;
  encoding: string | null;
  sheet: string | null;
  headers_json: string;
  mapping_json: string;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rejected_json: string;
  imported_at: string;
}

export interface ImportBatchRecord extends ImportBatchValues {
  id: number;
}

export class ImportRepository {
  private readonly insertStatement;
  private readonly finishStatement;

  constructor(private readonly db: Db) {
    this.insertStatement = db.prepare(
      `INSERT INTO import_batch (programme, file_name, file_sha256, format, encoding, sheet,
         headers_json, mapping_json, rows, inserted, updated, unchanged, rejected, rejected_json,
         imported_at)
       VALUES (@programme, @file_name, @file_sha256, @format, @encoding, @sheet, @headers_json,
         @mapping_json, @rows, @inserted, @updated, @unchanged, @rejected, @rejected_json,
         @imported_at)`,
    );
    this.finishStatement = db.prepare(
      `UPDATE import_batch SET rows = @rows, inserted = @inserted, updated = @updated,
         unchanged = @unchanged, rejected = @rejected, rejected_json = @rejected_json
       WHERE id = @id`,
    );
  }

  /** The header row and the mapping of every import (of one programme, if given), in order. */
  headersAndMappings(
    programme: Programme | undefined,
  ): Array<Pick<ImportBatchRecord, 'headers_json' | 'mapping_json'>> {
    return this.db
      .prepare<
        { programme: Programme | null },
        Pick<ImportBatchRecord, 'headers_json' | 'mapping_json'>
      >(
        `SELECT headers_json, mapping_json FROM import_batch
         WHERE @programme IS NULL OR programme = @programme ORDER BY id`,
      )
      .all({ programme: programme ?? null });
  }

  insert(values: ImportBatchValues): number {
    return Number(this.insertStatement.run(values).lastInsertRowid);
  }

  finish(
    id: number,
    counts: Pick<
      ImportBatchValues,
      'rows' | 'inserted' | 'updated' | 'unchanged' | 'rejected' | 'rejected_json'
    >,
  ): void {
    this.finishStatement.run({ ...counts, id });
  }

  get(id: number): ImportBatchRecord | undefined {
    return this.db
      .prepare<[number], ImportBatchRecord>('SELECT * FROM import_batch WHERE id = ?')
      .get(id);
  }

  recent(limit: number): ImportBatchRecord[] {
    return this.db
      .prepare<[number], ImportBatchRecord>('SELECT * FROM import_batch ORDER BY id DESC LIMIT ?')
      .all(limit);
  }
}
