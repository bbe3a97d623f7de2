// The session in a worker thread, as the app and the local host run it: operations and their
// events cross as messages, PDFs are printed by the relaying thread, and the relaying thread's
// event loop stays free while the worker ranks.
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../electron/api/channels';
import { SessionClient } from '../../electron/api/session-client';
import { demoFile } from '../support/demo-round';
import { LARGE_ROUND, largeRound } from '../support/large-round';
import { repoRoot, resourcesDir, sample, tempDir } from '../support/paths';

const workerFile = join(repoRoot, 'dist', 'electron', 'session-worker.cjs');
const clients: SessionClient[] = [];

function startSession(printer?: { print: (html: string) => Promise<Uint8Array> }) {
  const dir = tempDir();
  const client = new SessionClient({
    workerFile,
    configDir: join(dir, 'config'),
    resourcesDir,
    backupEveryMs: null,
    printInMain: printer !== undefined,
    pathRoots: [],
    printer,
  });
  clients.push(client);
  return { dir, client };
}

async function ok(client: SessionClient, name: string, input: unknown): Promise<unknown> {
  const result = await client.call(name, input, { caller: 'user' });
  if (!result.ok) throw new Error(`${name}: ${result.error.message_en}`);
  return result.value;
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});

describe('the session worker', () => {
  it('runs operations and reports their changes and progress as events', async () => {
    const { dir, client } = startSession();
    const events: SessionEvent[] = [];
    client.subscribe((event) => events.push(event));
    await ok(client, 'project.create', { path: join(dir, '绽放杯.sailreview') });
    const imported = (await ok(client, 'entries.import', {
      path: sample('bloom-submissions.csv'),
      programme: 'bloom',
      task_id: 'import-1',
    })) as { inserted: number };
    const listed = (await ok(client, 'entries.list', { programme: 'bloom' })) as { total: number };
    expect(listed.total).toBe(imported.inserted);
    expect(imported.inserted).toBeGreaterThan(0);

    const refused = await client.call('rounds.get', { round: '没有这个批次' }, { caller: 'user' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'round_not_found' } });

    expect(events.filter((e) => e.type === 'changed').map((e) => e.operation)).toEqual([
      'project.create',
      'entries.import',
    ]);
    const progress = events.filter((e) => e.type === 'progress');
    expect(progress.at(-1)).toMatchObject({ task_id: 'import-1', progress: { finished: true } });
  });

  it('has the relaying thread print PDFs (Electron prints in its main process)', async () => {
    const printed: string[] = [];
    const { dir, client } = startSession({
      print: (html) => {
        printed.push(html);
        return Promise.resolve(new TextEncoder().encode('%PDF-1.7\n%relayed\n'));
      },
    });
    await ok(client, 'project.create', { path: join(dir, '演示.sailreview') });
    await ok(client, 'entries.import', { path: demoFile('entries.csv'), programme: 'pioneer' });
    await ok(client, 'rubrics.import', {
      rubric: JSON.parse(readFileSync(demoFile('rubric.json'), 'utf8')) as unknown,
    });
    await ok(client, 'reviewers.import', { path: demoFile('reviewers.csv') });
    await ok(client, 'rounds.create', {
      name: '复赛',
      programme: 'pioneer',
      stage: '复赛',
      sectors: ['factory'],
    });
    await ok(client, 'scores.import', { round: '复赛', path: demoFile('scores.csv') });
    const pdf = join(dir, '排名.pdf');
    await ok(client, 'export.ranking', { round: '复赛', format: 'pdf', path: pdf });
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain('评审结果排名表');
    const verified = (await ok(client, 'export.verify', { path: pdf })) as { ok: boolean };
    expect(verified.ok).toBe(true);
  });

  it('keeps the relaying thread responsive while the worker ranks a large round', async () => {
    const { dir, client } = startSession();
    const entries = 20_000;
    await largeRound(
      (name, input) => ok(client, name, input),
      dir,
      join(dir, '大批次.sailreview'),
      { entries, reviewsPerEntry: 6 },
    );

    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = performance.now();
    const ranking = (await ok(client, 'ranking.rank', { round: LARGE_ROUND })) as {
      rows: unknown[];
    };
    const took = performance.now() - started;
    delay.disable();
    expect(ranking.rows).toHaveLength(entries);
    // Ranked on this thread, the loop would stall for the whole ranking; in the worker, this
    // thread only waits for a message.
    expect(delay.max / 1e6).toBeLessThan(took / 3);
  });
});
