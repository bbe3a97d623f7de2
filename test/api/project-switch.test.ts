// A project switch while an operation still works on the open project: refused, naming what
// runs, in both languages; the operation finishes on the project it started on and leaves its
// whole result (an exported PDF with its record, which verify-export accepts).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OperationInput, OperationName, OperationOutput } from '../../electron/api/contract';
import { USER } from '../../electron/api/dispatch';
import { Dispatcher } from '../../electron/api/dispatcher';
import { createHandlers } from '../../electron/api/handlers';
import type { Result } from '../../electron/api/result';
import { ProjectSession, type PdfPrinter } from '../../electron/api/session';
import { ROUND, scoredRound } from '../io/export-fixture';
import { resourcesDir, sample, tempDir } from '../support/paths';

/** A promise and the function that settles it. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** A printer that waits, as a real one may for seconds, until the test lets it finish. */
function heldPrinter() {
  const printing = gate();
  const released = gate();
  const printer: PdfPrinter = {
    async print() {
      printing.open();
      await released.opened;
      return new TextEncoder().encode('%PDF-1.7\n% held until released\n%%EOF\n');
    },
  };
  return { printer, printing: printing.opened, release: released.open };
}

let dir: string;
let session: ProjectSession;
let held: ReturnType<typeof heldPrinter>;
let call: <N extends OperationName>(name: N, input: OperationInput<N>) => Promise<Result<unknown>>;
let ok: <N extends OperationName>(name: N, input: OperationInput<N>) => Promise<OperationOutput<N>>;
let project: string;

beforeEach(async () => {
  dir = tempDir();
  held = heldPrinter();
  session = new ProjectSession({
    configDir: join(dir, 'config'),
    resourcesDir,
    pdfPrinter: held.printer,
  });
  // As the window's session runs them: through the dispatcher, which refuses the switch.
  const dispatcher = new Dispatcher(createHandlers(session), { log: () => undefined });
  call = (name, input) => dispatcher.call(name, input, { caller: USER });
  ok = async (name, input) => {
    const result = await call(name, input);
    if (!result.ok) throw new Error(`${name}: ${result.error.message_en}`);
    return result.value as OperationOutput<typeof name>;
  };
  project = await scoredRound({ dir, ok }, 6, sample('reviewers.csv'));
});

afterEach(() => session.close());

const busy = {
  ok: false,
  error: {
    code: 'project_busy',
    message_zh: expect.stringMatching(/^有任务正在进行：导出排名（排名\.pdf）；请等它完成或取消它/),
    message_en: expect.stringMatching(
      /^A task is running: exporting the ranking \(排名\.pdf\); wait for it or cancel it/,
    ),
  },
};

describe('a project switch during a PDF export waiting for its printer', () => {
  it('is refused, and the export completes with its record', async () => {
    const pdf = join(dir, '排名.pdf');
    const exporting = call('export.ranking', { round: ROUND, format: 'pdf', path: pdf });
    await held.printing;

    const other = join(dir, '另一个.sailreview');
    expect(await call('project.create', { path: other })).toMatchObject(busy);
    expect(existsSync(other)).toBe(false);
    expect(await call('project.open', { path: project })).toMatchObject(busy);
    expect(await call('project.close', {})).toMatchObject(busy);
    // Operations that do not switch carry on meanwhile.
    expect(await call('project.current', {})).toMatchObject({ ok: true, value: { path: project } });

    held.release();
    const record = await exporting;
    expect(record).toMatchObject({ ok: true, value: { path: pdf } });
    expect(await ok('export.list', { round: ROUND })).toEqual([
      expect.objectContaining({ file_name: '排名.pdf', format: 'pdf' }),
    ]);
    expect(await ok('export.verify', { path: pdf })).toMatchObject({ ok: true, audited: true });

    // Once it has finished, the switch goes through.
    expect(await call('project.close', {})).toMatchObject({ ok: true });
  });

  it('is refused while a named task runs, and allowed once it has failed', async () => {
    const pdf = join(dir, '任务.pdf');
    const exporting = call('export.ranking', {
      round: ROUND,
      format: 'pdf',
      path: pdf,
      task_id: 'export-1',
    });
    await held.printing;
    expect(await call('project.close', {})).toMatchObject({
      ok: false,
      error: { code: 'project_busy', message_en: expect.stringContaining('(任务.pdf)') },
    });
    expect(await ok('tasks.cancel', { task_id: 'export-1' })).toBe(true);
    held.release();
    expect(await exporting).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await call('project.close', {})).toMatchObject({ ok: true });
  });
});
