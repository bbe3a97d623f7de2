// JSON exports of online platforms: an array of records (or one wrapped in {data: …}), nested
// objects flattened to dotted keys, lists joined with 、. Decoded with iconv-lite (as CSV) and
// parsed with the built-in JSON.parse; jsonErrorOffset only locates an error for the message.

import iconv from 'iconv-lite';
import { jsonErrorOffset, lineAndColumn } from '../../core/json-syntax';
import { Columns, isBlank } from './columns';
import { detectEncoding, looksBinary, utf16Bom, utf16WithoutBom } from './encoding';
import * as err from './errors';
import type { SourceRow, SourceTable, TableReadOptions } from './types';

/** Nesting beyond this is not a table of records. */
const MAX_DEPTH = 32;
/** Where platforms put the list: {data: [...]}, {data: {list: [...]}}, … */
const WRAPPER_KEYS = [
  'data',
  'items',
  'records',
  'rows',
  'list',
  'results',
  'result',
  'entries',
  'submissions',
  'candidates',
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isRecord = (v: Json | undefined): v is { [key: string]: Json } =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The array of records in a parsed document, looking inside wrapper objects. */
function findRecords(value: Json, depth = 0): Json[] | null {
  if (Array.isArray(value)) return value;
  if (!isRecord(value) || depth > 3) return null;
  for (const key of WRAPPER_KEYS) {
    const inner = value[key];
    if (Array.isArray(inner)) return inner;
  }
  const arrays = Object.values(value).filter((v) => Array.isArray(v));
  if (arrays.length === 1 && Array.isArray(arrays[0])) return arrays[0];
  for (const key of WRAPPER_KEYS) {
    const inner = value[key];
    if (isRecord(inner)) {
      const found = findRecords(inner, depth + 1);
      if (found) return found;
    }
  }
  return null;
}

const scalarText = (v: null | boolean | number | string): string => {
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
};

/** Dotted keys → text parts; list items add parts, joined with 、 afterwards. */
function flatten(value: Json, key: string, out: Map<string, string[]>, depth: number): void {
  if (depth > MAX_DEPTH) throw new RangeError('nested too deeply');
  if (Array.isArray(value)) {
    // An empty or plain list is still a column; a list of objects gives dotted columns only.
    if (!out.has(key) && !value.some(isRecord)) out.set(key, []);
    for (const item of value) flatten(item, key, out, depth + 1);
    return;
  }
  if (isRecord(value)) {
    for (const [k, v] of Object.entries(value))
      flatten(v, key === '' ? k : `${key}.${k}`, out, depth + 1);
    return;
  }
  const parts = out.get(key);
  const text = scalarText(value);
  if (!parts) out.set(key, [text]);
  else if (text !== '') parts.push(text);
}

export async function openJson(
  path: string,
  bytes: Buffer,
  options: TableReadOptions,
): Promise<SourceTable> {
  const shown = err.shownFile(path, options);
  const head = bytes.subarray(0, 1024 * 1024);
  if (!utf16Bom(head) && !utf16WithoutBom(head) && looksBinary(head)) throw err.binary(shown);
  const encoding = await detectEncoding(shown, bytes, options.encoding, () =>
    Promise.resolve(null),
  );
  const text = iconv.decode(bytes, encoding.codec);
  if (text.trim() === '') throw err.empty(shown);
  let doc: Json;
  try {
    doc = JSON.parse(text) as Json;
  } catch {
    const offset = jsonErrorOffset(text);
    const { line, column } = lineAndColumn(text, Math.max(0, offset));
    throw err.jsonInvalid(shown, line, column, Math.max(0, offset));
  }
  const records = findRecords(doc);
  if (!records) {
    throw err.jsonNotTable(shown, '找不到记录数组', 'no array of records was found');
  }
  const flat: Map<string, string>[] = [];
  try {
    for (const record of records) {
      const parts = new Map<string, string[]>();
      flatten(record, isRecord(record) ? '' : 'value', parts, 0);
      flat.push(new Map([...parts].map(([k, v]) => [k, v.join('、')])));
    }
  } catch {
    throw err.jsonNotTable(
      path,
      `嵌套超过 ${MAX_DEPTH} 层`,
      `nested more than ${MAX_DEPTH} levels`,
    );
  }
  const keys = [...new Set(flat.flatMap((record) => [...record.keys()]))];
  if (keys.length === 0) {
    if (records.length === 0) throw err.empty(shown);
    throw err.noHeader(shown);
  }
  const columns = new Columns(shown, 1, keys);

  async function* rows(): AsyncGenerator<SourceRow> {
    for (let i = 0; i < flat.length; i++) {
      // Give the event loop a turn now and then: the records are all in memory already.
      if (i % 1000 === 999) await new Promise((resolve) => setImmediate(resolve));
      err.throwIfAborted(options.signal);
      const record = flat[i] ?? new Map<string, string>();
      const cells = keys.map((k) => record.get(k) ?? '');
      if (!isBlank(cells)) yield { row: i + 2, values: columns.align(cells, i + 2) };
      if ((i + 1) % 1000 === 0 || i + 1 === flat.length) options.onProgress?.(i + 1, flat.length);
    }
  }

  return {
    format: 'json',
    encoding: encoding.label,
    sheet: null,
    sheets: [],
    headers: columns.headers,
    headerRow: 1,
    rows: rows(),
  };
}
