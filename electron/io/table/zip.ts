// The parts of a ZIP package (an XLSX), unpacked under limits. A ZIP bomb is a small file whose
// parts unpack to gigabytes: the sizes the central directory declares are checked before
// anything is unpacked (their sum, and how far it exceeds what was packed), and each part is
// inflated by node:zlib with its declared size as the most it may produce, so a directory that
// lies is caught after at most one more chunk. A part is then checked against its CRC. Only the
// parts asked for are unpacked; the others are never inflated.

import { promisify } from 'node:util';
import { crc32, inflateRaw } from 'node:zlib';
import type { Reason } from '../user-file';
import * as err from './errors';

const inflate = promisify(inflateRaw);

export interface ZipLimits {
  /** Entries in the central directory. */
  maxEntries: number;
  /** Bytes the selected parts may unpack to, together. */
  maxUnpacked: number;
  /**
   * How many times their packed size the selected parts may unpack to, together. Spreadsheet XML
   * packs about 5–25 times smaller; a ZIP bomb about 1,000 times.
   */
  maxRatio: number;
  /** Below this many unpacked bytes the ratio is not looked at (tiny parts pack oddly). */
  ratioFrom: number;
}

/** Why a package was refused: damaged, or packed as only a ZIP bomb is. */
export class ZipRefusal extends Error {
  constructor(
    readonly kind: 'damaged' | 'bomb' | 'too_large',
    readonly reason: Reason,
  ) {
    super(reason.en);
  }
}

const damaged = (zh: string, en: string) => new ZipRefusal('damaged', { zh, en });

interface Entry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  packed: number;
  unpacked: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function u64(buf: Buffer, at: number): number {
  const value = buf.readBigUInt64LE(at);
  if (value > BigInt(Number.MAX_SAFE_INTEGER))
    throw damaged('大小字段超出范围', 'a size is out of range');
  return Number(value);
}

/** Where the central directory is and how many entries it has (ZIP64 records included). */
function findDirectory(buf: Buffer): { offset: number; size: number; entries: number } {
  const lowest = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let at = buf.length - 22; at >= lowest; at--) {
    if (buf.readUInt32LE(at) === EOCD) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) {
    throw damaged(
      '找不到 ZIP 目录（文件被截断）',
      'its ZIP directory is missing (the file is cut off)',
    );
  }
  let entries = buf.readUInt16LE(eocd + 10);
  let size = buf.readUInt32LE(eocd + 12);
  let offset = buf.readUInt32LE(eocd + 16);
  if (buf.readUInt16LE(eocd + 4) !== 0 || buf.readUInt16LE(eocd + 6) !== 0) {
    throw damaged('它是分卷压缩包的一部分', 'it is one volume of a split archive');
  }
  const locator = eocd - 20;
  if (locator >= 0 && buf.readUInt32LE(locator) === ZIP64_LOCATOR) {
    const record = u64(buf, locator + 8);
    if (record + 56 > locator || buf.readUInt32LE(record) !== ZIP64_EOCD) {
      throw damaged('ZIP64 目录记录损坏', 'its ZIP64 directory record is damaged');
    }
    entries = u64(buf, record + 32);
    size = u64(buf, record + 40);
    offset = u64(buf, record + 48);
    if (offset + size > record) {
      throw damaged('ZIP 目录超出了文件范围', 'its ZIP directory lies outside the file');
    }
  } else if (offset + size > eocd) {
    throw damaged(
      'ZIP 目录超出了文件范围（文件被截断）',
      'its ZIP directory lies outside the file (cut off)',
    );
  }
  return { offset, size, entries };
}

/** The values a ZIP64 extra field gives for the fields marked 0xFFFFFFFF. */
function zip64Values(
  extra: Buffer,
  wanted: { unpacked: boolean; packed: boolean; offset: boolean },
): { unpacked?: number; packed?: number; offset?: number } {
  for (let at = 0; at + 4 <= extra.length;) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === 0x0001) {
      const values: { unpacked?: number; packed?: number; offset?: number } = {};
      let p = at + 4;
      const next = (): number => {
        if (p + 8 > at + 4 + length)
          throw damaged('ZIP64 字段不完整', 'a ZIP64 field is incomplete');
        const value = u64(extra, p);
        p += 8;
        return value;
      };
      if (wanted.unpacked) values.unpacked = next();
      if (wanted.packed) values.packed = next();
      if (wanted.offset) values.offset = next();
      return values;
    }
    at += 4 + length;
  }
  throw damaged('缺少 ZIP64 字段', 'a ZIP64 field is missing');
}

