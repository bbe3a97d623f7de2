// The default rubric library shipped in resources/rubrics (one JSON file per rubric).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SailError } from '../core/errors';
import { parseJsonText } from '../core/json-syntax';
import { readTextFile } from './text-file';
import { FILE_LIMITS } from './user-file';

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

/**
 * A rubric JSON document from disk (text-file.ts: a regular file, UTF-8 or GBK); an unreadable
 * or invalid file becomes a clear error (exit 2), naming the file as `shown` (an upload's own
 * name) when given, else by its path.
 */
export async function readJsonFile(path: string, shown = path): Promise<unknown> {
  const parsed = parseJsonText(await readTextFile(path, FILE_LIMITS.rubric, shown));
  if (parsed.ok) return parsed.json;
  throw new SailError(
    'invalid_json',
    `文件不是有效的 JSON（${shown}）：${parsed.reason.zh}`,
    `The file is not valid JSON (${shown}): ${parsed.reason.en}`,
  );
}
