// The built main process (dist/electron/main.cjs) against a stand-in for the 'electron' module:
// no Electron binary is needed to check that the bundle wires up the window, the app protocol,
// the session and the IPC the way electron/shell/security.ts says. test/electron runs the real
// thing where a binary exists.
import { EventEmitter } from 'node:events';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EVENT_CHANNEL,
  OPERATION_NAMES,
  SHELL_CHANNELS,
  channelOf,
} from '../../electron/api/channels';
import type { Result } from '../../electron/api/result';
import { toUserMessage } from '../../renderer/src/shared/userMessage';

const repo = path.resolve(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
const ModuleLoader = require('node:module') as {
  _load: (request: string, parent: unknown, isMain: boolean) => unknown;
};

type Listener = (...args: unknown[]) => unknown;
type IpcHandler = (event: unknown, ...args: unknown[]) => unknown;

interface Frame {
  url: string;
}

class FakeWebContents extends EventEmitter {
  mainFrame: Frame = { url: 'about:blank' };
  windowOpenHandler: Listener | null = null;
  reloads = 0;
  /** What main sent the page, by channel. */
  sent: Array<{ channel: string; message: unknown }> = [];
  send(channel: string, message: unknown) {
    this.sent.push({ channel, message });
  }
  setWindowOpenHandler(handler: Listener) {
    this.windowOpenHandler = handler;
  }
  reload() {
    this.reloads += 1;
  }
}

/** Just enough of Electron's main-process API for main.cjs, recording what it is asked to do. */
function fakeElectron(dirs: Record<string, string>) {
  const windows: FakeBrowserWindow[] = [];
  const record = {
    schemes: [] as unknown[],
    sandboxEnabled: false,
    protocolHandlers: new Map<
      string,
      (request: { url: string; method: string }) => Promise<Response>
    >(),
    ipc: new Map<string, IpcHandler>(),
    permissionRequest: null as Listener | null,
    permissionCheck: null as Listener | null,
    beforeRequest: null as Listener | null,
    menus: [] as Array<Array<{ label?: string; submenu?: unknown }>>,
    saveDialogs: [] as Array<{ defaultPath?: string }>,
    /** What the user picks in the next save and open dialogs (null: cancels). */
    answers: { save: '/chosen/排名.csv' as string | null, open: null as string | null },
    windows,
  };
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    setPath: (name: string, value: string) => (dirs[name] = value),
    getPath: (name: string) => dirs[name] ?? os.tmpdir(),
    enableSandbox: () => (record.sandboxEnabled = true),
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    getName: () => '扬帆评审 SailReview',
    getVersion: () => '0.0.0-test',
    addRecentDocument: () => undefined,
    quit: () => undefined,
  });
  class FakeBrowserWindow extends EventEmitter {
    readonly webContents = new FakeWebContents();
    loadedUrl: string | null = null;
    constructor(readonly options: { webPreferences: Record<string, unknown> }) {
      super();
      windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    loadURL(url: string) {
      this.loadedUrl = url;
      this.webContents.mainFrame = { url };
      return Promise.resolve();
    }
    show() {}
    focus() {}
    isMinimized() {
      return false;
    }
    isDestroyed() {
      return false;
    }
    maximize() {}
    isMaximized() {
      return false;
    }
    getNormalBounds() {
      return { x: 0, y: 0, width: 1440, height: 900 };
    }
    static fromWebContents(contents: unknown) {
      return windows.find((window) => window.webContents === contents) ?? null;
    }
    static getAllWindows() {
      return windows;
    }
  }
  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    nativeTheme: { shouldUseDarkColors: false },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => record.schemes.push(...schemes),
      handle: (scheme: string, handler: never) => record.protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: Listener) => (record.permissionRequest = handler),
        setPermissionCheckHandler: (handler: Listener) => (record.permissionCheck = handler),
        setDevicePermissionHandler: () => undefined,
        webRequest: {
          onBeforeRequest: (handler: Listener) => (record.beforeRequest = handler),
        },
      },
    },
    ipcMain: { handle: (channel: string, handler: IpcHandler) => record.ipc.set(channel, handler) },
    Menu: {
      buildFromTemplate: (template: unknown) => template,
      setApplicationMenu: (menu: Array<{ label?: string }>) => record.menus.push(menu),
    },
    dialog: {
      showSaveDialog: (_window: unknown, options: { defaultPath?: string }) => {
        record.saveDialogs.push(options);
        const { save } = record.answers;
        return Promise.resolve({ canceled: save === null, filePath: save ?? '' });
      },
      showOpenDialog: () => {
        const { open } = record.answers;
        return Promise.resolve({ canceled: open === null, filePaths: open === null ? [] : [open] });
      },
      showErrorBox: () => undefined,
      showMessageBox: () => Promise.resolve({ response: 0 }),
    },
    // A computer without a system key store: the app signs as the CLI does.
    safeStorage: {
      isAsyncEncryptionAvailable: () => Promise.resolve(false),
      getSelectedStorageBackend: () => 'basic_text',
    },
  };
  return { electron, record };
}

