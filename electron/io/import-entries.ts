// Importing a file of entries: read, map, validate, diff against the project, write in one
// transaction with its import record. Rejected rows never stop the others; nothing is written
// for a file that cannot be read, for a dry run, or when the import is cancelled.
import { basename } from 'node:path';
import type { Programme, RowRejection } from '../core/domain';
import {
  detectMapping,
  ENTRY_FIELDS,
  mapEntryRow,
  type EntryField,
  type MappedEntry,
} from '../core/entries';
import { SailError } from '../core/errors';
import type { ProjectStore } from '../store/project-store';
import { ENTRY_VALUE_FIELDS, type EntryValues } from '../store/repos/entries';
import { sha256File } from './file-hash';
import { openTable } from './table';
import type { ImportProgress } from './import-types';

export interface ImportEntriesRequest {
  path: string;
  programme: Programme;
  encoding?: 'auto' | 'utf8' | 'gbk';
  sheet?: string | undefined;
  /** Overrides of the detected mapping: source header -> entry field, or null to keep unmapped. */
  mapping?: Record<string, string | null> | undefined;
  dryRun?: boolean;
  fileName?: string | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: ImportProgress) => void) | undefined;
}

export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

export interface ImportEntriesResult {
  file: string;
  programme: Programme;
  format: string;
  encoding: string | null;
  sheet: string | null;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: RowRejection[];
  dryRun: boolean;
  mapping: Record<string, EntryField | null>;
  /** Field-level changes of updated entries, by entry id. */
  changes: Map<string, FieldChange[]>;
  /** Updated entries that already have reviews. */
  changedScored: string[];
  importId: number | null;
}

const FIELD_KEYS = new Set<string>(ENTRY_FIELDS.map((field) => field.key));
const REQUIRED: Record<Programme, EntryField[]> = {
  bloom: ['entry_id', 'title', 'applicant'],
  pioneer: ['entry_id', 'title', 'applicant', 'sector'],
};

function resolveMapping(
  headers: string[],
  programme: Programme,
  overrides: Record<string, string | null> | undefined,
): Record<string, EntryField | null> {
  const mapping = detectMapping(headers, programme);
  for (const [header, field] of Object.entries(overrides ?? {})) {
    if (!headers.includes(header)) {
      throw new SailError(
        'mapping_unknown_column',
        `映射中的列“${header}”不在文件中。文件的列：${headers.join('、')}`,
        `The mapping names column "${header}", which the file does not have. Columns: ${headers.join(', ')}`,
      );
    }
    if (field !== null && !FIELD_KEYS.has(field)) {
      throw new SailError(
        'mapping_unknown_field',
        `映射中的字段“${field}”不存在。可用字段：${[...FIELD_KEYS].join('、')}`,
        `The mapping names field "${field}", which does not exist. Fields: ${[...FIELD_KEYS].join(', ')}`,
      );
    }
    mapping[header] = field as EntryField | null;
  }
  return mapping;
}

function assertRequiredColumns(mapping: Record<string, EntryField | null>, programme: Programme) {
  const mapped = new Set(Object.values(mapping));
  // 领航者: 主体名称 is both title and applicant, so one mapped column satisfies both.
  const missing = REQUIRED[programme].filter(
    (field) =>
      !mapped.has(field) &&
      !(
        programme === 'pioneer' &&
        (field === 'title' || field === 'applicant') &&
        (mapped.has('title') || mapped.has('applicant'))
      ),
  );
  if (missing.length === 0) return;
  const names = missing.map((key) => ENTRY_FIELDS.find((field) => field.key === key));
  throw new SailError(
    'missing_columns',
    `文件缺少必需的列：${names.map((f) => f?.name_zh ?? '').join('、')}。请检查表头，或用列映射指定对应的列。`,
    `The file lacks required columns: ${names.map((f) => f?.name_en ?? '').join(', ')}. Check the header, or map the columns explicitly.`,
  );
}

function toValues(entry: MappedEntry, programme: Programme): EntryValues {
  return {
    programme,
    external_id: entry.entry_id,
    title: entry.title,
    applicant: entry.applicant,
    partners: entry.partners,
    province: entry.province,
    city: entry.city,
    sector: entry.sector,
    sector_label: entry.sector_label,
    track: entry.track,
    summary: entry.summary,
    contact: entry.contact,
    fields_json: JSON.stringify(entry.fields),
    source_json: JSON.stringify(entry.source),
  };
}

function cancelled(): SailError {
  return new SailError(
    'cancelled',
    '导入已取消，未写入任何数据。',
    'Import cancelled; nothing was written.',
  );
}

