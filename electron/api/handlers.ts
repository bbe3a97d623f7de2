// The operations of contract.ts, implemented once for the window, the CLI and the test host.
import { listAttachmentFolder } from '../io/attachments';
import { importEntries } from '../io/import-entries';
import { importReviewers } from '../io/import-reviewers';
import { importScores } from '../io/import-scores';
import { writeBatchRejectedCsv } from '../io/rejected-rows';
import type { AggregationSettings } from '../core/domain';
import { backupFolder, listBackups } from '../store/backups';
import type { ProjectStore } from '../store/project-store';
import type { ImportRecord, OperationName, ProjectInfo, Reviewer } from './contract';
import type { Handlers, OperationContext } from './dispatch';
import { describeOperation, OperationsInFlight } from './in-flight';
import type { ProjectSession } from './session';
import { linkAttachments, readAttachment } from './services/attachments';
import { decideDuplicate, duplicateEntries } from './services/duplicates';
import { entryDetail, entryFacets, listEntries } from './services/entries';
import { changeList, entryPreview, rejectionsOf } from './services/entry-import';
import { chromiumPrinter } from '../io/export/chromium-printer';
import type { PdfPrinter } from '../io/export/pdf';
import { exportHistory, exportRanking, previewExport, verifyExport } from './services/export';
import { discussionQueue } from './services/discussion';
import { explainEntry } from './services/explain';
import { rankRound } from './services/ranking';
import { resultCharts } from './services/result-charts';
import { robustness, whatIf } from './services/robustness';
import {
  changeRoundStatus,
  createRound,
  pinRubric,
  previewRound,
  regroupRound,
  requireRound,
  roundDetail,
  summariseRound,
  updateRound,
} from './services/rounds';
import {
  exportRubric,
  exportRubricFile,
  importRubric,
  listRubrics,
  readRubricFile,
  rubricLibrary,
  saveRubric,
  seedLibrary,
} from './services/rubrics';
import { reviewForm, reviewQueue, saveReview, submitReview } from './services/scoring';
import {
  createShortlist,
  deleteShortlist,
  finaliseShortlist,
  listShortlists,
  previewShortlist,
  shortlistDetail,
} from './services/shortlists';
import { TaskRegistry } from './tasks';

function projectInfo(store: ProjectStore): ProjectInfo {
  const { uuid, name, kind } = store.project;
  return { path: store.path, uuid, name, kind, schema_version: store.schemaVersion };
}

/** The aggregation settings an input gives, without the ones it leaves out. */
function definedSettings(settings: {
  [K in keyof AggregationSettings]?: AggregationSettings[K] | undefined;
}): Partial<AggregationSettings> {
  const { method, trim_k, min_reviews, disagreement_threshold } = settings;
  return {
    ...(method === undefined ? {} : { method }),
    ...(trim_k === undefined ? {} : { trim_k }),
    ...(min_reviews === undefined ? {} : { min_reviews }),
    ...(disagreement_threshold === undefined ? {} : { disagreement_threshold }),
  };
}

/**
 * Operations that never hold the open project across a wait: the switches themselves, the
 * backup list (it waits for the backup on opening, which a switch does not disturb) and the
 * rubric files. Every other one blocks a switch while it runs.
 */
const NOT_HOLDING_THE_PROJECT = new Set<OperationName>([
  'project.create',
  'project.open',
  'project.close',
  'project.backups',
  'rubrics.library',
  'rubrics.read',
]);

/** The handlers, each (but those above) counted as running on the project until it settles. */
function tracked(handlers: Handlers, inFlight: OperationsInFlight): Handlers {
  type Handler = (input: unknown, context: OperationContext) => unknown;
  const entries = Object.entries(handlers as Record<OperationName, Handler>).map(
    ([name, handler]): [string, Handler] => {
      const operation = name as OperationName;
      if (NOT_HOLDING_THE_PROJECT.has(operation)) return [name, handler];
      return [
        name,
        (input, context) =>
          inFlight.track(describeOperation(operation, input), () => handler(input, context)),
      ];
    },
  );
  return Object.fromEntries(entries) as Handlers;
}

