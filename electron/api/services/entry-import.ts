// The import's window-facing shapes: the preview with the fields a column can map to, and the
// summary's rejected rows and field-level changes.
import { ENTRY_FIELDS, requiredFields } from '../../core/entries';
import type { FieldChange } from '../../io/import-entries';
import { previewEntries } from '../../io/preview-entries';
import type { RejectedRow } from '../../io/rejected-rows';
import type { ProjectStore } from '../../store/project-store';
import {
  MAX_IMPORT_CHANGES,
  type EntryChange,
  type EntryPreview,
  type ImportRejection,
  type OperationParsedInput,
} from '../contract';

export async function entryPreview(
  store: ProjectStore,
  input: OperationParsedInput<'entries.preview'>,
): Promise<EntryPreview> {
  const preview = await previewEntries(store, {
    path: input.path,
    programme: input.programme,
    encoding: input.encoding,
    sheet: input.sheet,
    fileName: input.file_name,
  });
  const required = new Set<string>(requiredFields(input.programme));
  return {
    file: preview.file,
    format: preview.format,
    encoding: preview.encoding,
    sheets: preview.sheets,
    sheet: preview.sheet,
    header_row: preview.headerRow,
    headers: preview.headers,
    rows: preview.rows,
    mapping: preview.mapping,
    saved_mapping: preview.savedMapping,
    fields: ENTRY_FIELDS.filter((field) => field.programmes.includes(input.programme)).map(
      (field) => ({
        key: field.key,
        name_zh: field.name_zh,
        name_en: field.name_en,
        required: required.has(field.key),
      }),
    ),
  };
}

/** Rejections as the summary reports them: the row's values stay with the import record. */
export const rejectionsOf = (rejected: readonly RejectedRow[]): ImportRejection[] =>
  rejected.map(({ row, column, reason_zh, reason_en }) => ({ row, column, reason_zh, reason_en }));

/** The first MAX_IMPORT_CHANGES changed entries, so a big re-import stays a small message. */
export function changeList(changes: ReadonlyMap<string, FieldChange[]>): {
  changes: EntryChange[];
  changes_total: number;
} {
  const listed: EntryChange[] = [];
  for (const [entry_id, fields] of changes) {
    if (listed.length === MAX_IMPORT_CHANGES) break;
    listed.push({ entry_id, fields });
  }
  return { changes: listed, changes_total: changes.size };
}