let root: string;
let fake: ReturnType<typeof fakeElectron>;
let window: InstanceType<ReturnType<typeof fakeElectron>['electron']['BrowserWindow']>;

/** An IPC event as Electron builds it for a message from `frame` of `sender`. */
const eventFrom = (sender: unknown, frame: Frame | null) => ({ sender, senderFrame: frame });
/** Calls a channel's handler; an operation's reply (its Result's JSON) is read as the preload does. */
const invoke = async (channel: string, event: unknown, ...args: unknown[]) => {
  const handler = fake.record.ipc.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  const reply = await handler(event, ...args);
  return channel.startsWith(channelOf('')) ? (JSON.parse(reply as string) as unknown) : reply;
};
const trusted = () => eventFrom(window.webContents, window.webContents.mainFrame);

beforeAll(async () => {
  const built = path.join(repo, 'dist', 'electron', 'main.cjs');
  if (!existsSync(built)) throw new Error('Not built: run `node scripts/build-electron.mjs`.');
  // The app's layout with a stand-in renderer and without .native/, so main.cjs uses the Node
  // build of better-sqlite3.
  root = mkdtempSync(path.join(os.tmpdir(), 'sail-main-test-'));
  mkdirSync(path.join(root, 'dist', 'electron'), { recursive: true });
  mkdirSync(path.join(root, 'dist', 'renderer'), { recursive: true });
  for (const bundle of ['main.cjs', 'session-worker.cjs']) {
    copyFileSync(
      path.join(repo, 'dist', 'electron', bundle),
      path.join(root, 'dist', 'electron', bundle),
    );
  }
  writeFileSync(path.join(root, 'dist', 'renderer', 'index.html'), '<div id="root"></div>');
  for (const linked of ['resources', 'node_modules']) {
    symlinkSync(path.join(repo, linked), path.join(root, linked), 'dir');
  }
  fake = fakeElectron({ userData: path.join(root, 'userData'), documents: root });
  const original = ModuleLoader._load;
  ModuleLoader._load = function (request, parent, isMain) {
    return request === 'electron' ? fake.electron : original.call(this, request, parent, isMain);
  };
  try {
    require(path.join(root, 'dist', 'electron', 'main.cjs'));
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    ModuleLoader._load = original;
  }
  const created = fake.record.windows[0];
  if (!created) throw new Error('main.cjs opened no window');
  window = created;
});

afterAll(async () => {
  // Main holds the quit until its session worker has closed the project, then quits again.
  const quitAgain = new Promise<void>((resolve) => {
    fake.electron.app.quit = () => {
      resolve();
      return undefined;
    };
  });
  let held = false;
  fake.electron.app.emit('will-quit', { preventDefault: () => (held = true) });
  expect(held).toBe(true);
  await quitAgain;
  rmSync(root, { recursive: true, force: true });
});

describe('before the app is ready', () => {
  it('registers app:// as a standard, secure scheme and sandboxes every renderer', () => {
    expect(fake.record.schemes).toEqual([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true }) as unknown,
      }),
    ]);
    expect(fake.record.sandboxEnabled).toBe(true);
  });
});

