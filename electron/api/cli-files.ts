// Files the CLI reads for its options (design/CLI.md): a column mapping (`import --mapping`),
// a list of entry ids (`round create --entries`) and a package's passphrase (`--passphrase-file`). Read as every file a person names is
// (io/text-file.ts: a regular file under a cap, UTF-8 or GBK), refused in both languages.
import { parseEntryIdList } from '../core/entry-id-list';
import { SailError } from '../core/errors';
import { parseJsonText } from '../core/json-syntax';
import { readTextFile } from '../io/text-file';
import { FILE_LIMITS, readUserFile } from '../io/user-file';

/** A mapping file: a JSON object {"header": "field" or null}. */
export async function readMappingFile(path: string): Promise<Record<string, string | null>> {
  const parsed = parseJsonText(await readTextFile(path, FILE_LIMITS.mapping));
  if (!parsed.ok) {
    throw new SailError(
      'invalid_mapping',
      `列映射文件 ${path} 不是有效的 JSON：${parsed.reason.zh}`,
      `The mapping file ${path} is not valid JSON: ${parsed.reason.en}`,
    );
  }
  const json = parsed.json;
  if (
    json === null ||
    typeof json !== 'object' ||
    Array.isArray(json) ||
    !Object.values(json).every((value) => value === null || typeof value === 'string')
  ) {
    throw new SailError(
      'invalid_mapping',
      `列映射文件 ${path} 应为 {"表头": "字段" 或 null} 形式的 JSON 对象`,
      `The mapping file ${path} must be a JSON object {"header": "field" or null}`,
    );
  }
  return json as Record<string, string | null>;
}

/** An entry id list: one id per line, or a CSV with an id column. */
export async function readEntryListFile(path: string): Promise<string[]> {
  return parseEntryIdList(await readTextFile(path, FILE_LIMITS.entryList));
}

/** A passphrase file: a small regular file, its one trailing newline trimmed (as editors save it). */
export async function readPassphraseFile(path: string): Promise<string> {
  const bytes = await readUserFile(path, 4096);
  const passphrase = bytes
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .replace(/\r?\n$/, '');
  if (passphrase.length === 0) {
    throw new SailError(
      'passphrase_empty',
      `口令文件“${path}”是空的。`,
      `The passphrase file "${path}" is empty.`,
    );
  }
  return passphrase;
}

/** The organiser's public key for `verify --public-key` (PEM text, a few hundred bytes). */
export async function readPublicKeyFile(path: string): Promise<string> {
  return readTextFile(path, FILE_LIMITS.mapping);
}
