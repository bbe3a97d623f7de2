// The relaying side of the session worker (session-worker.ts): Electron's main process and the
// local host call operations through it and receive the session's events. It runs none of the
// domain: a call is a message to the worker and its Result a message back.
import { Worker } from 'node:worker_threads';
import type { PdfPrinter } from '../io/export/pdf';
import type { SessionEvent } from './channels';
import type { Result } from './result';
import type { PathChoice } from './path-access';
import type { CallerKind, FromSession, ToSession, WorkerSessionOptions } from './session-protocol';

export interface SessionClientOptions extends WorkerSessionOptions {
  /** dist/electron/session-worker.cjs. */
  workerFile: string;
  /** Prints for the worker when `printInMain` is set (Electron's printToPDF). */
  printer?: PdfPrinter | undefined;
}

export interface CallOptions {
  caller: CallerKind;
  signal?: AbortSignal | undefined;
}

const WORKER_GONE = {
  code: 'session_stopped',
  message_zh: '项目会话已停止，请重新打开项目。',
  message_en: 'The project session has stopped; open the project again.',
};

export class SessionClient {
  private readonly worker: Worker;
  private nextId = 0;
  private readonly pending = new Map<number, (reply: Result<unknown> | string) => void>();
  private readonly prints = new Map<number, AbortController>();
  private readonly listeners = new Set<(event: SessionEvent) => void>();
  private closed: Promise<void> | null = null;

  constructor(private readonly options: SessionClientOptions) {
    const { workerFile, printer: _printer, ...session } = options;
    this.worker = new Worker(workerFile, { workerData: session });
    this.worker.on('message', (message: FromSession) => this.receive(message));
    this.worker.on('error', (error) => {
      console.error(`[session] ${error.message}`);
      this.failPending();
    });
    this.worker.on('exit', () => this.failPending());
  }

  /** Runs an operation in the session; never throws. */
  call(name: string, input: unknown, options: CallOptions): Promise<Result<unknown>> {
    return this.sendCall(name, input, options, false) as Promise<Result<unknown>>;
  }

  /**
   * Runs an operation and gives its Result as JSON text, for a relay that passes it on as is
   * (the host's HTTP reply, the window's IPC reply); never throws.
   */
  callJson(name: string, input: unknown, options: CallOptions): Promise<string> {
    return this.sendCall(name, input, options, true).then((reply) =>
      typeof reply === 'string' ? reply : JSON.stringify(reply),
    );
  }

  private sendCall(
    name: string,
    input: unknown,
    { caller, signal }: CallOptions,
    json: boolean,
  ): Promise<Result<unknown> | string> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      signal?.addEventListener('abort', () => this.send({ type: 'abort', id }), { once: true });
      this.send({ type: 'call', id, name, input, caller, json });
    });
  }

  /** A path the user chose in a native dialog: the window may use it so from now on. */
  choose(path: string, how: PathChoice): void {
    this.send({ type: 'choose', path, how });
  }

  subscribe(listener: (event: SessionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Closes the project (stopping its backups) and ends the worker. */
  close(): Promise<void> {
    this.closed ??= new Promise<void>((resolve) => {
      this.worker.once('exit', () => resolve());
      this.send({ type: 'close' });
    });
    return this.closed;
  }

  private send(message: ToSession): void {
    this.worker.postMessage(message);
  }

  private receive(message: FromSession): void {
    switch (message.type) {
      case 'result':
      case 'result-json': {
        const resolve = this.pending.get(message.id);
        this.pending.delete(message.id);
        resolve?.(message.type === 'result' ? message.result : message.json);
        break;
      }
      case 'event':
        for (const listener of this.listeners) listener(message.event);
        break;
      case 'print':
        void this.print(message.id, message.html);
        break;
      case 'print-cancel':
        this.prints.get(message.id)?.abort();
        break;
      case 'closed':
        // The project is closed: end the thread even if some work still waits there (a
        // cancelled print whose Chromium never started).
        void this.worker.terminate();
        break;
    }
  }

  private async print(id: number, html: string): Promise<void> {
    const abort = new AbortController();
    this.prints.set(id, abort);
    try {
      const printer = this.options.printer;
      if (!printer) throw new Error('no printer in the relaying thread');
      const bytes = await printer.print(html, abort.signal);
      this.send({ type: 'printed', id, ok: true, bytes });
    } catch (error) {
      this.send({
        type: 'printed',
        id,
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      });
    } finally {
      this.prints.delete(id);
    }
  }

  private failPending(): void {
    for (const resolve of this.pending.values()) resolve({ ok: false, error: WORKER_GONE });
    this.pending.clear();
  }
}
