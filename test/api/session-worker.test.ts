// The session in a worker thread, as the app and the local host run it: operations and their
// events cross as messages, PDFs are printed by the relaying thread, and the relaying thread's
// event loop stays free while the worker ranks.
import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../electron/api/dispatcher';
import { SessionClient } from '../../electron/api/session-client';
import { demoFile } from '../support/demo-round';
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
    const project = join(dir, '大批次.sailreview');
    await ok(client, 'project.create', { path: project });
    const entries = 20_000;
    const csv = join(dir, 'entries.csv');
    writeFileSync(
      csv,
      [
        '作品编号,作品名称,申报单位,所在省份,行业领域',
        ...Array.from(
          { length: entries },
          (_, i) => `B2026-${String(i + 1).padStart(6, '0')},项目${i},单位${i % 997},江苏,工业`,
        ),
      ].join('\n'),
    );
    await ok(client, 'entries.import', { path: csv, programme: 'bloom' });
    const reviewers = join(dir, 'reviewers.csv');
    writeFileSync(
      reviewers,
      ['专家编号,姓名', ...Array.from({ length: 30 }, (_, i) => `R${i + 1},专家${i + 1}`)].join(
        '\n',
      ),
    );
    await ok(client, 'reviewers.import', { path: reviewers });
    await ok(client, 'rounds.create', { name: '初赛', programme: 'bloom', stage: '初赛' });
    await ok(client, 'project.close', {});
    // Reviews and scores are generated in SQL: the figure of interest is ranking, not writing.
    const db = new Database(project);
    db.exec(`
      INSERT INTO review (round_id, entry_id, reviewer_id, rubric_id, status, comment, version, updated_at, submitted_at)
      SELECT re.round_id, re.entry_id, rv.id, re.rubric_id, 'submitted', '', 1, 'now', 'now'
      FROM round_entry re JOIN reviewer rv ON ((rv.id + re.entry_id) % 30) < 6;
      INSERT INTO score (review_id, criterion_key, points)
      SELECT r.id, c.key, ((r.id * 7 + c.position * 13) % (CAST(c.max_points AS INTEGER) + 1))
      FROM review r JOIN criterion c ON c.rubric_id = r.rubric_id;`);
    db.close();
    await ok(client, 'project.open', { path: project });

    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = performance.now();
    const ranking = (await ok(client, 'ranking.rank', { round: '初赛' })) as { rows: unknown[] };
    const took = performance.now() - started;
    delay.disable();
    expect(ranking.rows).toHaveLength(entries);
    // Ranked on this thread, the loop would stall for the whole ranking; in the worker, this
    // thread only waits for a message.
    expect(delay.max / 1e6).toBeLessThan(took / 3);
  });
});
