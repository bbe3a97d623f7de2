// What holds the open project while it runs, and the refusal of a switch meanwhile. An export
// waiting for its printer or an import reading its file still holds the project; opening,
// creating or closing a project meanwhile would close it under them (a PDF on disk with no
// export record), so the dispatcher refuses the switch, naming what runs, until they end.
import { basename } from 'node:path';
import { SailError } from '../core/errors';
import { TASK_NAMES, type Words } from '../core/vocabulary';
import type { OperationName } from './contract';

/**
 * Operations that never hold the open project across a wait: the switches themselves, the
 * backup list and the integrity status (they wait for the backup or check on opening, which a
 * switch does not disturb) and the rubric files. Every other one blocks a switch while it runs.
 */
export const NOT_HOLDING_THE_PROJECT = new Set<OperationName>([
  'project.create',
  'project.createSample',
  'project.open',
  'project.close',
  'project.backups',
  'project.integrity',
  'rubrics.library',
  'rubrics.read',
]);

/** The operation's name for people, with the file it works on (the user's name of an upload). */
export function describeOperation(name: OperationName, input: unknown): Words {
  const known = TASK_NAMES[name] ?? { zh: `操作 ${name}`, en: `operation ${name}` };
  const fields = (input ?? {}) as { path?: unknown; file_name?: unknown; folder?: unknown };
  const file =
    typeof fields.file_name === 'string'
      ? fields.file_name
      : typeof fields.path === 'string'
        ? basename(fields.path)
        : typeof fields.folder === 'string'
          ? basename(fields.folder)
          : null;
  return file === null ? known : { zh: `${known.zh}（${file}）`, en: `${known.en} (${file})` };
}

/** What a refused switch was going to do. */
export type ProjectSwitch = 'open' | 'create' | 'close';

const SWITCHES: Record<ProjectSwitch, Words> = {
  open: { zh: '打开其他项目', en: 'opening another project' },
  create: { zh: '新建项目', en: 'creating a project' },
  close: { zh: '关闭项目', en: 'closing the project' },
};

/** The refusal of a switch (`action`) while the operations named by `running` hold the project. */
export function projectBusy(running: readonly Words[], action: ProjectSwitch): SailError {
  const zh = [...new Set(running.map((label) => label.zh))].join('、');
  const en = [...new Set(running.map((label) => label.en))].join(', ');
  const doing = SWITCHES[action];
  return new SailError(
    'project_busy',
    `有任务正在进行：${zh}；请等它完成或取消它，再${doing.zh}。`,
    `A task is running: ${en}; wait for it or cancel it before ${doing.en}.`,
  );
}
