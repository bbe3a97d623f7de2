// Writing a rubric as JSON (the CLI.md format) for organisers to keep, share or edit.
import { writeFileSync } from 'node:fs';
import type { RubricDefinition } from '../core/domain';
import { SailError } from '../core/errors';
import type { RubricProblem } from '../core/rubric';

/** Why a file could not be written, for the usual causes; Node's own words for the rest. */
function writeFailure(error: unknown): RubricProblem {
  const { code, message } = error as NodeJS.ErrnoException;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return { zh: '所在文件夹不存在', en: 'its folder does not exist' };
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return { zh: '没有写入权限', en: 'there is no permission to write there' };
    case 'EISDIR':
      return { zh: '这是一个文件夹', en: 'it is a folder' };
    default:
      return { zh: message, en: message };
  }
}

export function writeRubricFile(path: string, rubric: RubricDefinition): void {
  try {
    writeFileSync(path, `${JSON.stringify(rubric, null, 2)}\n`, 'utf8');
  } catch (error) {
    const reason = writeFailure(error);
    throw new SailError(
      'file_unwritable',
      `无法写入文件 ${path}：${reason.zh}。请换一个位置保存。`,
      `Cannot write ${path}: ${reason.en}. Choose another place to save it.`,
    );
  }
}
