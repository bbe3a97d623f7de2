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
  type ProjectBackup,
  type RankFlag,
  type ReviewStatus,
  type RoundStatus,
  type RowRejection,
  type RubricDefinition,
  type RubricVersion,
} from '../core/domain';
import {
  RUBRIC_FIELD_NAMES,
  RUBRIC_KEY_FORMAT,
  RUBRIC_KEY_PATTERN,
  RUBRIC_SECTORS,
  unknownFieldProblem,
  unknownSectorProblem,
  type RubricObject,
} from '../core/rubric';
import { DUPLICATE_VERDICTS, type DuplicateVerdict } from '../core/duplicates';
import type { UserMessage } from '../core/errors';
import type { StoredScore } from '../core/review';
import type { DiscussionReason } from '../core/scoring/discussion';
import type { ShortlistFlag } from '../core/scoring/shortlist';
import type { BoxStats } from '../core/scoring/distribution';
import type { Result } from './result';
import type { OPERATION_NAMES } from './channels';
import { describeIssues, issuePath, type IssueText } from './schema-issues';

// ---------- shared schemas ----------

const nonEmpty = z.string().trim().min(1);
const programme = z.enum(PROGRAMMES);
const method = z.enum(AGGREGATION_METHODS);

/**
 * What an operation does with a path it is given. A path from a page (the window, the host's
 * page) is checked against these before the handler runs (dispatch.ts, api/path-access.ts):
 * read an existing file or folder, write a file (replacing it), create a new project file, or
 * open a project file (which writes to it too).
 */
export type PathUse = 'read' | 'write' | 'create' | 'open';
const pathUses = z.registry<{ use: PathUse }>();
const pathFor = (use: PathUse) => nonEmpty.max(4096).register(pathUses, { use });
const readPath = pathFor('read');
const writePath = pathFor('write');
const createPath = pathFor('create');
const openPath = pathFor('open');

const rubricKey = z.string().regex(RUBRIC_KEY_PATTERN, RUBRIC_KEY_FORMAT.en);

// Strict objects: a misspelt field ("tiebreak", "maximum") is refused, not silently dropped.
export const criterionSchema = z.strictObject({
  key: rubricKey,
  name_zh: nonEmpty,
  name_en: nonEmpty,
  max: z.number().positive(),
  guide_zh: z.string().default(''),
  guide_en: z.string().default(''),
});

export const gateSchema = z.strictObject({
  key: rubricKey,
  name_zh: nonEmpty,
  name_en: nonEmpty,
});

/** The rubric JSON format of CLI.md. Cross-field rules (sum to 100, keys) live in core/rubric. */
export const rubricSchema = z.strictObject({
  sector: z.enum(RUBRIC_SECTORS),
  name_zh: nonEmpty,
  name_en: nonEmpty,
  criteria: z.array(criterionSchema).min(1),
  gates: z.array(gateSchema).default([]),
  tie_break: z.array(z.string()).default([]),
});

const RUBRIC_FIELDS: Record<RubricObject, readonly string[]> = {
  rubric: Object.keys(rubricSchema.shape),
  criteria: Object.keys(criterionSchema.shape),
  gates: Object.keys(gateSchema.shape),
};

/**
 * A rubric document's shape problems in both languages, each at its path (criteria[2].max): the
 * same words in the CLI, the API and the window. Beyond describeIssues, an unknown field names
 * the fields its object takes, and a wrong sector lists the sectors with their Chinese names.
 */
