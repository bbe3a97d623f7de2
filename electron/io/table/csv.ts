// Delimited text, parsed by papaparse (a well-kept RFC 4180 parser that streams) as the file
// comes in through iconv-lite's decoder (GBK and GB18030, which Node cannot decode). Decided here
// from the first megabyte first, so papaparse gets decoded text and a fixed format: the encoding
// (encoding.ts: BOM, UTF-16, strict UTF-8, else GB18030 unless the text reads as another
// encoding), the delimiter (papaparse's own guess looks at ten lines, which a title row and notes
// above a table mislead) and the line break. Rows are numbered by record, as Excel shows them: a
// quoted field with line breaks is one row, a blank line is a row. Where papaparse and Excel part
// ways, on text after a closing quote, the file is refused.

import type { Transform } from 'node:stream';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { SailError } from '../../core/errors';
import { FILE_LIMITS, fileError, openUserFile, streamUserFile, type UserFile } from '../user-file';
import { chooseHeader, Columns, isBlank } from './columns';
import { detectEncoding, looksBinary, utf16Bom, utf16WithoutBom, type Encoding } from './encoding';
import * as err from './errors';
import type { RawRecord, SourceRow, SourceTable, TableReadOptions } from './types';

/** How much of the file is read up front to find the encoding, delimiter and header. */
const SAMPLE_BYTES = 1024 * 1024;
/** Records of the sample parsed to find the header (blank lines and notes above it included). */
const LEADING_RECORDS = 5000;

const DELIMITERS = [',', '\t', ';'] as const;

type LineBreak = '\r\n' | '\n' | '\r';

interface Parsed {
  records: string[][];
  /** papaparse's guess when none was given: the line break most records end with. */
  linebreak: LineBreak;
  /** Index of the first record with text after a closing quote, or -1. */
  badQuotes: number;
  /** Whether the text goes on past the records returned. */
  more: boolean;
}

/**
 * Records of `text` as papaparse splits them (RFC 4180; a blank line is a record of one empty
 * field), the first `preview` only if given. Unless `complete`, a last record that reaches the
 * end of the text is dropped: it may go on past it.
 */
