// Just enough of ZIP to read an XLSX held in memory: the central directory, stored and deflated
// entries, and a streaming inflate for large worksheets. Every defect becomes a ZipError.

import { Readable } from 'node:stream';
import { createInflateRaw, inflateRawSync } from 'node:zlib';

export class ZipError extends Error {}

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX32 = 0xffffffff;
const SLICE = 256 * 1024;

export const isZip = (bytes: Uint8Array): boolean =>
  bytes[0] === 0x50 &&
  bytes[1] === 0x4b &&
  ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));

export class ZipArchive {
  private readonly entries = new Map<string, ZipEntry>();

  constructor(private readonly buf: Buffer) {
    this.readDirectory();
  }

  /** Entry names are matched case-insensitively, with '\' read as '/'. */
  has(name: string): boolean {
    return this.entries.has(key(name));
  }

  /** The whole entry as UTF-8 text (BOM removed), refusing more than `limit` bytes inflated. */
  text(name: string, limit: number): string {
    const entry = this.entry(name);
    const data = this.data(entry);
    let bytes: Buffer;
    if (entry.method === 0) bytes = data;
    else {
      try {
        bytes = inflateRawSync(data, { maxOutputLength: limit });
      } catch (e) {
        throw new ZipError(`${name}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    if (bytes.length > limit) throw new ZipError(`${name} is too large`);
    return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  }

  /**
   * The entry inflated piece by piece. `onRead(done, total)` reports compressed bytes consumed.
   */
  async *chunks(
    name: string,
    onRead?: (done: number, total: number) => void,
  ): AsyncGenerator<Buffer> {
    const entry = this.entry(name);
    const data = this.data(entry);
    function* slices(): Generator<Buffer> {
      for (let p = 0; p < data.length; p += SLICE) {
        yield data.subarray(p, p + SLICE);
        onRead?.(Math.min(p + SLICE, data.length), data.length);
      }
    }
    if (entry.method === 0) {
      yield* slices();
      return;
    }
    const source = Readable.from(slices());
    const inflate = createInflateRaw();
    source.pipe(inflate);
    try {
      for await (const chunk of inflate as AsyncIterable<Buffer>) yield chunk;
    } catch (e) {
      throw new ZipError(`${name}: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      source.destroy();
      inflate.destroy();
    }
  }

  private entry(name: string): ZipEntry {
    const entry = this.entries.get(key(name));
    if (!entry) throw new ZipError(`missing part ${name}`);
    if (entry.method !== 0 && entry.method !== 8) {
      throw new ZipError(`${name} uses unsupported compression ${entry.method}`);
    }
    return entry;
  }

  private data(entry: ZipEntry): Buffer {
    const p = entry.localOffset;
    if (p + 30 > this.buf.length || this.buf.readUInt32LE(p) !== LOCAL) {
      throw new ZipError(`bad local header for ${entry.name}`);
    }
    const start = p + 30 + this.buf.readUInt16LE(p + 26) + this.buf.readUInt16LE(p + 28);
    const end = start + entry.compressedSize;
    if (end > this.buf.length) throw new ZipError(`${entry.name} is truncated`);
    return this.buf.subarray(start, end);
  }

  private readDirectory(): void {
    const buf = this.buf;
    let eocd = -1;
    for (let p = buf.length - 22; p >= Math.max(0, buf.length - 22 - 0xffff); p--) {
      if (buf.readUInt32LE(p) === EOCD) {
        eocd = p;
        break;
      }
    }
    if (eocd < 0) throw new ZipError('end of central directory not found');
    let count = buf.readUInt16LE(eocd + 10);
    let offset = buf.readUInt32LE(eocd + 16);
    if (offset === MAX32 || count === 0xffff) {
      const locator = eocd - 20;
      if (locator < 0 || buf.readUInt32LE(locator) !== ZIP64_LOCATOR) {
        throw new ZipError('zip64 locator not found');
      }
      const record = safeNumber(buf.readBigUInt64LE(locator + 8));
      if (record + 56 > buf.length || buf.readUInt32LE(record) !== ZIP64_EOCD) {
        throw new ZipError('bad zip64 directory');
      }
      count = safeNumber(buf.readBigUInt64LE(record + 32));
      offset = safeNumber(buf.readBigUInt64LE(record + 48));
    }
    let p = offset;
    for (let i = 0; i < count; i++) {
      if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) {
        throw new ZipError('bad central directory');
      }
      const nameLength = buf.readUInt16LE(p + 28);
      const extraLength = buf.readUInt16LE(p + 30);
      const commentLength = buf.readUInt16LE(p + 32);
      if (p + 46 + nameLength + extraLength > buf.length)
        throw new ZipError('bad central directory');
      const entry: ZipEntry = {
        name: buf.toString('utf8', p + 46, p + 46 + nameLength),
        method: buf.readUInt16LE(p + 10),
        compressedSize: buf.readUInt32LE(p + 20),
        size: buf.readUInt32LE(p + 24),
        localOffset: buf.readUInt32LE(p + 42),
      };
      if ((buf.readUInt16LE(p + 8) & 1) === 1) throw new ZipError(`${entry.name} is encrypted`);
      readZip64Extra(buf.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength), entry);
      this.entries.set(key(entry.name), entry);
      p += 46 + nameLength + extraLength + commentLength;
    }
  }
}

/** Sizes and offsets of 0xFFFFFFFF live in the zip64 extra field, in this order. */
function readZip64Extra(extra: Buffer, entry: ZipEntry): void {
  for (let q = 0; q + 4 <= extra.length;) {
    const id = extra.readUInt16LE(q);
    const length = extra.readUInt16LE(q + 2);
    if (id === 1) {
      let r = q + 4;
      const next = (): number => {
        if (r + 8 > q + 4 + length || r + 8 > extra.length) throw new ZipError('bad zip64 field');
        const value = safeNumber(extra.readBigUInt64LE(r));
        r += 8;
        return value;
      };
      if (entry.size === MAX32) entry.size = next();
      if (entry.compressedSize === MAX32) entry.compressedSize = next();
      if (entry.localOffset === MAX32) entry.localOffset = next();
      return;
    }
    q += 4 + length;
  }
}

function safeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipError('offset out of range');
  return Number(value);
}

const key = (name: string): string => name.replace(/\\/g, '/').replace(/^\//, '').toLowerCase();
