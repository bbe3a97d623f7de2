// The export operations: preview, writing a ranking (a task, printed for PDFs), the record of
// exports and verifying a file against it.
import type { exportOperations } from '../contract/export';
import { exportHistory, exportRanking, previewExport, verifyExport } from '../services/export';
import type { DomainHandlers, HandlerContext } from './context';

export function exportHandlers({
  store,
  tasks,
  pdfPrinter,
}: HandlerContext): DomainHandlers<typeof exportOperations> {
  return {
    'export.preview': (spec) => previewExport(store(), spec),
    'export.ranking': ({ path, replace, task_id, ...spec }, context) =>
      tasks.run(task_id, context, ({ signal, progress }) =>
        exportRanking(store(), spec, { path, replace }, pdfPrinter, {
          signal,
          onProgress: progress,
        }),
      ),
    'export.verify': ({ path }) => verifyExport(store(), path),
    'export.list': ({ round, limit }) => exportHistory(store(), round, limit),
  };
}
