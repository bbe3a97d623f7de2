// Every export is recorded with the digest of the data it was computed from.
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

export class ExportRepository {
  private readonly insertStatement;

  constructor(db: Db) {
    this.insertStatement = db.prepare(
      `INSERT INTO export_record (round_id, format, file_name, file_sha256, data_digest,
         settings_json, rows, created_at)
       VALUES (@round_id, @format, @file_name, @file_sha256, @data_digest, @settings_json, @rows,
         @created_at)`,
    );
  }

  insert(values: ExportValues): number {
    return Number(this.insertStatement.run(values).lastInsertRowid);
  }
}
