// The encoding of a text file: a BOM, UTF-16 without one (as some exports write it), strict
// UTF-8, else GBK/GB18030, the encoding of Chinese Windows. GBK decodes almost any byte pair, so
// a file in Big5, Shift-JIS, EUC-KR or Windows-1252 would import as garbled text without a word.
// Before GBK is taken, the characters are counted in each of these encodings' terms: simplified
// Chinese in GBK is mostly GB2312's 3,755 common hanzi and its punctuation, while Big5 bytes
// read as GBK land in the rare extension areas, Shift-JIS's in areas GBK leaves to rare hanzi,
// and Korean's Hangul on the first 25 rows of common hanzi only. A file that reads clearly
// better in one of those (or is not GBK at all) is refused, naming the encoding it looks like.

import { SailError } from '../../core/errors';
import { basename } from 'node:path';
import type { TableReadOptions } from './types';

export interface Encoding {
  /** iconv-lite codec name. */
  codec: 'utf8' | 'utf16le' | 'utf16be' | 'gb18030';
  /** Name reported to people. */
  label: string;
}

export const UTF8: Encoding = { codec: 'utf8', label: 'utf-8' };

export function utf16Bom(bytes: Uint8Array): Encoding | null {
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

/**
 * UTF-16 without a BOM: in text with line breaks, delimiters and digits, one byte of every pair
 * is mostly zero, always the same one, and the pairs make valid UTF-16 without control codes.
 */
export function utf16WithoutBom(bytes: Uint8Array): Encoding | null {
  const pairs = Math.floor(Math.min(bytes.length, 64 * 1024) / 2);
  if (pairs < 8) return null;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < pairs; i++) {
    if (bytes[2 * i] === 0) zeroEven++;
    if (bytes[2 * i + 1] === 0) zeroOdd++;
  }
  const le = zeroOdd >= pairs * 0.2 && zeroEven <= pairs * 0.02;
  const be = zeroEven >= pairs * 0.2 && zeroOdd <= pairs * 0.02;
  if (!le && !be) return null;
  const encoding: Encoding = le
    ? { codec: 'utf16le', label: 'utf-16le' }
    : { codec: 'utf16be', label: 'utf-16be' };
  const text = new TextDecoder(le ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(0, pairs * 2));
  return isPlainText(text.slice(0, -1)) ? encoding : null;
}

/** No unpaired surrogates, private-use characters or C0 controls but tab and line breaks. */
function isPlainText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) return false;
    if (c >= 0xe000 && c <= 0xf8ff) return false;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
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

/** Characters of one encoding's reading: common in its language, less common, rare, invalid. */
interface Tally {
  common: number;
  uncommon: number;
  rare: number;
  invalid: number;
}

const tally = (): Tally => ({ common: 0, uncommon: 0, rare: 0, invalid: 0 });
const charsOf = (t: Tally): number => t.common + t.uncommon + t.rare + t.invalid;
/** How much the characters read like text of the encoding's language, 0 to 1. */
const fit = (t: Tally): number => {
  const n = charsOf(t);
  return n === 0 ? 0 : (t.common + 0.5 * t.uncommon) / n;
};
const inRange = (b: number, lo: number, hi: number): boolean => b >= lo && b <= hi;

interface GbkReading extends Tally {
  /** Four-byte GB18030 sequences (characters GBK lacks, such as 𠀀). */
  fourByte: number;
  /** Common hanzi on GB2312 rows 16–40 (lead bytes B0–C8), where EUC-KR has its Hangul. */
  lowRows: number;
}

/**
 * Reads `bytes` as one encoding into `t`: ASCII is skipped, and `step` classifies the character
 * starting at the non-ASCII byte `b` (at `i`), returning how many bytes it took, or null when the
 * sample ends inside it.
 */
function walk<T extends Tally>(
  bytes: Uint8Array,
  t: T,
  step: (t: T, b: number, i: number) => number | null,
): T {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    const used = step(t, b, i);
    if (used === null) break;
    i += used;
  }
  return t;
}

function readGbk(bytes: Uint8Array): GbkReading {
  return walk(bytes, { ...tally(), fourByte: 0, lowRows: 0 }, (t, b, i) => {
    const b2 = bytes[i + 1];
    if (b2 === undefined) return null; // cut off at the end of the sample
    if (b === 0x80 || b === 0xff) {
      t.invalid++;
      return 1;
    }
    if (inRange(b2, 0x30, 0x39)) {
      const b3 = bytes[i + 2] ?? 0x81;
      const b4 = bytes[i + 3] ?? 0x30;
      if (inRange(b3, 0x81, 0xfe) && inRange(b4, 0x30, 0x39)) {
        t.fourByte++;
        t.rare++;
        return 4;
      }
      t.invalid++;
      return 1;
    }
    if (b2 < 0x40 || b2 === 0x7f || b2 === 0xff) {
      t.invalid++;
      return 1;
    }
    if (b2 < 0xa1)
      t.rare++; // GBK's extension areas: rare and traditional hanzi
    else if (inRange(b, 0xb0, 0xd7)) {
      t.common++;
      if (b <= 0xc8) t.lowRows++;
    } else if (inRange(b, 0xd8, 0xf7)) t.uncommon++;
    else if (inRange(b, 0xa1, 0xa3))
      t.common++; // punctuation, numbers, full-width forms
    else t.rare++; // kana, Greek, Cyrillic, pinyin, box drawing, user-defined
    return 2;
  });
}

