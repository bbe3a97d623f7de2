// The project a window (or the test host) has open, and the recent-projects list.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { SailError } from '../core/errors';
import type { PdfPrinter } from '../io/export/pdf';
export type { PdfPrinter };
// The app's printer runs it too: it is how a report must be printed, whoever prints it.
export { LOAD_REPORT_FONTS } from '../io/export/pdf';
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
}

const MAX_RECENT = 10;

export class ProjectSession {
  private store: ProjectStore | null = null;

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
    this.store?.close();
    this.store = null;
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
    this.store?.close();
    this.store = store;
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
