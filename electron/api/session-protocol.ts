// The messages between the session worker and the thread that relays for it (Electron main or
// the local host). Plain data only: everything crosses as a structured clone.
import type { UnsealedKey } from '../io/organiser-keys';
import type { SessionEvent } from './channels';
import type { PathChoice, PathRoot } from './path-access';
import type { Result } from './result';

export interface WorkerSessionOptions {
  configDir: string | null;
  resourcesDir: string;
  nativeBinding?: string | undefined;
  /** Back up on opening and every this many ms after writes; null for none. */
  backupEveryMs: number | null;
  /** PDFs are printed by the relaying thread (Electron's printToPDF) rather than in the worker. */
  printInMain: boolean;
  /** Folders whose files a page may use (the host's workspace); the app's window has none. */
  pathRoots: PathRoot[];
  /** The app's organiser key, unsealed from the system's key store by Electron's main process. */
  organiserKey?: UnsealedKey | undefined;
}

/** Who asked: the user's own command, or a page whose paths are checked (path-access.ts). */
export type CallerKind = 'user' | 'window';

export type ToSession =
  /**
   * `json`: the Result comes back as its JSON text, for a relay that only passes it on (HTTP,
   * IPC to the page): a large one then costs the relaying thread a string copy, not a decode
   * and an encode of every row.
   */
  | { type: 'call'; id: number; name: string; input: unknown; caller: CallerKind; json: boolean }
  /** The user chose this path in a native dialog (or dropped the file on the window). */
  | { type: 'choose'; path: string; how: PathChoice }
  | { type: 'abort'; id: number }
  | { type: 'printed'; id: number; ok: true; bytes: Uint8Array }
  | { type: 'printed'; id: number; ok: false; error: string }
  | { type: 'close' };

export type FromSession =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'result-json'; id: number; json: string }
  | { type: 'event'; event: SessionEvent }
  | { type: 'print'; id: number; html: string }
  | { type: 'print-cancel'; id: number }
  | { type: 'closed' };
