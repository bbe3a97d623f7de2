// The export form's state and the contract input it stands for.
import type { ExportColumn, ExportFormat, OperationInput, PdfKind } from '@api/contract';
import { EXPORT_COLUMNS } from '@api/contract';
import { rankInput, type RankSettings } from '@shared/useRankSettings';

export type RuleKind = 'all' | 'top' | 'top_percent' | 'pass_mark' | 'quotas';

export interface ExportChoices {
  format: ExportFormat;
  kind: PdfKind;
  rule: RuleKind;
  /** N, p or the pass mark, by rule. */
  ruleValue: number;
  /** Places per sector key (quotas). */
  quotas: Record<string, number>;
  perSector: boolean;
  columns: ExportColumn[];
  organiser: string;
}

export const INITIAL_CHOICES: ExportChoices = {
  format: 'pdf',
  kind: 'ranking',
  rule: 'all',
  ruleValue: 10,
  quotas: {},
  perSector: false,
  columns: [...EXPORT_COLUMNS],
  organiser: '',
};

/** A sensible starting value when the rule changes. */
export const RULE_DEFAULTS: Record<Exclude<RuleKind, 'all' | 'quotas'>, number> = {
  top: 10,
  top_percent: 20,
  pass_mark: 80,
};

function ruleOf(choices: ExportChoices) {
  switch (choices.rule) {
    case 'all':
      return null;
    case 'top':
      return { kind: 'top' as const, n: choices.ruleValue };
    case 'top_percent':
      return { kind: 'top_percent' as const, percent: choices.ruleValue };
    case 'pass_mark':
      return { kind: 'pass_mark' as const, score: choices.ruleValue };
    case 'quotas':
      return { kind: 'quotas' as const, quotas: choices.quotas };
  }
}

export function exportInput(
  round: string,
  settings: RankSettings,
  choices: ExportChoices,
): OperationInput<'export.preview'> {
  return {
    ...rankInput(round, settings),
    format: choices.format,
    kind: choices.kind,
    per_sector: choices.perSector,
    rule: ruleOf(choices),
    columns: choices.columns,
    ...(choices.organiser.trim() ? { organiser: choices.organiser.trim() } : {}),
  };
}

export const FILE_EXTENSIONS: Record<ExportFormat, string> = {
  csv: 'csv',
  xlsx: 'xlsx',
  pdf: 'pdf',
};

/** A file name without characters Windows or macOS refuse. */
export function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|]/g, '_');
}
