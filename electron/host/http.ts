// The local host's request handling: the built renderer and the operations over HTTP, for
// development in a browser and for the Chromium end-to-end tests. Loopback only.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HOST_EVENTS_PATH, HOST_TOKEN_HEADER } from '../api/channels';
import { isInside } from '../api/path-access';
import type { Result } from '../api/result';
import type { SessionClient } from '../api/session-client';
import { SECURITY_HEADERS } from '../shell/security';
import { mimeTypeOf, resolveStaticFile } from '../shell/static-files';

export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;
const MAX_JSON_BYTES = 16 * 1024 * 1024;

export interface HostContext {
  /** The session in its worker: it checks the page's paths (the workspace's, and folders the
   *  command line allows) and announces every change and task's progress. */
  session: Pick<SessionClient, 'callJson' | 'subscribe'>;
  workspace: string;
  rendererDir: string;
  /** Known only to the page the host's printed link opens: other local programs lack it. */
  token: string;
  /** The port actually bound, known once the server listens. */
  port(): number;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageZh: string,
    readonly messageEn: string,
  ) {
    super(messageEn);
  }
}

const LOOPBACK_ADDRESS = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

/** Loopback peer, our own Host name (a DNS-rebinding page sends its own) and same-origin writes. */
function checkRequest(request: IncomingMessage, port: number): void {
  const hosts = allowedHosts(port);
  if (!LOOPBACK_ADDRESS.test(request.socket.remoteAddress ?? '')) {
    throw new HttpError(
      403,
      'forbidden',
      '只接受本机连接。',
      'Only local connections are accepted.',
    );
  }
  if (!hosts.has((request.headers.host ?? '').toLowerCase())) {
    throw new HttpError(403, 'forbidden', '主机名不正确。', 'Unexpected Host header.');
  }
  const origin = request.headers.origin;
  if (request.method !== 'GET' && request.method !== 'HEAD' && origin !== undefined) {
    const allowed = [...hosts].some((host) => origin.toLowerCase() === `http://${host}`);
    if (!allowed) {
      throw new HttpError(403, 'forbidden', '拒绝跨站请求。', 'Cross-origin request refused.');
    }
  }
  // Browsers say where a GET comes from: another site must not read downloads or embed pages.
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') {
    throw new HttpError(403, 'forbidden', '拒绝跨站请求。', 'Cross-site request refused.');
  }
}

/** Whether the request carries the session's token (compared in constant time). */
function hasToken(request: IncomingMessage, token: string): boolean {
  const given = request.headers[HOST_TOKEN_HEADER];
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function sendJson(response: ServerResponse, status: number, body: Result<unknown>): void {
  sendText(response, status, JSON.stringify(body));
}

/** A Result already in JSON. */
function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  response.end(text);
}

function sendError(response: ServerResponse, error: HttpError): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  sendJson(response, error.status, {
    ok: false,
    error: { code: error.code, message_zh: error.messageZh, message_en: error.messageEn },
  });
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_JSON_BYTES) {
      throw new HttpError(413, 'too_large', '请求过大。', 'Request body too large.');
    }
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(
      400,
      'invalid_json',
      '请求不是有效的 JSON。',
      'The request is not valid JSON.',
    );
  }
}

async function handleOperation(
  context: HostContext,
  name: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const input = await readJson(request);
  // A client that goes away cancels a long operation (imports, exports) that honours the signal.
  const abort = new AbortController();
  response.on('close', () => {
    if (!response.writableFinished) abort.abort();
  });
  const json = await context.session.callJson(name, input, {
    caller: 'window',
    signal: abort.signal,
  });
  // Passed on as the session wrote it; only a refusal (small) is read, for its status.
  const refused = json.startsWith('{"ok":false') ? (JSON.parse(json) as Result<never>) : null;
  const status = refused?.ok === false && refused.error.code === 'unknown_operation' ? 404 : 200;
  sendText(response, status, json);
}

/**
 * The session's events as server-sent events, for as long as the page keeps the request open.
 * The page reads them with fetch (an EventSource cannot send the token header).
 */
function handleEvents(context: HostContext, response: ServerResponse): void {
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  // A first line at once, so the page knows it is subscribed before anything happens.
  response.write(': subscribed\n\n');
  const unsubscribe = context.session.subscribe((event) => {
    response.write(`data: ${JSON.stringify(event)}\n\n`);
  });
  response.on('close', unsubscribe);
}

/** A file name safe on every platform, keeping letters of any script and the extension. */
export function safeUploadName(name: string): string {
  const base = path.basename(name.replaceAll('\\', '/')).normalize('NFC');
  const cleaned = base.replace(/[^\p{L}\p{N}._()（）-]/gu, '_').replace(/^\.+/, '_');
  return cleaned.slice(-120) || 'upload';
}

