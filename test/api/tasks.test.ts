// Long operations as tasks: progress while they run, cancel that writes nothing, and the registry
// on its own.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { OperationInput, OperationName, TaskProgress } from '../../electron/api/contract';
import { USER, type Progress } from '../../electron/api/dispatch';
import { exportRanking } from '../../electron/api/services/export';
import { chromiumPrinter } from '../../electron/io/export/chromium-printer';
import { TaskRegistry } from '../../electron/api/tasks';
import { writeBloomCsv } from '../support/big-csv';
import { importDigest } from '../support/digest';
import { sample } from '../support/paths';
import { apiSession, type ApiSession } from '../support/session';
import { projectFile } from '../support/project-file';

async function project(): Promise<ApiSession> {
  const api = apiSession();
  await api.ok('project.create', { path: join(api.dir, '任务.sailreview') });
  return api;
}

/**
 * Starts an operation and polls tasks.progress until it returns, as the window does: proof that
 * the event loop serves other calls while the operation reads its file.
 */
async function runPolled<N extends OperationName>(
  api: ApiSession,
  name: N,
  input: OperationInput<N>,
  taskId: string,
  onPoll?: (progress: TaskProgress) => Promise<void> | void,
) {
  const running = api.call(name, input);
  let settled = false;
  void running.finally(() => (settled = true));
  const polls: TaskProgress[] = [];
  while (!settled) {
    const progress = await api.ok('tasks.progress', { task_id: taskId });
    if (progress && !progress.finished) {
      polls.push(progress);
      await onPoll?.(progress);
    }
    await sleep(5);
  }
  return { result: await running, polls };
}

describe('tasks over the API', () => {
  it('reports read progress in bytes and rows while a CSV import runs, then the write', async () => {
    const api = await project();
    const csv = join(api.dir, 'big.csv');
    await writeBloomCsv(csv, 60_000);
    const { result, polls } = await runPolled(
      api,
      'entries.import',
      { path: csv, programme: 'bloom', task_id: 'import-1' },
      'import-1',
    );
    expect(result.ok && result.value.inserted).toBe(60_000);
    const reading = polls.filter((p) => p.phase === 'read');
    expect(reading.length).toBeGreaterThan(2);
    const partway = reading.find((p) => p.total !== null && p.done > 0 && p.done < p.total);
    expect(partway).toMatchObject({ unit: 'bytes', finished: false });
    expect(partway?.rows).toBeGreaterThan(0);
    const done = reading.map((p) => p.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(await api.ok('tasks.progress', { task_id: 'import-1' })).toEqual({
      phase: 'write',
      done: 60_000,
      total: 60_000,
      unit: null,
      rows: null,
      finished: true,
    });
    // A finished task cannot be cancelled.
    expect(await api.ok('tasks.cancel', { task_id: 'import-1' })).toBe(false);
  });

  it('cancels an import mid-read: an error in both languages and nothing written', async () => {
    const api = await project();
    await api.ok('entries.import', { path: sample('bloom-submissions.csv'), programme: 'bloom' });
    const before = importDigest(api.session.require());
    const csv = join(api.dir, 'big.csv');
    await writeBloomCsv(csv, 100_000);
    let cancelled: boolean | null = null;
    const { result, polls } = await runPolled(
      api,
      'entries.import',
      { path: csv, programme: 'bloom', task_id: 'import-2' },
      'import-2',
      async (progress) => {
        if (cancelled === null && progress.phase === 'read' && progress.done > 0) {
          cancelled = await api.ok('tasks.cancel', { task_id: 'import-2' });
        }
      },
    );
    expect(cancelled).toBe(true);
    expect(polls.every((p) => p.phase !== 'write')).toBe(true);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'cancelled',
        message_zh: '导入已取消，未写入任何数据。',
        message_en: 'Import cancelled; nothing was written.',
      },
    });
    expect(importDigest(api.session.require())).toBe(before);
    expect((await api.ok('entries.list', {})).total).toBe(300);
    expect(await api.ok('tasks.progress', { task_id: 'import-2' })).toMatchObject({
      phase: 'read',
      finished: true,
    });
  });

  it('serves polls while an XLSX import walks rows held in memory', async () => {
    const api = await project();
    const path = join(api.dir, 'big.xlsx');
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path });
    const sheet = book.addWorksheet('项目');
    sheet.addRow(['项目编号', '项目名称', '牵头申报单位']).commit();
    for (let i = 1; i <= 6000; i++) sheet.addRow([`X${i}`, `项目${i}`, `单位${i}`]).commit();
    sheet.commit();
    await book.commit();
    const { result, polls } = await runPolled(
      api,
      'entries.import',
      { path, programme: 'bloom', task_id: 'xlsx' },
      'xlsx',
    );
    expect(result.ok && result.value.inserted).toBe(6000);
    expect(polls.some((p) => p.phase === 'read' && p.unit === 'rows' && p.done > 0)).toBe(true);
  });

  it('runs reviewer imports and ranking exports as tasks too', async () => {
    const api = await project();
    await api.ok('reviewers.import', { path: sample('reviewers.csv'), task_id: 'reviewers' });
    expect(await api.ok('tasks.progress', { task_id: 'reviewers' })).toMatchObject({
      phase: 'write',
      finished: true,
    });
    await api.ok('entries.import', { path: sample('bloom-submissions.csv'), programme: 'bloom' });
    await api.ok('rounds.create', { stage: '初赛', name: '初赛', programme: 'bloom' });
    const record = await api.ok('export.ranking', {
      round: '初赛',
      format: 'csv',
      path: join(api.dir, '排名.csv'),
      task_id: 'export',
    });
    expect(record.rows).toBe(300);
    // An export counts steps: its one ranked section, laying out, writing.
    expect(await api.ok('tasks.progress', { task_id: 'export' })).toEqual({
      phase: 'write',
      done: 3,
      total: 3,
      unit: null,
      rows: null,
      finished: true,
    });
  });

  it('leaves no file and no export record when an export is cancelled', async () => {
    const api = await project();
    await api.ok('entries.import', { path: sample('bloom-submissions.csv'), programme: 'bloom' });
    await api.ok('rounds.create', { stage: '初赛', name: '初赛', programme: 'bloom' });
    const store = api.session.require();
    const path = join(api.dir, '排名.csv');
    const abort = new AbortController();
    abort.abort();
    await expect(
      exportRanking(
        store,
        {
          round: '初赛',
          format: 'csv',
          kind: 'ranking',
          scope: 'overall',
          per_sector: false,
          rule: null,
        },
        { path, replace: false },
        chromiumPrinter,
        { signal: abort.signal },
      ),
    ).rejects.toMatchObject({
      code: 'cancelled',
      message_zh: '导出已取消，未写入文件。',
      message_en: 'Export cancelled; no file was written.',
    });
    expect(readdirSync(api.dir).filter((name) => name.includes('排名'))).toEqual([]);
    expect(projectFile(store).prepare('SELECT count(*) AS n FROM export_record').get()).toEqual({
      n: 0,
    });
  });

  it('answers false and null for a task it does not know', async () => {
    const api = apiSession();
    expect(await api.ok('tasks.cancel', { task_id: 'nobody' })).toBe(false);
    expect(await api.ok('tasks.progress', { task_id: 'nobody' })).toBeNull();
    const invalid = await api.call('tasks.cancel', { task_id: '' });
    expect(invalid.ok || invalid.error.code).toBe('invalid_input');
  });
});

