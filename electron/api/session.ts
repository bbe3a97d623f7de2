// The project a window (or the test host) has open, and the recent-projects list.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ProjectBackup } from '../core/domain';
import { SailError } from '../core/errors';
import type { PdfPrinter } from '../io/export/pdf';
import { OrganiserKeyStore } from '../io/organiser-keys';
import { openProjectFile } from '../io/packets/package';
import type { OrganiserKeys } from '../store/chain-seal';
export type { PdfPrinter };
// The app's printer runs it too: it is how a report must be printed, whoever prints it.
export { LOAD_REPORT_FONTS } from '../io/export/pdf';
import { damagedProject, openingProblem } from '../store/database';
import type { FileCheck } from '../store/integrity';
import { ProjectStore } from '../store/project-store';
import { storageProblem } from '../store/storage-errors';
import type { BackupFailure, IntegrityCheck, IntegrityStatus, RecentProject } from './contract';
import { Desk } from './desk';

export interface SessionOptions {
  /** Where the recent list lives (Electron's userData, the host's workspace); none for the CLI. */
  configDir: string | null;
  /** Folder holding rubrics/ (the default library). */
  resourcesDir: string;
  /** better-sqlite3 binary for the running ABI, when it is not the default one. */
  nativeBinding?: string | undefined;
  /** Prints PDF exports; a system Chromium through playwright-core when none is given. */
  pdfPrinter?: PdfPrinter | undefined;
  /**
   * Back the open project up when it is opened and then every `everyMs` while it changes (the
   * app and the host; the CLI, a process per command, does not).
   */
  backups?: { everyMs: number } | undefined;
  /** A backup that failed: the project stays usable, so it is reported, not thrown. */
  onBackupError?: ((error: unknown) => void) | undefined;
  /**
   * Check every page of a project this long after it is opened, in the background (the app and
   * the host: opening reads no more than the file's header, and a national project is
   * gigabytes); none when not given (the CLI).
   */
  checkAfterOpenMs?: number | undefined;
  /** The organiser's signing keys; the key store (SAIL_KEY_DIR or the user's config) if none. */
  keys?: OrganiserKeys | undefined;
}

const MAX_RECENT = 10;

/**
 * How long after opening the window's session starts checking every page: time to draw the
 * first screen of a national project (the bench's national_open) before the check reads it all.
 */
export const CHECK_AFTER_OPEN_MS = 3_000;

/** How often the app backs up an open project that changed (and once on opening it). */
export const BACKUP_EVERY_MS = 10 * 60_000;

/** Where backup failures go while the project stays usable: the process's log. */
export const logBackupError = (error: unknown): void => {
  console.error(
    error instanceof SailError ? `${error.message_zh}\n${error.message_en}` : String(error),
  );
};

export class ProjectSession {
  private store: ProjectStore | null = null;
  private backupTimer: NodeJS.Timeout | null = null;
  /**
   * The project's data as the newest backup holds it (ProjectStore.lastChange): a timer tick
   * with no change since takes no backup.
   */
  private backedUpChange: string | null = null;
  private backupQueue: Promise<unknown> = Promise.resolve();
  /** Why the open project's last backup failed; null once one succeeds. The window shows it. */
  private backupFailure: BackupFailure | null = null;

  /**
   * The open project's page check, waiting to start or under way (one at a time): `now` starts
   * it at once; and the last one's outcome.
   */
  private pageCheck: {
    run: Promise<IntegrityCheck>;
    abort: AbortController;
    now: () => void;
  } | null = null;
  private lastCheck: IntegrityCheck | null = null;

  /** Who is signed in at the expert desk of the open project (api/desk.ts). */
  readonly desk = new Desk(() => this.store);

  /** Signs each write's chain head, and finds the key `verify` checks a head with. */
  readonly keys: OrganiserKeys;

  constructor(readonly options: SessionOptions) {
    this.keys = options.keys ?? new OrganiserKeyStore();
  }

  get current(): ProjectStore | null {
    return this.store;
  }

  /** The open project, or a clear error telling the user to open one. */
  require(): ProjectStore {
    if (!this.store) {
      throw new SailError(
        'no_project',
        '尚未打开项目。请先新建或打开一个项目文件。',
        'No project is open. Create or open a project file first.',
      );
    }
    return this.store;
  }

  create(
    path: string,
    name: string | undefined,
    seed: (store: ProjectStore) => void,
  ): ProjectStore {
    const absolute = resolve(path);
    const store = ProjectStore.create(absolute, {
      name,
      nativeBinding: this.options.nativeBinding,
      keys: this.keys,
    });
    try {
      seed(store);
    } catch (error) {
      store.close();
      throw error;
    }
    this.replace(store);
    return store;
  }

