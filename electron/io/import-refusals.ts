// Files an import refuses as a whole, writing nothing: one with a header but no data rows, and
// one whose every row was rejected (the reasons of the first rows go with the refusal).
import type { RowRejection } from '../core/domain';
import { SailError } from '../core/errors';

/** Rejections named in the refusal; the rest are counted. */
const LISTED = 10;

export function noDataRows(fileName: string): SailError {
  return new SailError(
    'no_data_rows',
    `文件 ${fileName} 只有表头，没有数据行，未导入任何内容。请检查是否选错了文件或工作表。`,
    `${fileName} has a header but no data rows; nothing was imported. Check that this is the right file or sheet.`,
  );
}

export function allRowsRejected(fileName: string, rejected: readonly RowRejection[]): SailError {
  const listed = rejected.slice(0, LISTED);
  const more = rejected.length - listed.length;
  const column = (r: RowRejection, open: string, close: string) =>
    r.column ? `${open}${r.column}${close}` : '';
  return new SailError(
    'all_rows_rejected',
    [
      `文件 ${fileName} 的 ${rejected.length} 行全部被拒绝，未写入任何内容。请改正后重新导入：`,
      ...listed.map((r) => `第 ${r.row} 行${column(r, '（', '）')}：${r.reason_zh}`),
      ...(more > 0 ? [`……另有 ${more} 行`] : []),
    ].join('\n'),
    [
      `In ${fileName}, all ${rejected.length} rows were rejected; nothing was written. Correct them and import the file again:`,
      ...listed.map((r) => `row ${r.row}${column(r, ' (', ')')}: ${r.reason_en}`),
      ...(more > 0 ? [`… and ${more} more rows`] : []),
    ].join('\n'),
  );
}
