// The one contract between the window, the CLI, the local test host and the handlers.
// Node-free: the renderer reads it for types and the preload for channel names.
import { z } from 'zod';
import {
  AGGREGATION_METHODS,
  PROGRAMMES,
  STAGES,
  type AggregationMethod,
  ENTRY_SORT_FIELDS,
  type AggregationSettings,
  type EntryRow,
  type Programme,
  type RankFlag,
  type ReviewStatus,
  type RoundStatus,
  type RowRejection,
  type RubricDefinition,
  type RubricVersion,
} from '../core/domain';
import type { Result } from './result';
import type { OPERATION_NAMES } from './channels';

// ---------- shared schemas ----------

const nonEmpty = z.string().trim().min(1);
const programme = z.enum(PROGRAMMES);
const method = z.enum(AGGREGATION_METHODS);
const filePath = nonEmpty.max(4096);

export const criterionSchema = z.object({
  key: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'key: letters, digits, _ or -, starting with a letter'),
  name_zh: nonEmpty,
  name_en: nonEmpty,
  max: z.number().positive(),
  guide_zh: z.string().default(''),
  guide_en: z.string().default(''),
});

export const gateSchema = z.object({
  key: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'key: letters, digits, _ or -, starting with a letter'),
  name_zh: nonEmpty,
  name_en: nonEmpty,
});

/** The rubric JSON format of CLI.md. Cross-field rules (sum to 100, keys) live in core/rubric. */
export const rubricSchema = z.object({
  sector: nonEmpty,
  name_zh: nonEmpty,
  name_en: nonEmpty,
  criteria: z.array(criterionSchema).min(1),
  gates: z.array(gateSchema).default([]),
  tie_break: z.array(z.string()).default([]),
});

const scoreValue = z.number().min(0).max(100).nullable();
const gateAnswer = z.enum(['pass', 'fail']).nullable();

// ---------- output types ----------

export interface ProjectInfo {
  path: string;
  uuid: string;
  name: string;
  kind: 'project' | 'panel';
  schema_version: number;
}

export interface RecentProject {
  path: string;
  name: string;
  opened_at: string;
}

export interface ProjectVerification {
  integrity: string;
  audit_events: number;
  /** Sequence number of the first audit event whose hash does not hold, or null. */
  audit_broken_at: number | null;
  ok: boolean;
}

export interface ProjectOverview {
  project: ProjectInfo;
  entries: Record<Programme, number>;
  reviewers: number;
  rubrics: number;
  rounds: RoundSummary[];
  recent_imports: ImportRecord[];
}

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
}

export { ENTRY_SORT_FIELDS };

export interface Page<T> {
  total: number;
  rows: T[];
}

export interface Reviewer {
  id: number;
  reviewer_id: string;
  name: string;
  organisation: string | null;
  title: string | null;
  province: string | null;
  sectors: string[];
  avoid_organisations: string[];
}

export interface ReviewerImportSummary {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: ImportRejection[];
}

export interface RoundSummary {
  id: number;
  uuid: string;
  name: string;
  programme: Programme;
  stage: string | null;
  status: RoundStatus;
  settings: AggregationSettings;
  entries: number;
  reviews_submitted: number;
  created_at: string;
}

export interface RoundDetail extends RoundSummary {
  /** Sector keys among the round's entries (the per-sector ranking scopes). */
  sectors: string[];
  /** The rubric version pinned for each sector key of the round (or 'generic'). */
  pins: Array<{ sector: string; rubric: RubricVersion }>;
}

export interface QueueItem {
  entry: EntryRow;
  status: ReviewStatus | 'new';
  total: number | null;
}

export interface ReviewState {
  round: string;
  entry_id: number;
  reviewer_id: string;
  status: ReviewStatus | 'new';
  scores: Record<string, number | null>;
  gates: Record<string, 'pass' | 'fail' | null>;
  comment: string;
  total: number;
  complete: boolean;
  version: number;
  updated_at: string | null;
}

export interface ReviewForm {
  entry: EntryDetail;
  rubric: RubricVersion;
  review: ReviewState;
}

export interface ScoresImportSummary {
  rows: number;
  reviews: number;
  submitted: number;
  incomplete: number;
  rejected: ImportRejection[];
}

