// The default rubric library shipped in resources/rubrics (one JSON file per rubric).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SailError } from '../core/errors';

/** Raw JSON documents of the library, by file name; validation is the caller's. */
export function readRubricLibrary(resourcesDir: string): Array<{ file: string; json: unknown }> {
  const folder = join(resourcesDir, 'rubrics');
  return readdirSync(folder)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({
      file,
      json: JSON.parse(readFileSync(join(folder, file), 'utf8')) as unknown,
    }));
}

/** A JSON document from disk; unreadable or invalid files become a clear error (exit 2). */
export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch {
    throw new SailError('file_unreadable', `无法读取文件：${path}`, `Cannot read file: ${path}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = jsonSyntaxReason(text, error instanceof Error ? error.message : String(error));
    throw new SailError(
      'invalid_json',
      `文件不是有效的 JSON（${path}）：${reason.zh}`,
      `The file is not valid JSON (${path}): ${reason.en}`,
    );
  }
}

/** Where JSON.parse stopped, as a line and column an organiser can find in an editor. */
function jsonSyntaxReason(text: string, detail: string): { zh: string; en: string } {
  if (/end of JSON input/i.test(detail)) {
    return { zh: '内容为空或不完整', en: 'it is empty or cut off' };
  }
  const position = /position (\d+)/.exec(detail)?.[1];
  if (position === undefined) return { zh: `语法错误（${detail}）`, en: detail };
  const before = text.slice(0, Number(position)).split('\n');
  const line = before.length;
  const column = (before.at(-1)?.length ?? 0) + 1;
  return {
    zh: `第 ${line} 行第 ${column} 列附近有语法错误`,
    en: `syntax error near line ${line}, column ${column} (${detail})`,
  };
}
