// The local test host: static files with the CSP, the operations over HTTP behind the session's
// token, uploads, downloads and the page's paths confined to the workspace, and the Host/Origin
// checks that keep other sites out.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HOST_EVENTS_PATH,
  HOST_TOKEN_HEADER,
  type SessionEvent,
} from '../../electron/api/channels';
import type { Result } from '../../electron/api/result';
import { safeUploadName } from '../../electron/host/http';
import { startHost, type RunningHost } from '../../electron/host/server';
import { LARGE_ROUND, largeRound, scoreCount } from '../support/large-round';

let root: string;
let host: RunningHost;
let port: number;
/** The session's token, as the page sends it. */
let auth: Record<string, string>;

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with a verbatim path and headers (fetch would normalise both). */
function raw(
  method: string,
  rawPath: string,
  headers: Record<string, string> = {},
  body?: string | Buffer,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    // A connection of its own: a test that holds this process's loop (the large round's SQL)
    // would otherwise find a kept-alive socket the host has just timed out.
    const options = { host: '127.0.0.1', port, method, path: rawPath, headers, agent: false };
    const req = request(options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

const op = (name: string, input: unknown, headers: Record<string, string> = {}) =>
  raw(
    'POST',
    `/api/op/${name}`,
    { 'Content-Type': 'application/json', ...auth, ...headers },
    JSON.stringify(input),
  );
const result = (response: RawResponse) => JSON.parse(response.body) as Result<unknown>;

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'sail-host-test-'));
  const rendererDir = path.join(root, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>扬帆评审</title>');
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'secret.txt'), 'SECRET');
  symlinkSync(path.join(root, 'secret.txt'), path.join(rendererDir, 'link.txt'));
  mkdirSync(path.join(root, 'shared'));
  writeFileSync(path.join(root, 'shared', '名单.csv'), '项目编号,项目名称\nB1,甲\n');
  host = await startHost({
    workspace: path.join(root, 'workspace'),
    rendererDir,
    resourcesDir: path.resolve('resources'),
    allowRead: [path.join(root, 'shared')],
  });
  port = Number(new URL(host.url).port);
  auth = { [HOST_TOKEN_HEADER]: host.token };
});

afterAll(async () => {
  await host.close();
  rmSync(root, { recursive: true, force: true });
});

describe('static files', () => {
  it('binds to 127.0.0.1', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serves index.html and assets with the CSP and the right types', async () => {
    const index = await raw('GET', '/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['content-security-policy']).toContain("default-src 'self'");
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.body).toContain('扬帆评审');
    const script = await raw('GET', '/assets/app.js');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('falls back to index.html for client routes, not for missing files', async () => {
    expect((await raw('GET', '/entries/12')).body).toContain('扬帆评审');
    expect((await raw('GET', '/assets/missing.js')).status).toBe(404);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const attempt of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/link.txt',
      '/%00',
    ]) {
      const response = await raw('GET', attempt);
      expect(response.body, attempt).not.toContain('SECRET');
    }
    expect((await raw('GET', '/link.txt')).status).toBe(404);
  });

  it('refuses other methods', async () => {
    expect((await raw('PUT', '/index.html', {}, 'x')).status).toBe(405);
  });
});

