// The local test host: static files with the CSP, the operations over HTTP, uploads and
// downloads confined to the workspace, and the Host/Origin checks that keep other sites out.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeUploadName } from '../../electron/host/http';
import { startHost, type RunningHost } from '../../electron/host/server';

let root: string;
let host: RunningHost;
let port: number;

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
    const req = request({ host: '127.0.0.1', port, method, path: rawPath, headers }, (res) => {
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
    { 'Content-Type': 'application/json', ...headers },
    JSON.stringify(input),
  );

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'sail-host-test-'));
  const rendererDir = path.join(root, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>扬帆评审</title>');
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'secret.txt'), 'SECRET');
  symlinkSync(path.join(root, 'secret.txt'), path.join(rendererDir, 'link.txt'));
  host = await startHost({
    workspace: path.join(root, 'workspace'),
    rendererDir,
    resourcesDir: path.resolve('resources'),
  });
  port = Number(new URL(host.url).port);
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
    const crossSite = await raw('GET', '/api/host', { 'Sec-Fetch-Site': 'cross-site' });
    expect(crossSite.status).toBe(403);
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
    const malformed = await raw('POST', '/api/op/project.open', {}, '{');
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
    const response = JSON.parse((await raw('GET', '/api/host')).body);
    expect(response).toEqual({ ok: true, value: { workspace: host.workspace } });
  });
});

describe('uploads and downloads', () => {
  it('stores an upload under workspace/uploads with a safe name', async () => {
    const response = await raw(
      'POST',
      `/api/upload?name=${encodeURIComponent('../../报名 表.csv')}`,
      { 'Content-Type': 'text/csv' },
      '编号,名称\n1,甲\n',
    );
    const result = JSON.parse(response.body) as { ok: true; value: { path: string } };
    expect(result.ok).toBe(true);
    expect(path.dirname(result.value.path)).toBe(path.join(host.workspace, 'uploads'));
    expect(path.basename(result.value.path)).toMatch(/-报名_表\.csv$/);
    expect(readFileSync(result.value.path, 'utf8')).toBe('编号,名称\n1,甲\n');
  });

  it('requires a name', async () => {
    expect((await raw('POST', '/api/upload', {}, 'x')).status).toBe(400);
  });

  it('downloads files inside the workspace only', async () => {
    const file = path.join(host.workspace, 'exports', '排名.csv');
    writeFileSync(file, '\ufeff排名\n1\n');
    const ok = await raw('GET', `/api/download?path=${encodeURIComponent(file)}`);
    expect(ok.status).toBe(200);
    expect(ok.body).toBe('\ufeff排名\n1\n');
    expect(ok.headers['content-disposition']).toContain("filename*=UTF-8''%E6%8E%92%E5%90%8D.csv");
    const outside = path.join(root, 'secret.txt');
    for (const attempt of [outside, '../secret.txt', 'exports/../../secret.txt']) {
      const response = await raw('GET', `/api/download?path=${encodeURIComponent(attempt)}`);
      expect(response.status, attempt).toBe(403);
      expect(response.body).not.toContain('SECRET');
    }
    expect((await raw('GET', '/api/download?path=exports%2Fnone.csv')).status).toBe(404);
  });

  it('makes uploaded names safe', () => {
    expect(safeUploadName('C:\\Users\\a\\名单.xlsx')).toBe('名单.xlsx');
    expect(safeUploadName('..')).toBe('_');
    expect(safeUploadName('a/b/.hidden')).toBe('_hidden');
    expect(safeUploadName('x'.repeat(300) + '.csv')).toHaveLength(120);
  });
});
