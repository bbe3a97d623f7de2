// The printed geometry of a PDF's tables, as a reader sees the pages: each page rendered by
// poppler (pdftoppm) and its table rules found in the pixels, the text placed by pdftotext
// -bbox-layout. A table cut at the page's edge loses its right border (the rows' lines and text
// run past the last rule left), and a column squeezed too narrow pushes its text across a rule.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';

const DPI = 144;
const PX_PER_MM = DPI / 25.4;
const PT_PER_MM = 72 / 25.4;
/** Darker than the lightest cell shading (#eceff3) counts as ink: rules are thin and grey. */
const INK = 200;
/** A vertical run of ink this long is a table rule, not a glyph's stroke. */
const RULE_MM = 8;
/** A horizontal run this long is a row's border. */
const LINE_MM = 30;

/** A vertical table rule: its x and the height it spans, in mm from the page's top left. */
export interface Rule {
  x: number;
  top: number;
  bottom: number;
}

export interface Word {
  text: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface PageGeometry {
  page: number;
  width: number;
  height: number;
  rules: Rule[];
  /** Across the rows a rule spans, how far ink reaches right of the rightmost rule there (mm). */
  inkPastRightRule: number;
  /** The y of every horizontal rule (row borders, the title's rule), top to bottom, in mm. */
  lines: number[];
  words: Word[];
}

function renderPages(pdf: string): Array<{ width: number; height: number; gray: Buffer }> {
  const folder = mkdtempSync(join(tmpdir(), 'sail-pdf-geometry-'));
  try {
    execFileSync('pdftoppm', ['-r', String(DPI), '-gray', pdf, join(folder, 'page')]);
    return readdirSync(folder)
      .sort()
      .map((file) => {
        const data = readFileSync(join(folder, file));
        const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(data.toString('latin1', 0, 40));
        if (!header) throw new Error(`not a PGM: ${file}`);
        return {
          width: Number(header[1]),
          height: Number(header[2]),
          gray: data.subarray(header[0].length),
        };
      });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Vertical rules of a rendered page, neighbouring pixel columns of one rule merged. */
function rulesOf(width: number, height: number, gray: Buffer): Rule[] {
  const ink = (x: number, y: number) => (gray[y * width + x] ?? 255) < INK;
  const least = Math.round(RULE_MM * PX_PER_MM);
  const runs: Array<{ x: number; top: number; bottom: number }> = [];
  for (let x = 0; x < width; x++) {
    let start = -1;
    for (let y = 0; y <= height; y++) {
      const dark = y < height && ink(x, y);
      if (dark && start < 0) start = y;
      if (!dark && start >= 0) {
        if (y - start >= least) runs.push({ x, top: start, bottom: y });
        start = -1;
      }
    }
  }
  const rules: Array<{ x: number; top: number; bottom: number }> = [];
  for (const run of runs) {
    const same = rules.find(
      (rule) => run.x - rule.x <= 2 && run.top < rule.bottom && rule.top < run.bottom,
    );
    if (same) {
      same.x = run.x;
      same.top = Math.min(same.top, run.top);
      same.bottom = Math.max(same.bottom, run.bottom);
    } else rules.push({ ...run });
  }
  return rules.map((rule) => ({
    x: rule.x / PX_PER_MM,
    top: rule.top / PX_PER_MM,
    bottom: rule.bottom / PX_PER_MM,
  }));
}

/** The y of each horizontal rule of a rendered page; a thick one once. */
function linesOf(width: number, height: number, gray: Buffer): number[] {
  const least = Math.round(LINE_MM * PX_PER_MM);
  const lines: number[] = [];
  for (let y = 0; y < height; y++) {
    let run = 0;
    let longest = 0;
    for (let x = 0; x < width; x++) {
      run = (gray[y * width + x] ?? 255) < INK ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    if (longest < least) continue;
    const at = y / PX_PER_MM;
    const last = lines.at(-1);
    if (last === undefined || at - last > 0.5) lines.push(at);
  }
  return lines;
}

function inkPastRightRule(width: number, height: number, gray: Buffer, rules: Rule[]): number {
  let furthest = 0;
  for (let y = 0; y < height; y++) {
    const at = y / PX_PER_MM;
    const right = Math.max(
      -1,
      ...rules.filter((rule) => rule.top <= at && at <= rule.bottom).map((rule) => rule.x),
    );
    if (right < 0) continue;
    for (let x = width - 1; x / PX_PER_MM > right; x--) {
      if ((gray[y * width + x] ?? 255) < INK) {
        furthest = Math.max(furthest, x / PX_PER_MM - right);
        break;
      }
    }
  }
  return furthest;
}

/** Every word of every page with its box in mm, as pdftotext -bbox-layout places it. */
function wordsOf(pdf: string): Word[][] {
  const xhtml = execFileSync('pdftotext', ['-bbox-layout', pdf, '-'], { encoding: 'utf8' });
  return xhtml
    .split('<page ')
    .slice(1)
    .map((page) =>
      [
        ...page.matchAll(
          /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
        ),
      ].map((match) => ({
        text: match[5] ?? '',
        left: Number(match[1]) / PT_PER_MM,
        top: Number(match[2]) / PT_PER_MM,
        right: Number(match[3]) / PT_PER_MM,
        bottom: Number(match[4]) / PT_PER_MM,
      })),
    );
}

export function pageGeometry(pdf: string): PageGeometry[] {
  const words = wordsOf(pdf);
  return renderPages(pdf).map(({ width, height, gray }, i) => {
    const rules = rulesOf(width, height, gray);
    return {
      page: i + 1,
      width: width / PX_PER_MM,
      height: height / PX_PER_MM,
      rules,
      inkPastRightRule: inkPastRightRule(width, height, gray, rules),
      lines: linesOf(width, height, gray),
      words: words[i] ?? [],
    };
  });
}

/** Words that run across a table rule: text wider than its cell, spilling into the next. */
export function wordsAcrossRules(page: PageGeometry): string[] {
  const slack = 0.3;
  return page.words
    .filter((word) => {
      const middle = (word.top + word.bottom) / 2;
      return page.rules.some(
        (rule) =>
          rule.top <= middle &&
          middle <= rule.bottom &&
          word.left + slack < rule.x &&
          rule.x < word.right - slack,
      );
    })
    .map((word) => `page ${page.page}: ${word.text}`);
}

/** Heights of a page's table rows (mm): the gaps between horizontal rules inside a table. */
export function rowHeights(page: PageGeometry): number[] {
  const heights: number[] = [];
  for (let i = 1; i < page.lines.length; i++) {
    const top = page.lines[i - 1] ?? 0;
    const bottom = page.lines[i] ?? 0;
    const middle = (top + bottom) / 2;
    if (page.rules.some((rule) => rule.top <= middle && middle <= rule.bottom)) {
      heights.push(bottom - top);
    }
  }
  return heights;
}

/** The page margins of every PDF (pdf-html.ts, @page): 13 mm left and right. */
const SIDE_MARGIN = 13;
/** A row this tall holds a title set a few characters a line in a squeezed column. */
const TALLEST_ROW = 25;

/**
 * Every table of every page inside the printable area, with its right border drawn and nothing
 * past it; no text across a rule or outside the margins; no row grown tall by a squeezed column.
 */
export function expectInsidePage(pages: PageGeometry[]): void {
  // Not a check of nothing: the tables were found.
  expect(pages.some((page) => page.rules.length > 0)).toBe(true);
  for (const page of pages) {
    const where = `page ${page.page}`;
    const right = Math.max(0, ...page.rules.map((rule) => rule.x));
    expect(right, `${where}: right border`).toBeLessThanOrEqual(page.width - SIDE_MARGIN + 0.3);
    expect(page.inkPastRightRule, `${where}: drawn past the right border`).toBeLessThan(0.6);
    for (const word of page.words) {
      expect(word.left, `${where}: ${word.text}`).toBeGreaterThanOrEqual(SIDE_MARGIN - 0.5);
      expect(word.right, `${where}: ${word.text}`).toBeLessThanOrEqual(
        page.width - SIDE_MARGIN + 0.5,
      );
    }
    expect(wordsAcrossRules(page)).toEqual([]);
    expect(Math.max(0, ...rowHeights(page)), `${where}: tallest row`).toBeLessThanOrEqual(
      TALLEST_ROW,
    );
  }
}