describe('the window', () => {
  it('is isolated, sandboxed, Node-free and loads the renderer from app://', () => {
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      preload: path.join(root, 'dist', 'electron', 'preload.cjs'),
    });
    expect(window.loadedUrl).toBe('app://renderer/index.html');
  });

  it('may not navigate, open windows or attach webviews', () => {
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false;
      window.webContents.emit(
        name,
        { preventDefault: () => (prevented = true) },
        'https://example.com/',
      );
      expect(prevented, name).toBe(true);
    }
    expect(window.webContents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({
      action: 'deny',
    });
  });
});

describe('the app protocol', () => {
  const get = (url: string, method = 'GET') => {
    const handler = fake.record.protocolHandlers.get('app');
    if (!handler) throw new Error('app:// not handled');
    return handler({ url, method });
  };

  it('serves the renderer with the CSP header', async () => {
    const response = await get('app://renderer/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await response.text()).toContain('<div id="root">');
  });

  it('serves nothing outside dist/renderer, for another host or for writes', async () => {
    for (const url of [
      'app://renderer/%2e%2e/%2e%2e/package.json',
      'app://renderer/..%2f..%2fpackage.json',
      'app://other/index.html',
    ]) {
      expect((await get(url)).status, url).toBe(404);
    }
    expect((await get('app://renderer/index.html', 'POST')).status).toBe(404);
  });
});

describe('the session', () => {
  it('grants clipboard writes only', () => {
    const answers: boolean[] = [];
    fake.record.permissionRequest?.({}, 'media', (granted: boolean) => answers.push(granted));
    fake.record.permissionRequest?.({}, 'clipboard-sanitized-write', (granted: boolean) =>
      answers.push(granted),
    );
    expect(answers).toEqual([false, true]);
    expect(fake.record.permissionCheck?.({}, 'notifications')).toBe(false);
  });

  it('cancels network requests', () => {
    const decide = (url: string) => {
      let cancel: boolean | undefined;
      fake.record.beforeRequest?.(
        { url },
        (response: { cancel: boolean }) => (cancel = response.cancel),
      );
      return cancel;
    };
    expect(decide('https://example.com/')).toBe(true);
    expect(decide('ws://127.0.0.1:5173/')).toBe(true);
    expect(decide('app://renderer/assets/index.js')).toBe(false);
  });
});

describe('IPC', () => {
  it('handles every operation and shell channel', () => {
    for (const name of OPERATION_NAMES)
      expect(fake.record.ipc.has(channelOf(name)), name).toBe(true);
    for (const channel of Object.values(SHELL_CHANNELS))
      expect(fake.record.ipc.has(channel)).toBe(true);
  });

  it('runs an operation for the window and refuses every other sender', async () => {
    expect(await invoke(channelOf('project.current'), trusted(), {})).toEqual({
      ok: true,
      value: null,
    });
    const forbidden = {
      ok: false,
      error: expect.objectContaining({ code: 'forbidden' }) as unknown,
    };
    const otherContents = new FakeWebContents();
    for (const event of [
      eventFrom(window.webContents, { url: 'https://evil.example/' }),
      eventFrom(window.webContents, { url: 'app://renderer/index.html' }), // a subframe
      eventFrom(window.webContents, null),
      eventFrom(otherContents, otherContents.mainFrame),
    ]) {
      expect(await invoke(channelOf('project.current'), event, {})).toEqual(forbidden);
    }
    await expect(
      Promise.resolve().then(() =>
        invoke(SHELL_CHANNELS.pickSavePath, eventFrom(window.webContents, null), 'x.csv'),
      ),
    ).rejects.toThrow(/Refused/);
  });

  it('returns a refusal as the plain Result, which the window reads as its own message', async () => {
    const missing = path.join(root, '不存在.sailreview');
    // Chosen in the open dialog, then gone before it opens (moved, on a removed stick).
    fake.record.answers.open = missing;
    expect(await invoke(SHELL_CHANNELS.pickOpenProject, trusted())).toBe(missing);
    for (const [input, code, mentions] of [
      [{ path: missing }, 'project_not_found', missing],
      [{ path: 42 }, 'invalid_input', 'project.open'],
    ] as const) {
      // The page receives a structured clone of what the handler returns: no class survives.
      const received = structuredClone(
        await invoke(channelOf('project.open'), trusted(), input),
      ) as Result<unknown>;
      expect(received).toEqual({
        ok: false,
        error: {
          code,
          message_zh: expect.stringContaining(mentions) as unknown,
          message_en: expect.stringContaining(mentions) as unknown,
        },
      });
      if (!received.ok) expect(toUserMessage(received.error)).toEqual(received.error);
    }
  });

  it('creates a project where the new-project dialog chose and lists it under 最近的项目', async () => {
    const file = path.join(root, '初赛.sailreview');
    fake.record.answers.save = file;
    expect(await invoke(SHELL_CHANNELS.pickNewProject, trusted())).toBe(file);
    const created = (await invoke(channelOf('project.create'), trusted(), {
      path: file,
      name: '初赛',
    })) as Result<{ name: string }>;
    expect(created).toMatchObject({ ok: true, value: { name: '初赛' } });
    // The menu is rebuilt once the session has answered for its recent list.
    await expect.poll(() => JSON.stringify(fake.record.menus.at(-1)?.[0]?.submenu)).toContain(file);
    const menu = fake.record.menus.at(-1) ?? [];
    expect(menu.map((item) => item.label)).toEqual(['文件', '编辑', '视图', '帮助']);
    // The session announced the change to the window, on the channel the preload listens to.
    expect(window.webContents.sent).toContainEqual({
      channel: EVENT_CHANNEL,
      message: { type: 'changed', operation: 'project.create', area: 'project' },
    });
  });

  it('offers a save dialog in the documents folder for the renderer’s file name only', async () => {
    fake.record.answers.save = '/chosen/排名.csv';
    const chosen = await invoke(SHELL_CHANNELS.pickSavePath, trusted(), '../../etc/排名.csv');
    expect(chosen).toBe('/chosen/排名.csv');
    expect(fake.record.saveDialogs.at(-1)?.defaultPath).toBe(path.join(root, '排名.csv'));
  });
});

describe('paths from the window', () => {
  const refused = {
    ok: false,
    error: expect.objectContaining({ code: 'path_refused' }) as unknown,
  };
  let elsewhere: string;

  beforeAll(() => {
    elsewhere = mkdtempSync(path.join(os.tmpdir(), 'sail-main-elsewhere-'));
  });

  afterAll(() => rmSync(elsewhere, { recursive: true, force: true }));

  it('replace no file the user did not choose, and write where the save dialog chose', async () => {
    const target = path.join(elsewhere, 'rubric.json');
    writeFileSync(target, 'MINE');
    const exportTo = () =>
      invoke(channelOf('rubrics.exportFile'), trusted(), { id: 1, path: target });
    expect(await exportTo()).toEqual(refused);
    expect(readFileSync(target, 'utf8')).toBe('MINE');

    fake.record.answers.save = target;
    expect(await invoke(SHELL_CHANNELS.pickSavePath, trusted(), 'rubric.json')).toBe(target);
    expect(await exportTo()).toMatchObject({ ok: true, value: { path: target } });
    expect(JSON.parse(readFileSync(target, 'utf8'))).toHaveProperty('criteria');
  });

  it('read only a file the open dialog chose', async () => {
    const csv = path.join(elsewhere, '申报.csv');
    writeFileSync(csv, '项目编号,项目名称\nB1,甲\n');
    const preview = (file: string) =>
      invoke(channelOf('entries.preview'), trusted(), { path: file, programme: 'bloom' });
    expect(await preview('/etc/passwd')).toEqual(refused);
    expect(await preview(csv)).toEqual(refused);
    fake.record.answers.open = csv;
    expect(await invoke(SHELL_CHANNELS.pickImportFile, trusted())).toBe(csv);
    expect(await preview(csv)).toMatchObject({ ok: true, value: { file: '申报.csv' } });
    // Chosen to be read, it is still not the window's to replace.
    expect(await invoke(channelOf('rubrics.exportFile'), trusted(), { id: 1, path: csv })).toEqual(
      refused,
    );
  });

  it('open a recent project again, and no project the window names', async () => {
    const other = path.join(elsewhere, '他人.sailreview');
    writeFileSync(other, '');
    expect(await invoke(channelOf('project.open'), trusted(), { path: other })).toEqual(refused);
    const recent = path.join(root, '初赛.sailreview');
    expect(await invoke(channelOf('project.open'), trusted(), { path: recent })).toMatchObject({
      ok: true,
      value: { path: recent },
    });
  });
});
