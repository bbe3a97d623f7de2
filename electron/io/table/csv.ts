// Delimited text: encoding and delimiter detection, and a streaming RFC 4180 reader that counts
// records the way Excel shows rows (a quoted field with line breaks is still one row).

import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { SailError } from '../../core/errors';
import { chooseHeader, Columns, isBlank } from './columns';
import * as err from './errors';
import type { RawRecord, SourceRow, SourceTable, TableReadOptions } from './types';

/** How much of the file is read up front to find the encoding, delimiter and header. */
const SAMPLE_BYTES = 1024 * 1024;

export interface Encoding {
  /** iconv-lite codec name. */
  codec: 'utf8' | 'utf16le' | 'utf16be' | 'gb18030';
  /** Name reported to people. */
  label: string;
}

const UTF8: Encoding = { codec: 'utf8', label: 'utf-8' };

function hasUtf16Bom(bytes: Uint8Array): Encoding | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { codec: 'utf16le', label: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { codec: 'utf16be', label: 'utf-16be' };
  return null;
}

const hasUtf8Bom = (bytes: Uint8Array): boolean =>
  bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;

/** NUL bytes, or more than 1% other C0 controls: not text. */
export function looksBinary(bytes: Uint8Array): boolean {
  let controls = 0;
  for (const b of bytes) {
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) {
      controls++;
    }
  }
  return controls > 8 && controls > bytes.length / 100;
}

/** Four-byte GB18030 sequences (characters GBK lacks, such as 𠀀). */
function hasGb18030FourByte(bytes: Uint8Array): boolean {
  for (let i = 0; i + 3 < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    if (b < 0x81) continue;
    const b2 = bytes[i + 1] ?? 0;
    if (b2 >= 0x30 && b2 <= 0x39) {
      const b3 = bytes[i + 2] ?? 0;
      const b4 = bytes[i + 3] ?? 0;
      if (b3 >= 0x81 && b3 <= 0xfe && b4 >= 0x30 && b4 <= 0x39) return true;
    }
    i++; // the trail byte of a two-byte character is not a lead byte
  }
  return false;
}

/** Valid UTF-8, allowing a multibyte character cut off at the end of the sample. */
function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * The encoding of `sample`, the start of a file. `more` reads on past an all-ASCII sample, so a
 * file whose first megabyte is ASCII still gets judged on its first non-ASCII bytes.
 */
export async function detectEncoding(
  sample: Uint8Array,
  choice: TableReadOptions['encoding'],
  more: () => Promise<Uint8Array | null>,
): Promise<Encoding> {
  const utf16 = hasUtf16Bom(sample);
  if (choice === 'utf8') return UTF8;
  if (choice === 'gbk') {
    return { codec: 'gb18030', label: hasGb18030FourByte(sample) ? 'gb18030' : 'gbk' };
  }
  if (utf16) return utf16;
  if (hasUtf8Bom(sample)) return UTF8;
  let bytes: Uint8Array | null = sample;
  while (bytes && bytes.every((b) => b < 0x80)) bytes = await more();
  if (!bytes || isUtf8(bytes)) return UTF8;
  return { codec: 'gb18030', label: hasGb18030FourByte(bytes) ? 'gb18030' : 'gbk' };
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  /** A quote inside a quoted field: either the first of "" or the closing quote. */
  QuotePending,
}

/**
 * RFC 4180 records from text pushed in pieces. Like Excel: CR, LF and CRLF all end a record; a
 * quote only opens a quoted field at its start; text after a closing quote is kept; an
 * unterminated quoted field runs to the end of the file.
 */
export class CsvTokenizer {
  private state = State.FieldStart;
  private field = '';
  private record: string[] = [];
  private skipLf = false;
  private readonly delimiter: number;

  constructor(delimiter: string) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  push(text: string, out: string[][]): void {
    const n = text.length;
    let i = 0;
    if (this.skipLf && n > 0) {
      if (text.charCodeAt(0) === LF) i = 1;
      this.skipLf = false;
    }
    while (i < n) {
      if (this.state === State.Quoted) {
        const q = text.indexOf('"', i);
        if (q === -1) {
          this.field += text.slice(i);
          return;
        }
        this.field += text.slice(i, q);
        i = q + 1;
        this.state = State.QuotePending;
        continue;
      }
      if (this.state === State.QuotePending) {
        if (text.charCodeAt(i) === QUOTE) {
          this.field += '"';
          i++;
          this.state = State.Quoted;
        } else {
          this.state = State.Unquoted;
        }
        continue;
      }
      if (this.state === State.FieldStart && text.charCodeAt(i) === QUOTE) {
        this.state = State.Quoted;
        i++;
        continue;
      }
      let j = i;
      for (; j < n; j++) {
        const c = text.charCodeAt(j);
        if (c === this.delimiter || c === CR || c === LF) break;
      }
      if (j > i) {
        this.field += text.slice(i, j);
        this.state = State.Unquoted;
        i = j;
      }
      if (i >= n) return;
      const c = text.charCodeAt(i);
      this.endField();
      i++;
      if (c !== this.delimiter) {
        out.push(this.record);
        this.record = [];
        if (c === CR) {
          if (i < n) {
            if (text.charCodeAt(i) === LF) i++;
          } else {
            this.skipLf = true;
          }
        }
      }
    }
  }