function parseText(text: string, delimiter: string, complete: boolean, preview?: number): Parsed {
  const result = Papa.parse<string[]>(text, {
    delimiter,
    quoteChar: '"',
    skipEmptyLines: false,
    ...(preview ? { preview } : {}),
  });
  const records = result.data;
  if (!complete && !result.meta.truncated) records.pop();
  const bad = result.errors.find(
    (e) => e.code === 'InvalidQuotes' && (e.row ?? Infinity) < records.length,
  );
  return {
    records,
    linebreak: result.meta.linebreak as LineBreak,
    badQuotes: bad?.row ?? -1,
    more: !complete || result.meta.truncated,
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
    // A thousand records are enough to find a hundred that are not blank, and cheap even when
    // they are a single character each.
    const records = parseText(text.slice(0, 256 * 1024), delimiter, complete, 1000)
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

async function readSample(file: UserFile, position: number): Promise<Uint8Array | null> {
  const length = Math.min(SAMPLE_BYTES, file.size - position);
  if (length <= 0) return null;
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.handle.read(buffer, 0, length, position);
  return bytesRead === 0 ? null : buffer.subarray(0, bytesRead);
}

/**
 * Whether `text`, from the start of a record, ends inside a quoted field: a quote opens a field
 * only at its start, and "" inside one is a quote. Tells a quote left open from a line that is
 * merely long.
 */
export function endsInQuotes(text: string, delimiter: string): boolean {
  let quoted = false;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (quoted) {
      if (c === '"') {
        if (text.charAt(i + 1) === '"') i++;
        else quoted = false;
      }
    } else if (fieldStart && c === '"') {
      quoted = true;
      fieldStart = false;
    } else fieldStart = c === delimiter || c === '\n' || c === '\r';
  }
  return quoted;
}

/** A record that runs on past `limit` characters: a quote left open, or no line break. */
function runOnRecord(shown: string, row: number, text: string, delimiter: string, limit: number) {
  const mb = Math.round(limit / (1024 * 1024));
  return endsInQuotes(text, delimiter)
    ? err.csvQuotes(shown, row, 'open', mb)
    : err.csvRowTooLong(shown, row, mb);
}

export async function openCsv(
  path: string,
  file: UserFile,
  options: TableReadOptions,
): Promise<SourceTable> {
  const shown = err.shownFile(path, options);
  const sample = (await readSample(file, 0)) ?? new Uint8Array();
  const complete = sample.length >= file.size;
  if (!utf16Bom(sample) && !utf16WithoutBom(sample) && looksBinary(sample)) {
    throw err.binary(shown);
  }
  let position = sample.length;
  const encoding = await detectEncoding(shown, sample, options.encoding, async () => {
    const next = await readSample(file, position);
    position += next?.length ?? 0;
    return next;
  });
  const text = iconv.decode(Buffer.from(sample), encoding.codec);
  if (/^\s*<(?:!doctype|html|\?xml|table)/i.test(text)) throw err.markup(shown);
  const delimiter = detectDelimiter(text, complete);
  // The line break is fixed from the sample, so the rows streamed later split the same way. The
  // header is among the first records; the rest are read again as rows.
  const first = parseText(text, delimiter, complete, LEADING_RECORDS);
  if (first.badQuotes >= 0) throw err.csvQuotes(shown, first.badQuotes + 1, 'after');
  // Not one whole record in the first megabyte: not a table, whatever papaparse makes of it.
  if (!complete && first.records.length === 0) {
    throw runOnRecord(shown, 1, text, delimiter, SAMPLE_BYTES);
  }
  const leading = first.records.map((cells, i): RawRecord => ({ row: i + 1, cells }));
  const header = chooseHeader(leading);
  if (!header) {
    if (leading.every((r) => isBlank(r.cells)) && !first.more) throw err.empty(shown);
    throw err.noHeader(shown);
  }
  const columns = new Columns(shown, header.row, header.cells);
  const format = { delimiter, newline: first.linebreak };
  return {
    format: 'csv',
    encoding: encoding.label,
    sheet: null,
    sheets: [],
    headers: columns.headers,
    headerRow: header.row,
    rows: csvRows(path, file, encoding, format, header.row, columns, options),
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
 * paused while a few chunks wait to be read, so it is never all in memory. It is opened again,
 * as checked before (a regular file), and must still be the file that was opened, of its size.
 */
async function* csvRows(
  path: string,
  opened: UserFile,
  encoding: Encoding,
  format: { delimiter: string; newline: LineBreak },
  headerRow: number,
  columns: Columns,
  options: TableReadOptions,
): AsyncGenerator<SourceRow> {
  const shown = err.shownFile(path, options);
  const again = await openUserFile(path, FILE_LIMITS.csv, shown);
  if (again.identity !== opened.identity || again.size !== opened.size) {
    await again.handle.close();
    throw err.changed(shown);
  }
  const size = again.size;
  const file = streamUserFile(again);
  // iconv-lite's decoder is a Transform; its typings say only ReadWriteStream.
  const text = iconv.decodeStream(encoding.codec) as unknown as Transform;
  let bytes = 0;
  file.on('data', (chunk: string | Buffer) => {
    bytes += chunk.length;
  });
  file.on('error', (e) => text.destroy(e));
  file.pipe(text);
  /**
   * Characters handed to papaparse (counted before papaparse sees them), the text from the start
   * of the record in progress (kept to tell why it runs on, should it) and records parsed.
   */
  let chars = 0;
  let pending = '';
  let pendingFrom = 0;
  let parsed = 0;
  text.on('data', (chunk: string) => {
    chars += chunk.length;
    pending += chunk;
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
      pending = pending.slice(results.meta.cursor - pendingFrom);
      pendingFrom = results.meta.cursor;
      if (chars - results.meta.cursor > MAX_OPEN_RECORD) {
        state.failure = runOnRecord(shown, parsed + 1, pending, format.delimiter, MAX_OPEN_RECORD);
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
          yield { row: record, values: columns.align(cells, record) };
        }
      }
      if (bytes !== reported) {
        reported = bytes;
        options.onProgress?.(bytes, size);
      }
    }
  } catch (e) {
    throw e instanceof SailError ? e : fileError(shown, e);
  } finally {
    file.destroy();
    text.destroy();
  }
}
