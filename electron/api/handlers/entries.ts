// The entry operations: imports (a task) and their rejected rows, the entry list, suspected
// duplicates and attachments.
import { listAttachmentFolder } from '../../io/attachments';
import { importEntries } from '../../io/import-entries';
import { writeBatchRejectedCsv } from '../../io/rejected-rows';
import type { entryOperations } from '../contract/entries';
import { linkAttachments, readAttachment } from '../services/attachments';
import { decideDuplicate, duplicateEntries } from '../services/duplicates';
import { entryDetail, entryFacets, listEntries } from '../services/entries';
import { changeList, entryPreview, rejectionsOf } from '../services/entry-import';
import type { DomainHandlers, HandlerContext } from './context';

export function entryHandlers({
  store,
  tasks,
}: HandlerContext): DomainHandlers<typeof entryOperations> {
  return {
    'entries.import': async (input, context) => {
      // Listed first: a missing folder stops the import before anything is written.
      const folder =
        input.attachments_folder === undefined
          ? null
          : await listAttachmentFolder(input.attachments_folder);
      const result = await tasks.run(input.task_id, context, ({ signal, progress }) =>
        importEntries(store(), {
          path: input.path,
          programme: input.programme,
          encoding: input.encoding,
          sheet: input.sheet,
          mapping: input.mapping,
          dryRun: input.dry_run,
          fileName: input.file_name,
          rejectedOut: input.rejected_out,
          signal,
          onProgress: progress,
        }),
      );
      const attachments =
        folder && !result.dryRun
          ? await linkAttachments(store(), folder, input.programme)
          : undefined;
      return {
        file: result.file,
        programme: result.programme,
        encoding: result.encoding,
        rows: result.rows,
        inserted: result.inserted,
        updated: result.updated,
        unchanged: result.unchanged,
        rejected: rejectionsOf(result.rejected),
        dry_run: result.dryRun,
        mapping: result.mapping,
        changed_scored: result.changedScored,
        import_id: result.importId,
        saved_mapping: result.savedMapping,
        ...changeList(result.changes),
        ...(attachments ? { attachments } : {}),
      };
    },
    'entries.list': (filter) => listEntries(store(), filter),
    'entries.get': ({ id }) => entryDetail(store(), id),
    'entries.facets': ({ programme }) => entryFacets(store(), programme),
    'entries.preview': (input) => entryPreview(store(), input),
    'imports.rejectedCsv': async ({ import_id, path }) => ({
      path,
      rows: await writeBatchRejectedCsv(store(), import_id, path),
    }),
    'entries.duplicates': (query) => duplicateEntries(store(), query),
    'entries.decideDuplicate': (input) => decideDuplicate(store(), input),

    'attachments.link': async ({ folder, programme }) =>
      linkAttachments(store(), await listAttachmentFolder(folder), programme),
    'attachments.read': ({ id }) => readAttachment(store(), id),
  };
}
