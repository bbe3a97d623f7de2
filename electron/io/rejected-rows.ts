// The rows an import rejected, as a CSV to fix and import again: the file's own columns with
// each rejected row verbatim, then why it was rejected, in Chinese and in English.
import type { RowRejection } from '../core/domain';
import { SailError } from '../core/errors';
import type { ProjectStore } from '../store/project-store';
import { writeCsvFile } from './export/csv';

export interface RejectedRow extends RowRejection {
  /**
   * The row's values, aligned with the import's headers. A row read before a later row added a
   * column is shorter; the missing values are ''.
   */
  values: string[];
}

/** The columns the CSV adds after the file's own: reason_zh, reason_en. */
export const REASON_HEADERS = ['错误原因', 'error'] as const;

/** Writes the CSV (UTF-8 with BOM, formula-safe) and returns how many rows it holds. */
export async function writeRejectedCsv(
  path: string,
  headers: readonly string[],
  rejected: readonly RejectedRow[],
): Promise<number> {
  // A fixed file rejected again already has reason columns: replace them rather than add two more.
  const kept = headers
    .map((header, index) => ({ header, index }))
    .filter(({ header }) => !(REASON_HEADERS as readonly string[]).includes(header));
  try {
    await writeCsvFile(
      path,
      [...kept.map(({ header }) => header), ...REASON_HEADERS],
      rejected.map((row) => [
        ...kept.map(({ index }) => row.values[index] ?? ''),
        row.reason_zh,
        row.reason_en,
      ]),
    );
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new SailError(
      'rejected_csv_failed',
      `无法写入被拒绝的行：${path}（${detail}）。请检查文件夹是否存在、文件是否被其他程序打开。`,
      `Cannot write the rejected rows to ${path} (${detail}). Check that the folder exists and the file is not open elsewhere.`,
    );
  }
  return rejected.length;
}

/** The rejected rows of a recorded import, as `writeRejectedCsv` writes them. */
export async function writeBatchRejectedCsv(
  store: ProjectStore,
  importId: number,
  path: string,
): Promise<number> {
  const batch = store.imports.get(importId);
  if (!batch) {
    throw new SailError(
      'import_not_found',
      `找不到第 ${importId} 次导入的记录。`,
      `Import #${importId} not found.`,
    );
  }
  return writeRejectedCsv(
    path,
    JSON.parse(batch.headers_json) as string[],
    JSON.parse(batch.rejected_json) as RejectedRow[],
  );
}