  /** Opens a project file; an encrypted panel package with its passphrase (io/packets). */
  async open(path: string, passphrase?: string): Promise<ProjectStore> {
    const store = await openProjectFile(resolve(path), {
      passphrase,
      nativeBinding: this.options.nativeBinding,
      keys: this.keys,
    });
    this.replace(store, this.options.checkAfterOpenMs);
    return store;
  }

  close(): void {
    this.stopCheck();
    this.stopBackups();
    this.store?.close();
    this.store = null;
    this.desk.reset();
  }

  /** The open project's last page check, and whether one runs; `wait`: once it has finished. */
  async integrity(wait: boolean): Promise<IntegrityStatus> {
    const store = this.require();
    if (wait) await this.pageCheck?.run.catch(() => undefined);
    return this.store === store
      ? { running: this.pageCheck !== null, last: this.lastCheck }
      : { running: false, last: null };
  }

  /**
   * Checks every page of the open project (or joins the check under way) and records the
   * outcome in its audit trail. A check that finds damage or cannot finish resolves with the
   * problem: it is shown, never thrown away.
   */
  checkIntegrity(): Promise<IntegrityCheck> {
    this.require();
    if (!this.pageCheck) return this.startCheck(0);
    this.pageCheck.now();
    return this.pageCheck.run;
  }

  /**
   * Runs the page check waiting to start now and resolves once none is under way: what reads
   * the audit trail whole (verify) then finds its record there, not one written meanwhile.
   */
  async settleCheck(): Promise<void> {
    this.pageCheck?.now();
    await this.pageCheck?.run.catch(() => undefined);
  }

  /** Starts a page check of the open project after `afterMs`, or at once when asked for. */
  private startCheck(afterMs: number): Promise<IntegrityCheck> {
    const store = this.require();
    const abort = new AbortController();
    let begin: () => void = () => undefined;
    const waited = new Promise<void>((resolve) => {
      begin = resolve;
    });
    const timer = setTimeout(begin, afterMs);
    // A check waiting to start never keeps the process (the host, a test) alive.
    timer.unref();
    const now = () => {
      clearTimeout(timer);
      begin();
    };
    abort.signal.addEventListener('abort', now, { once: true });
    let started = 0;
    const run = waited
      .then(() => {
        started = performance.now();
        return store.checkPages({
          nativeBinding: this.options.nativeBinding,
          signal: abort.signal,
        });
      })
      .then(
        (check) => {
          return outcome(store.path, check, recordCheck(store, check));
        },
        (error: unknown) => {
          if (abort.signal.aborted) throw projectClosed();
          return {
            checked_at: new Date().toISOString(),
            seconds: Number(((performance.now() - started) / 1000).toFixed(3)),
            ok: false,
            problem: checkProblem(error).toUserMessage(),
          };
        },
      )
      .then((check) => {
        if (this.store === store) this.lastCheck = check;
        return check;
      })
      .finally(() => {
        if (this.pageCheck?.run === run) this.pageCheck = null;
      });
    this.pageCheck = { run, abort, now };
    return run;
  }

  private stopCheck(): void {
    this.pageCheck?.abort.abort();
    this.pageCheck = null;
    this.lastCheck = null;
  }

  /** Backs the open project up now unless no write happened since the last backup. */
  backupIfChanged(): Promise<void> {
    return this.enqueue(async () => {
      // A backup copies pages as they are: one of a damaged file would push a good one out.
      await this.pageCheck?.run.catch(() => undefined);
      if (this.lastCheck?.problem?.code === 'integrity_failed') return;
      const store = this.store;
      if (!store || store.lastChange() === this.backedUpChange) return;
      await this.backup(store).catch((error: unknown) => {
        // Closed or replaced meanwhile: nothing was lost, the next project backs up on its own.
        if (this.store === store) this.options.onBackupError?.(error);
      });
    });
  }

  /** Resolves once no backup is queued or being taken (the one on opening, say). */
  async backupsSettled(): Promise<void> {
    let seen: Promise<unknown>;
    do {
      seen = this.backupQueue;
      await seen;
    } while (seen !== this.backupQueue);
  }

  /** Backs the open project up now, changed or not (the organiser asked); failures are thrown. */
  backupNow(): Promise<ProjectBackup> {
    return this.enqueue(() => this.backup(this.require()));
  }

