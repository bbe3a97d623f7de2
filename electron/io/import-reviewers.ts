// Importing the expert list (CSV/XLSX/JSON): upsert by 专家编号, row-level rejections.
import { basename } from 'node:path';
import type { RowRejection } from '../core/domain';
import { SailError } from '../core/errors';
import { reviewerColumns, reviewerSectors, splitList } from '../core/reviewers';
import type { ProjectStore } from '../store/project-store';
import type { ReviewerRecord, ReviewerValues } from '../store/repos/reviewers';
import { allRowsRejected, noDataRows } from './import-refusals';
import type { TaskControl } from './import-types';
import { openTable } from './table';
import { columnList } from './table/columns';
import { ImportSteps } from './task-steps';

export interface ImportReviewersResult {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: RowRejection[];
  dryRun: boolean;
  /** The first rows as they would be (dry run) or were written; id 0: not stored yet. */
  preview: ReviewerRecord[];
}

/** How many reviewers a result shows as they are written. */
const PREVIEW_ROWS = 50;

export async function importReviewers(
  store: ProjectStore,
  path: string,
  fileName: string | undefined,
  control: TaskControl & { dryRun?: boolean } = {},
): Promise<ImportReviewersResult> {
  // The user's name of the file (an upload's own name), in every message and record.
  const shown = fileName ?? basename(path);
  const steps = new ImportSteps(control);
  const table = await steps.open((options) =>
    openTable(path, { encoding: 'auto', fileName, ...options }),
  );
  const columns = reviewerColumns(table.headers);
  const { reviewer_id: idColumn, name: nameColumn } = columns;
  if (idColumn === undefined || nameColumn === undefined) {
    const found = columnList(table.headers);
    throw new SailError(
      'missing_columns',
      `专家名单缺少必需的列“专家编号”和“姓名”。文件的列：${found.zh}`,
      `The expert list needs the columns 专家编号 (id) and 姓名 (name). Columns found: ${found.en}`,
    );
  }
  const cell = (values: string[], index: number | undefined): string =>
    index === undefined ? '' : (values[index] ?? '').trim();

  const accepted: Array<{ values: ReviewerValues; row: number }> = [];
  const firstRow = new Map<string, number>();
  const rejected: RowRejection[] = [];
  let rows = 0;
  for await (const { row, values } of steps.rows(table)) {
    if (values.every((value) => value.trim() === '')) continue;
    rows += 1;
    const id = cell(values, idColumn).normalize('NFKC');
    const name = cell(values, nameColumn);
    if (!id || !name) {
      const column = table.headers[!id ? idColumn : nameColumn] ?? null;
      rejected.push({
        row,
        column,
        reason_zh: !id ? '缺少专家编号' : '缺少姓名',
        reason_en: !id ? 'expert id is missing' : 'name is missing',
      });
      continue;
    }
    const previous = firstRow.get(id);
    if (previous !== undefined) {
      rejected.push({
        row,
        column: table.headers[idColumn] ?? null,
        reason_zh: `专家编号 ${id} 与第 ${previous} 行重复`,
        reason_en: `expert id ${id} repeats row ${previous}`,
      });
      continue;
    }
    firstRow.set(id, row);
    accepted.push({
      row,
      values: {
        external_id: id,
        name,
        organisation: cell(values, columns.organisation) || null,
        title: cell(values, columns.title) || null,
        province: cell(values, columns.province) || null,
        sectors_json: JSON.stringify(reviewerSectors(cell(values, columns.sectors))),
        avoid_json: JSON.stringify(splitList(cell(values, columns.avoid))),
        phone: cell(values, columns.phone) || null,
        email: cell(values, columns.email) || null,
        source_json: JSON.stringify(table.headers.map((header, i) => [header, values[i] ?? ''])),
      },
    });
  }

  if (rows === 0) throw noDataRows(shown);
  if (accepted.length === 0) throw allRowsRejected(shown, rejected);

  const counts = { inserted: 0, updated: 0, unchanged: 0 };
  const preview = (): ReviewerRecord[] =>
    accepted.slice(0, PREVIEW_ROWS).map(({ values }) => ({
      ...values,
      id: store.reviewers.byExternalId(values.external_id)?.id ?? 0,
    }));
  if (control.dryRun) {
    for (const { values } of accepted) counts[store.reviewers.compare(values)] += 1;
    return { rows, ...counts, rejected, dryRun: true, preview: preview() };
  }
  const now = new Date().toISOString();
  steps.check();
  steps.writing(0, accepted.length);
  store.write(
    {
      action: 'reviewers.import',
      subject: shown,
      payload: { rows, accepted: accepted.length, rejected: rejected.length },
    },
    () => {
      for (const { values } of accepted) counts[store.reviewers.upsert(values, now)] += 1;
    },
  );
  steps.writing(accepted.length, accepted.length);
  return { rows, ...counts, rejected, dryRun: false, preview: preview() };
}