describe('TaskRegistry', () => {
  /** Work that reports progress, then waits until released or aborted. */
  function pausedWork() {
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    const work = async ({
      signal,
      progress,
    }: {
      signal?: AbortSignal;
      progress?: (p: Progress) => void;
    }) => {
      progress?.({ phase: 'read', done: 3, total: 10, unit: 'rows', rows: 3 });
      await Promise.race([
        released,
        new Promise((_, reject) =>
          signal?.addEventListener('abort', () => reject(new Error('stopped'))),
        ),
      ]);
      return 'done';
    };
    return { work, release };
  }

  it('records progress, passes it on to the caller and refuses a second task of the same id', async () => {
    const tasks = new TaskRegistry();
    const forwarded: Progress[] = [];
    const { work, release } = pausedWork();
    const running = tasks.run('a', { caller: USER, progress: (p) => forwarded.push(p) }, work);
    expect(tasks.progress('a')).toEqual({
      phase: 'read',
      done: 3,
      total: 10,
      unit: 'rows',
      rows: 3,
      finished: false,
    });
    expect(forwarded).toEqual([{ phase: 'read', done: 3, total: 10, unit: 'rows', rows: 3 }]);
    await expect(tasks.run('a', { caller: USER }, () => 'again')).rejects.toMatchObject({
      code: 'task_running',
    });
    release();
    await expect(running).resolves.toBe('done');
    expect(tasks.progress('a')?.finished).toBe(true);
    // Once finished, the id may be used again.
    await expect(tasks.run('a', { caller: USER }, () => 'again')).resolves.toBe('again');
  });

  it('aborts on cancel and on the caller’s own signal', async () => {
    const tasks = new TaskRegistry();
    const first = pausedWork();
    const cancelled = tasks.run('b', { caller: USER }, first.work);
    expect(tasks.cancel('b')).toBe(true);
    await expect(cancelled).rejects.toThrow('stopped');
    expect(tasks.cancel('b')).toBe(false);

    const caller = new AbortController();
    const second = pausedWork();
    const gone = tasks.run('c', { caller: USER, signal: caller.signal }, second.work);
    caller.abort();
    await expect(gone).rejects.toThrow('stopped');
  });

  it('runs without an id as a plain call, and forgets finished tasks after a minute', async () => {
    let now = 0;
    const tasks = new TaskRegistry(() => now);
    const context = { caller: USER };
    await expect(tasks.run(undefined, context, (c) => c === context)).resolves.toBe(true);
    await tasks.run('d', { caller: USER }, () => null);
    now = 59_000;
    expect(tasks.progress('d')?.finished).toBe(true);
    now = 61_000;
    expect(tasks.progress('d')).toBeNull();
  });
});