/** The entries of the central directory, and where it starts (no part's bytes go past it). */
function readEntries(buf: Buffer, limits: ZipLimits): { entries: Entry[]; directoryStart: number } {
  const directory = findDirectory(buf);
  if (directory.entries > limits.maxEntries) {
    throw new ZipRefusal('bomb', {
      zh: `压缩包中有 ${directory.entries} 个部件，超过 ${limits.maxEntries} 个`,
      en: `it holds ${directory.entries} parts, more than ${limits.maxEntries}`,
    });
  }
  const entries: Entry[] = [];
  let at = directory.offset;
  const end = directory.offset + directory.size;
  for (let n = 0; n < directory.entries; n++) {
    if (at + 46 > end || buf.readUInt32LE(at) !== CENTRAL) {
      throw damaged('ZIP 目录损坏', 'its ZIP directory is damaged');
    }
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const next = at + 46 + nameLength + extraLength + commentLength;
    if (next > end) throw damaged('ZIP 目录损坏', 'its ZIP directory is damaged');
    const flags = buf.readUInt16LE(at + 8);
    // Bit 11: the name is UTF-8; otherwise code page 437, whose ASCII is all the parts use.
    const name = buf.toString(flags & 0x800 ? 'utf8' : 'latin1', at + 46, at + 46 + nameLength);
    let packed = buf.readUInt32LE(at + 20);
    let unpacked = buf.readUInt32LE(at + 24);
    let localOffset = buf.readUInt32LE(at + 42);
    const wanted = {
      unpacked: unpacked === 0xffffffff,
      packed: packed === 0xffffffff,
      offset: localOffset === 0xffffffff,
    };
    if (wanted.unpacked || wanted.packed || wanted.offset) {
      const extra = buf.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
      const values = zip64Values(extra, wanted);
      unpacked = values.unpacked ?? unpacked;
      packed = values.packed ?? packed;
      localOffset = values.offset ?? localOffset;
    }
    entries.push({
      name,
      flags,
      method: buf.readUInt16LE(at + 10),
      crc: buf.readUInt32LE(at + 16),
      packed,
      unpacked,
      localOffset,
    });
    at = next;
  }
  return { entries, directoryStart: directory.offset };
}

/** Where an entry's packed bytes are, from its local header. */
function packedBytes(buf: Buffer, entry: Entry, directoryStart: number): Buffer {
  const at = entry.localOffset;
  if (at + 30 > directoryStart || buf.readUInt32LE(at) !== LOCAL) {
    throw damaged(
      `部件 ${entry.name} 的位置不对`,
      `part ${entry.name} is not where the directory says`,
    );
  }
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  if (start + entry.packed > directoryStart) {
    throw damaged(`部件 ${entry.name} 被截断`, `part ${entry.name} is cut off`);
  }
  return buf.subarray(start, start + entry.packed);
}

const MB = 1024 * 1024;

/**
 * The parts of the package in `buf` that `select` names (by its name for them; null to leave a
 * part out), unpacked and checked, in the order of the directory. Throws ZipRefusal.
 */
export async function unpackParts(
  buf: Buffer,
  select: (name: string) => string | null,
  limits: ZipLimits,
  signal?: AbortSignal,
): Promise<Map<string, Buffer>> {
  if (buf.length < 22)
    throw damaged('文件太短，不是完整的 ZIP 压缩包', 'it is too short to be a whole ZIP package');
  const { entries, directoryStart } = readEntries(buf, limits);
  const chosen: Array<{ entry: Entry; name: string }> = [];
  const names = new Set<string>();
  for (const entry of entries) {
    const name = entry.name.endsWith('/') ? null : select(entry.name);
    if (name === null) continue;
    if (names.has(name)) {
      throw damaged(`部件 ${name} 出现了两次`, `part ${name} appears twice`);
    }
    names.add(name);
    chosen.push({ entry, name });
  }

  // What the directory declares, checked before anything is unpacked.
  const declared = chosen.reduce((sum, { entry }) => sum + entry.unpacked, 0);
  // Parts may share packed bytes (an overlapping bomb): count no more than the file holds.
  const packed = Math.min(
    buf.length,
    chosen.reduce((sum, { entry }) => sum + entry.packed, 0),
  );
  if (declared > limits.ratioFrom && declared > packed * limits.maxRatio) {
    throw new ZipRefusal('bomb', {
      zh: `${Math.round(packed / 1024)} KB 的压缩数据声明解压后有 ${Math.round(declared / MB)} MB（超过 ${limits.maxRatio} 倍）`,
      en: `${Math.round(packed / 1024)} KB of packed data declares ${Math.round(declared / MB)} MB unpacked (more than ${limits.maxRatio} times as much)`,
    });
  }
  if (declared > limits.maxUnpacked) {
    throw new ZipRefusal('too_large', {
      zh: `解压后超过 ${Math.round(limits.maxUnpacked / MB)} MB`,
      en: `over ${Math.round(limits.maxUnpacked / MB)} MB unpacked`,
    });
  }

  const parts = new Map<string, Buffer>();
  for (const { entry, name } of chosen) {
    err.throwIfAborted(signal);
    if (entry.flags & 0x1) throw damaged(`部件 ${name} 已加密`, `part ${name} is encrypted`);
    const source = packedBytes(buf, entry, directoryStart);
    let bytes: Buffer;
    if (entry.method === 0) {
      bytes = source;
    } else if (entry.method === 8) {
      try {
        // At most the declared size, plus one byte to notice more: a lying directory stops here.
        bytes = await inflate(source, { maxOutputLength: entry.unpacked + 1 });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
          throw new ZipRefusal('bomb', {
            zh: `部件 ${name} 解压后比目录声明的 ${entry.unpacked} 字节更大`,
            en: `part ${name} unpacks to more than the ${entry.unpacked} bytes its directory declares`,
          });
        }
        throw damaged(`部件 ${name} 的压缩数据损坏`, `the packed data of part ${name} is damaged`);
      }
    } else {
      throw damaged(
        `部件 ${name} 使用了不支持的压缩方式（${entry.method}）`,
        `part ${name} uses a compression method we do not read (${entry.method})`,
      );
    }
    if (bytes.length !== entry.unpacked) {
      throw damaged(
        `部件 ${name} 解压后的大小与目录声明的不符`,
        `part ${name} unpacks to another size than its directory declares`,
      );
    }
    if (crc32(bytes) >>> 0 !== entry.crc) {
      throw damaged(`部件 ${name} 的校验和不符`, `part ${name} fails its checksum`);
    }
    parts.set(name, bytes);
  }
  return parts;
}
