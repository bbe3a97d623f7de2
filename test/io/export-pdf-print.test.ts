// The print templates and the Chromium printer on their own: text that tries to break out of the
// HTML or CSS, characters no bundled font has, the signature block at a page break, and a
// Chromium that is missing or broken. PDFs are read back with poppler as a reader gets them.
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SailError } from '../../electron/core/errors';
import { chromium } from 'playwright-core';
import {
  CHROMIUM_ARGS,
  chromiumPrinter,
  findChromium,
} from '../../electron/io/export/chromium-printer';
import { unprintableCharacters } from '../../electron/io/export/fonts';
import { printPdf, unprintableWarning } from '../../electron/io/export/pdf';
import {
  cssString,
  expertSheetsHtml,
  rankingHtml,
  type RankingDocument,
} from '../../electron/io/export/pdf-html';
import type { ReportColumn } from '../../electron/io/export/report';

const work = mkdtempSync(join(tmpdir(), 'sail-pdf-print-'));
let serial = 0;

/** Prints `html` with the system Chromium and keeps the PDF in the work folder. */
async function print(html: string): Promise<string> {
  const pdf = join(work, `report-${++serial}.pdf`);
  writeFileSync(pdf, await chromiumPrinter().print(html));
  return pdf;
}

const text = (pdf: string, ...args: string[]) =>
  execFileSync('pdftotext', [...args, pdf, '-'], { encoding: 'utf8' });
const pageCount = (pdf: string) =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);

const COLUMNS: ReportColumn[] = [
  { key: 'rank', zh: '排名', en: 'rank', kind: 'rank', printed: true },
  { key: 'entry_id', zh: '编号', en: 'entry_id', kind: 'text', printed: true },
  { key: 'title', zh: '项目名称', en: 'title', kind: 'text', printed: true },
  { key: 'applicant', zh: '申报单位', en: 'applicant', kind: 'text', printed: true },
  { key: 'score', zh: '得分', en: 'score', kind: 'score', printed: true },
  { key: 'flags', zh: '标记', en: 'flags', kind: 'labels', printed: true },
];
const DIGEST = 'd'.repeat(64);

/** A ranking of `rows` entries; `text` goes into every place a person's text is printed. */
function ranking(rows: number, text = ''): RankingDocument {
  return {
    meta: {
      title_zh: `5G应用绽放杯 · ${text}复赛 · 总排名`,
      title_en: `Bloom Cup · ${text}final`,
      facts: [{ zh_label: '评审批次', en_label: 'Round', zh: `${text}复赛`, en: text }],
      data_digest: DIGEST,
      date: '2025-09-01',
    },
    sections: [
      {
        scope: 'overall',
        zh: '总排名',
        en: 'overall',
        columns: COLUMNS,
        rows: Array.from({ length: rows }, (_, i) => [
          i + 1,
          `B2025-${String(i + 1).padStart(4, '0')}`,
          `${text}基于5G专网的智慧工厂应用${i + 1}`,
          `${text}中国移动通信集团广东有限公司`,
          90 - i / 4,
          [{ key: 'tie', zh: `${text}并列`, en: 'tie' }],
        ]),
      },
    ],
    panel: [
      { reviewer_id: 'EXP001', name: `${text}胡建国`, organisation: `${text}云南大学` },
      { reviewer_id: 'EXP002', name: '周海燕', organisation: null },
    ],
    organiser: `${text}第八届绽放杯组委会`,
    header: `5G应用绽放杯 · ${text}复赛 · 总排名`,
  };
}

/** Undoes CSS hex escapes, as a style sheet's parser reads a string. */
const cssUnescape = (literal: string) =>
  literal
    .slice(1, -1)
    .replace(/\\([0-9a-f]{1,6}) ?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)));

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs `work` with os.tmpdir() pointing at a new empty folder, and returns that folder. */
async function inOwnTmpdir(run: () => Promise<void>): Promise<string> {
  const folder = mkdtempSync(join(work, 'tmp-'));
  const before = process.env.TMPDIR;
  process.env.TMPDIR = folder;
  try {
    await run();
  } finally {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
  }
  return folder;
}

