// The fonts of printed reports, all inside the document, so that Chromium prints the same PDF on
// every machine with no system font and no network:
// - Noto Sans SC from the npm package @fontsource/noto-sans-sc: its woff2 subsets (one per
//   unicode-range) are embedded as data: URLs, only those that print a character of the text;
// - for the characters that font has no glyph for (rare CJK extensions, emoji), a small font made
//   here whose glyphs are empty boxes. Without it Chromium would fall back to whatever system
//   font has the character; with it the PDF still carries the character as text, and
//   unprintableCharacters() names it so that the organiser can be warned before signing.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';

const REPORT_FONT_FAMILY = 'Noto Sans SC';
const MISSING_GLYPH_FAMILY = 'SailReview Missing Glyph';

/** The font-family of every printed text: bundled families only, the box font last. */
export const REPORT_FONT_STACK = `'${REPORT_FONT_FAMILY}','${MISSING_GLYPH_FAMILY}'`;

/** The weights a report uses: body text and headings. */
export type FontWeight = 400 | 700;

interface FontSubset {
  file: string;
  /** Inclusive code point ranges the package's CSS declares for the subset (unicode-range). */
  ranges: Array<[number, number]>;
}

/** Code point → the subsets of a weight whose unicode-range includes it, in the CSS's order. */
type Declaring = Map<number, FontSubset[]>;

interface LoadedSubset {
  base64: string;
  /** The code points the subset really has a glyph for: unicode-range promises more. */
  glyphs: Set<number>;
}

const weights = new Map<FontWeight, Promise<Declaring>>();
const loaded = new Map<string, Promise<LoadedSubset>>();

function fontPackageDir(): string {
  return dirname(require.resolve('@fontsource/noto-sans-sc/package.json'));
}

function parseRanges(list: string): Array<[number, number]> {
  return list.split(',').map((item) => {
    const [from = '', to] = item.trim().replace(/^U\+/i, '').split('-');
    const start = parseInt(from, 16);
    return [start, to === undefined ? start : parseInt(to, 16)];
  });
}

/** The subsets of one weight as the package's CSS declares them. */
async function readWeight(weight: FontWeight): Promise<Declaring> {
  const css = await readFile(join(fontPackageDir(), `${weight}.css`), 'utf8');
  const declaring: Declaring = new Map();
  for (const block of css.split('@font-face').slice(1)) {
    const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(block)?.[1];
    const ranges = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
    if (!file || !ranges) continue;
    const subset = { file, ranges: parseRanges(ranges) };
    for (const [from, to] of subset.ranges) {
      for (let point = from; point <= to; point++) {
        const list = declaring.get(point);
        if (list) list.push(subset);
        else declaring.set(point, [subset]);
      }
    }
  }
  if (declaring.size === 0) {
    throw new Error(`No font subsets found in @fontsource/noto-sans-sc/${weight}.css`);
  }
  return declaring;
}

/** Reads once per process; a failed read is not kept, so the next export tries again. */
function cachedRead<K, V>(cache: Map<K, Promise<V>>, key: K, read: () => Promise<V>): Promise<V> {
  let value = cache.get(key);
  if (!value) {
    value = read();
    value.catch(() => cache.delete(key));
    cache.set(key, value);
  }
  return value;
}

const declaringOf = (weight: FontWeight) => cachedRead(weights, weight, () => readWeight(weight));

const loadSubset = (file: string) =>
  cachedRead(loaded, file, async () => {
    const bytes = await readFile(join(fontPackageDir(), 'files', file));
    return { base64: bytes.toString('base64'), glyphs: woff2CodePoints(bytes) };
  });

// ---- reading which characters a WOFF2 font has (its cmap table) ----
// Read here rather than with fontkit: fontkit decodes WOFF2's Brotli in JavaScript (about 18 ms
// per subset, and a report uses a hundred subsets); Node's own Brotli and the cmap table alone
// take a fraction of that.

/** WOFF2's table of known tags, as far as it matters here: cmap, glyf and loca. */
const WOFF2_KNOWN_TAGS = [
  'cmap',
  'head',
  'hhea',
  'hmtx',
  'maxp',
  'name',
  'OS/2',
  'post',
  'cvt ',
  'fpgm',
  'glyf',
  'loca',
];

