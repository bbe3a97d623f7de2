// Writing an export to its target (whole or not at all) and recording it with the file's
// SHA-256 and the digest of the data it rests on.
import { basename } from 'node:path';
import { fileExists, pathExists, writeFileAtomic } from '../../../io/export/atomic-file';
import { writeCsvFile } from '../../../io/export/csv';
import { withPdfDigest } from '../../../io/export/embedded-digest';
import { printPdf, type PdfPrinter } from '../../../io/export/pdf';
import { writeXlsxFile } from '../../../io/export/xlsx';
import { sha256File } from '../../../io/file-hash';
import { exportCancelled } from '../../../io/task-steps';
import type { ProjectStore } from '../../../store/project-store';
import type { ExportRecord } from '../../contract';
import { OVERALL } from '../ranking';
import { csvCell, csvFacts, flatTable, headerOf } from './csv';
import { exportMeta } from './facts';
import { pdfHtml } from './pdf';
import { planExport, type ExportControl, type ExportSpec } from './plan';
import { rankingSections } from './sections';
import { warningsOf } from './warnings';
import { xlsxSheets } from './xlsx';

/** Where an export goes, and whether a file already there may be replaced. */
export interface ExportTarget {
  path: string;
  replace: boolean;
}

/**
 * Writes the export to its target (whole or not at all), records it and returns the record. A
 * file already at the target is refused before any work unless it may be replaced; the write
 * itself refuses it too, should one appear meanwhile.
 */
export async function exportRanking(
  store: ProjectStore,
  spec: ExportSpec,
  { path, replace }: ExportTarget,
  printer: () => PdfPrinter,
  control: ExportControl = {},
): Promise<ExportRecord> {
  const { signal, onProgress } = control;
  const replaced = await pathExists(path);
  if (replaced && !replace) throw fileExists(path);
  const writing = { signal, replace };
  // After ranking: lay out, (print,) write; the bar moves at each step.
  const steps = spec.format === 'pdf' ? 3 : 2;
  const built = planExport(store, spec, control, steps);
  const total = built.sectionScopes.length + steps;
  let done = built.sectionScopes.length;
  const step = (phase: 'layout' | 'print' | 'write') => {
    if (signal?.aborted) throw exportCancelled();
    onProgress?.({ phase, done: done++, total });
  };
  // Before anything is written: a ranking gone stale stops the export here, with no file.
  const dataDigest = built.dataDigest;
  step('layout');
  const sections = rankingSections(built);
  let rows: number;
  let unprintable: string[] = [];
  try {
    switch (spec.format) {
      case 'csv': {
        const table = flatTable(sections);
        const facts = csvFacts(built, dataDigest);
        rows = table.rows.length;
        step('write');
        await writeCsvFile(
          path,
          [...table.columns.map(headerOf), ...facts.headers],
          table.rows.map((r) => [...r.map(csvCell), ...facts.cells]),
          writing,
        );
        break;
      }
      case 'xlsx': {
        const sheets = xlsxSheets(built);
        rows = sections.reduce((sum, s) => sum + s.rows.length, 0);
        step('write');
        await writeXlsxFile(path, sheets, exportMeta(built, rows), writing);
        break;
      }
      case 'pdf': {
        const document = await pdfHtml(built, sections);
        rows = document.rows;
        step('print');
        const printed = await printPdf(printer(), document.html, signal);
        unprintable = printed.unprintable;
        step('write');
        // The digest in the file itself, where verify-export reads it back.
        await writeFileAtomic(path, withPdfDigest(printed.bytes, dataDigest), writing);
        break;
      }
    }
  } catch (error) {
    if (signal?.aborted) throw exportCancelled();
    throw error;
  }
  // Past the rename the file is in place: the export finishes and is recorded, cancel or not.
  const fileHash = await sha256File(path);
  const settings = built.recordedSettings();
  store.write(
    {
      action: 'export.ranking',
      subject: `${built.rankings.of(built.sectionScopes[0] ?? OVERALL).round_uuid}:${basename(path)}`,
      payload: { format: spec.format, sha256: fileHash, data_digest: dataDigest, settings },
    },
    () =>
      store.exports.insert({
        round_id: built.round.id,
        format: spec.format,
        file_name: basename(path),
        file_sha256: fileHash,
        data_digest: dataDigest,
        settings_json: JSON.stringify(settings),
        rows,
        created_at: built.now.toISOString(),
      }),
  );
  onProgress?.({ phase: 'write', done: total, total });
  return {
    path,
    replaced,
    format: spec.format,
    rows,
    sha256: fileHash,
    data_digest: dataDigest,
    warnings: warningsOf(built, unprintable),
  };
}