function readBig5(bytes: Uint8Array): Tally {
  return walk(bytes, tally(), (t, b, i) => {
    const b2 = bytes[i + 1];
    if (b2 === undefined) return null;
    if (!inRange(b, 0x81, 0xfe) || !(inRange(b2, 0x40, 0x7e) || inRange(b2, 0xa1, 0xfe))) {
      t.invalid++;
      return 1;
    }
    const code = (b << 8) | b2;
    if (inRange(code, 0xa140, 0xa3bf) || inRange(code, 0xa440, 0xc67e)) t.common++;
    else if (inRange(code, 0xc940, 0xf9d5)) t.uncommon++;
    else t.rare++;
    return 2;
  });
}

function readShiftJis(bytes: Uint8Array): Tally {
  return walk(bytes, tally(), (t, b, i) => {
    if (inRange(b, 0xa1, 0xdf)) {
      t.rare++; // half-width katakana
      return 1;
    }
    const b2 = bytes[i + 1];
    if (b2 === undefined) return null;
    const lead = inRange(b, 0x81, 0x9f) || inRange(b, 0xe0, 0xfc);
    if (!lead || !(inRange(b2, 0x40, 0x7e) || inRange(b2, 0x80, 0xfc))) {
      t.invalid++;
      return 1;
    }
    const code = (b << 8) | b2;
    // Punctuation, full-width forms, hiragana, katakana; then JIS level 1 and 2 kanji.
    if (inRange(code, 0x8140, 0x83ff) || inRange(code, 0x889f, 0x9872)) t.common++;
    else if (inRange(code, 0x989f, 0xeaa4)) t.uncommon++;
    else t.rare++;
    return 2;
  });
}

function readEucKr(bytes: Uint8Array): Tally {
  return walk(bytes, tally(), (t, b, i) => {
    const b2 = bytes[i + 1];
    if (b2 === undefined) return null;
    if (inRange(b, 0xa1, 0xfe) && inRange(b2, 0xa1, 0xfe)) {
      // Hangul syllables, punctuation and full-width forms; then hanja; the rest is rare.
      if (inRange(b, 0xb0, 0xc8) || b === 0xa1 || b === 0xa3) t.common++;
      else if (inRange(b, 0xca, 0xfd)) t.uncommon++;
      else t.rare++;
      return 2;
    }
    if (
      inRange(b, 0x81, 0xc6) &&
      (inRange(b2, 0x41, 0x5a) || inRange(b2, 0x61, 0x7a) || inRange(b2, 0x81, 0xfe))
    ) {
      t.rare++; // the extra Hangul of code page 949
      return 2;
    }
    t.invalid++;
    return 1;
  });
}

/** Multibyte UTF-8 sequences that are whole (common) and bytes that fit none (invalid). */
function readUtf8(bytes: Uint8Array): Tally {
  return walk(bytes, tally(), (t, b, i) => {
    const length = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b <= 0xdf ? 2 : 0;
    if (length > 0 && i + length > bytes.length) return null;
    let whole = length > 0 && b <= 0xf4;
    for (let k = 1; whole && k < length; k++) whole = inRange(bytes[i + k] ?? 0, 0x80, 0xbf);
    if (whole) {
      t.common++;
      return length;
    }
    t.invalid++;
    return 1;
  });
}

/** An encoding we do not read, named for the message. */
export type ForeignEncoding =
  'big5' | 'shift_jis' | 'euc-kr' | 'utf-8' | 'windows-1252' | 'unknown';

/** Below this many non-ASCII characters a file is too short to judge: GBK, as before. */
const MIN_CHARS = 6;

/**
 * GBK (or GB18030 when it has four-byte characters), or the encoding the bytes look like
 * instead. Only clear evidence refuses GBK: a reading that fits clearly better, or invalid GBK.
 */
