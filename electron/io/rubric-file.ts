// Writing a rubric as JSON (the CLI.md format) for organisers to keep, share or edit.
import { writeFileSync } from 'node:fs';
import type { RubricDefinition } from '../core/domain';
import { SailError } from '../core/errors';

export function writeRubricFile(path: string, rubric: RubricDefinition): void {
  try {
    writeFileSync(path, `${JSON.stringify(rubric, null, 2)}\n`, 'utf8');
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new SailError(
      'file_unwritable',
      `无法写入文件 ${path}：${detail}。请换一个位置保存。`,
      `Cannot write ${path}: ${detail}. Choose another place to save it.`,
    );
  }
}
