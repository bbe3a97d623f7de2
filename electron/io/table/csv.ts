// Delimited text, parsed by papaparse (a well-kept RFC 4180 parser that streams) as the file
// comes in through iconv-lite's decoder (GBK and GB18030, which Node cannot decode). Decided here
// from the first megabyte first, so papaparse gets decoded text and a fixed format: the encoding
// (BOM, strict UTF-8, else GB18030), the delimiter (papaparse's own guess looks at ten lines,
// which a title row and notes above a table mislead) and the line break. Rows are numbered by
// record, as Excel shows them: a quoted field with line breaks is one row, a blank line is a row.
// Where papaparse and Excel part ways, on text after a closing quote, the file is refused.

import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import type { Transform } from 'node:stream';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
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

const DELIMITERS = [',', '\t', ';'] as const;

type LineBreak = '\r\n' | '\n' | '\r';

interface Parsed {
  records: string[][];
  /** papaparse's guess when none was given: the line break most records end with. */
  linebreak: LineBreak;
  /** Index of the first record with text after a closing quote, or -1. */
  badQuotes: number;
}

/**
 * Records of `text` as papaparse splits them (RFC 4180; a blank line is a record of one empty
 * field). Unless `complete`, the last record is dropped: it may go on past the text.
 */
function parseText(
  text: string,
  delimiter: string,
  complete: boolean,
  newline?: LineBreak,
): Parsed {
  const result = Papa.parse<string[]>(text, {
    delimiter,
    quoteChar: '"',
    skipEmptyLines: false,
    ...(newline ? { newline } : {}),
  });
  const records = result.data;
  if (!complete) records.pop();
  const bad = result.errors.find(
    (e) => e.code === 'InvalidQuotes' && (e.row ?? Infinity) < records.length,
  );
  return {
    records,
    linebreak: result.meta.linebreak as LineBreak,
    badQuotes: bad?.row ?? -1,
  };
}

/**
 * The delimiter whose records most consistently split into the same number (≥ 2) of fields,
 * weighted by that number, so a stray ';' inside comma-separated text does not win. Ties go to
 * comma, then tab, then semicolon; a one-column file gets a comma. (papaparse's own guess looks
 * at ten lines only, which a title row and notes above the table can mislead.)
 */
