// Channel names only, so the sandboxed preload can expose named functions without bundling zod.
// contract.ts checks at compile time that this list names exactly its operations.
import type { TaskProgress } from './contract';

export const OPERATION_NAMES = [
  'project.create',
  'project.open',
  'project.createSample',
  'project.close',
  'project.current',
  'project.revision',
  'project.recent',
  'project.overview',
  'project.verify',
  'project.integrity',
  'project.checkIntegrity',
  'project.backups',
  'project.backup',
  'entries.import',
  'entries.list',
  'entries.get',
  'entries.facets',
  'entries.preview',
  'imports.rejectedCsv',
  'entries.duplicates',
  'entries.decideDuplicate',
  'attachments.link',
  'attachments.read',
  'rubrics.library',
  'rubrics.list',
  'rubrics.import',
  'rubrics.export',
  'rubrics.save',
  'rubrics.read',
  'rubrics.exportFile',
  'reviewers.import',
  'reviewers.list',
  'reviewers.save',
  'panel.get',
  'panel.progress',
  'panel.set',
  'conflicts.detect',
  'conflicts.list',
  'conflicts.decide',
  'conflicts.add',
  'assignments.plan',
  'assignments.run',
  'assignments.list',
  'assignments.change',
  'assignments.lock',
  'rounds.preview',
  'rounds.create',
  'rounds.list',
  'rounds.get',
  'rounds.update',
  'rounds.pin',
  'rounds.regroup',
  'rounds.start',
  'rounds.lock',
  'rounds.reopen',
  'rounds.shareResults',
  'scoring.queue',
  'scoring.get',
  'scoring.history',
  'scoring.save',
  'scoring.submit',
  'scoring.reopen',
  'scoring.recuse',
  'scoring.defer',
  'desk.state',
  'desk.open',
  'desk.signIn',
  'desk.lock',
  'desk.close',
  'desk.settings',
  'reviewers.setPin',
  'scores.import',
  'ranking.rank',
  'export.preview',
  'export.ranking',
  'export.verify',
  'export.list',
  'ranking.explain',
  'ranking.discussion',
  'ranking.robustness',
  'ranking.whatif',
  'ranking.charts',
  'shortlists.preview',
  'shortlists.create',
  'shortlists.list',
  'shortlists.get',
  'shortlists.finalise',
  'shortlists.delete',
  'packages.export',
  'packages.list',
  'packages.current',
  'packets.export',
  'packets.import',
  'packets.clashes',
  'packets.resolve',
  'tasks.progress',
  'tasks.cancel',
] as const;

/**
 * The header in which the browser page sends the local host's session token, which the host
 * printed in its link (#token=…); the host refuses every /api request without it.
 */
export const HOST_TOKEN_HEADER = 'x-sail-token';

/** IPC channel of an operation. */
export const channelOf = (name: string): string => `sail:op:${name}`;

/** Shell functions that only a desktop window has (native dialogs); the test host substitutes its own. */
export const SHELL_CHANNELS = {
  pickOpenProject: 'sail:shell:pickOpenProject',
  pickNewProject: 'sail:shell:pickNewProject',
  pickImportFile: 'sail:shell:pickImportFile',
  pickSavePath: 'sail:shell:pickSavePath',
  pickFolder: 'sail:shell:pickFolder',
  droppedFile: 'sail:shell:droppedFile',
} as const;

export interface ShellBridge {
  /** Path of an existing project file chosen by the user, or null when cancelled. */
  pickOpenProject(): Promise<string | null>;
  /** Path for a new project file, or null when cancelled. */
  pickNewProject(): Promise<string | null>;
  /** Path of a data file (CSV/XLSX/JSON) to import, or null when cancelled. */
  pickImportFile(): Promise<string | null>;
  /** Path to save an export to, or null when cancelled. */
  pickSavePath(defaultName: string): Promise<string | null>;
  /** Path of an existing folder (e.g. of attachments), or null when cancelled. */
  pickFolder(): Promise<string | null>;
  /**
   * A file dropped on the window (a project or package, a score packet, entries): where the
   * app may read or open it, or null when it cannot be used so (browser mode: a project).
   */
  droppedFile(file: File): Promise<string | null>;
}

/** What a session tells its windows, pushed as it happens (never polled). */
export type SessionEvent =
  /** An operation changed the project; `area` is its domain (entries, rounds, scoring…). */
  | { type: 'changed'; operation: string; area: string }
  /** A task's progress; `finished` once its operation has returned. */
  | { type: 'progress'; task_id: string; operation: string; progress: TaskProgress }
  /**
   * From the app's shell: a file the user opened outside the window (double-click, the menu)
   * that needs the window to open, e.g. to ask an encrypted package's passphrase.
   */
  | { type: 'open_requested'; path: string };

/** The IPC channel on which main forwards the session's events to its windows. */
export const EVENT_CHANNEL = 'sail:event';

/** The host's stream of session events (server-sent events, read with the token header). */
export const HOST_EVENTS_PATH = '/api/events';

export interface EventBridge {
  /** Calls `listener` with every session event until the returned function is called. */
  subscribe(listener: (event: SessionEvent) => void): () => void;
}