export function describeRubricIssues(
  issues: readonly z.core.$ZodIssue[],
  json: unknown,
): IssueText {
  const lines: IssueText[] = [];
  const others = issues.filter((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const list = issue.path[0];
      const object = list === 'criteria' || list === 'gates' ? list : 'rubric';
      for (const key of issue.keys) {
        const path = issuePath([...issue.path, key]);
        const { zh, en } = unknownFieldProblem(key, object, RUBRIC_FIELDS[object]);
        lines.push({ zh: `${path}：${zh}`, en: `${path}: ${en}` });
      }
      return false;
    }
    if (issue.code === 'invalid_value' && issuePath(issue.path) === 'sector') {
      const { zh, en } = unknownSectorProblem((json as Record<string, unknown>).sector);
      lines.push({ zh: `sector（${RUBRIC_FIELD_NAMES.sector}）：${zh}`, en: `sector: ${en}` });
      return false;
    }
    return true;
  });
  if (others.length > 0) {
    lines.push(
      describeIssues(others, json, {
        fieldNames: RUBRIC_FIELD_NAMES,
        formats: { key: RUBRIC_KEY_FORMAT },
      }),
    );
  }
  return { zh: lines.map((l) => l.zh).join('；'), en: lines.map((l) => l.en).join('; ') };
}

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

export type { ProjectBackup };

export interface ProjectBackups {
  folder: string;
  /** Newest first. */
  backups: ProjectBackup[];
  /** Why the last backup failed (disk full, folder not writable); null when it succeeded. */
  last_failure: BackupFailure | null;
}

/** A backup that failed, and when. */
export interface BackupFailure extends UserMessage {
  at: string;
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
  /** Export records no audit event vouches for: the table was edited directly. */
  unaudited_exports: number[];
  /** Stored scores the rules refuse (damage): how many, and the first by round and entry. */
  damaged_scores: { total: number; first: Array<StoredScore & { round: string }> };
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
  reviews_draft: number;
  created_at: string;
}

/** A rubric version with the rounds that pin it (rubrics.list). */
export interface StoredRubric extends RubricVersion {
  rounds: Array<{ name: string; status: RoundStatus }>;
}

export interface RubricSaveResult {
  rubric: StoredRubric;
  /** True when the base version was changed in place (no round pins it, no score uses it). */
  in_place: boolean;
  /**
   * True when the rubric equals the version it would change or follow (the base edited in place,
   * else the sector's newest): nothing was written and `rubric` is that version.
   */
  unchanged: boolean;
}

/** One event of a round's history (its audit events). */
export interface RoundEvent {
  seq: number;
  at: string;
  actor: string;
  /** round.create, round.start, round.lock, round.reopen, round.update, round.pin, round.regroup */
  action: string;
  payload: Record<string, unknown>;
}

export interface RoundPinDetail {
  /** A sector key of the round's entries, or 'generic' for entries without a sector. */
  sector: string;
  rubric: RubricVersion;
  /** Entries of the round in this sector. */
  entries: number;
  /** Reviews in this sector: once there are any, the pin can no longer move. */
  reviews: number;
  /** The newest version of the pinned rubric when it is newer than the pin (saved since). */
  newer: { id: number; version: number } | null;
}

/**
 * An entry of the round whose sector changed after the round was created (a re-import). Its
 * sector group was frozen when it joined the round: the round still ranks it there and scores it
 * with that group's version, until `rounds.regroup` moves it (setup only).
 */
export interface RoundSectorChange {
  entry_id: string;
  title: string;
  /** Its sector group now ('generic' without a sector). */
  sector: string;
  /** The group it joined the round in: where rankings by sector, quotas and exports place it. */
  ranked_in: string;
  /** The version it is scored with. */
  rubric: Pick<RubricVersion, 'id' | 'sector' | 'version' | 'name_zh' | 'name_en'>;
  /**
   * Whether the round pins a rubric for its sector now; moving it there otherwise pins the
   * version the programme uses by default.
   */
  sector_pinned: boolean;
}

export interface RoundDetail extends RoundSummary {
  /** Sector keys among the round's entries (the per-sector ranking scopes). */
  sectors: string[];
  /** 绽放杯 tracks among the round's entries. */
  tracks: string[];
  /** The rubric version pinned for each sector of the round's entries (or 'generic'). */
  pins: RoundPinDetail[];
  sector_changes: RoundSectorChange[];
  history: RoundEvent[];
}

export interface RoundCreated extends RoundDetail {
  /** Ids of the given entry list that match no entry of the programme. */
  missing_ids: string[];
  /** Ids of the given entry list left out by the filters given with it. */
  filtered_out_ids: string[];
}