export function createHandlers(session: ProjectSession): Handlers {
  const store = () => session.require();
  const { resourcesDir } = session.options;
  const tasks = new TaskRegistry();
  const inFlight = new OperationsInFlight();
  // The app injects Electron's printToPDF; the CLI and the host print with a system Chromium.
  let printer: PdfPrinter | undefined = session.options.pdfPrinter;
  const pdfPrinter = () => (printer ??= chromiumPrinter());

  const handlers: Handlers = {
    'project.create': ({ path, name }) => {
      inFlight.requireNone('create');
      return projectInfo(
        session.create(path, name, (created) => seedLibrary(created, resourcesDir)),
      );
    },
    'project.open': ({ path }) => {
      inFlight.requireNone('open');
      return projectInfo(session.open(path));
    },
    'project.close': () => {
      inFlight.requireNone('close');
      session.close();
      return null;
    },
    'project.current': () => (session.current ? projectInfo(session.current) : null),
    'project.revision': () => (session.current ? session.current.lastWrite() : null),
    'project.recent': () => session.recent(),
    'project.backups': async () => {
      // The list a window shows just after opening includes the backup taken on opening.
      await session.backupsSettled();
      const { path } = store();
      return {
        folder: backupFolder(path),
        backups: listBackups(path),
        last_failure: session.lastBackupFailure,
      };
    },
    'project.backup': () => session.backupNow(),
    'project.overview': () => {
      const project = store();
      return {
        project: projectInfo(project),
        entries: project.entries.countByProgramme(),
        reviewers: project.reviewers.list().length,
        rubrics: project.rubrics.count(),
        rounds: project.rounds.list().map((round) => summariseRound(project, round)),
        recent_imports: project.imports.recent(5).map((batch): ImportRecord => ({
          id: batch.id,
          programme: batch.programme,
          file_name: batch.file_name,
          file_sha256: batch.file_sha256,
          rows: batch.rows,
          inserted: batch.inserted,
          updated: batch.updated,
          unchanged: batch.unchanged,
          rejected: batch.rejected,
          imported_at: batch.imported_at,
        })),
      };
    },

    'project.verify': () => {
      const project = store();
      const integrity = project.integrityCheck();
      const audit = project.verifyAudit();
      const unaudited = project.exports.unaudited();
      const damaged = project.reviews.damagedScores(20);
      return {
        integrity,
        audit_events: audit.events,
        audit_broken_at: audit.brokenAt,
        unaudited_exports: unaudited,
        damaged_scores: damaged,
        ok:
          integrity === 'ok' &&
          audit.brokenAt === null &&
          unaudited.length === 0 &&
          damaged.total === 0,
      };
    },

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

    'rubrics.library': () => rubricLibrary(resourcesDir),
    'rubrics.list': () => listRubrics(store()),
    'rubrics.import': ({ rubric }) => importRubric(store(), rubric, 'rubric'),
    'rubrics.export': ({ sector, version }) => exportRubric(store(), sector, version),
    'rubrics.save': ({ rubric, base_id }) => saveRubric(store(), rubric, base_id),
    'rubrics.read': ({ path, file_name }) => readRubricFile(path, file_name),
    'rubrics.exportFile': ({ id, path }) => exportRubricFile(store(), id, path),

    'reviewers.import': ({ path, file_name, task_id }, context) =>
      tasks.run(task_id, context, ({ signal, progress }) =>
        importReviewers(store(), path, file_name, { signal, onProgress: progress }),
      ),
    'reviewers.list': () =>
      store()
        .reviewers.list()
        .map((reviewer): Reviewer => ({
          id: reviewer.id,
          reviewer_id: reviewer.external_id,
          name: reviewer.name,
          organisation: reviewer.organisation,
          title: reviewer.title,
          province: reviewer.province,
          sectors: JSON.parse(reviewer.sectors_json) as string[],
          avoid_organisations: JSON.parse(reviewer.avoid_json) as string[],
        })),

    'rounds.preview': (selection) => previewRound(store(), selection),
    'rounds.create': ({ method, trim_k, min_reviews, disagreement_threshold, ...input }) =>
      createRound(store(), {
        ...input,
        settings: definedSettings({ method, trim_k, min_reviews, disagreement_threshold }),
      }),
    'rounds.list': () => {
      const project = store();
      return project.rounds.list().map((round) => summariseRound(project, round));
    },
    'rounds.get': ({ round }) => roundDetail(store(), requireRound(store(), round)),
    'rounds.update': ({ round, stage, ...settings }) =>
      updateRound(store(), round, { stage, settings: definedSettings(settings) }),
    'rounds.pin': ({ round, sector, rubric_id }) => pinRubric(store(), round, sector, rubric_id),
    'rounds.regroup': ({ round }) => regroupRound(store(), round),
    'rounds.start': ({ round }) => changeRoundStatus(store(), round, 'start'),
    'rounds.lock': ({ round }) => changeRoundStatus(store(), round, 'lock'),
    'rounds.reopen': ({ round, reason }) => changeRoundStatus(store(), round, 'reopen', reason),

    'scoring.queue': ({ round, reviewer }) => reviewQueue(store(), round, reviewer),
    'scoring.get': ({ round, reviewer, entry }) => reviewForm(store(), round, reviewer, entry),
    'scoring.save': (input) => saveReview(store(), input),
    'scoring.submit': ({ round, reviewer, entry }) => submitReview(store(), round, reviewer, entry),
    'scores.import': ({ round, path, file_name, task_id }, context) =>
      tasks.run(task_id, context, ({ signal, progress }) =>
        importScores(store(), requireRound(store(), round), path, file_name, {
          signal,
          onProgress: progress,
        }),
      ),

    'ranking.rank': ({ round, method, trim_k, scope }) => {
      const {
        dataDigest: _digest,
        round_uuid: _uuid,
        round_id: _id,
        ...result
      } = rankRound(store(), round, { method, trim_k }, scope);
      return result;
    },
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

    'ranking.explain': (input) => explainEntry(store(), input),
    'ranking.discussion': (input) => discussionQueue(store(), input),
    'ranking.robustness': (input) => robustness(store(), input),
    'ranking.whatif': (input) => whatIf(store(), input),
    'ranking.charts': (input) => resultCharts(store(), input),

    'shortlists.preview': (input) => previewShortlist(store(), input),
    'shortlists.create': (input) => createShortlist(store(), input),
    'shortlists.list': ({ round }) => listShortlists(store(), round),
    'shortlists.get': ({ id }) => shortlistDetail(store(), id),
    'shortlists.finalise': ({ id, override_reason }) =>
      finaliseShortlist(store(), id, override_reason),
    'shortlists.delete': ({ id }) => deleteShortlist(store(), id),

    'tasks.progress': ({ task_id }) => tasks.progress(task_id),
    'tasks.cancel': ({ task_id }) => tasks.cancel(task_id),
  };
  return tracked(handlers, inFlight);
}
