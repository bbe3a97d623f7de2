// Entries: imports and their rejected rows, the entry list, suspected duplicates, attachments.
// One domain of the contract (contract.ts combines them): Node-free, like all of it.
import { z } from 'zod';
import {
  ENTRY_SORT_FIELDS,
  type EntryRow,
  type Programme,
  type RowRejection,
} from '../../core/domain';
import { DUPLICATE_VERDICTS, type DuplicateVerdict } from '../../core/duplicates';
import { programme, readPath, writePath, taskId, op } from './shared';

export type ImportRejection = RowRejection;

export interface ImportSummary {
  file: string;
  programme: Programme;
  encoding: string | null;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: ImportRejection[];
  dry_run: boolean;
  /** Field mapping used: source header -> entry field (or null when kept only as a source column). */
  mapping: Record<string, string | null>;
  /** Entries that already have scores and whose fields changed in this import. */
  changed_scored: string[];
  /** The import's record, or null for a dry run (imports.rejectedCsv takes it). */
  import_id: number | null;
  /** True when a mapping saved for this header set was applied (under any `mapping` given). */
  saved_mapping: boolean;
  /** Field-level changes of updated entries, in file order: the first MAX_IMPORT_CHANGES. */
  changes: EntryChange[];
  /** How many entries changed in all. */
  changes_total: number;
  /** The attachments folder linked after the import, when one was given (not on a dry run). */
  attachments?: AttachmentLinkSummary;
}

/** How many entries' field-level changes an import summary lists. */
export const MAX_IMPORT_CHANGES = 500;

export interface FieldChange {
  /** An entry field key (title, province, investment_wan…), or for kind 'source' a column header. */
  field: string;
  /** 'source': a source column changed in a way no listed field shows. */
  kind: 'field' | 'source';
  before: string | null;
  after: string | null;
}

export interface EntryChange {
  entry_id: string;
  fields: FieldChange[];
}

export interface EntryFieldOption {
  key: string;
  name_zh: string;
  name_en: string;
  /** Required for the programme; for 领航者 one column as 主体名称 (title or applicant) covers both. */
  required: boolean;
}

/** A file as an import would read it, to check and change the column mapping first. */
export interface EntryPreview {
  file: string;
  format: 'csv' | 'xlsx' | 'json';
  encoding: string | null;
  sheets: string[];
  sheet: string | null;
  /** The row number of the header as a spreadsheet shows it (below any title rows). */
  header_row: number;
  headers: string[];
  /** The first data rows (up to 20), aligned with `headers`; long values are cut. */
  rows: Array<{ row: number; values: string[] }>;
  /** Header → entry field key, or null for a column kept only as a source column. */
  mapping: Record<string, string | null>;
  /** True when `mapping` is one confirmed before for this header set. */
  saved_mapping: boolean;
  /** The fields of the programme a column can be mapped to. */
  fields: EntryFieldOption[];
}

export interface RejectedCsvRecord {
  path: string;
  rows: number;
}

export interface ImportRecord {
  id: number;
  programme: Programme;
  file_name: string;
  file_sha256: string;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  imported_at: string;
}

export type { EntryRow };

export interface EntryDetail extends EntryRow {
  partners: string | null;
  summary: string | null;
  contact: string | null;
  /** Other mapped fields, normalised (field key -> value). */
  fields: Record<string, string>;
  /** Every column of the source row, verbatim, in file order. */
  source: Array<[string, string]>;
  source_file: string | null;
  source_row: number | null;
  attachments: AttachmentInfo[];
  /** The organiser's decisions on the entry's suspected duplicates. */
  duplicate_decisions: EntryDuplicateDecision[];
}

export interface AttachmentInfo {
  id: number;
  /** Path within the linked folder, '/'-separated (B2025-0001/申报书.pdf). */
  file_name: string;
  size: number;
  mime: string;
}

export interface AttachmentLinkSummary {
  /** Files linked to an entry (new, or refreshed when linked before). */
  linked: number;
  /**
   * What was not linked, as paths within the folder: files whose name starts with no entry id,
   * and folders below the first level (ending in '/'), which are not looked into.
   */
  unmatched: string[];
  /** Entries that got at least one file from this folder. */
  entries_with_attachments: number;
}

export interface AttachmentContent {
  file_name: string;
  mime: string;
  base64: string;
}

/** Two entries of one applicant that look like the same case submitted twice. */
export interface DuplicatePair {
  /** The entry stored first. */
  a: EntryRow;
  b: EntryRow;
  /** Character-bigram Dice similarity, 0–1. */
  title_similarity: number;
  /** Null when either entry has no summary. */
  summary_similarity: number | null;
  same_track: boolean;
  /** What the organiser decided of the pair; null while it is only suspected. */
  decision: DuplicateDecision | null;
}

export { DUPLICATE_VERDICTS, type DuplicateVerdict };

/** Which pairs a duplicate list shows: those still to decide, those decided, or all. */
export const DUPLICATE_VIEWS = ['pending', 'decided', 'all'] as const;
export type DuplicateView = (typeof DUPLICATE_VIEWS)[number];