export interface Facet {
  value: string;
  count: number;
}

/** What a round with this selection would hold, before it is created. */
export interface RoundPreview {
  entries: number;
  missing_ids: string[];
  filtered_out_ids: string[];
  /** Each sector of the selected entries, with the rubric version pinned by default. */
  groups: Array<{ sector: string; entries: number; default_rubric_id: number | null }>;
  /** The values to filter by, over all entries of the programme. */
  options: { sectors: Facet[]; tracks: Facet[]; provinces: Facet[] };
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
  /** The rubric version the entry is scored with (RankResult.rubrics names it). */
  rubric_id: number;
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
  /** `zscore`: reviewers whose totals were used as they are (SCORING.md), and why. */
  reviewer_flags: Array<{ reviewer_id: string; flag: NonNullable<ExplainReviewer['flag']> }>;
  rows: RankRow[];
}

/** A step of a long operation, as tasks.progress reports it. */
export type TaskPhase = 'start' | 'read' | 'rank' | 'layout' | 'print' | 'write';

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

export const EXPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** What a PDF holds: the signed ranking, per-entry score sheets or per-expert score sheets. */
export const PDF_KINDS = ['ranking', 'entry-sheets', 'expert-sheets'] as const;
export type PdfKind = (typeof PDF_KINDS)[number];
/** Columns of a ranking export one may leave out; rank and entry id are always there. */
export const EXPORT_COLUMNS = [
  'title',
  'applicant',
  'province',
  'sector',
  'score',
  'all_judge_mean',
  'reviews',
  'criteria',
  'flags',
] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

export interface ExportRecord {
  path: string;
  /** A file was at `path` before and this export replaced it. */
  replaced: boolean;
  format: ExportFormat;
  rows: number;
  sha256: string;
  data_digest: string;
  /** Something the organiser should check before signing (a PDF's characters printed as boxes). */
  warnings: UserMessage[];
}

/** What an export would write, shown before writing it. */
export interface ExportPreview {
  /** The rows to export as one table (the CSV's), the first `MAX_PREVIEW_ROWS`. */
  headers: string[];
  rows: Array<Array<string | number | null>>;
  total_rows: number;
  /** Rows per section (the overall ranking, or each sector's). */
  sections: Array<{ scope: string; rows: number }>;
  /** The PDF's HTML as it will be printed (PDF exports only). */
  html: string | null;
  data_digest: string;
  /** As ExportRecord.warnings, known before printing. */
  warnings: UserMessage[];
}

export const MAX_PREVIEW_ROWS = 500;

/** A recorded export, as verify-export and the export history show it. */
export interface ExportHistoryItem {
  id: number;
  round: string | null;
  format: string;
  file_name: string;
  sha256: string;
  data_digest: string;
  rows: number;
  created_at: string;
  /** Method, scope, rule, kind… as recorded. */
  settings: Record<string, unknown>;
}

/** Whether a file is one we exported and the data it came from is unchanged. */
export interface ExportVerification {
  path: string;
  sha256: string;
  /** The newest export record of this exact file, or null when no export wrote it. */
  record: ExportHistoryItem | null;
  /** The digest of the round's data now, with the recorded settings; null without a record. */
  current_digest: string | null;
  /**
   * Whether the record is vouched for by an intact audit trail (an export event with the same
   * file hash and data digest); false when the project file was edited behind it.
   */
  audited: boolean;
  /** All hold: the file is recorded, audited, and the data digest still equals the recorded one. */
  ok: boolean;
}

// ---------- results: explain, discussion, shortlists, robustness, charts ----------

/** One rule per shortlist (SCORING.md "Shortlist"); quotas cut each sector's own ranking. */
export const shortlistRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('top'), n: z.number().int().min(1).max(1_000_000) }),
  z.object({ kind: z.literal('top_percent'), percent: z.number().gt(0).max(100) }),
  z.object({ kind: z.literal('pass_mark'), score: z.number().min(0).max(100) }),
  z.object({
    kind: z.literal('quotas'),
    quotas: z.record(z.string(), z.number().int().min(0).max(1_000_000)),
  }),
]);
export type ShortlistRuleInput = z.output<typeof shortlistRuleSchema>;

