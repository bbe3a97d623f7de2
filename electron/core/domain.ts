// Domain vocabulary shared by every layer (see docs/ARCHITECTURE.md). Pure types and constants.

export const PROGRAMMES = ['bloom', 'pioneer'] as const;
export type Programme = (typeof PROGRAMMES)[number];

export const STAGES = ['初赛', '复赛', '决赛'] as const;
export type Stage = (typeof STAGES)[number];
/** Every round has a stage; a new one starts at the first unless told otherwise. */
export const DEFAULT_STAGE: Stage = '初赛';

export const AGGREGATION_METHODS = ['mean', 'trimmed', 'median', 'zscore'] as const;
export type AggregationMethod = (typeof AGGREGATION_METHODS)[number];

export const ROUND_STATUSES = ['setup', 'scoring', 'locked'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

export const REVIEW_STATUSES = ['draft', 'submitted'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** Flags of SCORING.md, in the order they are reported. */
export const RANK_FLAGS = [
  'too_few_to_trim',
  'insufficient_reviews',
  'disagreement',
  'tie',
] as const;
export type RankFlag = (typeof RANK_FLAGS)[number];

export interface Criterion {
  key: string;
  name_zh: string;
  name_en: string;
  max: number;
  guide_zh: string;
  guide_en: string;
}

export interface Gate {
  key: string;
  name_zh: string;
  name_en: string;
}

/** A rubric as the JSON format of CLI.md describes it. */
export interface RubricDefinition {
  sector: string;
  name_zh: string;
  name_en: string;
  criteria: Criterion[];
  gates: Gate[];
  tie_break: string[];
}

/** A stored rubric version. */
export interface RubricVersion extends RubricDefinition {
  id: number;
  version: number;
  frozen: boolean;
  created_at: string;
}

export interface AggregationSettings {
  method: AggregationMethod;
  trim_k: number;
  min_reviews: number;
  disagreement_threshold: number;
}

export const DEFAULT_AGGREGATION: AggregationSettings = {
  method: 'mean',
  trim_k: 1,
  min_reviews: 3,
  disagreement_threshold: 20,
};

/** A copy of a project in its backup folder (store/backups.ts takes and lists them). */
export interface ProjectBackup {
  path: string;
  /** When the backup was taken (the local time its name records, as ISO). */
  created_at: string;
  bytes: number;
}

/** A rejected input row: 1-based row as a spreadsheet shows it, the column at fault, and why. */
export interface RowRejection {
  row: number;
  column: string | null;
  reason_zh: string;
  reason_en: string;
}

/** An entry as lists show it (the entry table, a round, a reviewer's queue). */
export interface EntryRow {
  id: number;
  entry_id: string;
  programme: Programme;
  title: string;
  applicant: string;
  province: string | null;
  city: string | null;
  sector: string | null;
  sector_label: string | null;
  track: string | null;
}

/** Fields the entry table can show and sort by. */
export const ENTRY_SORT_FIELDS = [
  'entry_id',
  'title',
  'applicant',
  'province',
  'city',
  'sector',
  'track',
  'programme',
] as const;

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

/** A rubric version as people read it: 5G工厂评审细则 第 2 版 / 5G factory rubric v2. */
export function rubricLabel(rubric: Pick<RubricVersion, 'name_zh' | 'name_en' | 'version'>): {
  zh: string;
  en: string;
} {
  return {
    zh: `${rubric.name_zh} 第 ${rubric.version} 版`,
    en: `${rubric.name_en} v${rubric.version}`,
  };
}