export function detectDelimiter(text: string, complete: boolean): string {
  let best: { delimiter: string; score: number } = { delimiter: ',', score: 0 };
  for (const delimiter of DELIMITERS) {
    const records = parseText(text.slice(0, 256 * 1024), delimiter, complete)
      .records.filter((r) => !isBlank(r))
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

async function readSample(handle: FileHandle, position: number): Promise<Uint8Array | null> {
  const buffer = Buffer.alloc(SAMPLE_BYTES);
  const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, position);
  return bytesRead === 0 ? null : buffer.subarray(0, bytesRead);
}

function ioError(shown: string, e: unknown): SailError {
  if (e instanceof SailError) return e;
  return err.unreadable(shown, err.ioDetail(e));
}

export async function openCsv(
  path: string,
  handle: FileHandle,
  size: number,
  options: TableReadOptions,
): Promise<SourceTable> {
  const shown = err.shownFile(path, options);
  const sample = (await readSample(handle, 0)) ?? new Uint8Array();
  const complete = sample.length >= size;
  if (!hasUtf16Bom(sample) && looksBinary(sample)) throw err.binary(shown);
  let position = sample.length;
  const encoding = await detectEncoding(sample, options.encoding, async () => {
    if (position >= size) return null;
    const next = await readSample(handle, position);
    position += next?.length ?? size;
    return next;
  });
  const text = iconv.decode(Buffer.from(sample), encoding.codec);
  if (/^\s*<(?:!doctype|html|\?xml|table)/i.test(text)) throw err.markup(shown);
  const delimiter = detectDelimiter(text, complete);
  // The line break is fixed from the sample, so the rows streamed later split the same way.
  const first = parseText(text, delimiter, complete);
  if (first.badQuotes >= 0) throw err.csvQuotes(shown, first.badQuotes + 1, 'after');
  const leading = first.records.map((cells, i): RawRecord => ({ row: i + 1, cells }));
  const header = chooseHeader(leading);
  if (!header) {
    if (leading.every((r) => isBlank(r.cells))) throw err.empty(shown);
    throw err.noHeader(shown);
  }
  const columns = new Columns(header.cells);
  const format = { delimiter, newline: first.linebreak };
  return {
    format: 'csv',
    encoding: encoding.label,
    sheet: null,
    sheets: [],
    headers: columns.headers,
    headerRow: header.row,
    rows: csvRows(path, size, encoding, format, header.row, columns, options),
  };
}

/** Decoded chunks parsed ahead of the reader before the file is paused. */
const CHUNKS_AHEAD = 4;
/**
 * The longest record in progress, in characters. papaparse parses an unfinished record again
 * with every chunk, so a quote left open would make reading the rest of the file quadratic.
 */
const MAX_OPEN_RECORD = 4 * 1024 * 1024;

/**
 * The data rows, streamed from the start of the file when first iterated: the file through
 * iconv-lite's decoder into papaparse, which hands over the records of each chunk. The file is
 * paused while a few chunks wait to be read, so it is never all in memory.
 */
async function* csvRows(
  path: string,
  size: number,
  encoding: Encoding,
  format: { delimiter: string; newline: LineBreak },
  headerRow: number,
  columns: Columns,
  options: TableReadOptions,
): AsyncGenerator<SourceRow> {
  const shown = err.shownFile(path, options);
  const file = createReadStream(path, { highWaterMark: 256 * 1024 });
  // iconv-lite's decoder is a Transform; its typings say only ReadWriteStream.
  const text = iconv.decodeStream(encoding.codec) as unknown as Transform;
  let bytes = 0;
  file.on('data', (chunk: string | Buffer) => {
    bytes += chunk.length;
  });
  file.on('error', (e) => text.destroy(e));
  file.pipe(text);
  /** Characters handed to papaparse (counted before papaparse sees them) and records parsed. */
  let chars = 0;
  let parsed = 0;
  text.on('data', (chunk: string) => {
    chars += chunk.length;
  });

  /** Records of chunks papaparse has parsed, and where the first bad quotes are, if any. */
  const chunks: { records: string[][]; badQuotes: number }[] = [];
  /** Set from papaparse's callbacks. */
  const state: { finished: boolean; failure: Error | null } = { finished: false, failure: null };
  let wake: (() => void) | null = null;
  const notify = (): void => {
    wake?.();
    wake = null;
  };
  Papa.parse<string[]>(text, {
    ...format,
    quoteChar: '"',
    skipEmptyLines: false,
    chunk: (results) => {
      // Only in whole records: the one cut by the end of the chunk (a closing quote followed by
      // half a CRLF, say) is parsed again with the next chunk.
      const bad = results.errors.find(
        (e) => e.code === 'InvalidQuotes' && (e.row ?? Infinity) < results.data.length,
      );
      chunks.push({ records: results.data, badQuotes: bad?.row ?? -1 });
      parsed += results.data.length;
      if (chars - results.meta.cursor > MAX_OPEN_RECORD) {
        state.failure = err.csvQuotes(shown, parsed + 1, 'open');
        text.destroy();
      } else if (chunks.length >= CHUNKS_AHEAD) text.pause();
      notify();
    },
    complete: () => {
      state.finished = true;
      notify();
    },
    error: (e: Error) => {
      state.failure = e;
      notify();
    },
  });

  let record = 0;
  let reported = 0;
  try {
    for (;;) {
      const chunk = chunks.shift();
      if (!chunk) {
        if (state.failure) throw state.failure;
        if (state.finished) break;
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      if (chunks.length < CHUNKS_AHEAD) text.resume();
      for (let i = 0; i < chunk.records.length; i++) {
        err.throwIfAborted(options.signal);
        record++;
        if (i === chunk.badQuotes) throw err.csvQuotes(shown, record, 'after');
        const cells = chunk.records[i] ?? [];
        if (record > headerRow && !isBlank(cells)) {
          yield { row: record, values: columns.align(cells) };
        }
      }
      if (bytes !== reported) {
        reported = bytes;
        options.onProgress?.(bytes, size);
      }
    }
  } catch (e) {
    throw ioError(shown, e);
  } finally {
    file.destroy();
    text.destroy();
  }
}