/** One page of the suspected pairs, and how many pairs there are of each kind. */
export interface DuplicateList {
  counts: { pending: number; distinct: number; same_case: number };
  /** Pairs in the view asked for. */
  total: number;
  /** The page of them asked for, most similar first. */
  pairs: DuplicatePair[];
}

/** The organiser's decision on a pair: two different cases, or one case submitted twice. */
export interface DuplicateDecision {
  verdict: DuplicateVerdict;
  note: string | null;
  /** Who decided, as given (null: not given). */
  decided_by: string | null;
  decided_at: string;
}

/** A decision on one of an entry's pairs, with the entry on its other side. */
export interface EntryDuplicateDecision extends DuplicateDecision {
  other: { id: number; entry_id: string; title: string };
}

export { ENTRY_SORT_FIELDS };

/** An entry as the entry table lists it, with the source columns the table was asked for. */
export interface EntryListRow extends EntryRow {
  /** Source columns asked for (source_columns), by header: the value as the file had it. */
  source?: Record<string, string>;
}

/** What the entry table's filters and column chooser offer. */
export interface EntryFacets {
  provinces: Facet[];
  tracks: Facet[];
  /**
   * The columns of the imported files that no listed field shows, in file order: any of them can
   * be shown as a column of the table, from the entries' verbatim source rows.
   */
  source_columns: string[];
}

export interface Page<T> {
  total: number;
  rows: T[];
}

export interface Facet {
  value: string;
  count: number;
}

export const entryOperations = {
  'entries.import': op<ImportSummary>('task')(
    z.object({
      path: readPath,
      programme,
      encoding: z.enum(['auto', 'utf8', 'gbk']).default('auto'),
      sheet: z.string().optional(),
      mapping: z.record(z.string(), z.string().nullable()).optional(),
      dry_run: z.boolean().default(false),
      /** Display name of the file when `path` is a temporary upload. */
      file_name: z.string().optional(),
      /** A folder of files named by entry id, linked once the import has succeeded. */
      attachments_folder: readPath.optional(),
      /** Also write the rejected rows to this CSV (dry runs too), as imports.rejectedCsv does. */
      rejected_out: writePath.optional(),
      task_id: taskId.optional(),
    }),
  ),
  'entries.list': op<Page<EntryListRow>>('read')(
    z.object({
      programme: programme.optional(),
      sector: z.string().optional(),
      /** Entries of any of these provinces; of any of these tracks (赛道/专题). */
      provinces: z.array(z.string().max(200)).max(500).optional(),
      tracks: z.array(z.string().max(200)).max(500).optional(),
      /** Source columns (headers of the imported files) to give with each row. */
      source_columns: z.array(z.string().max(500)).max(50).optional(),
      search: z.string().max(200).optional(),
      sort: z.enum(ENTRY_SORT_FIELDS).default('entry_id'),
      direction: z.enum(['asc', 'desc']).default('asc'),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(100_000).default(200),
    }),
  ),
  'entries.get': op<EntryDetail>('read')(z.object({ id: z.number().int().positive() })),
  /** The provinces and tracks the entries have, and the source columns of the imported files. */
  'entries.facets': op<EntryFacets>('read')(z.object({ programme: programme.optional() })),
  /** The first rows of a file and the mapping an import would start from (saved or detected). */
  'entries.preview': op<EntryPreview>('read')(
    z.object({
      path: readPath,
      programme,
      encoding: z.enum(['auto', 'utf8', 'gbk']).default('auto'),
      sheet: z.string().optional(),
      /** Display name of the file when `path` is a temporary upload. */
      file_name: z.string().optional(),
    }),
  ),
  /** Writes an import's rejected rows verbatim, with the reasons, as a CSV to fix and re-import. */
  'imports.rejectedCsv': op<RejectedCsvRecord>('write')(
    z.object({ import_id: z.number().int().positive(), path: writePath }),
  ),
  /** Pairs of near-identical entries of one applicant, most similar first. */
  'entries.duplicates': op<DuplicateList>('read')(
    z.object({
      programme: programme.optional(),
      view: z.enum(DUPLICATE_VIEWS).default('pending'),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(50),
    }),
  ),
  /**
   * Records the organiser's decision on a suspected pair (entry row ids, either order), or takes
   * it back (verdict null). Both are in the audit trail.
   */
  'entries.decideDuplicate': op<DuplicateDecision | null>('write')(
    z.object({
      a: z.number().int().positive(),
      b: z.number().int().positive(),
      verdict: z.enum(DUPLICATE_VERDICTS).nullable(),
      note: z.string().trim().max(500).optional(),
      decided_by: z.string().trim().max(100).optional(),
    }),
  ),

  /** Links the files of `folder` named by an entry id of `programme` to their entries. */
  'attachments.link': op<AttachmentLinkSummary>('task')(z.object({ folder: readPath, programme })),
  /** An attachment's content, refused when the file changed since it was linked or is too big. */
  'attachments.read': op<AttachmentContent>('read')(z.object({ id: z.number().int().positive() })),
} as const;
