// The project a window (or the test host) has open, and the recent-projects list.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { SailError } from '../core/errors';
import type { PdfPrinter } from '../io/export/pdf';
export type { PdfPrinter };
// The app's printer runs it too: it is how a report must be printed, whoever prints it.
export { LOAD_REPORT_FONTS } from '../io/export/pdf';
import { backupProject, type ProjectBackup } from '../store/backups';
import { ProjectStore } from '../store/project-store';
import type { RecentProject } from './contract';

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
}

const MAX_RECENT = 10;

/** How often the app backs up an open project that changed (and once on opening it). */
export const BACKUP_EVERY_MS = 10 * 60_000;

/** Where backup failures go while the project stays usable: the process's log. */
export const logBackupError = (error: unknown): void => {
  console.error(
    `备份失败 / backup failed: ${error instanceof Error ? error.message : String(error)}`,
  );
};

export class ProjectSession {
  private store: ProjectStore | null = null;
  private backupTimer: NodeJS.Timeout | null = null;
  /** The last write a backup holds; a timer tick with no write since takes none. */
  private backedUpWrite = -1;
  private backupRunning: Promise<ProjectBackup> | null = null;

  constructor(readonly options: SessionOptions) {}

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

  open(path: string): ProjectStore {
    const store = ProjectStore.open(resolve(path), { nativeBinding: this.options.nativeBinding });
    this.replace(store);
    return store;
  }

  close(): void {
    this.stopBackups();
    this.store?.close();
    this.store = null;
  }

  /** Backs the open project up now unless no write happened since the last backup. */
  async backupIfChanged(): Promise<void> {
    // One backup at a time: a tick during a long backup waits for it, then looks again.
    await this.backupsSettled();
    const store = this.store;
    if (!store || store.lastWrite() === this.backedUpWrite) return;
    await this.backup(store).catch((error: unknown) => {
      // Closed or replaced meanwhile: nothing was lost, the next project backs up on its own.
      if (this.store === store) this.options.onBackupError?.(error);
    });
  }

  /** Resolves once no backup is being taken (the one on opening, say). */
  async backupsSettled(): Promise<void> {
    while (this.backupRunning) await this.backupRunning.catch(() => undefined);
  }

  /** Backs the open project up now, changed or not (the organiser asked); failures are thrown. */
  async backupNow(): Promise<ProjectBackup> {
    await this.backupsSettled();
    return this.backup(this.require());
  }

  private backup(store: ProjectStore): Promise<ProjectBackup> {
    const write = store.lastWrite();
    const running = backupProject(store.db, store.path)
      .then((backup) => {
        if (this.store === store) this.backedUpWrite = write;
        return backup;
      })
      .catch((error: unknown) => {
        throw new SailError(
          'backup_failed',
          `无法备份项目：${error instanceof Error ? error.message : String(error)}`,
          `Cannot back the project up: ${error instanceof Error ? error.message : String(error)}`,
        );
      })
      .finally(() => {
        this.backupRunning = null;
      });
    this.backupRunning = running;
    return running;
  }

  private startBackups(): void {
    this.stopBackups();
    const every = this.options.backups?.everyMs;
    if (every === undefined) return;
    this.backedUpWrite = -1;
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

  private replace(store: ProjectStore): void {
    this.stopBackups();
    this.store?.close();
    this.store = store;
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