/** A shortlist row's flags: the ranking's own, plus `tie_at_cut` and `borderline`. */
export type { ShortlistFlag };

export interface ShortlistRow {
  entry_id: string;
  title: string;
  applicant: string;
  sector: string | null;
  /** Rank in the ranking the row was cut from (its sector's, for quotas). */
  rank: number | null;
  score: number | null;
  flags: ShortlistFlag[];
}

/** Where a ranking was cut: per sector for quotas, else one cut under the scope's key. */
export interface ShortlistCutInfo {
  scope: string;
  cut_rank: number | null;
  cut_score: number | null;
  /** Ranked entries the rule applied to: a top-p % rule admits ceil(p % of them). */
  ranked: number;
  /** Admitted before ties at the cut; null for a pass mark. */
  admitted: number | null;
}

export interface ShortlistPreview {
  round: string;
  scope: string;
  rule: ShortlistRuleInput;
  settings: AggregationSettings;
  cuts: ShortlistCutInfo[];
  /** The entries on the shortlist, in rank order. */
  rows: ShortlistRow[];
  /**
   * Entries of the scope (on the list or not) with too few reviews: while any remain, a
   * finished review could still change the list, so finalising needs a recorded reason.
   */
  insufficient_ids: string[];
}

export interface ShortlistSummary {
  id: number;
  round: string;
  name: string;
  scope: string;
  rule: ShortlistRuleInput;
  settings: AggregationSettings;
  status: 'draft' | 'final';
  override_reason: string | null;
  created_at: string;
  finalised_at: string | null;
  entries: number;
}

export interface ShortlistDetail extends ShortlistSummary {
  cuts: ShortlistCutInfo[];
  rows: ShortlistRow[];
  /** As in ShortlistPreview, from the current data. */
  insufficient_ids: string[];
  /** SHA-256 of the data the shortlist was cut from. */
  data_digest: string;
  /** The round's scores changed since the shortlist was saved. */
  stale: boolean;
}

export interface ExplainReview {
  reviewer_id: string;
  reviewer_name: string;
  total: number;
  scores: Record<string, number>;
  gates: Record<string, 'pass' | 'fail'>;
  comment: string;
  submitted_at: string | null;
  /** The trimmed mean left this total out. */
  dropped: boolean;
  /** zscore: the transformed total; null for other methods. */
  normalised: number | null;
}

/** zscore: a reviewer's totals over the whole round and how they are transformed. */
export interface ExplainReviewer {
  reviewer_id: string;
  totals: number;
  mean: number;
  sd: number;
  /** Why the totals are used as they are; null when they are transformed. */
  flag: 'too_few_totals' | 'zero_spread' | null;
}

export interface ExplainNeighbour {
  entry_id: string;
  title: string;
  rank: number | null;
  /** The step of the chain that separated the two, or 'tie'. */
  decided_by: string;
  /** Compared values up to the deciding step: `entry` is the explained entry's. */
  steps: Array<{ step: string; entry: number | null; other: number | null }>;
}

export interface EntryExplanation {
  round: string;
  scope: string;
  settings: AggregationSettings;
  tie_break_chain: string[];
  row: RankRow;
  criteria: Array<{ key: string; name_zh: string; name_en: string; max: number }>;
  /** Each gate with how many submitted reviews answered fail. */
  gates: Array<{ key: string; name_zh: string; name_en: string; fails: number }>;
  reviews: ExplainReview[];
  /** trimmed: k, and whether enough reviews were there to drop any; null for other methods. */
  trimmed: { k: number; applied: boolean } | null;
  /** zscore: μ and σ of all submitted totals of the round, and each reviewer's moments. */
  zscore: { mean: number; sd: number; reviewers: ExplainReviewer[] } | null;
  above: ExplainNeighbour | null;
  below: ExplainNeighbour | null;
}