  /** Flush the last record if the text did not end with a line break. */
  end(out: string[][]): void {
    if (this.record.length > 0 || this.field !== '' || this.state !== State.FieldStart) {
      this.endField();
      out.push(this.record);
      this.record = [];
    }
  }

  private endField(): void {
    this.record.push(this.field);
    this.field = '';
    this.state = State.FieldStart;
  }
}

const DELIMITERS = [',', '\t', ';'] as const;

/**
 * The delimiter whose records most consistently split into the same number (≥ 2) of fields,
 * weighted by that number, so a stray ';' inside comma-separated text does not win. Ties go to
 * comma, then tab, then semicolon; a one-column file gets a comma.
 */
export function detectDelimiter(text: string, complete: boolean): string {
  let best: { delimiter: string; score: number } = { delimiter: ',', score: 0 };
  for (const delimiter of DELIMITERS) {
    const records = tokenize(text.slice(0, 256 * 1024), delimiter, complete)
      .filter((r) => !isBlank(r))
      .slice(0, 100);
    const counts = new Map<number, number>();
    for (const r of records) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
    let modal = 0;
    let modalCount = 0;
    for (const [fields, count] of counts) {
      if (count > modalCount || (count === modalCount && fields > modal)) {
        modal = fields;
        modalCount = count;
      }
    }
    if (modal < 2 || records.length === 0) continue;
    const score = (modalCount / records.length) * modal;
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

function tokenize(text: string, delimiter: string, complete: boolean): string[][] {
  const out: string[][] = [];
  const tokenizer = new CsvTokenizer(delimiter);
  tokenizer.push(text, out);
  if (complete) tokenizer.end(out);
  return out;
}

async function readSample(handle: FileHandle, position: number): Promise<Uint8Array | null> {
  const buffer = Buffer.alloc(SAMPLE_BYTES);
  const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, position);
  return bytesRead === 0 ? null : buffer.subarray(0, bytesRead);
}

function ioError(path: string, e: unknown): SailError {
  if (e instanceof SailError) return e;
  return err.unreadable(path, e instanceof Error ? e.message : String(e));
}

export async function openCsv(
  path: string,
  handle: FileHandle,
  size: number,
  options: TableReadOptions,
): Promise<SourceTable> {
  const sample = (await readSample(handle, 0)) ?? new Uint8Array();
  const complete = sample.length >= size;
  if (!hasUtf16Bom(sample) && looksBinary(sample)) throw err.binary(path);
  let position = sample.length;
  const encoding = await detectEncoding(sample, options.encoding, async () => {
    if (position >= size) return null;
    const next = await readSample(handle, position);
    position += next?.length ?? size;
    return next;
  });
  const text = iconv.decode(Buffer.from(sample), encoding.codec);
  if (/^\s*<(?:!doctype|html|\?xml|table)/i.test(text)) throw err.markup(path);
  const delimiter = detectDelimiter(text, complete);
  const leading = tokenize(text, delimiter, complete).map((cells, i): RawRecord => ({
    row: i + 1,
    cells,
  }));
  const header = chooseHeader(leading);
  if (!header) {
    if (leading.every((r) => isBlank(r.cells))) throw err.empty(path);
    throw err.noHeader(path);
  }
  const columns = new Columns(header.cells);
  return {
    format: 'csv',
    encoding: encoding.label,
    sheet: null,
    sheets: [],
    headers: columns.headers,
    headerRow: header.row,
    rows: csvRows(path, size, encoding, delimiter, header.row, columns, options),
  };
}

/** The data rows, streamed from the start of the file when first iterated. */
async function* csvRows(
  path: string,
  size: number,
  encoding: Encoding,
  delimiter: string,
  headerRow: number,
  columns: Columns,
  options: TableReadOptions,
): AsyncGenerator<SourceRow> {
  const stream = createReadStream(path, { highWaterMark: 256 * 1024 });
  const decoder = iconv.getDecoder(encoding.codec);
  const tokenizer = new CsvTokenizer(delimiter);
  let record = 0;
  let bytes = 0;
  const out: string[][] = [];
  function* emit(): Generator<SourceRow> {
    for (const cells of out) {
      record++;
      if (record > headerRow && !isBlank(cells)) {
        yield { row: record, values: columns.align(cells) };
      }
    }
    out.length = 0;
  }
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      err.throwIfAborted(options.signal);
      bytes += chunk.length;
      tokenizer.push(decoder.write(chunk), out);
      yield* emit();
      options.onProgress?.(bytes, size);
    }
    tokenizer.push(decoder.end() ?? '', out);
    tokenizer.end(out);
    yield* emit();
  } catch (e) {
    throw ioError(path, e);
  } finally {
    stream.destroy();
  }
}