export function judgeLegacy(bytes: Uint8Array): Encoding | ForeignEncoding {
  const gbk = readGbk(bytes);
  const gb: Encoding = { codec: 'gb18030', label: gbk.fourByte > 0 ? 'gb18030' : 'gbk' };
  const chars = charsOf(gbk);
  if (chars < MIN_CHARS) return gb;
  const utf8 = readUtf8(bytes);
  // UTF-8 with a few damaged bytes: GBK text seldom forms whole UTF-8 sequences (~1 in 10).
  if (fit(utf8) >= 0.8) return 'utf-8';
  const invalidGbk = gbk.invalid >= 2 && gbk.invalid > chars * 0.01;
  const gbkFit = fit(gbk);
  // Accented letters between plain ones read as GBK's rare characters without a single invalid
  // pair (é then t is E9 74); Chinese text has its high bytes in pairs.
  if (gbkFit < 0.5 && looksWestern(bytes)) return 'windows-1252';
  // Korean read as GBK is common hanzi on the rows where EUC-KR has its Hangul and nowhere else;
  // Chinese uses the rows after them as much (是 CAC7, 在 D4DA, 中 D6D0, 这 D5E2) and full-width
  // punctuation. Half of a Chinese text's common hanzi are on those rows, so a dozen all there
  // is chance one time in four thousand.
  const hangulRows = gbk.common >= 12 && gbk.lowRows >= gbk.common * 0.97;
  if (hangulRows && fit(readEucKr(bytes)) >= 0.8) return 'euc-kr';
  const candidates: Array<[ForeignEncoding, Tally]> = [
    ['big5', readBig5(bytes)],
    ['shift_jis', readShiftJis(bytes)],
  ];
  for (const [name, reading] of candidates) {
    const valid = reading.invalid <= charsOf(reading) * 0.01;
    if (valid && fit(reading) >= 0.8 && fit(reading) >= gbkFit + 0.15) return name;
  }
  if (!invalidGbk) return gb;
  return looksWestern(bytes) ? 'windows-1252' : 'unknown';
}

/** Accented letters between plain ones: most bytes above 0x7F stand alone, as in Latin text. */
function looksWestern(bytes: Uint8Array): boolean {
  let high = 0;
  let alone = 0;
  for (let i = 0; i < bytes.length; i++) {
    if ((bytes[i] ?? 0) < 0x80) continue;
    high++;
    if ((bytes[i - 1] ?? 0) < 0x80 && (bytes[i + 1] ?? 0) < 0x80) alone++;
  }
  return high > 0 && alone >= high * 0.6;
}

const FOREIGN_NAMES: Record<Exclude<ForeignEncoding, 'unknown'>, { zh: string; en: string }> = {
  big5: { zh: 'Big5（繁体中文）', en: 'Big5 (Traditional Chinese)' },
  shift_jis: { zh: 'Shift-JIS（日文）', en: 'Shift-JIS (Japanese)' },
  'euc-kr': { zh: 'EUC-KR（韩文）', en: 'EUC-KR (Korean)' },
  'utf-8': { zh: 'UTF-8，但其中有损坏的字节', en: 'UTF-8, but with damaged bytes in it' },
  'windows-1252': {
    zh: 'Windows-1252 / ISO-8859-1（西欧文字）',
    en: 'Windows-1252 / ISO-8859-1 (Western European)',
  },
};

export function foreignEncoding(path: string, encoding: ForeignEncoding): SailError {
  const file = basename(path);
  const looks =
    encoding === 'unknown'
      ? {
          zh: `文件“${file}”不是 UTF-8 或 GBK 编码的文本，也不像其他常见的编码（可能根本不是文本文件）`,
          en: `File "${file}" is not UTF-8 or GBK text, nor in another common encoding (it may not be text at all)`,
        }
      : {
          zh: `文件“${file}”的编码看起来是${FOREIGN_NAMES[encoding].zh}`,
          en: `File "${file}" looks encoded in ${FOREIGN_NAMES[encoding].en}`,
        };
  return new SailError(
    'file_encoding',
    `${looks.zh}。本软件读取 UTF-8 和 GBK（GB18030）编码的文件，按其他编码读取会变成乱码，因此未导入。请用 Excel、WPS 或记事本打开该文件，另存为“CSV UTF-8”（或 UTF-8 编码的文本）后再导入。`,
    `${looks.en}. SailReview reads UTF-8 and GBK (GB18030) files; read as either, this one would turn into garbled text, so nothing was imported. Open it in Excel, WPS or Notepad, save it as "CSV UTF-8" (or as UTF-8 text) and import that.`,
  );
}

/**
 * The encoding of `sample`, the start of the file at `path`. `more` reads on past an all-ASCII
 * sample, so a file whose first megabyte is ASCII still gets judged on its first non-ASCII
 * bytes. An encoding chosen by the person is taken as given. Throws `file_encoding` for a file
 * in an encoding we do not read.
 */
export async function detectEncoding(
  path: string,
  sample: Uint8Array,
  choice: TableReadOptions['encoding'],
  more: () => Promise<Uint8Array | null>,
): Promise<Encoding> {
  if (choice === 'utf8') return UTF8;
  if (choice === 'gbk') {
    return { codec: 'gb18030', label: readGbk(sample).fourByte > 0 ? 'gb18030' : 'gbk' };
  }
  const bom = utf16Bom(sample);
  if (bom) return bom;
  if (hasUtf8Bom(sample)) {
    // Declared UTF-8, but a damaged byte would only become U+FFFD in the data: say so instead.
    if (!isUtf8(sample)) throw foreignEncoding(path, 'utf-8');
    return UTF8;
  }
  const utf16 = utf16WithoutBom(sample);
  if (utf16) return utf16;
  let bytes: Uint8Array | null = sample;
  while (bytes && bytes.every((b) => b < 0x80)) bytes = await more();
  if (!bytes || isUtf8(bytes)) return UTF8;
  const judged = judgeLegacy(bytes);
  if (typeof judged === 'string') throw foreignEncoding(path, judged);
  return judged;
}