export type { DiscussionReason };

export interface CriterionSpreadRow {
  key: string;
  name_zh: string;
  name_en: string;
  max: number;
  low: number | null;
  high: number | null;
  range: number | null;
  /** The scores span at least 30 % of the criterion's maximum: a driver of disagreement. */
  driver: boolean;
}

export interface DiscussionItem {
  row: RankRow;
  reasons: DiscussionReason[];
  /** The cut score of the entry's ranking (its sector's, for quotas); null when none. */
  cut_score: number | null;
  /** Review totals, ascending. */
  totals: number[];
  spreads: CriterionSpreadRow[];
  /** Each gate of the entry's rubric: how many answered fail, of how many; split when both. */
  gates: DiscussionGateRow[];
}

export interface DiscussionGateRow {
  key: string;
  name_zh: string;
  name_en: string;
  fails: number;
  answers: number;
  split: boolean;
}

export interface DiscussionQueue {
  margin: number;
  cuts: ShortlistCutInfo[];
  items: DiscussionItem[];
}

export interface RobustnessRow {
  entry_id: string;
  title: string;
  sector: string | null;
  ranks: Record<AggregationMethod, number | null>;
  scores: Record<AggregationMethod, number | null>;
  shortlisted: Record<AggregationMethod, boolean>;
  borderline: boolean;
}

export interface Robustness {
  scope: string;
  method: AggregationMethod;
  /** The trim count the `trimmed` column uses. */
  trim_k: number;
  /** In the order of the ranking under `method`. */
  rows: RobustnessRow[];
  /** Kendall's τ-b between every pair of methods. */
  agreement: Array<{
    a: AggregationMethod;
    b: AggregationMethod;
    tau: number | null;
    entries: number;
  }>;
}

export interface WhatIfPlacement {
  rank: number | null;
  score: number | null;
  shortlisted: boolean;
}

export interface WhatIfRow {
  entry_id: string;
  title: string;
  sector: string | null;
  before: WhatIfPlacement;
  after: WhatIfPlacement;
  movement: 'in' | 'out' | 'up' | 'down' | 'same';
}

export interface WhatIf {
  /** The rubric reweighted, with each criterion's maximum before and in the what-if. */
  criteria: Array<{ key: string; name_zh: string; name_en: string; max: number; new_max: number }>;
  /** In the order of the ranking after reweighting. */
  rows: WhatIfRow[];
  moved_in: string[];
  moved_out: string[];
}

/** Five-number summary and mean of a set of totals (a box in a box plot). */
export type BoxSummary = BoxStats;

