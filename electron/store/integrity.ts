// The project file checked page by page (SQLite's quick_check) away from the connection that
// serves the window: on a read-only connection of its own in a worker thread, so the gigabytes of
// a national project are read while every other call is answered. The project is in WAL mode:
// the check reads one snapshot while writes go on beside it.
import { Worker } from 'node:worker_threads';

/** The worker's code: plain CommonJS, so it runs the same from the sources and from a bundle. */
const CHECK = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
let db;
try {
  db = new Database(workerData.path, {
    readonly: true,
    fileMustExist: true,
    ...(workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}),
  });
  db.pragma('busy_timeout = 5000');
  const rows = db.pragma('quick_check');
  parentPort.postMessage({ result: rows.map((row) => row.quick_check).join('; ') });
} catch (error) {
  // A page so damaged that quick_check cannot get past it is its finding all the same.
  if (/^SQLITE_CORRUPT/.test(String(error && error.code))) parentPort.postMessage({ result: String(error.message) });
  else parentPort.postMessage({ error: { code: error && error.code, message: String(error && error.message || error) } });
} finally {
  if (db && db.open) db.close();
}
`;

/** Thrown when a check could not run to its end; `code` is SQLite's when SQLite said why. */
export class CheckFailed extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

export interface FileCheck {
  /** 'ok', or the problems quick_check reports. */
  result: string;
  seconds: number;
}

/**
 * Runs quick_check over the file at `path` in a worker thread. `signal` ends the worker (the
 * project was closed); the promise then rejects.
 */
export function checkFilePages(
  path: string,
  options: { nativeBinding?: string | undefined; signal?: AbortSignal } = {},
): Promise<FileCheck> {
  const started = performance.now();
  return new Promise<FileCheck>((resolve, reject) => {
    const worker = new Worker(CHECK, {
      eval: true,
      workerData: {
        path,
        module: require.resolve('better-sqlite3'),
        nativeBinding: options.nativeBinding,
      },
    });
    let settled = false;
    const settle = (done: () => void) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', abort);
      done();
      void worker.terminate();
    };
    const abort = () => settle(() => reject(new CheckFailed('the check was stopped', undefined)));
    options.signal?.addEventListener('abort', abort, { once: true });
    if (options.signal?.aborted) abort();
    worker.once(
      'message',
      (message: { result?: string; error?: { code?: string; message: string } }) =>
        settle(() =>
          message.error
            ? reject(new CheckFailed(message.error.message, message.error.code))
            : resolve({
                result: message.result ?? '',
                seconds: Number(((performance.now() - started) / 1000).toFixed(3)),
              }),
        ),
    );
    worker.once('error', (error) =>
      settle(() => reject(new CheckFailed(error.message, undefined))),
    );
    worker.once('exit', (code) =>
      settle(() => reject(new CheckFailed(`the check ended early (exit ${code})`, undefined))),
    );
  });
}
