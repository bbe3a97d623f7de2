// The window's security settings, checked without Electron: web preferences, the IPC sender
// check, the request filter, the CSP, the menu, and file names coming from the renderer.
import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate } from '../../electron/shell/menu';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  droppedPath,
  projectPathFromArgv,
  saveFiltersFor,
  suggestedFileName,
  withProjectExtension,
} from '../../electron/shell/project-files';
import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  SECURITY_HEADERS,
  devServerOrigin,
  isAllowedRequest,
  isAllowedSender,
  isPermissionGranted,
  windowWebPreferences,
} from '../../electron/shell/security';

const DEV = 'http://127.0.0.1:5173';

describe('windowWebPreferences', () => {
  it('isolates and sandboxes the renderer with no Node', () => {
    const prefs = windowWebPreferences('/app/dist/electron/preload.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});

describe('isAllowedSender', () => {
  const main = (url: string) => ({ url, isMainFrame: true });

  it('accepts the main frame of an app page', () => {
    expect(isAllowedSender(main(APP_ENTRY_URL))).toBe(true);
    expect(isAllowedSender(main('app://renderer/#/scoring'))).toBe(true);
  });

  it('rejects other origins, subframes and missing frames', () => {
    for (const url of [
      'app://evil/index.html',
      'https://example.com/',
      'http://127.0.0.1:5173/',
      'file:///work/main/dist/renderer/index.html',
      'devtools://devtools/bundled/inspector.html',
      'about:blank',
      'not a url',
    ]) {
      expect(isAllowedSender(main(url)), url).toBe(false);
    }
    expect(isAllowedSender({ url: APP_ENTRY_URL, isMainFrame: false })).toBe(false);
    expect(isAllowedSender(null)).toBe(false);
  });

  it('accepts the dev server only in dev mode and only its exact origin', () => {
    expect(isAllowedSender(main(`${DEV}/`), DEV)).toBe(true);
    expect(isAllowedSender(main('http://127.0.0.1:5174/'), DEV)).toBe(false);
    expect(isAllowedSender(main('http://localhost:5173/'), DEV)).toBe(false);
  });
});

describe('devServerOrigin', () => {
  it('accepts only loopback http URLs', () => {
    expect(devServerOrigin(undefined)).toBeNull();
    expect(devServerOrigin('')).toBeNull();
    expect(devServerOrigin('http://127.0.0.1:5173/')).toBe(DEV);
    expect(devServerOrigin('http://localhost:5173')).toBe('http://localhost:5173');
    expect(devServerOrigin('https://example.com')).toBeNull();
    expect(devServerOrigin('http://192.168.1.20:5173')).toBeNull();
    expect(devServerOrigin('file:///tmp/index.html')).toBeNull();
  });
});

describe('isAllowedRequest', () => {
  it('lets the app and inline data through', () => {
    expect(isAllowedRequest('app://renderer/assets/index.js')).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,AAAA')).toBe(true);
    expect(isAllowedRequest('blob:app://renderer/1234')).toBe(true);
  });

  it('cancels every network and file request outside dev mode', () => {
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:5173/',
      'ws://127.0.0.1:5173/',
      'wss://example.com/',
      'ftp://example.com/',
      'file:///etc/passwd',
      'app://other/x.js',
    ]) {
      expect(isAllowedRequest(url), url).toBe(false);
    }
  });

  it('allows the dev server and its HMR socket in dev mode, nothing else', () => {
    expect(isAllowedRequest(`${DEV}/src/main.tsx`, DEV)).toBe(true);
    expect(isAllowedRequest('ws://127.0.0.1:5173/?token=x', DEV)).toBe(true);
    expect(isAllowedRequest('https://example.com/', DEV)).toBe(false);
    expect(isAllowedRequest('ws://127.0.0.1:9999/', DEV)).toBe(false);
  });
});

describe('isPermissionGranted', () => {
  it('grants only writing text to the clipboard', () => {
    expect(isPermissionGranted('clipboard-sanitized-write')).toBe(true);
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'fullscreen',
      'hid',
      'serial',
      'usb',
    ]) {
      expect(isPermissionGranted(permission), permission).toBe(false);
    }
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values];
    }),
  );

  it("defaults to 'self' and never allows eval or inline scripts", () => {
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toContain("'unsafe-eval'");
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('allows frames only from blob: URLs (an attachment in the PDF viewer)', () => {
    expect(directives.get('frame-src')).toEqual(['blob:']);
    expect(directives.get('img-src')).toContain('blob:');
  });

  it('names no remote host', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|wss?:|\*/);
  });

  it('is sent as a header with nosniff', () => {
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(SECURITY_HEADERS['X-Content-Type-Options']).toBe('nosniff');
  });
});

