// The dispatcher: writes one after another, reads at once, no project switch under a task,
// every change and every task's progress announced as an event, slow operations logged.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../electron/api/channels';
import { Dispatcher } from '../../electron/api/dispatcher';
import { USER, type Handlers, type OperationContext } from '../../electron/api/dispatch';

type OperationContextLike = Pick<OperationContext, 'progress'>;

const user = { caller: USER };
import { createHandlers } from '../../electron/api/handlers';
import { ProjectSession } from '../../electron/api/session';
import { demoFile, demoRoundSession } from '../support/demo-round';
import { resourcesDir, sample, tempDir } from '../support/paths';

function deferred(): { promise: Promise<void>; release: () => void } {
  let release = () => {};
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

/** A session whose PDF printer waits until released: an export that is still printing. */
function sessionWithStalledPrinter() {
  const dir = tempDir();
  const printing = deferred();
  const started = deferred();
  const session = new ProjectSession({
    configDir: join(dir, 'config'),
    resourcesDir,
    pdfPrinter: {
      print: async () => {
        started.release();
        await printing.promise;
        return new TextEncoder().encode('%PDF-1.7\n%stalled\n');
      },
    },
  });
  return { dir, session, printing, started };
}

describe('dispatcher', () => {
  it('runs writes one after another while reads go ahead', async () => {
    const api = await demoRoundSession();
    const order: string[] = [];
    const first = deferred();
    const handlers: Handlers = {
      ...api.handlers,
      'rubrics.save': async () => {
        order.push('first write starts');
        await first.promise;
        order.push('first write ends');
        return api.handlers['rubrics.list']({}, user) as never;
      },
      'shortlists.delete': () => {
        order.push('second write runs');
        return null;
      },
    };
    const dispatcher = new Dispatcher(handlers);
    const one = dispatcher.call(
      'rubrics.save',
      {
        rubric: JSON.parse(
          '{"sector":"factory","name_zh":"a","name_en":"a","criteria":[{"key":"x","name_zh":"x","name_en":"x","max":100}]}',
        ) as unknown,
      },
      user,
    );
    const two = dispatcher.call('shortlists.delete', { id: 1 }, user);
    const read = await dispatcher.call('rounds.list', {}, user);
    order.push('read done');
    expect(read.ok).toBe(true);
    first.release();
    await Promise.all([one, two]);
    expect(order).toEqual([
      'first write starts',
      'read done',
      'first write ends',
      'second write runs',
    ]);
    api.session.close();
  });

  it('refuses to switch projects while an export prints, and the export completes and verifies', async () => {
    const demo = await demoRoundSession();
    const project = demo.session.current?.path ?? '';
    demo.session.close();
    const { dir, session, printing, started } = sessionWithStalledPrinter();
    const dispatcher = new Dispatcher(createHandlers(session));
    expect((await dispatcher.call('project.open', { path: project }, user)).ok).toBe(true);

    const pdf = join(dir, '排名.pdf');
    const exporting = dispatcher.call(
      'export.ranking',
      {
        round: '复赛',
        format: 'pdf',
        path: pdf,
        task_id: 'export-1',
      },
      user,
    );
    await started.promise;
    const other = join(dir, '另一个.sailreview');
    for (const [name, input] of [
      ['project.create', { path: other }],
      ['project.open', { path: project }],
      ['project.close', {}],
    ] as const) {
      const refused = await dispatcher.call(name, input, user);
      expect(refused).toMatchObject({ ok: false, error: { code: 'project_busy' } });
      if (!refused.ok) {
        expect(refused.error.message_zh).toContain('导出');
        expect(refused.error.message_en).toContain('exporting');
      }
    }
    printing.release();
    expect((await exporting).ok).toBe(true);
    const verified = await dispatcher.call('export.verify', { path: pdf }, user);
    expect(verified).toMatchObject({ ok: true, value: { ok: true, audited: true } });
    expect((await dispatcher.call('project.close', {}, user)).ok).toBe(true);
  });

  it('announces each change and each task’s progress, and nothing for reads or refusals', async () => {
    const dir = tempDir();
    const session = new ProjectSession({ configDir: join(dir, 'config'), resourcesDir });
    const dispatcher = new Dispatcher(createHandlers(session));
    const events: SessionEvent[] = [];
    dispatcher.subscribe((event) => events.push(event));
    await dispatcher.call('project.create', { path: join(dir, 'p.sailreview') }, user);
    await dispatcher.call(
      'entries.import',
      {
        path: sample('bloom-submissions.csv'),
        programme: 'bloom',
        task_id: 'import-1',
      },
      user,
    );
    await dispatcher.call('entries.list', { programme: 'bloom' }, user);
    await dispatcher.call('reviewers.import', { path: join(dir, 'missing.csv') }, user);
    await dispatcher.call('reviewers.import', { path: demoFile('reviewers.csv') }, user);

    const changes = events.filter((e) => e.type === 'changed');
    expect(changes).toEqual([
      { type: 'changed', operation: 'project.create', area: 'project' },
      { type: 'changed', operation: 'entries.import', area: 'entries' },
      { type: 'changed', operation: 'reviewers.import', area: 'reviewers' },
    ]);
    const progress = events.filter((e) => e.type === 'progress');
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.every((e) => e.task_id === 'import-1')).toBe(true);
    expect(progress.at(-1)?.progress.finished).toBe(true);
    expect(progress.slice(0, -1).every((e) => !e.progress.finished)).toBe(true);
    session.close();
  });

  it('announces a task’s progress a few times a second, each new phase and its last step', async () => {
    let clock = 0;
    const handlers = {
      'entries.import': (_input: unknown, context: OperationContextLike) => {
        // 1,000 reports 1 ms apart in one phase, then one in the next.
        for (let done = 1; done <= 1000; done++) {
          clock += 1;
          context.progress?.({ phase: 'read', done, total: 1001 });
        }
        context.progress?.({ phase: 'write', done: 1001, total: 1001 });
        return null;
      },
    } as unknown as Handlers;
    const dispatcher = new Dispatcher(handlers, { now: () => clock, log: () => undefined });
    const events: SessionEvent[] = [];
    dispatcher.subscribe((event) => events.push(event));
    await dispatcher.call(
      'entries.import',
      { path: 'x.csv', programme: 'bloom', task_id: 't' },
      { ...user, progress: () => undefined },
    );
    const steps = events.flatMap((e) => (e.type === 'progress' ? [e.progress] : []));
    // A step every 50 ms of the 1,000: about 20, not 1,000.
    expect(steps.length).toBeGreaterThan(15);
    expect(steps.length).toBeLessThan(30);
    expect(steps.filter((step) => step.phase === 'write').map((step) => step.finished)).toEqual([
      false,
      true,
    ]);
    expect(steps.at(-1)).toMatchObject({ done: 1001, finished: true });
  });

  it('logs an operation slower than 100 ms with its name and time', async () => {
    const api = await demoRoundSession();
    const lines: string[] = [];
    let clock = 0;
    const handlers: Handlers = {
      ...api.handlers,
      'rounds.list': () => {
        clock += 250;
        return [];
      },
    };
    const dispatcher = new Dispatcher(handlers, {
      log: (line) => lines.push(line),
      now: () => clock,
    });
    await dispatcher.call('rounds.get', { round: '复赛' }, user);
    await dispatcher.call('rounds.list', {}, user);
    expect(lines).toEqual(['[slow] rounds.list 250 ms']);
    api.session.close();
  });
});