export interface ResultCharts {
  /** Per reviewer, the distribution of their submitted totals in the round (harsh vs lenient). */
  reviewers: Array<{ reviewer_id: string; name: string; box: BoxSummary }>;
  /** Per ranked entry of the scope, in rank order, the spread of its review totals. */
  entries: Array<{ entry_id: string; title: string; rank: number | null; box: BoxSummary }>;
  /** Per sector of the round, how many entries scored in each 10-point bin (method scores). */
  sectors: Array<{ sector: string; bins: Array<{ from: number; to: number; count: number }> }>;
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
/** A ranking of a round as the results screen shows it: method, trim and scope. */
const rankRef = roundRef.extend({
  method: method.optional(),
  trim_k: z.number().int().min(1).max(10).optional(),
  /** A sector key, or 'overall' (the default) for the ranking across sectors. */
  scope: z.string().default('overall'),
});
/**
 * The entries of a new round: a programme's entries by filter (every filter given must match),
 * or the entries of a list of ids (that the filters given with it also match).
 */
const roundSelection = z.object({
  programme,
  sectors: z.array(nonEmpty).optional(),
  tracks: z.array(nonEmpty).optional(),
  provinces: z.array(nonEmpty).optional(),
  search: z.string().max(200).optional(),
  entry_ids: z.array(nonEmpty).max(100_000).optional(),
});
const roundSettings = z.object({
  method: method.optional(),
  trim_k: z.number().int().min(1).max(10).optional(),
  min_reviews: z.number().int().min(1).max(50).optional(),
  disagreement_threshold: z.number().min(0).max(100).optional(),
});
/**
 * Names a long operation (imports, exports) so that tasks.progress can follow it and tasks.cancel
 * stop it; the client makes the id up, e.g. a random string.
 */
const taskId = nonEmpty.max(100);

/** How a ranking is exported: the settings, the shortlist rule and what to include. */
const exportSpec = roundRef.extend({
  format: z.enum(EXPORT_FORMATS),
  /** PDFs only. */
  kind: z.enum(PDF_KINDS).default('ranking'),
  method: method.optional(),
  trim_k: z.number().int().min(1).max(10).optional(),
  /** A sector key, or 'overall' (the default). */
  scope: z.string().default('overall'),
  /** Rank and cut each sector on its own (per-sector quotas always do). */
  per_sector: z.boolean().default(false),
  /** Keep only the shortlist this rule cuts; null keeps every entry. */
  rule: shortlistRuleSchema.nullable().default(null),
  /** Optional columns to include; all when absent. */
  columns: z.array(z.enum(EXPORT_COLUMNS)).optional(),
  /** The organising unit, printed in the PDF's signature block. */
  organiser: z.string().trim().max(200).optional(),
});

export const operations = {
  'project.create': op<ProjectInfo>()(z.object({ path: createPath, name: z.string().optional() })),
  'project.open': op<ProjectInfo>()(z.object({ path: openPath })),
  'project.close': op<null>()(z.object({})),
  'project.current': op<ProjectInfo | null>()(z.object({})),
  /**
   * The number of the last write to the open project (null with none open): the window asks
   * when it regains focus, so a CLI import into the same file shows without a reload.
   */
  'project.revision': op<number | null>()(z.object({})),
  'project.recent': op<RecentProject[]>()(z.object({})),
  'project.overview': op<ProjectOverview>()(z.object({})),
  'project.verify': op<ProjectVerification>()(z.object({})),
  'project.backups': op<ProjectBackups>()(z.object({})),
  /** Backs the open project up now (the app also does on opening and every 10 minutes). */
  'project.backup': op<ProjectBackup>()(z.object({})),

  'entries.import': op<ImportSummary>()(
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
  'entries.list': op<Page<EntryListRow>>()(
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
  'entries.get': op<EntryDetail>()(z.object({ id: z.number().int().positive() })),
  /** The provinces and tracks the entries have, and the source columns of the imported files. */
  'entries.facets': op<EntryFacets>()(z.object({ programme: programme.optional() })),
  /** The first rows of a file and the mapping an import would start from (saved or detected). */
  'entries.preview': op<EntryPreview>()(
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
  'imports.rejectedCsv': op<RejectedCsvRecord>()(
    z.object({ import_id: z.number().int().positive(), path: writePath }),
  ),
  /** Pairs of near-identical entries of one applicant, most similar first. */
  'entries.duplicates': op<DuplicateList>()(
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
  'entries.decideDuplicate': op<DuplicateDecision | null>()(
    z.object({
      a: z.number().int().positive(),
      b: z.number().int().positive(),
      verdict: z.enum(DUPLICATE_VERDICTS).nullable(),
      note: z.string().trim().max(500).optional(),
      decided_by: z.string().trim().max(100).optional(),
    }),
  ),

  /** Links the files of `folder` named by an entry id of `programme` to their entries. */
  'attachments.link': op<AttachmentLinkSummary>()(z.object({ folder: readPath, programme })),
  /** An attachment's content, refused when the file changed since it was linked or is too big. */
  'attachments.read': op<AttachmentContent>()(z.object({ id: z.number().int().positive() })),

  'rubrics.library': op<RubricDefinition[]>()(z.object({})),
  'rubrics.list': op<StoredRubric[]>()(z.object({})),
  /** Adds a rubric as its sector's newest version; one equal to that version adds nothing. */
  'rubrics.import': op<RubricSaveResult>()(z.object({ rubric: z.unknown() })),
  'rubrics.export': op<RubricDefinition>()(
    z.object({ sector: nonEmpty, version: z.number().int().positive().optional() }),
  ),
  /**
   * Saves an edited rubric: in place over `base_id` while no round pins it and no score uses it,
   * otherwise as the newest version of its sector.
   */
  'rubrics.save': op<RubricSaveResult>()(
    z.object({ rubric: z.unknown(), base_id: z.number().int().positive().optional() }),
  ),
  /** Reads a rubric JSON file into the editor: its shape is checked, its sums are not. */
  'rubrics.read': op<RubricDefinition>()(
    z.object({
      path: readPath,
      /** Display name of the file when `path` is a temporary upload. */
      file_name: z.string().optional(),
    }),
  ),
  /** Writes a stored version as rubric JSON (the CLI.md format). */
  'rubrics.exportFile': op<{ path: string }>()(
    z.object({ id: z.number().int().positive(), path: writePath }),
  ),

  'reviewers.import': op<ReviewerImportSummary>()(
    z.object({ path: readPath, file_name: z.string().optional(), task_id: taskId.optional() }),
  ),
  'reviewers.list': op<Reviewer[]>()(z.object({})),

  'rounds.preview': op<RoundPreview>()(roundSelection),
  'rounds.create': op<RoundCreated>()(
    roundSelection.extend({
      name: nonEmpty.max(100),
      /** Every round has a stage: the window preselects 初赛, the CLI defaults to it. */
      stage: z.enum(STAGES),
      /**
       * Rubric version id per sector of the selected entries. By default a 绽放杯 round uses
       * the newest generic version, a 领航者 round each sector's newest.
       */
      pins: z.record(z.string(), z.number().int().positive()).optional(),
      /**
       * Rubric per sector by version (the CLI's --rubric): a version number of the sector's own
       * rubric, 'generic' (the newest generic version) or 'latest' (the sector's newest). Keys are
       * sector keys or names, 'generic', or 'all' for every sector not named; `pins` comes first.
       */
      rubrics: z
        .record(z.string(), z.union([z.number().int().positive(), z.enum(['generic', 'latest'])]))
        .optional(),
      ...roundSettings.shape,
    }),
  ),
  'rounds.list': op<RoundSummary[]>()(z.object({})),
  'rounds.get': op<RoundDetail>()(roundRef),
  /** Stage and aggregation settings; only while the round is in setup. */
  'rounds.update': op<RoundDetail>()(
    roundRef.extend({ stage: z.enum(STAGES).optional(), ...roundSettings.shape }),
  ),
  /** Pins another version of a sector's rubric; only in setup and before any review there. */
  'rounds.pin': op<RoundDetail>()(
    roundRef.extend({ sector: nonEmpty, rubric_id: z.number().int().positive() }),
  ),
  /**
   * Moves the entries whose sector changed since the round was created into the group of their
   * sector now, scored with its pin (adding one with the programme's default version where the
   * round has none); only in setup.
   */
  'rounds.regroup': op<RoundDetail>()(roundRef),
  'rounds.start': op<RoundDetail>()(roundRef),
  'rounds.lock': op<RoundDetail>()(roundRef),
  /**
   * Locked → scoring again; the reason is recorded in the round's history. The service checks
   * it, so that a blank or overlong reason gets its own message in both languages.
   */
  'rounds.reopen': op<RoundDetail>()(roundRef.extend({ reason: z.string() })),

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
      path: readPath,
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
  /** The rows (and for a PDF the HTML) that export.ranking would write with these settings. */
  'export.preview': op<ExportPreview>()(exportSpec),
  /**
   * Writes the export to `path`. A file already there is refused (file_exists, left as it is)
   * unless `replace` is true: the window asks first, the CLI's --out replaces and says so.
   */
  'export.ranking': op<ExportRecord>()(
    exportSpec.extend({
      path: writePath,
      replace: z.boolean().default(false),
      task_id: taskId.optional(),
    }),
  ),
  /** Is this file one we exported, and is the data it was computed from unchanged? */
  'export.verify': op<ExportVerification>()(z.object({ path: readPath })),
  /** The recorded exports of a round (or of the project), newest first. */
  'export.list': op<ExportHistoryItem[]>()(
    z.object({
      round: z.string().optional(),
      limit: z.number().int().min(1).max(1000).default(50),
    }),
  ),

  /** Everything behind one entry's result: reviews, dropped totals, normalisation, neighbours. */
  'ranking.explain': op<EntryExplanation>()(rankRef.extend({ entry: nonEmpty })),
  /** Entries to discuss: disagreement, near the cut of `rule` (± margin points), too few reviews. */
  'ranking.discussion': op<DiscussionQueue>()(
    rankRef.extend({ rule: shortlistRuleSchema, margin: z.number().min(0).max(100).default(2) }),
  ),
  /** Ranks under every method side by side, Kendall's τ-b, borderline entries under `rule`. */
  'ranking.robustness': op<Robustness>()(rankRef.extend({ rule: shortlistRuleSchema })),
  /** Ranks and shortlist with the criteria of the rubric in scope given new maxima; writes nothing. */
  'ranking.whatif': op<WhatIf>()(
    rankRef.extend({
      rule: shortlistRuleSchema,
      weights: z.record(z.string(), z.number().min(0).max(100)),
    }),
  ),
  /** Chart data; `top` limits the per-entry spreads to the first entries of the ranking. */
  'ranking.charts': op<ResultCharts>()(
    rankRef.extend({ top: z.number().int().min(1).max(500).default(30) }),
  ),

  /** The shortlist `rule` cuts from the ranking, as shortlists.create would save it. */
  'shortlists.preview': op<ShortlistPreview>()(rankRef.extend({ rule: shortlistRuleSchema })),
  'shortlists.create': op<ShortlistDetail>()(
    rankRef.extend({ rule: shortlistRuleSchema, name: nonEmpty.max(100) }),
  ),
  'shortlists.list': op<ShortlistSummary[]>()(roundRef),
  'shortlists.get': op<ShortlistDetail>()(z.object({ id: z.number().int().positive() })),
  /**
   * Locks a draft. Refused while any entry of its scope is insufficient_reviews, on the list or
   * not (more reviews could move it across the cut), unless `override_reason` says why
   * (recorded with the shortlist and in the audit trail); refused when stale.
   */
  'shortlists.finalise': op<ShortlistDetail>()(
    z.object({
      id: z.number().int().positive(),
      override_reason: z.string().trim().min(1).max(2000).optional(),
    }),
  ),
  /** Deletes a draft; a finalised shortlist stays. */
  'shortlists.delete': op<null>()(z.object({ id: z.number().int().positive() })),

  /** The last progress of a task named by `task_id`, or null for a task unknown (or long gone). */
  'tasks.progress': op<TaskProgress | null>()(z.object({ task_id: taskId })),
  /** Asks a running task to stop; false when no such task is running. */
  'tasks.cancel': op<boolean>()(z.object({ task_id: taskId })),
} as const;

/** A schema without its optional() and default() wrappers. */
function unwrapped(schema: z.core.$ZodType): z.core.$ZodType {
  let inner = schema;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault) inner = inner.unwrap();
  return inner;
}

const PATH_FIELDS = new Map(
  Object.entries(operations).map(([name, { input }]) => [
    name,
    input instanceof z.ZodObject
      ? Object.entries(input.shape as Record<string, z.core.$ZodType>).flatMap(
          ([field, schema]) => {
            const use = pathUses.get(unwrapped(schema))?.use;
            return use === undefined ? [] : [{ field, use }];
          },
        )
      : [],
  ]),
);

/**
 * The fields of an operation's input that hold a path, with what the operation does with each.
 * Read from the schemas above, so a new operation's paths are checked as soon as it declares them.
 */
export function pathFields(name: string): ReadonlyArray<{ field: string; use: PathUse }> {
  return PATH_FIELDS.get(name) ?? [];
}

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
