// The project operations: creating, opening and closing it (refused while anything runs on
// it), what it holds, its integrity and its backups.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SailError } from '../../core/errors';
import { publicKeyFromPem } from '../../io/organiser-keys';
import { keyFingerprint } from '../../store/chain-seal';
import { backupFolder, listBackups } from '../../store/backups';
import type { ProjectStore } from '../../store/project-store';
import type { ImportRecord, ProjectInfo } from '../contract';
import type { projectOperations } from '../contract/project';
import { summariseRound } from '../services/rounds';
import { seedLibrary } from '../services/rubrics';
import { fillSampleProject } from '../services/sample-project';
import type { DomainHandlers, HandlerContext } from './context';

function projectInfo(store: ProjectStore): ProjectInfo {
  const { uuid, name, kind } = store.project;
  return {
    path: store.path,
    uuid,
    name,
    kind,
    schema_version: store.schemaVersion,
    encrypted: store.inMemory,
  };
}

const SAMPLE_NAME = '扬帆评审示例项目';

export function projectHandlers({
  session,
  store,
  resourcesDir,
}: HandlerContext): DomainHandlers<typeof projectOperations> {
  return {
    'project.create': ({ path, name }) => {
      return projectInfo(
        session.create(path, name, (created) => seedLibrary(created, resourcesDir)),
      );
    },
    'project.createSample': async () => {
      const folder = session.options.configDir;
      if (folder === null) {
        throw new SailError(
          'no_sample_folder',
          '命令行没有示例项目：请在桌面程序的欢迎页打开它。',
          'The command line has no sample project: open it from the desktop app’s welcome screen.',
        );
      }
      const path = join(folder, `${SAMPLE_NAME}.sailreview`);
      if (existsSync(path)) return projectInfo(await session.open(path));
      mkdirSync(folder, { recursive: true });
      const created = session.create(path, SAMPLE_NAME, (store) =>
        seedLibrary(store, resourcesDir),
      );
      try {
        await fillSampleProject(created, resourcesDir);
      } catch (error) {
        // A sample left half built is no sample: the new file goes.
        session.close();
        for (const suffix of ['', '-wal', '-shm'])
          rmSync(`${created.path}${suffix}`, { force: true });
        throw error;
      }
      return projectInfo(created);
    },
    'project.open': async ({ path, passphrase }) => {
      return projectInfo(await session.open(path, passphrase));
    },
    'project.close': () => {
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
    'project.integrity': ({ wait }) => session.integrity(wait ?? false),
    'project.checkIntegrity': () => session.checkIntegrity(),
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

    'project.verify': async ({ public_key }) => {
      const project = store();
      await session.settleCheck();
      const given = public_key === undefined ? null : publicKeyFromPem(public_key);
      const integrity = project.integrityCheck();
      const chain = given
        ? project.verifyChain((fingerprint) =>
            keyFingerprint(given) === fingerprint ? given : null,
          )
        : project.verifyChain();
      const unaudited = project.exports.unaudited();
      const damaged = project.reviews.damagedScores(20);
      const { differences, brokenEvents, unvouched, vouched } = chain.rows;
      return {
        integrity,
        audit_events: chain.events,
        audit_broken_at: chain.brokenAt,
        unaudited_exports: unaudited,
        damaged_scores: damaged,
        rows: {
          broken_events: brokenEvents,
          differences: differences.length,
          first: differences.slice(0, 20).map((difference) => ({
            ...difference,
            label: project.describeRow(difference.table, difference.key),
          })),
          unvouched,
          vouched,
        },
        seal: chain.seal,
        ok:
          integrity === 'ok' &&
          chain.brokenAt === null &&
          unaudited.length === 0 &&
          damaged.total === 0 &&
          brokenEvents.length === 0 &&
          differences.length === 0 &&
          (chain.seal.status === 'valid' || chain.seal.status === 'not_signed'),
      };
    },
  };
}
