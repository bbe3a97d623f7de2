// Importing a file of entries: read, map, validate, diff against the project, write in one
// transaction with its import record. Rejected rows never stop the others; nothing is written
// for a file that cannot be read, for a dry run, or when the import is cancelled.
import { basename } from 'node:path';
import type { Programme } from '../core/domain';
import {
  ENTRY_FIELDS,
  detectMapping,
  mapEntryRow,
  overStoredRow,
  type EntryField,
  type MappedEntry,
  type SourceRow,
} from '../core/entries';
import { SailError } from '../core/errors';
import type { ProjectStore } from '../store/project-store';
import {
  ENTRY_VALUE_FIELDS,
  sourcePairs,
  type EntryRecord,
  type EntryValues,
} from '../store/repos/entries';
import { initialMapping, saveMapping } from './column-mappings';
import { restoreDefused } from './export/csv';
import { sha256File } from './file-hash';
import { writeRejectedCsv, type RejectedRow } from './rejected-rows';
import { noDataRows } from './import-refusals';
import { openTable } from './table';
import { columnList, shownName } from './table/columns';
import type { TaskControl } from './import-types';
import { ImportSteps } from './task-steps';

export interface ImportEntriesRequest extends TaskControl {
  path: string;
  programme: Programme;
  encoding?: 'auto' | 'utf8' | 'gbk';
  sheet?: string | undefined;
  /** Overrides of the detected mapping: source header -> entry field, or null to keep unmapped. */
  mapping?: Record<string, string | null> | undefined;
  dryRun?: boolean;
  fileName?: string | undefined;
  /** Also write the rejected rows here as a CSV to fix (dry runs too), before anything is stored. */
  rejectedOut?: string | undefined;
}

