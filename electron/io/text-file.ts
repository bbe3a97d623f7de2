// A small document a person names, read whole as text: a rubric, a column mapping, a list of
// entry ids. A regular file under the cap of its kind (user-file.ts), in UTF-8 or in GBK as
// Chinese Windows editors save it (the same detection as table files).
import iconv from 'iconv-lite';
import { detectEncoding } from './table/encoding';
import { readUserFile } from './user-file';

/** `shown` names the file in messages (an upload by its own name); by default its path. */
export async function readTextFile(path: string, maxBytes: number, shown = path): Promise<string> {
  const bytes = await readUserFile(path, maxBytes, shown);
  const encoding = await detectEncoding(shown, bytes, 'auto', () => Promise.resolve(null));
  return iconv.decode(bytes, encoding.codec).replace(/^\uFEFF/, '');
}