async function handleUpload(
  context: HostContext,
  url: URL,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const name = url.searchParams.get('name');
  if (!name) {
    throw new HttpError(400, 'invalid_input', '缺少文件名 name。', 'Missing the name parameter.');
  }
  const tooLarge = new HttpError(
    413,
    'too_large',
    `文件超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB 上限。`,
    `The file exceeds the ${MAX_UPLOAD_BYTES / 1024 / 1024} MB limit.`,
  );
  if (Number(request.headers['content-length'] ?? 0) > MAX_UPLOAD_BYTES) throw tooLarge;
  const directory = path.join(context.workspace, 'uploads');
  await fs.mkdir(directory, { recursive: true });
  const target = path.join(
    directory,
    `${Date.now()}-${randomBytes(4).toString('hex')}-${safeUploadName(name)}`,
  );
  let size = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      callback(size > MAX_UPLOAD_BYTES ? tooLarge : null, chunk);
    },
  });
  try {
    await pipeline(request, limit, createWriteStream(target, { flags: 'wx' }));
  } catch (error) {
    await fs.rm(target, { force: true });
    // Stop reading the rest of an oversized body.
    response.setHeader('Connection', 'close');
    throw error;
  }
  sendJson(response, 200, { ok: true, value: { path: target } });
}

async function handleDownload(
  context: HostContext,
  url: URL,
  response: ServerResponse,
): Promise<void> {
  const requested = url.searchParams.get('path') ?? '';
  const notFound = new HttpError(404, 'not_found', '文件不存在。', 'File not found.');
  const workspace = await fs.realpath(context.workspace);
  const real = await fs.realpath(path.resolve(workspace, requested)).catch(() => null);
  if (real === null) throw notFound;
  if (!isInside(workspace, real)) {
    throw new HttpError(
      403,
      'forbidden',
      '只能下载工作区内的文件。',
      'Only files inside the workspace can be downloaded.',
    );
  }
  const stat = await fs.stat(real);
  if (!stat.isFile()) throw notFound;
  const fileName = path.basename(real);
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': mimeTypeOf(real),
    'Content-Length': stat.size,
    'Content-Disposition': `attachment; filename="${fileName.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    'Cache-Control': 'no-store',
  });
  await pipeline(createReadStream(real), response);
}

async function handleStatic(
  context: HostContext,
  url: URL,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const file = await resolveStaticFile(context.rendererDir, url.pathname);
  if (file === null) {
    response.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
    response.end('Not found. (Is the renderer built? npm run build)');
    return;
  }
  const stat = await fs.stat(file);
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': mimeTypeOf(file),
    'Content-Length': stat.size,
    'Cache-Control': 'no-cache',
  });
  if (request.method === 'HEAD') response.end();
  else await pipeline(createReadStream(file), response);
}

async function route(
  context: HostContext,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  checkRequest(request, context.port());
  const url = new URL(request.url ?? '/', `http://${request.headers.host ?? 'localhost'}`);
  const method = request.method ?? 'GET';
  const { pathname } = url;
  if (pathname.startsWith('/api/') && !hasToken(request, context.token)) {
    throw new HttpError(
      401,
      'unauthorized',
      '缺少或错误的访问令牌：请用本地服务启动时打印的链接（含 #token=）打开页面。',
      'Missing or wrong access token: open the page through the link the local host printed when it started (with #token=).',
    );
  }
  if (pathname.startsWith('/api/op/') && method === 'POST') {
    return handleOperation(context, pathname.slice('/api/op/'.length), request, response);
  }
  if (pathname === HOST_EVENTS_PATH && method === 'GET') return handleEvents(context, response);
  if (pathname === '/api/upload' && method === 'POST')
    return handleUpload(context, url, request, response);
  if (pathname === '/api/host' && method === 'GET') {
    return sendJson(response, 200, { ok: true, value: { workspace: context.workspace } });
  }
  if (pathname === '/api/download' && method === 'GET')
    return handleDownload(context, url, response);
  if (pathname.startsWith('/api/')) {
    throw new HttpError(404, 'not_found', '没有这个接口。', 'No such endpoint.');
  }
  if (method !== 'GET' && method !== 'HEAD') {
    throw new HttpError(405, 'method_not_allowed', '不支持的请求方法。', 'Method not allowed.');
  }
  return handleStatic(context, url, request, response);
}

export function createRequestListener(
  context: HostContext,
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    route(context, request, response).catch((error: unknown) => {
      const httpError =
        error instanceof HttpError
          ? error
          : new HttpError(
              500,
              'internal',
              `内部错误：${String(error)}`,
              `Internal error: ${String(error)}`,
            );
      sendError(response, httpError);
    });
  };
}
