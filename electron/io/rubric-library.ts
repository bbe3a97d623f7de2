// The default rubric library shipped in resources/rubrics (one JSON file per rubric).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { SailError } from '../core/errors';
import { parseRubricJson } from '../core/rubric';
import { detectEncoding } from './table/csv';

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
 * A rubric JSON document from disk, in UTF-8 or in GBK as Chinese Windows editors save it (the
 * same detection as entry files); unreadable or invalid files become a clear error (exit 2),
 * naming the file as `shown` (an upload's own name) when given, else by its path.
 */
export async function readJsonFile(path: string, shown = path): Promise<unknown> {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new SailError('file_unreadable', `无法读取文件：${shown}`, `Cannot read file: ${shown}`);
  }
  const encoding = await detectEncoding(bytes, 'auto', () => Promise.resolve(null));
  const parsed = parseRubricJson(iconv.decode(Buffer.from(bytes), encoding.codec));
  if (parsed.ok) return parsed.json;
  throw new SailError(
    'invalid_json',
    `文件不是有效的 JSON（${shown}）：${parsed.reason.zh}`,
    `The file is not valid JSON (${shown}): ${parsed.reason.en}`,
  );
}
