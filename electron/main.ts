// Electron main process: a thin composition of the window, its security, the menu and the IPC
// bridge over the operations every other way in uses (electron/api).
import { BrowserWindow, app, safeStorage } from 'electron';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { BACKUP_EVERY_MS } from './api/session';
import { SessionClient } from './api/session-client';
import { createProjectCommands, type ProjectCommands } from './shell/commands';
import { organiserKeyFromSystem } from './shell/organiser-key';
import { electronPdfPrinter } from './shell/pdf-printer';
import { registerIpc } from './shell/ipc';
import { projectPathFromArgv } from './shell/project-files';
import { devServerOrigin } from './shell/security';
import {
  createMainWindow,
  hardenSession,
  hardenWebContents,
  registerAppScheme,
  serveRenderer,
} from './shell/window';

// This file runs as dist/electron/main.cjs; the app root holds dist/renderer, resources/ and
// (in development) .native/.
const appRoot = path.resolve(__dirname, '..', '..');
// Only an unpackaged app follows the dev server variable; a shipped one always loads its files.
const devOrigin = app.isPackaged ? null : devServerOrigin(process.env.SAIL_DEV_SERVER_URL);
if (process.env.SAIL_USER_DATA_DIR) app.setPath('userData', process.env.SAIL_USER_DATA_DIR);

/**
 * better-sqlite3 built for Electron's ABI by scripts/electron-native.mjs, kept outside
 * node_modules so the Node build there keeps serving the CLI and the tests.
 */
function nativeBinding(): string | undefined {
  const candidate = app.isPackaged
    ? path.join(process.resourcesPath, 'native', 'better_sqlite3.node')
    : path.join(appRoot, '.native', `electron-${process.arch}`, 'better_sqlite3.node');
  return existsSync(candidate) ? candidate : undefined;
}

registerAppScheme();
app.enableSandbox();
app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

let mainWindow: BrowserWindow | null = null;
let projectSession: SessionClient | null = null;
let commands: ProjectCommands | null = null;
let pendingProject = projectPathFromArgv(process.argv);

function openProject(file: string): void {
  if (commands === null) pendingProject = file;
  else void commands.open(file);
}

function showWindow(): void {
  mainWindow = createMainWindow({
    preloadPath: path.join(__dirname, 'preload.cjs'),
    devServerUrl: devOrigin === null ? null : (process.env.SAIL_DEV_SERVER_URL ?? null),
  });
  mainWindow.on('closed', () => (mainWindow = null));
}

async function start(): Promise<void> {
  hardenSession(devOrigin);
  serveRenderer(path.join(appRoot, 'dist', 'renderer'));
  // The session (store, services, backups) runs in a worker thread: main only relays, so menus
  // and windows stay responsive during a ranking or an import. It prints PDFs through main's
  // printToPDF. The window may use what its dialogs chose, and reopen a recent project.
  const session = new SessionClient({
    workerFile: path.join(__dirname, 'session-worker.cjs'),
    configDir: app.getPath('userData'),
    resourcesDir: path.join(appRoot, 'resources'),
    nativeBinding: nativeBinding(),
    backupEveryMs: BACKUP_EVERY_MS,
    printInMain: true,
    printer: electronPdfPrinter(),
    pathRoots: [],
    organiserKey: await organiserKeyFromSystem(safeStorage),
  });
  projectSession = session;
  commands = createProjectCommands({ session, getWindow: () => mainWindow });
  const { refreshMenu } = commands;
  registerIpc({ session, devOrigin, onProjectChanged: () => void refreshMenu() });
  void refreshMenu();
  showWindow();
  if (pendingProject !== null) openProject(pendingProject);
  pendingProject = null;
}

if (!app.requestSingleInstanceLock()) {
  // One process per user: two windows writing one project file would fight over it.
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
    const project = projectPathFromArgv(argv);
    if (project !== null) openProject(project);
  });
  // macOS hands over double-clicked project files as an event, possibly before ready.
  app.on('open-file', (event, file) => {
    event.preventDefault();
    openProject(file);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (commands !== null && BrowserWindow.getAllWindows().length === 0) showWindow();
  });
  // The worker closes the project (a last backup, the database) before the app exits.
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed || projectSession === null) return;
    event.preventDefault();
    void projectSession.close().finally(() => {
      closed = true;
      app.quit();
    });
  });
  void app.whenReady().then(start);
}