/** The code points a WOFF2 font maps to a glyph. */
function woff2CodePoints(woff2: Buffer): Set<number> {
  if (woff2.toString('latin1', 0, 4) !== 'wOF2' || woff2.toString('latin1', 4, 8) === 'ttcf') {
    throw new Error('Not a single-font WOFF2 file');
  }
  const tableCount = woff2.readUInt16BE(12);
  const compressedSize = woff2.readUInt32BE(20);
  let at = 48;
  const base128 = (): number => {
    let value = 0;
    for (let i = 0; i < 5; i++) {
      const byte = woff2.readUInt8(at++);
      value = value * 128 + (byte & 0x7f);
      if (byte < 0x80) return value;
    }
    throw new Error('Malformed WOFF2 table directory');
  };
  // Tables follow each other in the decompressed stream, in directory order, unpadded.
  let offset = 0;
  let cmap: { offset: number; length: number } | null = null;
  for (let i = 0; i < tableCount; i++) {
    const flags = woff2.readUInt8(at++);
    let tag = WOFF2_KNOWN_TAGS[flags & 0x3f] ?? '';
    if ((flags & 0x3f) === 0x3f) {
      tag = woff2.toString('latin1', at, at + 4);
      at += 4;
    }
    const version = flags >> 6;
    const original = base128();
    const transformed = tag === 'glyf' || tag === 'loca' ? version !== 3 : version !== 0;
    const length = transformed ? base128() : original;
    if (tag === 'cmap') cmap = { offset, length };
    offset += length;
  }
  if (!cmap) throw new Error('WOFF2 font without a cmap table');
  const tables = brotliDecompressSync(woff2.subarray(at, at + compressedSize));
  return cmapCodePoints(tables.subarray(cmap.offset, cmap.offset + cmap.length));
}

/** The code points of a cmap's Unicode subtable (format 12, else format 4) with a glyph. */
function cmapCodePoints(cmap: Buffer): Set<number> {
  const subtables = new Map<number, number>();
  for (let i = 0, count = cmap.readUInt16BE(2); i < count; i++) {
    const platform = cmap.readUInt16BE(4 + i * 8);
    const offset = cmap.readUInt32BE(8 + i * 8);
    const format = cmap.readUInt16BE(offset);
    // Platform 0 is Unicode, 3 is Windows (1: BMP, 10: full Unicode); 3-0 is a symbol font.
    const encoding = cmap.readUInt16BE(6 + i * 8);
    if (platform === 0 || (platform === 3 && encoding !== 0)) subtables.set(format, offset);
  }
  const points = new Set<number>();
  const full = subtables.get(12);
  if (full !== undefined) {
    for (let i = 0, groups = cmap.readUInt32BE(full + 12); i < groups; i++) {
      const at = full + 16 + i * 12;
      const start = cmap.readUInt32BE(at);
      const glyph = cmap.readUInt32BE(at + 8);
      for (let point = start, end = cmap.readUInt32BE(at + 4); point <= end; point++) {
        if (glyph + point - start !== 0) points.add(point);
      }
    }
    return points;
  }
  const bmp = subtables.get(4);
  if (bmp === undefined) throw new Error('Font without a Unicode cmap');
  const segments = cmap.readUInt16BE(bmp + 6) / 2;
  const ends = bmp + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  for (let s = 0; s < segments; s++) {
    const start = cmap.readUInt16BE(starts + s * 2);
    const end = cmap.readUInt16BE(ends + s * 2);
    const delta = cmap.readUInt16BE(deltas + s * 2);
    const rangeOffset = cmap.readUInt16BE(rangeOffsets + s * 2);
    for (let point = start; point <= end && point !== 0xffff; point++) {
      let glyph = point;
      if (rangeOffset !== 0) {
        glyph = cmap.readUInt16BE(rangeOffsets + s * 2 + rangeOffset + (point - start) * 2);
        if (glyph === 0) continue;
      }
      if (((glyph + delta) & 0xffff) !== 0) points.add(point);
    }
  }
  return points;
}

// ---- the box font for characters no bundled font has ----
// Written here as TrueType: Chromium's PDF backend embeds TrueType outlines as a real font with
// the text kept, while a CFF font (what opentype.js writes) comes out as a Type 3 procedure.

/** Big-endian fields of a TrueType table. */
class TableBytes {
  private readonly bytes: number[] = [];

  u8(...values: number[]): this {
    for (const value of values) this.bytes.push(value & 0xff);
    return this;
  }

  /** Also signed 16-bit fields: the low 16 bits of a negative number are its two's complement. */
  u16(...values: number[]): this {
    for (const value of values) this.u8(value >> 8, value);
    return this;
  }

  u32(...values: number[]): this {
    for (const value of values) this.u8(value >>> 24, value >>> 16, value >>> 8, value);
    return this;
  }

  ascii(text: string): this {
    for (let i = 0; i < text.length; i++) this.u8(text.charCodeAt(i));
    return this;
  }

  utf16(text: string): this {
    for (let i = 0; i < text.length; i++) this.u16(text.charCodeAt(i));
    return this;
  }

  buffer(): Buffer {
    return Buffer.from(this.bytes);
  }
}