describe('cssString', () => {
  it('hex-escapes everything that could end the string, the line or the <style> element', () => {
    const hostile = 'x</style><p>"INJECTED"</p>\'\\ & a\nb\r\tc';
    const literal = cssString(hostile);
    expect(literal).toBe(
      '"x\\3c /style\\3e \\3c p\\3e \\22 INJECTED\\22 \\3c /p\\3e \\27 \\5c  \\26  a\\a b\\d \\9 c"',
    );
    expect(literal.slice(1, -1)).not.toMatch(/[<>&"'\n\r]/);
    expect(cssUnescape(literal)).toBe(hostile);
  });

  it('keeps other text as it is', () => {
    expect(cssString('5G应用绽放杯 · 复赛 · 总排名')).toBe('"5G应用绽放杯 · 复赛 · 总排名"');
  });
});

describe('text that tries to break out of the template', () => {
  const hostile = 'x</style><p>INJECTED</p><img src=x>';
  let html: string;
  let pdf: string;

  beforeAll(async () => {
    html = await rankingHtml(ranking(3, hostile));
    pdf = await print(html);
  }, 60_000);

  it('is escaped wherever it is placed', () => {
    expect(html).not.toContain('<p>INJECTED');
    expect(html).not.toContain('<img');
    expect(html.match(/<\/style>/g)).toHaveLength(1);
  });

  it('prints as text, with the header, the footer digest and page numbers in place', () => {
    const printed = text(pdf);
    // Every INJECTED is part of the literal text, never a paragraph of its own.
    const literal = printed.split('\n').filter((line) => line.includes('INJECTED'));
    expect(literal.length).toBeGreaterThan(5);
    for (const line of literal) expect(line).toContain('<p>INJECTED</p>');
    expect(printed).toContain(`5G应用绽放杯 · ${hostile}复赛 · 总排名`);
    expect(printed).toContain(`数据摘要 SHA-256：${DIGEST}`);
    expect(printed.replace(/\s+/g, '')).toContain('第1/1页');
    expect(printed).toContain('导出日期 2025-09-01');
  });
});

describe('characters no bundled font has', () => {
  const rare = '䶮𠮷堃喆𪚥😀®';

  it('are listed for a warning, and printed as boxes of a bundled font, never a system font', async () => {
    const html = await rankingHtml(ranking(3, rare));
    const { bytes, unprintable } = await printPdf(chromiumPrinter(), html);
    const pdf = join(work, 'rare.pdf');
    writeFileSync(pdf, bytes);
    // 堃, 喆 and ® are in Noto Sans SC; the others are in no font the report may use.
    expect(unprintable).toEqual(['䶮', '😀', '𠮷', '𪚥']);
    const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' })
      .split('\n')
      .slice(2)
      .filter((line) => line.trim() !== '');
    expect(fonts.length).toBeGreaterThan(1);
    for (const font of fonts) {
      expect(font).toMatch(/^[A-Z]{6}\+(NotoSansSC\S*|SailReviewMissingGlyph)\s+CID TrueType /);
      expect(font).toMatch(/\byes\s+yes\s+yes\b/); // embedded, subset, with a Unicode map
    }
    // The PDF still carries the characters as text.
    expect(text(pdf)).toContain(`${rare}基于5G专网的智慧工厂应用1`);
  }, 60_000);

  it('are named in both languages for the organiser', async () => {
    expect(await unprintableCharacters('堃喆® ABC 评审\u200b\n')).toEqual([]);
    expect(unprintableWarning([])).toBeNull();
    const places = new Map([
      [
        '𪚥',
        [
          { zh: 'B2025-0001', en: 'B2025-0001' },
          { zh: '专家 张𪚥', en: 'expert 张𪚥' },
        ],
      ],
    ]);
    // Each with its code point (the window's font may lack it too) and where it is.
    expect(unprintableWarning(['𪚥', '😀'], places)).toEqual({
      code: 'pdf_unprintable_characters',
      message_zh: expect.stringContaining(
        '以下字符没有可嵌入的字体，将显示为方框：𪚥（U+2A6A5，见 B2025-0001、专家 张𪚥）；😀（U+1F600）。',
      ) as string,
      message_en: expect.stringContaining(
        'These characters have no font that can be embedded and will print as empty boxes: 𪚥 (U+2A6A5, in B2025-0001, expert 张𪚥); 😀 (U+1F600).',
      ) as string,
    });
    const many = Array.from({ length: 25 }, (_, i) => String.fromCodePoint(0x2a6a5 + i));
    expect(unprintableWarning(many)?.message_zh).toContain(`${many[19] ?? ''}（U+2A6B8） 等 25 个`);
    expect(unprintableWarning(many)?.message_en).toContain('and 5 more');
  });
});

/** Red pixels (the heading bar's colour) in the lower left of a page, read as PPM. */
function barPixelsLowerLeft(pdf: string, page: number): number {
  const base = join(work, `page-${++serial}`);
  const pageArgs = ['-f', `${page}`, '-l', `${page}`, '-singlefile'];
  execFileSync('pdftoppm', ['-r', '72', ...pageArgs, pdf, base]);
  const ppm = readFileSync(`${base}.ppm`);
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.toString('latin1', 0, 40));
  const [start, width, height] = [
    header?.[0].length ?? 0,
    Number(header?.[1]),
    Number(header?.[2]),
  ];
  let count = 0;
  // The left 30 mm of the 297 mm wide page, from its middle down to the footer.
  for (let y = Math.floor(height * 0.5); y < Math.floor(height * 0.93); y++) {
    for (let x = 0; x < Math.floor((width * 30) / 297); x++) {
      const [r = 0, g = 0, b = 0] = ppm.subarray(start + (y * width + x) * 3);
      if (r - g > 50 && r - b > 50) count++;
    }
  }
  return count;
}

describe('an expert sheet', () => {
  it('shows the gate answers and the comments the expert signs for', async () => {
    const expert = { reviewer_id: 'EXP007', name: '胡建国', organisation: null };
    const review = (entry_id: string, licence: 'pass' | 'fail', comment: string) => ({
      entry_id,
      title: `智慧矿山${entry_id}`,
      reviewer: expert,
      scores: { safety: 30 },
      gates: { licence },
      total: 30,
      comment,
      submitted_at: null,
    });
    const html = await expertSheetsHtml({
      meta: ranking(1).meta,
      header: '矿山',
      sheets: [
        {
          reviewer: expert,
          groups: [
            {
              rubric: {
                name_zh: '5G智能矿山评审细则',
                version: 1,
                criteria: [{ key: 'safety', name_zh: '安全', max: 100 }],
                gates: [{ key: 'licence', name_zh: '证照齐全' }],
              },
              rows: [review('M-1', 'fail', '采矿许可证过期'), review('M-2', 'pass', '')],
            },
          ],
        },
      ],
    });
    const printed = text(await print(html), '-layout');
    expect(printed).toContain('证照'); // the gate's column, its name on two lines
    expect(printed).toMatch(/M-1.*不通过/);
    expect(printed).toMatch(/M-2.*通过/);
    expect(printed).toContain('M-1：采矿许可证过期');
  }, 60_000);
});

describe('the ranking table', () => {
  it('sets the longest province on two lines, not three, among short ones', async () => {
    const doc = ranking(12);
    const [section] = doc.sections;
    if (!section) throw new Error('no section');
    section.columns = [
      ...COLUMNS.slice(0, 4),
      { key: 'province', zh: '省份', en: 'province', kind: 'text', printed: true },
      ...COLUMNS.slice(4),
    ];
    section.rows = section.rows.map((row, i) => [
      ...row.slice(0, 4),
      i === 5 ? '新疆维吾尔自治区' : '广东省',
      ...row.slice(4),
    ]);
    const lines = text(await print(await rankingHtml(doc)), '-layout')
      .split('\n')
      .map((line) => line.replace(/\s+/g, ' '));
    // Ideographs wrap anywhere: two lines of four, where a column sized for 广东省 gave 3 + 3 + 2.
    expect(lines.some((line) => line.includes('新疆维吾'))).toBe(true);
    expect(lines.some((line) => line.includes('尔自治区'))).toBe(true);
    expect(lines.filter((line) => line.includes('广东省'))).toHaveLength(11);
  }, 60_000);
});

describe('the signature block', () => {
  it('moves to the next page whole, leaving no part of its heading behind', async () => {
    // The fewest rows with which the signatures no longer fit under the table on page 1.
    let fits = 1;
    let spills = 40;
    const pdfs = new Map<number, string>();
    while (spills - fits > 1) {
      const rows = Math.floor((fits + spills) / 2);
      const pdf = await print(await rankingHtml(ranking(rows)));
      pdfs.set(rows, pdf);
      if (pageCount(pdf) === 1) fits = rows;
      else spills = rows;
    }
    const pdf = pdfs.get(spills) ?? (await print(await rankingHtml(ranking(spills))));
    expect(pageCount(pdf)).toBe(2);
    const [first = '', second = ''] = [1, 2].map((page) =>
      text(pdf, '-f', String(page), '-l', String(page)),
    );
    expect(first).toContain(`B2025-${String(spills).padStart(4, '0')}`);
    expect(first).not.toContain('签字确认');
    for (const line of ['签字确认', '评审专家与组织单位负责人确认', '胡建国', '组织单位负责人']) {
      expect(second).toContain(line);
    }
    expect(barPixelsLowerLeft(pdf, 1)).toBe(0);
    expect(barPixelsLowerLeft(pdf, 2)).toBe(0); // the heading sits at the top of page 2
  }, 120_000);
});

describe('the Chromium printer', () => {
  const bin = join(work, 'bin');
  mkdirSync(bin);
  const program = (name: string, script: string) => {
    const path = join(bin, name);
    writeFileSync(path, `#!/bin/sh\n${script}\n`);
    chmodSync(path, 0o755);
    return path;
  };

  it('says in both languages that no Chromium was found, and where it looked', () => {
    const empty = mkdtempSync(join(work, 'empty-'));
    let error: unknown;
    try {
      findChromium({ env: { PATH: empty }, candidates: ['/nowhere/chromium'] });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SailError);
    expect(error).toMatchObject({
      code: 'chromium_missing',
      message_zh: expect.stringContaining('生成 PDF 需要 Chromium') as string,
      message_en: expect.stringContaining('Printing a PDF needs Chromium') as string,
    });
    expect((error as SailError).message_zh).toContain('SAIL_CHROMIUM');
    expect((error as SailError).message_en).toContain('microsoft-edge on PATH');
    expect(() => findChromium({ env: { SAIL_CHROMIUM: join(empty, 'chrome') } })).toThrow(
      expect.objectContaining({ code: 'chromium_missing' }) as Error,
    );
  });

  it('finds a browser on PATH when none is at the usual places', () => {
    const edge = program('microsoft-edge', 'exit 0');
    expect(findChromium({ env: { PATH: `/nowhere:${bin}` }, candidates: [] })).toBe(edge);
  });

  it('reports a browser that will not start as chromium_failed, in a line, and cleans up', async () => {
    const broken = program('broken-chromium', 'echo "cannot open display" >&2\nexit 1');
    let error: unknown;
    const temp = await inOwnTmpdir(async () => {
      error = await chromiumPrinter({ env: { SAIL_CHROMIUM: broken } })
        .print('<p>x</p>')
        .catch((caught: unknown) => caught);
    });
    expect(error).toBeInstanceOf(SailError);
    const { code, message_zh, message_en } = error as SailError;
    expect(code).toBe('chromium_failed');
    expect(message_zh).toContain(`无法启动用于生成 PDF 的浏览器 ${broken}：`);
    expect(message_en).toContain(`Could not start the browser that prints PDFs, ${broken}: `);
    for (const message of [message_zh, message_en]) {
      expect(message).not.toMatch(/\n|browserType\.launch|Call log|Browser logs/);
      expect(message).toContain('SAIL_CHROMIUM');
    }
    // The report's private folder is gone.
    expect(readdirSync(temp)).toEqual([]);
  }, 60_000);

  it('loads the report from a private file that it removes, and nothing else', async () => {
    const secret = join(work, 'secret.html');
    writeFileSync(secret, '<p>SECRET FILE</p>');
    let pdf = '';
    // No CSP in this document: the printer itself must refuse the frame and the image.
    const temp = await inOwnTmpdir(async () => {
      pdf = await print(
        `<!DOCTYPE html><p>REPORT</p><iframe src="file://${secret}"></iframe><img src="http://127.0.0.1:9/x.png">`,
      );
    });
    expect(text(pdf)).toContain('REPORT');
    expect(text(pdf)).not.toContain('SECRET');
    expect(readdirSync(temp)).toEqual([]);
  }, 60_000);

  it('starts a Chromium whose window builds no address-bar popups beside the page', async () => {
    const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
    try {
      const page = await (await browser.newContext({ offline: true })).newPage();
      await page.goto('data:text/html,<p>REPORT</p>');
      const cdp = await browser.newBrowserCDPSession();
      const { targetInfos } = (await cdp.send('Target.getTargets')) as {
        targetInfos: Array<{ type: string; url: string }>;
      };
      expect(targetInfos.map(({ type, url }) => `${type} ${url}`)).toEqual([
        'page data:text/html,<p>REPORT</p>',
      ]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
