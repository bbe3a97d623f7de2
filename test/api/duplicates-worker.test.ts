// The duplicate check as the bundled app, host and CLI run it: in a worker thread on a read-only
// connection of its own (api/duplicates-worker.ts), so the window's calls are answered while it
// runs. It must find what the check in the session's thread finds. Needs `npm run build`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { SessionClient } from '../../electron/api/session-client';
import { repoRoot, resourcesDir } from '../support/paths';
import { apiSession } from '../support/session';

const dist = join(repoRoot, 'dist', 'electron');

/** Six applicants of five entries; each applicant's fourth entry sends its first again. */
function entriesCsv(path: string): void {
  const lines = ['项目编号,项目名称,牵头申报单位,赛区或专题,项目简介'];
  for (let i = 0; i < 30; i++) {
    const applicant = Math.floor(i / 5);
    const again = i % 5 === 3;
    const k = again ? i - 3 : i;
    const words = ['矿山', '电力', '港口', '医院', '课堂'][k % 5] ?? '';
    lines.push(
      `D${String(i).padStart(4, '0')},5G+智慧${words}应用示范${k}${again ? '项目' : ''},申报单位${applicant}有限公司,5G+专题${i % 3},"申报单位${applicant}联合运营商建设${words}5G专网${k}"`,
    );
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

const pairIds = (pairs: Array<{ a: { id: number }; b: { id: number } }>) =>
  pairs.map((pair) => [pair.a.id, pair.b.id]);

let client: SessionClient | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

describe('the duplicate check in its worker', () => {
  it('finds the pairs the check in the session finds', async () => {
    const api = apiSession();
    const path = join(api.dir, '重复.sailreview');
    await api.ok('project.create', { path });
    const csv = join(api.dir, 'entries.csv');
    entriesCsv(csv);
    await api.ok('entries.import', { path: csv, programme: 'bloom' });
    // From the sources, the check runs in the session's thread.
    const inSession = await api.ok('entries.duplicates', { view: 'all', limit: 100 });
    expect(inSession.total).toBe(6);
    api.session.close();

    const fromWorker = await new Promise<{
      matches: Array<{ a: { id: number }; b: { id: number } }>;
    }>((resolve, reject) => {
      const worker = new Worker(join(dist, 'duplicates-worker.cjs'), { workerData: { path } });
      worker.once('message', (message) => {
        void worker.terminate();
        resolve(message as { matches: Array<{ a: { id: number }; b: { id: number } }> });
      });
      worker.once('error', reject);
    });
    expect(pairIds(fromWorker.matches)).toEqual(pairIds(inSession.pairs));

    // The bundled session uses it: the same page of pairs.
    client = new SessionClient({
      workerFile: join(dist, 'session-worker.cjs'),
      configDir: join(api.dir, 'config'),
      resourcesDir,
      backupEveryMs: null,
      printInMain: false,
      pathRoots: [],
    });
    const open = await client.call('project.open', { path }, { caller: 'user' });
    expect(open.ok).toBe(true);
    const bundled = await client.call(
      'entries.duplicates',
      { view: 'all', limit: 100 },
      { caller: 'user' },
    );
    expect(bundled).toMatchObject({ ok: true, value: { total: 6 } });
    if (bundled.ok) {
      expect(pairIds((bundled.value as typeof inSession).pairs)).toEqual(pairIds(inSession.pairs));
    }
  });
});
