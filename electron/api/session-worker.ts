// The session off the main thread: a worker_threads Worker that owns the project (store,
// services, backups) and runs every operation through the dispatcher. The Electron main process
// and the local host only relay calls and events, so neither a window's menus nor the host's
// requests wait on a ranking, an import or a merge. Bundled as dist/electron/session-worker.cjs.
import { parentPort, workerData } from 'node:worker_threads';
import type { PdfPrinter } from '../io/export/pdf';
import { OrganiserKeyStore } from '../io/organiser-keys';
import type { Caller } from './dispatch';
import { Dispatcher } from './dispatcher';
import { createHandlers } from './handlers';
import { PathAccess } from './path-access';
import { CHECK_AFTER_OPEN_MS, logBackupError, ProjectSession } from './session';
import type { FromSession, ToSession, WorkerSessionOptions } from './session-protocol';

function start(options: WorkerSessionOptions): void {
  const port = parentPort;
  if (port === null) throw new Error('session-worker runs in a worker thread');
  const post = (message: FromSession) => port.postMessage(message);

  // The app prints with Electron (main process); the host and tests with a system Chromium.
  let nextPrint = 0;
  const prints = new Map<
    number,
    { resolve: (bytes: Uint8Array) => void; reject: (e: Error) => void }
  >();
  const mainPrinter: PdfPrinter = {
    print: (html, signal) =>
      new Promise<Uint8Array>((resolve, reject) => {
        const id = nextPrint++;
        prints.set(id, { resolve, reject });
        signal?.addEventListener('abort', () => post({ type: 'print-cancel', id }), { once: true });
        post({ type: 'print', id, html });
      }),
  };

  const session = new ProjectSession({
    configDir: options.configDir,
    resourcesDir: options.resourcesDir,
    nativeBinding: options.nativeBinding,
    pdfPrinter: options.printInMain ? mainPrinter : undefined,
    backups: options.backupEveryMs === null ? undefined : { everyMs: options.backupEveryMs },
    onBackupError: logBackupError,
    keys: options.organiserKey
      ? new OrganiserKeyStore(undefined, undefined, options.organiserKey)
      : undefined,
    checkAfterOpenMs: CHECK_AFTER_OPEN_MS,
  });
  const dispatcher = new Dispatcher(createHandlers(session));
  const paths = new PathAccess({
    roots: options.pathRoots,
    recentProjects: () => session.recent().map((project) => project.path),
  });
  const window: Caller = {
    kind: 'window',
    paths,
    guard: (name, input) => session.desk.check(name, input),
  };
  // The app's menu and file events: the user, held back only from leaving an expert desk.
  const user: Caller = { kind: 'user', guard: (name) => session.desk.checkSwitch(name) };
  dispatcher.subscribe((event) => post({ type: 'event', event }));
  const calls = new Map<number, AbortController>();

  port.on('message', (message: ToSession) => {
    switch (message.type) {
      case 'call': {
        const abort = new AbortController();
        calls.set(message.id, abort);
        void dispatcher
          .call(message.name, message.input, {
            caller: message.caller === 'window' ? window : user,
            signal: abort.signal,
          })
          .then((result) =>
            post(
              message.json
                ? { type: 'result-json', id: message.id, json: JSON.stringify(result) }
                : { type: 'result', id: message.id, result },
            ),
          )
          .finally(() => calls.delete(message.id));
        break;
      }
      case 'choose':
        paths.choose(message.path, message.how);
        break;
      case 'abort':
        calls.get(message.id)?.abort();
        break;
      case 'printed': {
        const pending = prints.get(message.id);
        prints.delete(message.id);
        if (message.ok) pending?.resolve(message.bytes);
        else pending?.reject(new Error(message.error));
        break;
      }
      case 'close':
        session.close();
        post({ type: 'closed' });
        port.close();
        break;
    }
  });
}

start(workerData as WorkerSessionOptions);