/** The box in font units (1000 per em), within the em box of Noto Sans SC's ideographs. */
const BOX = { left: 110, right: 890, bottom: -60, top: 800, stroke: 45 };

/** A simple glyph of two contours: the outer one clockwise, the inner one anticlockwise. */
function boxGlyph(): Buffer {
  const { left, right, bottom, top, stroke } = BOX;
  const points: Array<[number, number]> = [
    [left, bottom],
    [left, top],
    [right, top],
    [right, bottom],
    [left + stroke, bottom + stroke],
    [right - stroke, bottom + stroke],
    [right - stroke, top - stroke],
    [left + stroke, top - stroke],
  ];
  // Contour ends 3 and 7, no instructions; every point on the curve (flag 1), with x and y as
  // 16-bit deltas from the previous point.
  const glyph = new TableBytes().u16(2, left, bottom, right, top, 3, 7, 0);
  glyph.u8(...points.map(() => 1));
  for (const axis of [0, 1]) {
    points.forEach((point, i) => glyph.u16((point[axis] ?? 0) - (points[i - 1]?.[axis] ?? 0)));
  }
  return glyph.buffer();
}

/** Zero-padded to a multiple of 4 bytes, as tables are laid out in a font file. */
const padded = (table: Buffer) =>
  Buffer.concat([table, Buffer.alloc((4 - (table.length % 4)) % 4)]);

/** Of a table zero-padded to a multiple of 4 bytes. */
function checksum(table: Buffer): number {
  let sum = 0;
  for (let at = 0; at < table.length; at += 4) sum = (sum + table.readUInt32BE(at)) >>> 0;
  return sum;
}

/**
 * A TrueType font drawing each of `points` (sorted) as an empty box, each with a glyph of its own
 * so that the PDF's text still says which character it was.
 */
function missingGlyphFont(points: number[]): Buffer {
  const glyphCount = points.length + 1; // glyph 0 is .notdef
  const glyph = boxGlyph();
  const { left, right, bottom, top } = BOX;
  const names: Array<[number, string]> = [
    [1, MISSING_GLYPH_FAMILY],
    [2, 'Regular'],
    [4, MISSING_GLYPH_FAMILY],
    [6, MISSING_GLYPH_FAMILY.replace(/ /g, '')],
  ];
  const name = new TableBytes().u16(0, names.length, 6 + names.length * 12);
  let stringOffset = 0;
  for (const [id, text] of names) {
    name.u16(3, 1, 0x409, id, text.length * 2, stringOffset);
    stringOffset += text.length * 2;
  }
  for (const [, text] of names) name.utf16(text);
  // One Windows full-Unicode subtable (format 12): a group per character, glyph i + 1.
  const cmap = new TableBytes().u16(0, 1, 3, 10).u32(12);
  cmap.u16(12, 0).u32(16 + points.length * 12, 0, points.length);
  points.forEach((point, i) => cmap.u32(point, point, i + 1));
  const loca = new TableBytes();
  for (let i = 0; i <= glyphCount; i++) loca.u32(i * glyph.length);
  const hmtx = new TableBytes();
  for (let i = 0; i < glyphCount; i++) hmtx.u16(1000, left);
  const firstChar = Math.min(points[0] ?? 0, 0xffff);
  const lastChar = Math.min(points.at(-1) ?? 0, 0xffff);
  // Sorted by tag, as the table directory must be.
  const tables: Array<[string, Buffer]> = [
    [
      'OS/2',
      new TableBytes()
        .u16(4, 1000, 400, 5, 0, 650, 600, 0, 75, 650, 600, 0, 350, 50, 300, 0)
        .u8(...new Array<number>(10).fill(0))
        .u32(0, 0, 0, 0)
        .ascii('NONE')
        .u16(0x40, firstChar, lastChar, 880, -120, 0, 880, 120)
        .u32(0, 0)
        .u16(500, 700, 0, 32, 0)
        .buffer(),
    ],
    ['cmap', cmap.buffer()],
    ['glyf', Buffer.concat(new Array<Buffer>(glyphCount).fill(glyph))],
    [
      'head',
      new TableBytes()
        .u16(1, 0)
        .u32(0x10000, 0, 0x5f0f3cf5)
        .u16(3, 1000)
        .u32(0, 0, 0, 0)
        .u16(left, bottom, right, top, 0, 8, 2, 1, 0)
        .buffer(),
    ],
    [
      'hhea',
      new TableBytes()
        .u16(1, 0, 880, -120, 0, 1000, left, 1000 - right, right, 1, 0, 0, 0, 0, 0, 0, 0)
        .u16(glyphCount)
        .buffer(),
    ],
    ['hmtx', hmtx.buffer()],
    ['loca', loca.buffer()],
    [
      'maxp',
      new TableBytes().u32(0x10000).u16(glyphCount, 8, 2, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0).buffer(),
    ],
    ['name', name.buffer()],
    ['post', new TableBytes().u32(0x30000, 0).u16(-100, 50).u32(0, 0, 0, 0, 0).buffer()],
  ];
  const log2 = Math.floor(Math.log2(tables.length));
  const directory = new TableBytes()
    .u32(0x10000)
    .u16(tables.length, 16 << log2, log2, tables.length * 16 - (16 << log2));
  let offset = 12 + tables.length * 16;
  let headOffset = 0;
  for (const [tag, table] of tables) {
    if (tag === 'head') headOffset = offset;
    directory.ascii(tag).u32(checksum(padded(table)), offset, table.length);
    offset += padded(table).length;
  }
  const font = Buffer.concat([directory.buffer(), ...tables.map(([, table]) => padded(table))]);
  font.writeUInt32BE((0xb1b0afba - checksum(font)) >>> 0, headOffset + 8);
  return font;
}