  /** One backup at a time: a timer tick during a long backup runs after it and looks again. */
  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.backupQueue.then(task, task);
    this.backupQueue = run.catch(() => undefined);
    return run;
  }

  /** The open project's last backup failure, if the last backup failed. */
  get lastBackupFailure(): BackupFailure | null {
    return this.backupFailure;
  }

  private backup(store: ProjectStore): Promise<ProjectBackup> {
    const change = store.lastChange();
    return store
      .backup()
      .then((backup) => {
        if (this.store === store) {
          this.backedUpChange = change;
          this.backupFailure = null;
        }
        return backup;
      })
      .catch((error: unknown) => {
        // Refused on purpose (an encrypted package has no plain copy): said as it is.
        if (error instanceof SailError && error.code === 'backup_encrypted') throw error;
        const reason = error instanceof Error ? error.message : String(error);
        const failure = new SailError(
          'backup_failed',
          `无法备份项目：${reason}`,
          `Cannot back the project up: ${reason}`,
        );
        if (this.store === store) {
          const { code, message_zh, message_en } = failure;
          this.backupFailure = { code, message_zh, message_en, at: new Date().toISOString() };
        }
        throw failure;
      });
  }

  private startBackups(): void {
    this.stopBackups();
    const every = this.options.backups?.everyMs;
    // An encrypted package in memory has no plain copy anywhere, backups included.
    if (every === undefined || this.store?.inMemory) return;
    this.backupFailure = null;
    // On opening, a backup unless the newest one already holds this data (a 2 GB national
    // project is not copied again each time it is opened).
    this.backedUpChange = this.store?.newestBackupChange() ?? null;
    void this.backupIfChanged();
    this.backupTimer = setInterval(() => void this.backupIfChanged(), every);
    // A pending backup never keeps the process (the host, a test) alive.
    this.backupTimer.unref();
  }

  private stopBackups(): void {
    if (this.backupTimer) clearInterval(this.backupTimer);
    this.backupTimer = null;
  }

  recent(): RecentProject[] {
    const file = this.recentFile();
    if (!file) return [];
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      return Array.isArray(parsed) ? (parsed as RecentProject[]) : [];
    } catch {
      // A missing or damaged recent list is not worth an error: start a new one.
      return [];
    }
  }

  /** `checkAfterMs`: check the pages in the background then (a file opened, not one created). */
  private replace(store: ProjectStore, checkAfterMs?: number): void {
    let recorded: ReturnType<ProjectStore['lastPageCheck']>;
    try {
      recorded = store.lastPageCheck();
    } catch (error) {
      // The first read past the pages opening needs: damage shows here as often as anywhere.
      store.close();
      throw openingProblem(store.path, error);
    }
    this.stopCheck();
    this.stopBackups();
    this.store?.close();
    this.store = store;
    this.desk.reset();
    this.lastCheck = recorded && outcome(store.path, recorded, recorded.at);
    // Before the backup on opening, which waits for it. Not at once: the window's first screen
    // is read before the check's gigabytes compete with it for a laptop's cores and disk.
    if (checkAfterMs !== undefined) void this.startCheck(checkAfterMs).catch(() => undefined);
    this.startBackups();
    this.remember({
      path: store.path,
      name: store.project.name,
      opened_at: new Date().toISOString(),
    });
  }

  private remember(project: RecentProject): void {
    const list = [project, ...this.recent().filter((item) => item.path !== project.path)].slice(
      0,
      MAX_RECENT,
    );
    const file = this.recentFile();
    if (!file) return;
    mkdirSync(dirname(file), { recursive: true });
    const temporary = `${file}.tmp`;
    writeFileSync(temporary, JSON.stringify(list, null, 2));
    renameSync(temporary, file);
  }

  private recentFile(): string | null {
    return this.options.configDir && join(this.options.configDir, 'recent-projects.json');
  }
}

/** A check's outcome for people: damage names the newest backup (store/database.ts). */
function outcome(path: string, check: FileCheck, at: string): IntegrityCheck {
  const ok = check.result === 'ok';
  return {
    checked_at: at,
    seconds: check.seconds,
    ok,
    problem: ok ? null : damagedProject(path, check.result).toUserMessage(),
  };
}

/**
 * Records a check in the file, returning the time recorded; a file that cannot take it (damaged,
 * read-only) keeps none, and the time is now.
 */
function recordCheck(store: ProjectStore, check: FileCheck): string {
  try {
    return store.recordPageCheck(check);
  } catch (error) {
    // The outcome is still shown for as long as the project is open; the log says why it is
    // not kept.
    if (store.isOpen) console.error(`[integrity] not recorded: ${String(error)}`);
    return new Date().toISOString();
  }
}

/** Why a check could not finish: the disk's condition, or what else stopped it. */
function checkProblem(error: unknown): SailError {
  const reason = error instanceof Error ? error.message : String(error);
  return (
    storageProblem(error) ??
    new SailError(
      'integrity_check_failed',
      `项目文件的完整性检查未能完成：${reason}`,
      `The project file's integrity check could not finish: ${reason}`,
    )
  );
}

const projectClosed = () =>
  new SailError(
    'project_closed',
    '项目已关闭，完整性检查已停止。',
    'The project was closed; the integrity check stopped.',
  );
