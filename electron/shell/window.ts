// The window, the app protocol that serves the renderer, and the hardening every web contents
// and the session get.
import {
  BrowserWindow,
  app,
  nativeTheme,
  protocol,
  screen,
  session,
  type WebContents,
} from 'electron';
import { promises as fs } from 'node:fs';
import { mimeTypeOf, resolveStaticFile } from './static-files';
import { placeWindow, readWindowState, writeWindowState } from './window-state';
import {
  APP_ENTRY_URL,
  APP_HOST,
  APP_SCHEME,
  SECURITY_HEADERS,
  isAllowedRequest,
  isPermissionGranted,
  windowWebPreferences,
} from './security';

/** Must run before `app` is ready: a standard, secure scheme gets an origin and a secure context. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

/** Serves only files under `rendererDir`, only to app://renderer, with the CSP as a header. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const readable = request.method === 'GET' || request.method === 'HEAD';
    const file =
      url.host === APP_HOST && readable ? await resolveStaticFile(rendererDir, url.pathname) : null;
    if (file === null) return new Response('Not found', { status: 404, headers: SECURITY_HEADERS });
    const body = request.method === 'HEAD' ? null : await fs.readFile(file);
    return new Response(body, {
      headers: {
        ...SECURITY_HEADERS,
        'Content-Type': mimeTypeOf(file),
        'Cache-Control': 'no-cache',
      },
    });
  });
}

/** Offline and nearly permission-free: no network except the dev server, no devices. */
export function hardenSession(devOrigin: string | null): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(isPermissionGranted(permission)),
  );
  ses.setPermissionCheckHandler((_contents, permission) => isPermissionGranted(permission));
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: !isAllowedRequest(details.url, devOrigin) }),
  );
}

/** No navigation away, no new windows, no webviews, for every web contents ever created. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

const MINIMUM = { width: 1100, height: 700 };

export function createMainWindow(options: {
  preloadPath: string;
  devServerUrl: string | null;
}): BrowserWindow {
  const folder = app.getPath('userData');
  const place = placeWindow(
    readWindowState(folder),
    screen.getAllDisplays().map((display) => display.workArea),
    MINIMUM,
  );
  const window = new BrowserWindow({
    ...(place ?? { width: 1440, height: 900 }),
    minWidth: MINIMUM.width,
    minHeight: MINIMUM.height,
    show: false,
    title: app.getName(),
    // No white flash before a dark page paints.
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#000000' : '#ffffff',
    webPreferences: windowWebPreferences(options.preloadPath),
  });
  if (place?.maximized) window.maximize();
  window.on('close', () =>
    writeWindowState(folder, { ...window.getNormalBounds(), maximized: window.isMaximized() }),
  );
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.devServerUrl ?? APP_ENTRY_URL);
  return window;
}