export interface RankRow {
  rank: number | null;
  entry_id: string;
  title: string;
  applicant: string;
  province: string | null;
  sector: string | null;
  /** The 2-decimal value used for ranking. */
  score: number | null;
  all_judge_mean: number | null;
  reviews: number;
  criteria: Record<string, number>;
  flags: RankFlag[];
  /** Key of the gate the entry failed, or null. */
  gate_failed: string | null;
  /** Which step of the tie-break chain separated this entry from the one ranked above it. */
  decided_by: string | null;
}

export interface RankResult {
  round: string;
  scope: string;
  settings: AggregationSettings;
  rubrics: Array<{
    sector: string;
    rubric_id: number;
    version: number;
    name_zh: string;
    name_en: string;
  }>;
  tie_break_chain: string[];
  rows: RankRow[];
}

/** A step of a long operation, as tasks.progress reports it. */
export type TaskPhase = 'start' | 'read' | 'rank' | 'write';

export interface TaskProgress {
  phase: TaskPhase;
  /** Work done of `total`, counted in `unit`; `total` is null while unknown. */
  done: number;
  total: number | null;
  /** Bytes of the file (CSV) or rows (XLSX, JSON); null before reading starts. */
  unit: 'bytes' | 'rows' | null;
  /** Data rows read so far (imports), or null. */
  rows: number | null;
  /** The operation has returned; its own Result tells how. */
  finished: boolean;
}

export interface ExportRecord {
  path: string;
  format: 'csv';
  rows: number;
  sha256: string;
  data_digest: string;
}

// ---------- the operations ----------

interface Operation<I extends z.ZodType, O> {
  input: I;
  /** Phantom: the output type travels in the type system only. */
  output?: O;
}

function op<O>() {
  return <I extends z.ZodType>(input: I): Operation<I, O> => ({ input });
}

const roundRef = z.object({ round: nonEmpty });
/**
 * Names a long operation (imports, exports) so that tasks.progress can follow it and tasks.cancel
 * stop it; the client makes the id up, e.g. a random string.
 */
const taskId = nonEmpty.max(100);