export interface FieldChange {
  /** An entry field key, or for kind 'source' the header of a source column. */
  field: string;
  kind: 'field' | 'source';
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
  rejected: RejectedRow[];
  dryRun: boolean;
  mapping: Record<string, EntryField | null>;
  /** Whether a mapping saved for this header set was applied (under the request's own). */
  savedMapping: boolean;
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
  base: Record<string, EntryField | null>,
  overrides: Record<string, string | null> | undefined,
): Record<string, EntryField | null> {
  const mapping = { ...base };
  for (const [header, field] of Object.entries(overrides ?? {})) {
    if (!headers.includes(header)) {
      const found = columnList(headers);
      throw new SailError(
        'mapping_unknown_column',
        `映射中的列“${shownName(header)}”不在文件中。文件的列：${found.zh}`,
        `The mapping names column "${shownName(header)}", which the file does not have. Columns: ${found.en}`,
      );
    }
    if (field !== null && !FIELD_KEYS.has(field)) {
      throw new SailError(
        'mapping_unknown_field',
        `映射中的字段“${shownName(field)}”不存在。可用字段：${[...FIELD_KEYS].join('、')}`,
        `The mapping names field "${shownName(field)}", which does not exist. Fields: ${[...FIELD_KEYS].join(', ')}`,
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

/**
 * The entry's values as stored, with its verbatim source row: `headersJson` is the JSON of
 * `headers` (made once per file), and the row is kept as its values in their order.
 */
function toValues(
  entry: MappedEntry,
  programme: Programme,
  headers: readonly string[],
  headersJson: string,
  values: readonly string[],
): EntryValues {
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
    // One value per header, as the mapping read them (a short row's missing cells empty).
    source_json: JSON.stringify(
      values.length === headers.length ? values : headers.map((_, i) => values[i] ?? ''),
    ),
    source_headers: headersJson,
  };
}

/**
 * What an update changes, field by field: the entry's own columns, each mapped field (rather than
 * the JSON they are stored in), and the source columns whose value changed where no listed field
 * shows it (a column kept only as a source column, or a difference normalisation hides: 江苏 →
 * 江苏省). Only values count: a mapped column that one side lacks (another file's name for the
 * same field, as a platform's JSON has beside the CSV) changes its field or nothing. An entry
 * with nothing listed (columns only reordered or renamed, say) is unchanged and left as it is.
 */
function entryChanges(
  before: EntryValues,
  after: EntryValues,
  mapping: Record<string, EntryField | null>,
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of ENTRY_VALUE_FIELDS) {
    if (field === 'fields_json' || field === 'source_json' || before[field] === after[field]) {
      continue;
    }
    changes.push({ field, kind: 'field', before: before[field], after: after[field] });
  }
  if (before.fields_json !== after.fields_json) {
    const was = JSON.parse(before.fields_json) as Record<string, string>;
    const now = JSON.parse(after.fields_json) as Record<string, string>;
    for (const field of new Set([...Object.keys(was), ...Object.keys(now)])) {
      if (was[field] === now[field]) continue;
      changes.push({ field, kind: 'field', before: was[field] ?? null, after: now[field] ?? null });
    }
  }
  if (before.source_json !== after.source_json || before.source_headers !== after.source_headers) {
    const listed = new Set(changes.map((change) => change.field));
    const was = new Map(sourcePairs(before));
    const now = new Map(sourcePairs(after));
    for (const header of new Set([...now.keys(), ...was.keys()])) {
      const field = mapping[header];
      // A sector column's new wording shows as the entry's sector label.
      const shown =
        field && (listed.has(field) || (field === 'sector' && listed.has('sector_label')));
      const renamed = field && !(was.has(header) && now.has(header));
      // An empty column added or dropped (the reason columns of a fixed file) changes nothing.
      if ((was.get(header) ?? '') === (now.get(header) ?? '') || shown || renamed) continue;
      changes.push({
        field: header,
        kind: 'source',
        before: was.get(header) ?? null,
        after: now.get(header) ?? null,
      });
    }
  }
  return changes;
}

/** Values as the file meant them: a re-imported CSV of ours has its defused formulas restored. */
const restoreRow = (values: string[]): string[] =>
  values.some((value) => value.startsWith("'")) ? values.map(restoreDefused) : values;

/**
 * The stored source row of an entry that has columns this file lacks, with the mapping they were
 * imported with; null when this file has all of them. Each entry's own columns are compared: an
 * entry keeps the columns of earlier files beside those of its last one. Import batches are read
 * once each.
 */
function storedRows(
  store: ProjectStore,
  headers: string[],
  programme: Programme,
): (entry: EntryRecord) => SourceRow | null {
  const present = new Set(headers);
  const batches = new Map<number, Record<string, EntryField | null>>();
  const mappingOf = (importId: number): Record<string, EntryField | null> => {
    let mapping = batches.get(importId);
    if (!mapping) {
      const batch = store.imports.get(importId);
      mapping = JSON.parse(batch?.mapping_json ?? '{}') as Record<string, EntryField | null>;
      batches.set(importId, mapping);
    }
    return mapping;
  };
  return (entry) => {
    const source = sourcePairs(entry);
    const storedHeaders = source.map(([header]) => header);
    if (storedHeaders.every((header) => present.has(header))) return null;
    const recorded = entry.import_id === null ? {} : mappingOf(entry.import_id);
    // Batches recorded before the kept columns' mapping was (or an entry of no batch): a column
    // the record does not name maps as detected.
    const complete = storedHeaders.every((header) => Object.hasOwn(recorded, header));
    return {
      headers: storedHeaders,
      values: source.map(([, value]) => value),
      mapping: complete ? recorded : { ...detectMapping(storedHeaders, programme), ...recorded },
    };
  };
}

/** An accepted row, mapped with the stored columns its file lacks when it has any. */
interface MergedRow {
  values: EntryValues;
  row: number;
  /** The mapping of the row's source columns: the file's, and the kept ones'. */
  mapping: Record<string, EntryField | null>;
}

/**
 * An accepted row with the stored columns its file lacks (overStoredRow), mapped again; or the
 * row refused when the stored columns no longer map (a rule tightened since they were stored).
 */
function withStoredColumns(
  item: { values: EntryValues; row: number },
  stored: SourceRow | null,
  mapping: Record<string, EntryField | null>,
  programme: Programme,
): MergedRow | RejectedRow {
  if (!stored) return { ...item, mapping };
  const source = sourcePairs(item.values);
  const values = source.map(([, value]) => value);
  const merged = overStoredRow(
    { headers: source.map(([header]) => header), values, mapping },
    stored,
  );
  if (!merged) return { ...item, mapping };
  const mapped = mapEntryRow(merged.headers, merged.values, merged.mapping, programme);
  if (mapped.ok === true) {
    return {
      values: toValues(
        mapped.entry,
        programme,
        merged.headers,
        JSON.stringify(merged.headers),
        merged.values,
      ),
      row: item.row,
      mapping: merged.mapping,
    };
  }
  const problems = mapped.ok === 'blank' ? [] : mapped.problems;
  return {
    row: item.row,
    column: problems[0]?.column ?? null,
    reason_zh: `与已存的其他列合并后：${problems.map((p) => p.reason_zh).join('；')}`,
    reason_en: `With the stored columns this file lacks: ${problems.map((p) => p.reason_en).join('; ')}`,
    values,
  };
}

/** What an import does to the entries as stored at one moment. */
interface ImportPlan {
  inserts: Array<{ values: EntryValues; row: number }>;
  updates: Array<{ id: number; values: EntryValues; row: number }>;
  unchanged: number;
  /** Field-level changes of updated entries, by entry id. */
  changes: Map<string, FieldChange[]>;
  /** Updated entries that already have reviews. */
  changedScored: string[];
  /** Rows refused once laid over the stored columns their file lacks. */
  rejected: RejectedRow[];
  /**
   * How the source columns of the entries written map: the file's mapping, and that of the stored
   * columns kept beside them, so the next import reads the kept columns as they were read.
   */
  mapping: Record<string, EntryField | null>;
}

/** The accepted rows against the entries as stored now. */
function planImport(
  store: ProjectStore,
  accepted: ReadonlyMap<string, { values: EntryValues; row: number }>,
  headers: string[],
  mapping: Record<string, EntryField | null>,
  programme: Programme,
): ImportPlan {
  const existing = store.entries.mapByExternalId(programme);
  const storedRowOf = storedRows(store, headers, programme);
  const reviewed = store.entries.externalIdsWithReviews(programme);
  const plan: ImportPlan = {
    inserts: [],
    updates: [],
    unchanged: 0,
    changes: new Map(),
    changedScored: [],
    rejected: [],
    mapping: { ...mapping },
  };
  for (const [externalId, row] of accepted) {
    const before = existing.get(externalId);
    if (!before) {
      plan.inserts.push(row);
      continue;
    }
    const item = withStoredColumns(row, storedRowOf(before), mapping, programme);
    if ('reason_zh' in item) {
      plan.rejected.push(item);
      continue;
    }
    const fieldChanges = entryChanges(before, item.values, item.mapping);
    if (fieldChanges.length === 0) {
      plan.unchanged += 1;
      continue;
    }
    plan.changes.set(externalId, fieldChanges);
    plan.updates.push({ id: before.id, values: item.values, row: item.row });
    // One mapping per kept column: two earlier files mapping it differently is not worth more.
    for (const [header, field] of Object.entries(item.mapping)) {
      if (!Object.hasOwn(plan.mapping, header)) plan.mapping[header] = field;
    }
  }
  plan.changedScored = [...plan.changes.keys()].filter((id) => reviewed.has(id));
  return plan;
}

/** A write that found the stored rows other than the rows a CSV of rejections was written from. */
function changedWhileReading(fileName: string): SailError {
  return new SailError(
    'entries_changed',
    `读取 ${fileName} 期间，另一个程序修改了项目中的申报项目，被拒绝的行可能已不同，未写入任何内容。请重新导入。`,
    `Another program changed the project's entries while ${fileName} was read, so the rejected rows may differ; nothing was written. Import the file again.`,
  );
}

export async function importEntries(
  store: ProjectStore,
  request: ImportEntriesRequest,
): Promise<ImportEntriesResult> {
  const fileName = request.fileName ?? basename(request.path);
  const steps = new ImportSteps(request);
  const table = await steps.open((control) =>
    openTable(request.path, {
      fileName: request.fileName,
      encoding: request.encoding ?? 'auto',
      ...(request.sheet ? { sheet: request.sheet } : {}),
      ...control,
    }),
  );
  const initial = initialMapping(store, table.headers, request.programme);
  const mapping = resolveMapping(table.headers, initial.mapping, request.mapping);
  assertRequiredColumns(mapping, request.programme);
  const fileHash = await sha256File(request.path);

  const accepted = new Map<string, { values: EntryValues; row: number }>();
  const rejected: RejectedRow[] = [];
  const headersJson = JSON.stringify(table.headers);
  let rows = 0;
  for await (const sourceRow of steps.rows(table)) {
    const values = restoreRow(sourceRow.values);
    const mapped = mapEntryRow(table.headers, values, mapping, request.programme);
    if (mapped.ok === 'blank') continue;
    rows += 1;
    if (!mapped.ok) {
      const [first] = mapped.problems;
      rejected.push({
        row: sourceRow.row,
        column: first?.column ?? null,
        reason_zh: mapped.problems.map((p) => p.reason_zh).join('；'),
        reason_en: mapped.problems.map((p) => p.reason_en).join('; '),
        values,
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
        values,
      });
      continue;
    }
    accepted.set(mapped.entry.entry_id, {
      values: toValues(mapped.entry, request.programme, table.headers, headersJson, values),
      row: sourceRow.row,
    });
  }
  if (rows === 0) throw noDataRows(fileName);

  const plan = () => planImport(store, accepted, table.headers, mapping, request.programme);
  const resultOf = (done: ImportPlan, importId: number | null): ImportEntriesResult => ({
    file: fileName,
    programme: request.programme,
    format: table.format,
    encoding: table.encoding,
    sheet: table.sheet,
    rows,
    inserted: done.inserts.length,
    updated: done.updates.length,
    unchanged: done.unchanged,
    rejected: [...rejected, ...done.rejected].sort((a, b) => a.row - b.row),
    dryRun: request.dryRun ?? false,
    mapping,
    savedMapping: initial.saved,
    changes: done.changes,
    changedScored: done.changedScored,
    importId,
  });

  // A dry run, and the CSV of rejected rows (written before anything is stored), see the entries
  // as they are now; the write plans again in its own transaction.
  const early = request.dryRun || request.rejectedOut ? plan() : null;
  if (early && request.rejectedOut) {
    await writeRejectedCsv(request.rejectedOut, table.headers, resultOf(early, null).rejected);
  }
  if (early && request.dryRun) return resultOf(early, null);

  // From here to the end of the write nothing awaits, so no cancel can arrive half-way: a
  // cancelled import stops here and the transaction never starts.
  steps.check();
  const now = new Date().toISOString();
  const written = store.atomically(() => {
    const done = plan();
    const refused = (p: ImportPlan) => p.rejected.map((r) => r.row).join();
    if (early && refused(early) !== refused(done)) throw changedWhileReading(fileName);
    const result = resultOf(done, null);
    steps.writing(0, result.inserted + result.updated);
    result.importId = store.write(
      {
        action: 'entries.import',
        subject: fileName,
        payload: {
          programme: request.programme,
          sha256: fileHash,
          rows,
          inserted: result.inserted,
          updated: result.updated,
          unchanged: result.unchanged,
          rejected: result.rejected.length,
          changed_scored: result.changedScored,
          mapping_saved: request.mapping !== undefined,
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
          headers_json: headersJson,
          mapping_json: JSON.stringify(done.mapping),
          rows,
          inserted: result.inserted,
          updated: result.updated,
          unchanged: result.unchanged,
          rejected: result.rejected.length,
          rejected_json: JSON.stringify(result.rejected),
          imported_at: now,
        });
        // The organiser confirmed (or the CLI gave) this mapping: offer it for the same columns again.
        if (request.mapping) saveMapping(store, request.programme, mapping, now);
        // Most rows share the file's header list; a row kept with earlier columns has its own.
        const headerLists = new Map<string, number>();
        const origin = ({ values, row }: { values: EntryValues; row: number }) => {
          const headers = values.source_headers ?? headersJson;
          let id = headerLists.get(headers);
          if (id === undefined) {
            id = store.entries.sourceColumns(headers);
            headerLists.set(headers, id);
          }
          return { import_id: importId, source_row: row, source_columns: id };
        };
        for (const item of done.inserts) store.entries.insert(item.values, origin(item), now);
        for (const item of done.updates) {
          store.entries.update(item.id, item.values, origin(item), now);
        }
        return importId;
      },
    );
    return result;
  });
  steps.writing(written.inserted + written.updated, written.inserted + written.updated);
  return written;
}
