// The CSV: the sections as one table, with the facts a CSV has no other room for as columns.
import type { CsvCell } from '../../../io/export/csv';
import {
  labelsText,
  type ReportCell,
  type ReportColumn,
  type ReportSection,
} from '../../../io/export/report';
import { OVERALL } from '../ranking';
import type { ExportPlan } from './plan';

/** Sections as one table (the CSV's): the union of their columns, rows in section order. */
export function flatTable(sections: ReportSection[]): {
  columns: ReportColumn[];
  rows: ReportCell[][];
} {
  const columns: ReportColumn[] = [];
  const flagsAt = () => columns.findIndex((c) => c.key === 'flags');
  for (const section of sections) {
    for (const column of section.columns) {
      if (columns.some((c) => c.key === column.key)) continue;
      // A criterion first met in a later section goes with the other criteria, before the flags.
      const at = column.key.startsWith('criterion:') && flagsAt() >= 0 ? flagsAt() : columns.length;
      columns.splice(at, 0, column);
    }
  }
  const rows = sections.flatMap((section) => {
    const index = new Map(section.columns.map((c, i) => [c.key, i]));
    return section.rows.map((row) => columns.map((c) => row[index.get(c.key) ?? -1] ?? null));
  });
  return { columns, rows };
}

export const csvCell = (value: ReportCell): CsvCell =>
  Array.isArray(value) ? labelsText(value) : value;

export const headerOf = (column: ReportColumn) => `${column.zh} ${column.en}`;

/** The CSV's own columns: a CSV has no room for the facts the PDF and the XLSX state. */
export function csvFacts(
  plan: ExportPlan,
  digest: string,
): { headers: string[]; cells: CsvCell[] } {
  const ranking = plan.rankings.of(plan.sectionScopes[0] ?? OVERALL);
  const { method, trim_k, min_reviews, disagreement_threshold } = ranking.settings;
  return {
    headers: ['计分方法 method', '同分规则 tie_break', '数据摘要 data_digest'],
    cells: [
      `${method}${method === 'trimmed' ? ` k=${trim_k}` : ''}; min_reviews=${min_reviews}; disagreement_threshold=${disagreement_threshold}`,
      ranking.tie_break_chain.join(' > '),
      digest,
    ],
  };
}