describe('buildMenuTemplate', () => {
  const opened: string[] = [];
  const template = (isDev: boolean, isMac = false) =>
    buildMenuTemplate({
      isDev,
      isMac,
      appName: '扬帆评审',
      recent: [{ path: '/p/a.sailreview', name: '第八届', opened_at: '2025-01-01T00:00:00Z' }],
      actions: {
        newProject: () => opened.push('new'),
        openProject: () => opened.push('open'),
        openRecent: (path) => opened.push(path),
        about: () => opened.push('about'),
      },
    });
  const labels = (items: MenuItemConstructorOptions[]) => items.map((item) => item.label);
  const submenu = (item: MenuItemConstructorOptions | undefined) =>
    item?.submenu as MenuItemConstructorOptions[];

  it('has the zh-CN menus in order', () => {
    expect(labels(template(false))).toEqual(['文件', '编辑', '视图', '帮助']);
    expect(labels(submenu(template(false)[0]))).toEqual([
      '新建项目…',
      '打开项目…',
      '最近的项目',
      undefined,
      '退出',
    ]);
    expect(labels(template(false, true))[0]).toBe('扬帆评审');
  });

  it('offers reload only in development', () => {
    expect(labels(submenu(template(false)[2]))).not.toContain('重新加载');
    expect(labels(submenu(template(true)[2]))).toContain('重新加载');
    expect(labels(submenu(template(false)[2]))).toEqual(
      expect.arrayContaining(['实际大小', '放大', '缩小', '全屏']),
    );
  });

  it('opens a recent project through its action', () => {
    const recent = submenu(submenu(template(false)[0])[2]);
    const click = recent[0]?.click as () => void;
    click();
    expect(opened).toContain('/p/a.sailreview');
  });
});

describe('project files', () => {
  it('adds the project extension once', () => {
    expect(withProjectExtension('/p/评审')).toBe('/p/评审.sailreview');
    expect(withProjectExtension('/p/a.SailReview')).toBe('/p/a.SailReview');
  });

  it('finds a project file on the command line', () => {
    expect(projectPathFromArgv(['electron', '.'])).toBeNull();
    expect(projectPathFromArgv(['app', '--flag', '/p/x.sailreview'])).toBe('/p/x.sailreview');
    // A panel package opens like a project; a score packet is handed over to be imported.
    expect(projectPathFromArgv(['app', '/p/专家.sailpanel'])).toBe('/p/专家.sailpanel');
    expect(projectPathFromArgv(['app', '/p/评分包.SailScores'])).toBe('/p/评分包.SailScores');
    expect(projectPathFromArgv(['app', '/p/notes.txt'])).toBeNull();
  });

  it('takes a dropped file only as an existing file of a kind the app reads, with the use it allows', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sail-drop-'));
    const file = (name: string) => {
      writeFileSync(join(dir, name), 'x');
      return join(dir, name);
    };
    expect(droppedPath(file('专家.sailpanel'))).toEqual({
      path: join(dir, '专家.sailpanel'),
      choice: 'open-project',
    });
    expect(droppedPath(file('评审.SAILREVIEW'))?.choice).toBe('open-project');
    expect(droppedPath(file('申报.xlsx'))?.choice).toBe('file');
    expect(droppedPath(file('R01.sailscores'))?.choice).toBe('file');
    // Not a kind the app takes, not there, a folder, not absolute, not a path at all.
    expect(droppedPath(file('notes.docx'))).toBeNull();
    expect(droppedPath(join(dir, 'gone.csv'))).toBeNull();
    mkdirSync(join(dir, 'folder.csv'));
    expect(droppedPath(join(dir, 'folder.csv'))).toBeNull();
    expect(droppedPath('申报.csv')).toBeNull();
    expect(droppedPath(42)).toBeNull();
    expect(droppedPath('')).toBeNull();
  });

  it('reduces a suggested save name to a plain file name', () => {
    expect(suggestedFileName('../../etc/排名.csv')).toBe('排名.csv');
    expect(suggestedFileName('C:\\Windows\\x.csv')).toBe('x.csv');
    expect(suggestedFileName('..')).toBe('导出');
    expect(suggestedFileName(42)).toBe('导出');
    expect(suggestedFileName('a<b>.csv')).toBe('a_b_.csv');
    expect(saveFiltersFor('排名.csv')[0]?.extensions).toEqual(['csv']);
  });
});
