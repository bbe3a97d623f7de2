// The CJK font of printed reports, from the npm package @fontsource/noto-sans-sc: its woff2
// subsets (one per unicode-range) are embedded as data: URLs, only those the document's text
// needs, so Chromium prints with the same font on every machine with no system font and no
// network, and the PDF embeds the glyphs it uses.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export const REPORT_FONT_FAMILY = 'Noto Sans SC';

/** The weights a report uses: body text and headings. */
export type FontWeight = 400 | 700;

interface FontSubset {
  file: string;
  /** Inclusive code point ranges of the subset. */
  ranges: Array<[number, number]>;
}

const subsetsByWeight = new Map<FontWeight, Promise<FontSubset[]>>();
const fileCache = new Map<string, Promise<string>>();

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
async function readSubsets(weight: FontWeight): Promise<FontSubset[]> {
  const css = await readFile(join(fontPackageDir(), `${weight}.css`), 'utf8');
  const subsets: FontSubset[] = [];
  for (const block of css.split('@font-face').slice(1)) {
    const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(block)?.[1];
    const ranges = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
    if (file && ranges) subsets.push({ file, ranges: parseRanges(ranges) });
  }
  if (subsets.length === 0) {
    throw new Error(`No font subsets found in @fontsource/noto-sans-sc/${weight}.css`);
  }
  return subsets;
}

function subsetsOf(weight: FontWeight): Promise<FontSubset[]> {
  let subsets = subsetsByWeight.get(weight);
  if (!subsets) {
    subsets = readSubsets(weight);
    // A failed read is not cached: the next export tries again.
    subsets.catch(() => subsetsByWeight.delete(weight));
    subsetsByWeight.set(weight, subsets);
  }
  return subsets;
}

function base64Of(file: string): Promise<string> {
  let content = fileCache.get(file);
  if (!content) {
    content = readFile(join(fontPackageDir(), 'files', file)).then((bytes) =>
      bytes.toString('base64'),
    );
    content.catch(() => fileCache.delete(file));
    fileCache.set(file, content);
  }
  return content;
}

function codePointsOf(text: string): number[] {
  const points = new Set<number>();
  for (const char of text) points.add(char.codePointAt(0) ?? 0);
  return [...points].sort((a, b) => a - b);
}

/** The subsets whose unicode-range covers at least one of the sorted code points. */
function needed(subsets: FontSubset[], points: number[]): FontSubset[] {
  return subsets.filter((subset) =>
    subset.ranges.some(([from, to]) => points.some((point) => point >= from && point <= to)),
  );
}

/**
 * @font-face rules for `text` in each weight: every subset that covers a character of it,
 * embedded, with its unicode-range kept so Chromium picks the right one per character.
 */
export async function embeddedFontCss(texts: Record<FontWeight, string>): Promise<string> {
  const rules: string[] = [];
  for (const weight of [400, 700] as const) {
    const points = codePointsOf(texts[weight]);
    for (const subset of needed(await subsetsOf(weight), points)) {
      const range = subset.ranges
        .map(([from, to]) =>
          from === to ? `U+${from.toString(16)}` : `U+${from.toString(16)}-${to.toString(16)}`,
        )
        .join(',');
      rules.push(
        `@font-face{font-family:'${REPORT_FONT_FAMILY}';font-style:normal;font-weight:${weight};` +
          `font-display:block;src:url(data:font/woff2;base64,${await base64Of(subset.file)}) format('woff2');` +
          `unicode-range:${range};}`,
      );
    }
  }
  return rules.join('\n');
}
