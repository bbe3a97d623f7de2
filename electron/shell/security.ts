// The window's security policy as data and pure functions, so unit tests can check it without
// Electron (test/api/ipc-security.test.ts). No runtime import of 'electron' here: the test host
// (electron/host) reuses the CSP and runs in plain Node.
import type { WebPreferences } from 'electron';

/**
 * The renderer is served from a custom privileged scheme rather than file://. A standard, secure
 * scheme gives the page a real origin to check IPC senders against and to scope storage to,
 * while file:// pages share one opaque origin with every local file and get extra privileges
 * (Electron security checklist item 18). The packaged app also turns those off with the
 * grantFileProtocolExtraPrivileges fuse (electron-builder.yml).
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Everything comes from the app itself: no remote hosts, no eval. 'unsafe-inline' for styles
 * only, because the component kit (antd, CSS-in-JS) injects <style> elements at run time.
 * Frames only from blob: URLs the page made itself: the PDF viewer of an attachment.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  'frame-src blob:',
  "frame-ancestors 'none'",
].join('; ');

/** Headers sent with every renderer file, by the app protocol and by the test host alike. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** webPreferences of every window: an isolated, sandboxed renderer with no Node. */
export function windowWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Origin of the Vite dev server (`npm run dev`), or null when absent or not a loopback HTTP
 * URL: an environment variable must never point the window, and its bridge, at a remote page.
 */
export function devServerOrigin(devServerUrl: string | undefined): string | null {
  if (!devServerUrl) return null;
  const url = parseUrl(devServerUrl);
  if (!url || url.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname)) return null;
  return url.origin;
}

/** Whether a URL belongs to the app: our scheme and host, or the dev server's origin in dev mode. */
export function isAppUrl(url: string, devOrigin: string | null = null): boolean {
  const parsed = parseUrl(url);
  if (!parsed) return false;
  // Node and Chromium disagree on the origin of custom schemes ("null" in Node), so compare the
  // parts rather than `origin`.
  if (parsed.protocol === `${APP_SCHEME}:`) return parsed.host === APP_HOST;
  return devOrigin !== null && parsed.origin === devOrigin;
}

/**
 * Whether an IPC message may run an operation: it must come from the main frame of our window
 * (not a subframe, not another window) showing an app page.
 */
export function isAllowedSender(
  frame: { url: string; isMainFrame: boolean } | null,
  devOrigin: string | null = null,
): boolean {
  return frame !== null && frame.isMainFrame && isAppUrl(frame.url, devOrigin);
}

/**
 * The one permission the window gets: writing plain text to the clipboard (the copy buttons).
 * Camera, microphone, notifications, geolocation, clipboard reading and the rest are refused.
 */
export function isPermissionGranted(permission: string): boolean {
  return permission === 'clipboard-sanitized-write';
}

const NETWORK_SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:', 'file:']);

/**
 * Whether the window may make a request. The app is offline: any network or file URL is
 * cancelled, except the dev server (HTTP and its HMR websocket) in dev mode.
 */
export function isAllowedRequest(url: string, devOrigin: string | null = null): boolean {
  const parsed = parseUrl(url);
  if (!parsed) return false;
  if (parsed.protocol === `${APP_SCHEME}:`) return parsed.host === APP_HOST;
  if (!NETWORK_SCHEMES.has(parsed.protocol)) return true; // data:, blob:, devtools: and the like
  if (devOrigin === null) return false;
  const httpOrigin = parsed.origin.replace(/^ws(s?):/, 'http$1:');
  return httpOrigin === devOrigin;
}
