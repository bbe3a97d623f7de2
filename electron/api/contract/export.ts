// Exports of a ranking (CSV, XLSX, PDF), their record and verification.
// One domain of the contract (contract.ts combines them): Node-free, like all of it.
import { z } from 'zod';
import { EXPORT_COLUMNS, EXPORT_FORMATS, PDF_KINDS, type ExportFormat } from '../../core/domain';
import type { UserMessage } from '../../core/errors';
import { method, readPath, writePath, roundRef, taskId, op } from './shared';
import { shortlistRuleSchema } from './shortlists';

// The choices are core's (the CLI lists them without loading the contract's schemas).
export {
  EXPORT_COLUMNS,
  EXPORT_FORMATS,
  PDF_KINDS,
  type ExportColumn,
  type ExportFormat,
  type PdfKind,
} from '../../core/domain';

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
   * The digest the file itself carries (the CSV's data_digest column, the XLSX's 导出说明
   * sheet, the PDF's document information); null when it has none (a PDF exported before this
   * was added) or no record names the file.
   */
  file_digest: string | null;
  /**
   * Whether the record is vouched for by an intact audit trail (an export event with the same
   * file hash and data digest); false when the project file was edited behind it.
   */
  audited: boolean;
  /**
   * All hold: the file is recorded, audited, and the data's digest now equals the one the file
   * carries and the recorded one.
   */
  ok: boolean;
}

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

export const exportOperations = {
  /** The rows (and for a PDF the HTML) that export.ranking would write with these settings. */
  'export.preview': op<ExportPreview>('read')(exportSpec),
  /**
   * Writes the export to `path`. A file already there is refused (file_exists, left as it is)
   * unless `replace` is true: the window asks first, the CLI's --out replaces and says so.
   */
  'export.ranking': op<ExportRecord>('task')(
    exportSpec.extend({
      path: writePath,
      replace: z.boolean().default(false),
      task_id: taskId.optional(),
    }),
  ),
  /** Is this file one we exported, and is the data it was computed from unchanged? */
  'export.verify': op<ExportVerification>('read')(z.object({ path: readPath })),
  /** The recorded exports of a round (or of the project), newest first. */
  'export.list': op<ExportHistoryItem[]>('read')(
    z.object({
      round: z.string().optional(),
      limit: z.number().int().min(1).max(1000).default(50),
    }),
  ),
} as const;
