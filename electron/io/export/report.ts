// What an export holds, resolved once by the export service and written by each format: the
// ranked tables (CSV, XLSX, PDF), the facts every export states, and the score sheets (PDF).

/** A label in both languages, e.g. a flag (tie → 并列) or a failed gate. */
export interface ReportLabel {
  key: string;
  zh: string;
  en: string;
}

export type ReportCell = string | number | null | ReportLabel[];

export interface ReportColumn {
  key: string;
  zh: string;
  en: string;
  /** How the cell is shown: a rank (— when null), text, a 2-decimal score, a count, labels. */
  kind: 'rank' | 'text' | 'score' | 'count' | 'labels';
  /** Shown in the printed ranking; false for columns only spreadsheets need (gate key). */
  printed: boolean;
}

/** One ranked list: the overall ranking or one sector's, with the rows the export keeps. */
export interface ReportSection {
  /** 'overall' or a sector key. */
  scope: string;
  zh: string;
  en: string;
  columns: ReportColumn[];
  rows: ReportCell[][];
  /** Said under the PDF's table, e.g. where the columns it could not print are. */
  note?: { zh: string; en: string };
}

/** A fact every export states: method, settings, rubric versions, tie-break chain, rule… */
export interface ReportFact {
  zh_label: string;
  en_label: string;
  zh: string;
  en: string;
}

export interface ReportMeta {
  title_zh: string;
  title_en: string;
  facts: ReportFact[];
  /** SHA-256 of the data the ranking was computed from. */
  data_digest: string;
  /** Local date of the export, YYYY-MM-DD. */
  date: string;
}

export interface PanelMember {
  reviewer_id: string;
  name: string;
  organisation: string | null;
}

export interface SheetCriterion {
  key: string;
  name_zh: string;
  max: number;
}

export interface SheetRubric {
  name_zh: string;
  version: number;
  criteria: SheetCriterion[];
  gates: Array<{ key: string; name_zh: string }>;
}

/** One expert's submitted review of one entry. */
export interface SheetReview {
  entry_id: string;
  reviewer: PanelMember;
  scores: Record<string, number>;
  gates: Record<string, 'pass' | 'fail'>;
  total: number;
  comment: string;
  submitted_at: string | null;
}

/** Per-entry score sheet: every expert's criterion scores and comments. */
export interface EntrySheet {
  entry_id: string;
  title: string;
  applicant: string;
  province: string | null;
  sector_zh: string;
  rank: number | null;
  score: number | null;
  flags: ReportLabel[];
  rubric: SheetRubric;
  reviews: SheetReview[];
}

/** Per-expert score sheet for signature: every submitted review of one expert, by rubric. */
export interface ExpertSheet {
  reviewer: PanelMember;
  groups: Array<{ rubric: SheetRubric; rows: Array<SheetReview & { title: string }> }>;
}

/** Scores and means are shown with 2 decimals; they are already rounded half up. */
export function formatScore(value: number | null): string {
  return value === null ? '—' : value.toFixed(2);
}

/** A cell as text for a person to read (PDF, preview) in Chinese. */
export function cellText(column: ReportColumn, value: ReportCell): string {
  if (Array.isArray(value)) return value.map((label) => label.zh).join('、');
  if (value === null) return column.kind === 'rank' ? '—' : '';
  if (typeof value === 'number')
    return column.kind === 'score' ? formatScore(value) : String(value);
  return value;
}

/** Labels for a spreadsheet cell: each in Chinese with its key, e.g. "并列 tie; 分歧较大 disagreement". */
export function labelsText(labels: ReportLabel[]): string {
  return labels.map((label) => `${label.zh} ${label.key}`).join('; ');
}
