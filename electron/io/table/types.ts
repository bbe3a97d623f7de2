// The shape every table reader returns.

export interface TableReadOptions {
  /** The name the user knows the file by (an upload's own name), for messages; else its path. */
  fileName?: string | undefined;
  encoding?: 'auto' | 'utf8' | 'gbk';
  sheet?: string;
  signal?: AbortSignal;
  /** Bytes read of the file (CSV), rows of the sheet (XLSX) or records (JSON). */
  onProgress?: (done: number, total: number) => void;
}

export interface SourceRow {
  /**
   * The row number a spreadsheet shows: one per record, blank records included, so a quoted
   * field with line breaks does not shift later numbers. The header of a plain CSV is row 1.
   */
  row: number;
  /** Aligned with `headers` as it was when the row was read; missing trailing values are ''. */
  values: string[];
}

export interface SourceTable {
  format: 'csv' | 'xlsx' | 'json';
  /** 'utf-8', 'utf-16le', 'utf-16be', 'gbk' or 'gb18030'; null for XLSX. */
  encoding: string | null;
  sheet: string | null;
  sheets: string[];
  /**
   * Unique column names in file order (duplicates become `联系人 (2)`, nameless columns `列5`).
   * A later row with values beyond the known columns appends `列N` names here, so read it again
   * after consuming `rows` to see every column.
   */
  headers: string[];
  headerRow: number;
  /** Data rows after the header; blank rows are skipped (their numbers are not reused). Single use. */
  rows: AsyncIterable<SourceRow>;
}

/** A record as a reader found it, before it is aligned with the header. */
export interface RawRecord {
  row: number;
  cells: string[];
}
