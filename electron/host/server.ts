// The local test host (dist/electron/host.cjs): the renderer and the operations over HTTP on
// 127.0.0.1, for the Chromium end-to-end tests and `npm run dev:web`. No native dialogs: the
// renderer uploads files into the workspace and downloads exports from it instead. Like
// Jupyter, it prints a link with a token made at start; only a page opened through it can call
// the operations, and the page's paths stay in the workspace (and folders --allow-read names).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { BACKUP_EVERY_MS } from '../api/session';
import { SessionClient } from '../api/session-client';
import { createRequestListener } from './http';

export interface HostOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Projects, uploads and exports live here; a fresh temporary folder by default. */
  workspace?: string;
  /** A project file to open, or to create when it does not exist, before serving. */
  project?: string;
  /** The built renderer; dist/renderer beside this bundle by default. */
  rendererDir?: string;
  /** The rubric library and other app resources; resources/ of the app by default. */
  resourcesDir?: string;
  /** Folders outside the workspace whose files the page may read (imports, attachments). */
  allowRead?: readonly string[];
  /** The session's worker bundle; dist/electron/session-worker.cjs of the app by default. */
  workerFile?: string;
}

export interface RunningHost {
  /** http://127.0.0.1:PORT, without the token. */
  url: string;
  /** The session's token, which every /api request must carry. */
  token: string;
  /** The link to open: the app with the token in its fragment, which never reaches a server log. */
  pageUrl: string;
  workspace: string;
  close(): Promise<void>;
}

// Resolved lazily: only the bundle (dist/electron/host.cjs) sits where these defaults point.
const appRoot = () => path.resolve(__dirname, '..', '..');

export async function startHost(options: HostOptions = {}): Promise<RunningHost> {
  const workspace = path.resolve(
    options.workspace ?? mkdtempSync(path.join(os.tmpdir(), 'sailreview-host-')),
  );
  for (const folder of ['projects', 'uploads', 'exports']) {
    mkdirSync(path.join(workspace, folder), { recursive: true });
  }
  // The session runs in a worker thread, as in the app: the host's thread only relays, so a
  // ranking or an import never holds up another request or the event stream.
  const session = new SessionClient({
    workerFile:
      options.workerFile ?? path.join(appRoot(), 'dist', 'electron', 'session-worker.cjs'),
    configDir: path.join(workspace, '.config'),
    resourcesDir: options.resourcesDir ?? path.join(appRoot(), 'resources'),
    backupEveryMs: BACKUP_EVERY_MS,
    printInMain: false,
    pathRoots: [
      { folder: workspace, uses: ['read', 'write', 'write-into', 'create', 'open'] },
      ...(options.allowRead ?? []).map((folder) => ({
        folder: path.resolve(folder),
        uses: ['read' as const],
      })),
    ],
  });
  if (options.project !== undefined) {
    const file = path.resolve(options.project);
    const result = await session.call(
      existsSync(file) ? 'project.open' : 'project.create',
      { path: file },
      { caller: 'user' },
    );
    if (!result.ok) {
      await session.close();
      throw new Error(`${result.error.message_zh} / ${result.error.message_en}`);
    }
  }

  let port = 0;
  const token = randomBytes(32).toString('base64url');
  const server = createServer(
    createRequestListener({
      session,
      workspace,
      rendererDir: options.rendererDir ?? path.join(appRoot(), 'dist', 'renderer'),
      token,
      port: () => port,
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: the host is never reachable from another machine.
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    token,
    pageUrl: `${url}/#token=${token}`,
    workspace,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await session.close();
    },
  };
}

/**
 * Opens the page through a file only its owner may read that redirects to it, as Jupyter does:
 * a browser's command line, which other users of the machine can list, never holds the token.
 */
function openInBrowser(host: RunningHost): void {
  const file = path.join(host.workspace, '.config', 'open.html');
  mkdirSync(path.dirname(file), { recursive: true });
  const link = host.pageUrl.replaceAll('&', '&amp;').replaceAll('"', '&quot;');
  writeFileSync(
    file,
    `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${link}">` +
      `<a href="${link}">SailReview</a>\n`,
    { mode: 0o600 },
  );
  launch(pathToFileURL(file).href);
}

function launch(url: string): void {
  const [command, args] =
    process.platform === 'win32'
      ? ['cmd', ['/c', 'start', '""', url]]
      : [process.platform === 'darwin' ? 'open' : 'xdg-open', [url]];
  const child = spawn(command, args, { detached: true, stdio: 'ignore' });
  child.on('error', () => undefined); // no browser launcher: the printed URL is enough
  child.unref();
}

const USAGE = `Usage: node dist/electron/host.cjs [--port N] [--workspace DIR] [--project FILE] [--allow-read DIR]... [--open]
  --port N          port on 127.0.0.1 (0 = any free port; default 0)
  --workspace DIR   folder for projects, uploads and exports (default: a new temporary folder)
  --project FILE    open this project file, or create it, before serving
  --allow-read DIR  let the page read files in DIR too (imports, attachments); repeatable
  --open            open the app in the default browser`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      workspace: { type: 'string' },
      project: { type: 'string' },
      'allow-read': { type: 'string', multiple: true, default: [] },
      open: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`端口无效 / Invalid port: ${values.port}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const host = await startHost({
    port,
    workspace: values.workspace,
    project: values.project,
    allowRead: values['allow-read'],
  });
  // The token is in the fragment: the page moves it to its session storage and out of the URL.
  console.log(`SailReview host listening on ${host.pageUrl}`);
  console.log(`Workspace: ${host.workspace}`);
  if (values.open) {
    console.log(`在浏览器中打开 / Open in a browser: ${host.pageUrl}`);
    openInBrowser(host);
  }
  const shutdown = () => {
    void host.close().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

// Run as a program (node dist/electron/host.cjs), not when a test imports startHost.
if (typeof require !== 'undefined' && require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