describe('request checks', () => {
  it('rejects a foreign Host header (DNS rebinding)', async () => {
    for (const hostHeader of [`evil.example:${port}`, '127.0.0.1', `127.0.0.1:${port + 1}`]) {
      const response = await raw('GET', '/', { Host: hostHeader });
      expect(response.status, hostHeader).toBe(403);
    }
    expect((await raw('GET', '/', { Host: `localhost:${port}` })).status).toBe(200);
  });

  it('rejects cross-origin POSTs and cross-site reads', async () => {
    const foreign = await op('project.current', {}, { Origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const sameOrigin = await op('project.current', {}, { Origin: host.url });
    expect(sameOrigin.status).toBe(200);
    const crossSite = await raw('GET', '/api/host', { ...auth, 'Sec-Fetch-Site': 'cross-site' });
    expect(crossSite.status).toBe(403);
  });
});

describe('the session token', () => {
  it('is given in the fragment of the link to open, which no request sends', () => {
    expect(host.token).toMatch(/^[\w-]{40,}$/);
    expect(host.pageUrl).toBe(`${host.url}/#token=${host.token}`);
  });

  it('is required by every /api route, and must be the right one', async () => {
    const download = `/api/download?path=${encodeURIComponent(path.join(host.workspace, 'x'))}`;
    const withoutToken: Array<Record<string, string>> = [
      {},
      { [HOST_TOKEN_HEADER]: 'wrong' },
      { [HOST_TOKEN_HEADER]: '' },
    ];
    for (const headers of withoutToken) {
      for (const [method, url, body] of [
        ['POST', '/api/op/project.current', '{}'],
        [
          'POST',
          '/api/op/project.create',
          JSON.stringify({ path: path.join(root, 'x.sailreview') }),
        ],
        ['POST', '/api/upload?name=a.csv', 'a,b\n'],
        ['GET', '/api/host', undefined],
        ['GET', download, undefined],
        ['GET', HOST_EVENTS_PATH, undefined],
      ] as const) {
        const response = await raw(method, url, headers, body);
        expect(response.status, `${method} ${url}`).toBe(401);
        expect(result(response)).toMatchObject({
          ok: false,
          error: {
            code: 'unauthorized',
            message_zh: expect.stringContaining('令牌') as unknown,
            message_en: expect.stringContaining('token') as unknown,
          },
        });
      }
    }
    expect(existsSync(path.join(root, 'x.sailreview'))).toBe(false);
    expect(readdirSync(path.join(host.workspace, 'uploads'))).toEqual([]);
  });

  it('is not needed for the app’s own files', async () => {
    expect((await raw('GET', '/')).status).toBe(200);
    expect((await raw('GET', '/assets/app.js')).status).toBe(200);
  });
});

describe('operations', () => {
  it('answers an unknown operation with a 404 error Result', async () => {
    const response = await op('nope.nothing', {});
    expect(response.status).toBe(404);
    expect(JSON.parse(response.body)).toMatchObject({
      ok: false,
      error: { code: 'unknown_operation' },
    });
  });

  it('reports malformed JSON and invalid input as error Results', async () => {
    const malformed = await raw('POST', '/api/op/project.open', auth, '{');
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.body)).toMatchObject({
      ok: false,
      error: { code: 'invalid_json' },
    });
    const invalid = await op('project.open', { path: '' });
    expect(invalid.status).toBe(200);
    expect(JSON.parse(invalid.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('creates a project in the workspace and reports it as current', async () => {
    const file = path.join(host.workspace, 'projects', '测试.sailreview');
    const created = JSON.parse((await op('project.create', { path: file, name: '测试' })).body);
    expect(created).toMatchObject({ ok: true, value: { name: '测试' } });
    const current = JSON.parse((await op('project.current', {})).body);
    expect(current).toMatchObject({ ok: true, value: { name: '测试' } });
  });

  it('tells the renderer where its workspace is', async () => {
    const response = JSON.parse((await raw('GET', '/api/host', auth)).body);
    expect(response).toEqual({ ok: true, value: { workspace: host.workspace } });
  });
});

/**
 * The host's event stream as the page reads it: `next(predicate)` resolves with the first event
 * received since the stream opened that matches and was not taken before.
 */
async function openEvents(token: Record<string, string> = auth) {
  const abort = new AbortController();
  const response = await fetch(`${host.url}${HOST_EVENTS_PATH}`, {
    headers: token,
    signal: abort.signal,
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const received: SessionEvent[] = [];
  let buffer = '';
  const next = async (wanted: (event: SessionEvent) => boolean): Promise<SessionEvent> => {
    for (;;) {
      const found = received.findIndex(wanted);
      if (found >= 0) return received.splice(found, 1)[0] as SessionEvent;
      const { value, done } = await reader.read();
      if (done) throw new Error('the event stream ended');
      buffer += decoder.decode(value, { stream: true });
      const blocks = buffer.split('\n\n');
      buffer = blocks.pop() ?? '';
      for (const block of blocks) {
        if (block.startsWith('data: ')) received.push(JSON.parse(block.slice(6)) as SessionEvent);
      }
    }
  };
  return { next, close: () => abort.abort() };
}

describe('events', () => {
  it('pushes each change and each task’s progress to the page', async () => {
    const events = await openEvents();
    const file = path.join(host.workspace, 'projects', '事件.sailreview');
    expect(result(await op('project.create', { path: file }))).toMatchObject({ ok: true });
    expect(await events.next((e) => e.type === 'changed')).toEqual({
      type: 'changed',
      operation: 'project.create',
      area: 'project',
    });
    const csv = path.join(host.workspace, 'uploads', 'entries.csv');
    writeFileSync(csv, '作品编号,作品名称,申报单位,所在省份,行业领域\nB1,甲,单位一,江苏,工业\n');
    const imported = await op('entries.import', { path: csv, programme: 'bloom', task_id: 'i-1' });
    expect(result(imported), imported.body).toMatchObject({ ok: true });
    expect(await events.next((e) => e.type === 'progress' && e.progress.finished)).toMatchObject({
      task_id: 'i-1',
      operation: 'entries.import',
    });
    expect(await events.next((e) => e.type === 'changed')).toMatchObject({
      operation: 'entries.import',
      area: 'entries',
    });
    events.close();
  });

  it('stays responsive while its session ranks a round of 2 million scores', async () => {
    const dir = mkdtempSync(path.join(host.workspace, 'large-'));
    const project = path.join(dir, '大批次.sailreview');
    const call = async (name: string, input: unknown) => {
      const reply = result(await op(name, input));
      if (!reply.ok) throw new Error(`${name}: ${reply.error.message_en}`);
      return reply.value;
    };
    const entries = 60_000;
    await largeRound(call, dir, project, { entries, reviewsPerEntry: 7 });
    expect(scoreCount(project)).toBeGreaterThanOrEqual(2_000_000);

    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = performance.now();
    const ranking = (await call('ranking.rank', { round: LARGE_ROUND })) as { rows: unknown[] };
    const took = performance.now() - started;
    delay.disable();
    expect(ranking.rows).toHaveLength(entries);
    // The host's thread only relays: its loop never waits on the ranking, which a window's
    // menus and the other requests would feel.
    expect(delay.max / 1e6).toBeLessThan(took / 3);
  }, 180_000);
});

describe('uploads and downloads', () => {
  it('stores an upload under workspace/uploads with a safe name', async () => {
    const response = await raw(
      'POST',
      `/api/upload?name=${encodeURIComponent('../../报名 表.csv')}`,
      { 'Content-Type': 'text/csv', ...auth },
      '编号,名称\n1,甲\n',
    );
    const result = JSON.parse(response.body) as { ok: true; value: { path: string } };
    expect(result.ok).toBe(true);
    expect(path.dirname(result.value.path)).toBe(path.join(host.workspace, 'uploads'));
    expect(path.basename(result.value.path)).toMatch(/-报名_表\.csv$/);
    expect(readFileSync(result.value.path, 'utf8')).toBe('编号,名称\n1,甲\n');
  });

  it('requires a name', async () => {
    expect((await raw('POST', '/api/upload', auth, 'x')).status).toBe(400);
  });

  it('downloads files inside the workspace only', async () => {
    const file = path.join(host.workspace, 'exports', '排名.csv');
    writeFileSync(file, '\ufeff排名\n1\n');
    const ok = await raw('GET', `/api/download?path=${encodeURIComponent(file)}`, auth);
    expect(ok.status).toBe(200);
    expect(ok.body).toBe('\ufeff排名\n1\n');
    expect(ok.headers['content-disposition']).toContain("filename*=UTF-8''%E6%8E%92%E5%90%8D.csv");
    const outside = path.join(root, 'secret.txt');
    for (const attempt of [outside, '../secret.txt', 'exports/../../secret.txt']) {
      const response = await raw('GET', `/api/download?path=${encodeURIComponent(attempt)}`, auth);
      expect(response.status, attempt).toBe(403);
      expect(response.body).not.toContain('SECRET');
    }
    expect((await raw('GET', '/api/download?path=exports%2Fnone.csv', auth)).status).toBe(404);
  });

  it('makes uploaded names safe', () => {
    expect(safeUploadName('C:\\Users\\a\\名单.xlsx')).toBe('名单.xlsx');
    expect(safeUploadName('..')).toBe('_');
    expect(safeUploadName('a/b/.hidden')).toBe('_hidden');
    expect(safeUploadName('x'.repeat(300) + '.csv')).toHaveLength(120);
  });
});

describe('the page’s paths', () => {
  it('stay in the workspace: a file elsewhere is neither read nor replaced', async () => {
    const secret = path.join(root, 'secret.txt');
    const preview = result(await op('entries.preview', { path: secret, programme: 'bloom' }));
    expect(preview).toMatchObject({ ok: false, error: { code: 'path_refused' } });
    if (!preview.ok) {
      expect(preview.error.message_zh).toContain(host.workspace);
      expect(preview.error.message_en).toContain(secret);
    }
    const created = result(await op('project.create', { path: secret }));
    expect(created).toMatchObject({ ok: false, error: { code: 'path_refused' } });
    const exported = result(await op('rubrics.exportFile', { id: 1, path: secret }));
    expect(exported).toMatchObject({ ok: false, error: { code: 'path_refused' } });
    expect(readFileSync(secret, 'utf8')).toBe('SECRET');
  });

  it('may read a folder the host’s command line allows, and write nothing there', async () => {
    const allowed = path.join(root, 'shared', '名单.csv');
    const preview = result(await op('entries.preview', { path: allowed, programme: 'bloom' }));
    expect(preview).toMatchObject({ ok: true, value: { file: '名单.csv' } });
    const written = result(
      await op('rubrics.exportFile', { id: 1, path: path.join(root, 'shared', 'r.json') }),
    );
    expect(written).toMatchObject({ ok: false, error: { code: 'path_refused' } });
    expect(existsSync(path.join(root, 'shared', 'r.json'))).toBe(false);
  });
});