export async function importEntries(
  store: ProjectStore,
  request: ImportEntriesRequest,
): Promise<ImportEntriesResult> {
  const fileName = request.fileName ?? basename(request.path);
  const table = await openTable(request.path, {
    encoding: request.encoding ?? 'auto',
    ...(request.sheet ? { sheet: request.sheet } : {}),
    ...(request.signal ? { signal: request.signal } : {}),
    onProgress: (done, total) => request.onProgress?.({ phase: 'read', done, total }),
  });
  const mapping = resolveMapping(table.headers, request.programme, request.mapping);
  assertRequiredColumns(mapping, request.programme);
  const fileHash = await sha256File(request.path);

  const existing = store.entries.mapByExternalId(request.programme);
  const accepted = new Map<string, { values: EntryValues; row: number }>();
  const rejected: RowRejection[] = [];
  let rows = 0;
  for await (const sourceRow of table.rows) {
    if (request.signal?.aborted) throw cancelled();
    const mapped = mapEntryRow(table.headers, sourceRow.values, mapping, request.programme);
    if (mapped.ok === 'blank') continue;
    rows += 1;
    if (!mapped.ok) {
      const [first] = mapped.problems;
      rejected.push({
        row: sourceRow.row,
        column: first?.column ?? null,
        reason_zh: mapped.problems.map((p) => p.reason_zh).join('；'),
        reason_en: mapped.problems.map((p) => p.reason_en).join('; '),
      });
      continue;
    }
    const seen = accepted.get(mapped.entry.entry_id);
    if (seen) {
      const idColumn =
        Object.keys(mapping).find((header) => mapping[header] === 'entry_id') ?? null;
      rejected.push({
        row: sourceRow.row,
        column: idColumn,
        reason_zh: `编号 ${mapped.entry.entry_id} 与第 ${seen.row} 行重复，本行未导入`,
        reason_en: `id ${mapped.entry.entry_id} repeats row ${seen.row}; this row was not imported`,
      });
      continue;
    }
    accepted.set(mapped.entry.entry_id, {
      values: toValues(mapped.entry, request.programme),
      row: sourceRow.row,
    });
  }
  if (request.signal?.aborted) throw cancelled();

  const reviewed = store.entries.externalIdsWithReviews(request.programme);
  const inserts: Array<{ values: EntryValues; row: number }> = [];
  const updates: Array<{ id: number; values: EntryValues; row: number }> = [];
  const changes = new Map<string, FieldChange[]>();
  let unchanged = 0;
  for (const [externalId, item] of accepted) {
    const before = existing.get(externalId);
    if (!before) {
      inserts.push(item);
      continue;
    }
    const fieldChanges: FieldChange[] = ENTRY_VALUE_FIELDS.filter(
      (field) => before[field] !== item.values[field],
    ).map((field) => ({ field, before: before[field], after: item.values[field] }));
    if (fieldChanges.length === 0) {
      unchanged += 1;
      continue;
    }
    changes.set(externalId, fieldChanges);
    updates.push({ id: before.id, values: item.values, row: item.row });
  }
  const changedScored = [...changes.keys()].filter((id) => reviewed.has(id));

  const result: ImportEntriesResult = {
    file: fileName,
    programme: request.programme,
    format: table.format,
    encoding: table.encoding,
    sheet: table.sheet,
    rows,
    inserted: inserts.length,
    updated: updates.length,
    unchanged,
    rejected,
    dryRun: request.dryRun ?? false,
    mapping,
    changes,
    changedScored,
    importId: null,
  };
  if (result.dryRun) return result;

  request.onProgress?.({ phase: 'write', done: 0, total: inserts.length + updates.length });
  const now = new Date().toISOString();
  result.importId = store.write(
    {
      action: 'entries.import',
      subject: fileName,
      payload: {
        programme: request.programme,
        sha256: fileHash,
        rows,
        inserted: inserts.length,
        updated: updates.length,
        unchanged,
        rejected: rejected.length,
        changed_scored: changedScored,
      },
    },
    () => {
      const importId = store.imports.insert({
        programme: request.programme,
        file_name: fileName,
        file_sha256: fileHash,
        format: table.format,
        encoding: table.encoding,
        sheet: table.sheet,
        headers_json: JSON.stringify(table.headers),
        mapping_json: JSON.stringify(mapping),
        rows,
        inserted: inserts.length,
        updated: updates.length,
        unchanged,
        rejected: rejected.length,
        rejected_json: JSON.stringify(rejected),
        imported_at: now,
      });
      for (const item of inserts) {
        store.entries.insert({ ...item.values, import_id: importId, source_row: item.row }, now);
      }
      for (const item of updates) {
        store.entries.update(
          item.id,
          { ...item.values, import_id: importId, source_row: item.row },
          now,
        );
      }
      return importId;
    },
  );
  request.onProgress?.({
    phase: 'write',
    done: inserts.length + updates.length,
    total: inserts.length + updates.length,
  });
  return result;
}
