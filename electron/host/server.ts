// The local test host (dist/electron/host.cjs): the renderer and the operations over HTTP on
// 127.0.0.1, for the Chromium end-to-end tests and `npm run dev:web`. No native dialogs: the
// renderer uploads files into the workspace and downloads exports from it instead.
import { spawn } from 'node:child_process';
import { mkdirSync, existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { dispatch } from '../api/dispatch';
import { createHandlers } from '../api/handlers';
import { BACKUP_EVERY_MS, logBackupError, ProjectSession } from '../api/session';
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
}

export interface RunningHost {
  url: string;
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
  const session = new ProjectSession({
    configDir: path.join(workspace, '.config'),
    resourcesDir: options.resourcesDir ?? path.join(appRoot(), 'resources'),
    backups: { everyMs: BACKUP_EVERY_MS },
    onBackupError: logBackupError,
  });
  const handlers = createHandlers(session);
  if (options.project !== undefined) {
    const file = path.resolve(options.project);
    const result = existsSync(file)
      ? await dispatch(handlers, 'project.open', { path: file })
      : await dispatch(handlers, 'project.create', { path: file });
    if (!result.ok) {
      session.close();
      throw new Error(`${result.error.message_zh} / ${result.error.message_en}`);
    }
  }

  let port = 0;
  const server = createServer(
    createRequestListener({
      handlers,
      workspace,
      rendererDir: options.rendererDir ?? path.join(appRoot(), 'dist', 'renderer'),
      port: () => port,
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: the host is never reachable from another machine.
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    workspace,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      session.close();
    },
  };
}

function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'win32'
      ? ['cmd', ['/c', 'start', '""', url]]
      : [process.platform === 'darwin' ? 'open' : 'xdg-open', [url]];
  const child = spawn(command, args, { detached: true, stdio: 'ignore' });
  child.on('error', () => undefined); // no browser launcher: the printed URL is enough
  child.unref();
}

const USAGE = `Usage: node dist/electron/host.cjs [--port N] [--workspace DIR] [--project FILE] [--open]
  --port N          port on 127.0.0.1 (0 = any free port; default 0)
  --workspace DIR   folder for projects, uploads and exports (default: a new temporary folder)
  --project FILE    open this project file, or create it, before serving
  --open            open the app in the default browser`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      workspace: { type: 'string' },
      project: { type: 'string' },
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
  const host = await startHost({ port, workspace: values.workspace, project: values.project });
  console.log(`SailReview host listening on ${host.url}`);
  console.log(`Workspace: ${host.workspace}`);
  if (values.open) {
    console.log(`在浏览器中打开 / Open in a browser: ${host.url}/`);
    openInBrowser(`${host.url}/`);
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
