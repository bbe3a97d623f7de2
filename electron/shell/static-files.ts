// Maps a request path to a file of the built renderer, for the app protocol and the test host.
// Plain Node (no 'electron'), so both can use it and tests can check it.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { isInside } from '../api/path-access';

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

export function mimeTypeOf(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file under `root` that a URL path names, or null when there is none or the path tries to
 * leave `root` (`..`, encoded separators, NUL, symlinks pointing out). Extension-less paths that
 * match no file fall back to index.html so client-side routes survive a reload.
 */
export async function resolveStaticFile(root: string, urlPathname: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const realRoot = await fs.realpath(root).catch(() => null);
  if (realRoot === null) return null;
  const relative = decoded.endsWith('/') ? `${decoded}index.html` : decoded;
  const candidate = path.resolve(realRoot, `.${path.posix.normalize(`/${relative}`)}`);
  const found = await realFile(realRoot, candidate);
  if (found !== null || path.extname(candidate) !== '') return found;
  return realFile(realRoot, path.join(realRoot, 'index.html'));
}

async function realFile(realRoot: string, candidate: string): Promise<string | null> {
  if (!isInside(realRoot, candidate)) return null;
  try {
    const real = await fs.realpath(candidate);
    if (!isInside(realRoot, real)) return null;
    return (await fs.stat(real)).isFile() ? real : null;
  } catch {
    return null;
  }
}