// ---- choosing the fonts of a document ----

/** Characters that need no glyph: white space, controls and invisible format characters. */
const INVISIBLE = /^[\p{White_Space}\p{Cc}\p{Default_Ignorable_Code_Point}]$/u;

/** The distinct code points of `text` that need a glyph, in order. */
function codePointsOf(text: string): number[] {
  // A flag per code point: reports are megabytes of mostly repeated characters.
  const seen = new Uint8Array(0x110000);
  const points: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const point = text.codePointAt(i) ?? 0;
    if (point > 0xffff) i++;
    if (seen[point] === 1) continue;
    seen[point] = 1;
    if (!INVISIBLE.test(String.fromCodePoint(point))) points.push(point);
  }
  return points.sort((a, b) => a - b);
}

interface WeightPlan {
  /** The subsets that print the text's characters (each code point by the first that has it). */
  subsets: FontSubset[];
  /** Code points none of the subsets has. */
  missing: number[];
}

async function planWeight(weight: FontWeight, points: number[]): Promise<WeightPlan> {
  const declaring = await declaringOf(weight);
  const subsets = new Set<FontSubset>();
  const missing: number[] = [];
  for (const point of points) {
    let printer: FontSubset | undefined;
    for (const candidate of declaring.get(point) ?? []) {
      if ((await loadSubset(candidate.file)).glyphs.has(point)) {
        printer = candidate;
        break;
      }
    }
    if (printer) subsets.add(printer);
    else missing.push(point);
  }
  return { subsets: [...subsets], missing };
}

const unicodeRange = (ranges: Array<[number, number]>) =>
  ranges
    .map(([from, to]) =>
      from === to ? `U+${from.toString(16)}` : `U+${from.toString(16)}-${to.toString(16)}`,
    )
    .join(',');

/**
 * @font-face rules for `texts` in each weight: every Noto Sans SC subset that prints one of its
 * characters, embedded with its unicode-range kept so Chromium picks the right one per
 * character, and the box font for the characters none of them has.
 */
export async function embeddedFontCss(texts: Record<FontWeight, string>): Promise<string> {
  const rules: string[] = [];
  const missing = new Set<number>();
  for (const weight of [400, 700] as const) {
    const plan = await planWeight(weight, codePointsOf(texts[weight]));
    for (const subset of plan.subsets) {
      rules.push(
        `@font-face{font-family:'${REPORT_FONT_FAMILY}';font-style:normal;font-weight:${weight};` +
          `font-display:block;src:url(data:font/woff2;base64,${(await loadSubset(subset.file)).base64}) format('woff2');` +
          `unicode-range:${unicodeRange(subset.ranges)};}`,
      );
    }
    for (const point of plan.missing) missing.add(point);
  }
  if (missing.size > 0) {
    const points = [...missing].sort((a, b) => a - b);
    // One face for every weight, so that bold text is not drawn with a synthesised bold box.
    rules.push(
      `@font-face{font-family:'${MISSING_GLYPH_FAMILY}';font-style:normal;font-weight:100 900;` +
        `font-display:block;src:url(data:font/ttf;base64,${missingGlyphFont(points).toString('base64')}) format('truetype');` +
        `unicode-range:${unicodeRange(points.map((point) => [point, point]))};}`,
    );
  }
  return rules.join('\n');
}

/**
 * The characters of `text` that no bundled font has a glyph for, in code point order: a PDF prints
 * them as empty boxes (they stay in its text). For the organiser's warning before signing.
 */
export async function unprintableCharacters(text: string): Promise<string[]> {
  const { missing } = await planWeight(400, codePointsOf(text));
  return missing.map((point) => String.fromCodePoint(point));
}