export const operations = {
  'project.create': op<ProjectInfo>()(z.object({ path: filePath, name: z.string().optional() })),
  'project.open': op<ProjectInfo>()(z.object({ path: filePath })),
  'project.close': op<null>()(z.object({})),
  'project.current': op<ProjectInfo | null>()(z.object({})),
  'project.recent': op<RecentProject[]>()(z.object({})),
  'project.overview': op<ProjectOverview>()(z.object({})),
  'project.verify': op<ProjectVerification>()(z.object({})),

  'entries.import': op<ImportSummary>()(
    z.object({
      path: filePath,
      programme,
      encoding: z.enum(['auto', 'utf8', 'gbk']).default('auto'),
      sheet: z.string().optional(),
      mapping: z.record(z.string(), z.string().nullable()).optional(),
      dry_run: z.boolean().default(false),
      /** Display name of the file when `path` is a temporary upload. */
      file_name: z.string().optional(),
      /** A folder of files named by entry id, linked once the import has succeeded. */
      attachments_folder: filePath.optional(),
      /** Also write the rejected rows to this CSV (dry runs too), as imports.rejectedCsv does. */
      rejected_out: filePath.optional(),
      task_id: taskId.optional(),
    }),
  ),
  'entries.list': op<Page<EntryRow>>()(
    z.object({
      programme: programme.optional(),
      sector: z.string().optional(),
      search: z.string().max(200).optional(),
      sort: z.enum(ENTRY_SORT_FIELDS).default('entry_id'),
      direction: z.enum(['asc', 'desc']).default('asc'),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(100_000).default(200),
    }),
  ),
  'entries.get': op<EntryDetail>()(z.object({ id: z.number().int().positive() })),
  /** The first rows of a file and the mapping an import would start from (saved or detected). */
  'entries.preview': op<EntryPreview>()(
    z.object({
      path: filePath,
      programme,
      encoding: z.enum(['auto', 'utf8', 'gbk']).default('auto'),
      sheet: z.string().optional(),
      /** Display name of the file when `path` is a temporary upload. */
      file_name: z.string().optional(),
    }),
  ),
  /** Writes an import's rejected rows verbatim, with the reasons, as a CSV to fix and re-import. */
  'imports.rejectedCsv': op<RejectedCsvRecord>()(
    z.object({ import_id: z.number().int().positive(), path: filePath }),
  ),
  /** Pairs of near-identical entries of one applicant, most similar first. */
  'entries.duplicates': op<DuplicatePair[]>()(z.object({ programme: programme.optional() })),

  /** Links the files of `folder` named by an entry id of `programme` to their entries. */
  'attachments.link': op<AttachmentLinkSummary>()(z.object({ folder: filePath, programme })),
  /** An attachment's content, refused when the file changed since it was linked or is too big. */
  'attachments.read': op<AttachmentContent>()(z.object({ id: z.number().int().positive() })),

  'rubrics.library': op<RubricDefinition[]>()(z.object({})),
  'rubrics.list': op<RubricVersion[]>()(z.object({})),
  'rubrics.import': op<RubricVersion>()(z.object({ rubric: z.unknown() })),
  'rubrics.export': op<RubricDefinition>()(z.object({ sector: nonEmpty })),

  'reviewers.import': op<ReviewerImportSummary>()(
    z.object({ path: filePath, file_name: z.string().optional(), task_id: taskId.optional() }),
  ),
  'reviewers.list': op<Reviewer[]>()(z.object({})),

  'rounds.create': op<RoundDetail>()(
    z.object({
      name: nonEmpty.max(100),
      programme,
      stage: z.enum(STAGES).optional(),
      sectors: z.array(nonEmpty).optional(),
      method: method.optional(),
      trim_k: z.number().int().min(1).max(10).optional(),
      min_reviews: z.number().int().min(1).max(50).optional(),
      disagreement_threshold: z.number().min(0).max(100).optional(),
    }),
  ),
  'rounds.list': op<RoundSummary[]>()(z.object({})),
  'rounds.get': op<RoundDetail>()(roundRef),

  'scoring.queue': op<QueueItem[]>()(roundRef.extend({ reviewer: nonEmpty })),
  'scoring.get': op<ReviewForm>()(
    roundRef.extend({ reviewer: nonEmpty, entry: z.number().int().positive() }),
  ),
  'scoring.save': op<ReviewState>()(
    roundRef.extend({
      reviewer: nonEmpty,
      entry: z.number().int().positive(),
      scores: z.record(z.string(), scoreValue),
      gates: z.record(z.string(), gateAnswer).default({}),
      comment: z.string().max(20_000).default(''),
    }),
  ),
  'scoring.submit': op<ReviewState>()(
    roundRef.extend({ reviewer: nonEmpty, entry: z.number().int().positive() }),
  ),
  'scores.import': op<ScoresImportSummary>()(
    roundRef.extend({
      path: filePath,
      file_name: z.string().optional(),
      task_id: taskId.optional(),
    }),
  ),

  'ranking.rank': op<RankResult>()(
    roundRef.extend({
      method: method.optional(),
      trim_k: z.number().int().min(1).max(10).optional(),
      /** A sector key, or 'overall' (the default) for the ranking across sectors. */
      scope: z.string().default('overall'),
    }),
  ),
  'export.ranking': op<ExportRecord>()(
    roundRef.extend({
      format: z.literal('csv'),
      path: filePath,
      method: method.optional(),
      trim_k: z.number().int().min(1).max(10).optional(),
      scope: z.string().default('overall'),
      task_id: taskId.optional(),
    }),
  ),

  /** The last progress of a task named by `task_id`, or null for a task unknown (or long gone). */
  'tasks.progress': op<TaskProgress | null>()(z.object({ task_id: taskId })),
  /** Asks a running task to stop; false when no such task is running. */
  'tasks.cancel': op<boolean>()(z.object({ task_id: taskId })),
} as const;

export type Operations = typeof operations;
export type OperationName = keyof Operations;
export type OperationInput<N extends OperationName> = z.input<Operations[N]['input']>;
export type OperationParsedInput<N extends OperationName> = z.output<Operations[N]['input']>;
export type OperationOutput<N extends OperationName> = Exclude<Operations[N]['output'], undefined>;

/** The client every way in sees: one async function per operation. */
export type SailClient = {
  [N in OperationName]: (input: OperationInput<N>) => Promise<Result<OperationOutput<N>>>;
};

export type { AggregationMethod };

// The channel list the preload reads must name exactly these operations.
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type ChannelsMatchContract = Assert<
  SameKeys<OperationName, (typeof OPERATION_NAMES)[number]>
>;
