// Previewing an export: what export.ranking would write, without writing it.
import { unprintableCharacters } from '../../../io/export/fonts';
import type { ProjectStore } from '../../../store/project-store';
import { MAX_PREVIEW_ROWS, type ExportPreview } from '../../contract';
import { csvCell, flatTable, headerOf } from './csv';
import { pdfHtml } from './pdf';
import { planExport, type ExportSpec } from './plan';
import { rankingSections } from './sections';
import { warningsOf } from './warnings';

/** What export.ranking would write: the rows as one table, and the PDF's HTML. */
export async function previewExport(store: ProjectStore, spec: ExportSpec): Promise<ExportPreview> {
  const built = planExport(store, spec, {});
  const sections = rankingSections(built);
  const { columns, rows } = flatTable(sections);
  const html = spec.format === 'pdf' ? (await pdfHtml(built, sections)).html : null;
  return {
    headers: columns.map(headerOf),
    rows: rows.slice(0, MAX_PREVIEW_ROWS).map((row) => row.map(csvCell)),
    total_rows: rows.length,
    sections: sections.map((s) => ({ scope: s.scope, rows: s.rows.length })),
    html,
    data_digest: built.dataDigest,
    warnings: warningsOf(built, html === null ? [] : await unprintableCharacters(html)),
  };
}
