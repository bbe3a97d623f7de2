// The PDFs as a reader gets them: printed by Chromium, read back with poppler (pdftotext,
// pdffonts, pdfinfo). Entry ids extract in rank order, every font is the embedded CJK font,
// headers and page numbers on every page, the digest in the footer, a signature line per expert.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RankResult } from '../../electron/api/contract';
import { sample } from '../support/paths';
import { apiSession, type ApiSession } from '../support/session';
import { METHOD_NAMES } from '../../electron/core/vocabulary';
import { EXPERTS, FORMULA_COMMENT, ROUND, scoredRound } from './export-fixture';
import { expectInsidePage, pageGeometry } from './pdf-geometry';

const text = (pdf: string, ...args: string[]) =>
  execFileSync('pdftotext', [...args, pdf, '-'], { encoding: 'utf8' });
const pages = (pdf: string) =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);

/** pdffonts' table as rows: name, type, embedded. */
function fonts(pdf: string): Array<{ name: string; embedded: string }> {
  return execFileSync('pdffonts', [pdf], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const cells = line.trim().split(/\s+/);
      return { name: cells[0] ?? '', embedded: cells.at(-5) ?? '' };
    });
}

let api: ApiSession;
let ranking: RankResult;
let names: Map<string, string>;

beforeAll(async () => {
  api = apiSession();
  await scoredRound(api, 90, sample('reviewers.csv'));
  ranking = await api.ok('ranking.rank', { round: ROUND });
  names = new Map(
    (await api.ok('reviewers.list', {})).map((reviewer) => [reviewer.reviewer_id, reviewer.name]),
  );
}, 120_000);

describe('ranking PDF', () => {
  let pdf: string;
  let digest: string;

  beforeAll(async () => {
    pdf = join(api.dir, '排名.pdf');
    const record = await api.ok('export.ranking', {
      round: ROUND,
      format: 'pdf',
      path: pdf,
      organiser: '第八届绽放杯组委会',
    });
    digest = record.data_digest;
    expect(record.rows).toBe(90);
  }, 120_000);

  it('lists the entry ids in rank order, as text a reader can select', () => {
    // Content order (-raw), as copying the text or a screen reader gets it.
    const ids = [...text(pdf, '-raw').matchAll(/B\d{7}/g)].map((match) => match[0]);
    expect(ids).toEqual(ranking.rows.map((row) => row.entry_id));
  });

  it('reads in rank order in pdftotext’s default mode too, which guesses the layout', () => {
    const ids = [...text(pdf).matchAll(/B\d{7}/g)].map((match) => match[0]);
    expect(ids).toEqual(ranking.rows.map((row) => row.entry_id));
  });

  it('embeds the bundled CJK font and no other', () => {
    const list = fonts(pdf);
    expect(list.length).toBeGreaterThan(0);
    for (const font of list) {
      expect(font.embedded).toBe('yes');
      expect(font.name).toMatch(/\+NotoSansSC/);
    }
  });

  it('is A4 with the table header, page X / Y and the data digest on every page', () => {
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    // A4 landscape: 297 × 210 mm.
    expect(info).toMatch(/Page size:\s+841\.\d+ x 59[45]\.\d+ pts \(A4\)/);
    const count = pages(pdf);
    expect(count).toBeGreaterThan(1);
    for (let page = 1; page <= count; page++) {
      const onPage = text(pdf, '-f', String(page), '-l', String(page));
      expect(onPage.replace(/\s+/g, '')).toContain(`第${page}/${count}页`);
      expect(onPage).toContain(digest);
      if (page < count) expect(onPage).toContain('申报单位');
    }
  });

  it('keeps every table inside the printable area, each column wide enough for its text', () => {
    expectInsidePage(pageGeometry(pdf));
  });

  it('states the method, rubric version, tie-break chain and rule', () => {
    const first = text(pdf, '-f', '1', '-l', '1');
    expect(first).toContain('评审结果排名表');
    expect(first).toContain(METHOD_NAMES.mean.zh);
    expect(first).toMatch(/第 1 版/);
    expect(first).toContain('得分 → 全体评委平均分');
    expect(first).toContain('全部项目（不设入围线）');
  });

  it('ends with a signature line for every expert of the panel and the organiser', () => {
    const last = text(pdf, '-f', String(pages(pdf)), '-l', String(pages(pdf)));
    expect(last).toContain('签字确认');
    for (const expert of EXPERTS) expect(last).toContain(names.get(expert));
    expect(last).toContain('组织单位负责人');
    expect(last).toContain('第八届绽放杯组委会');
  });
});

describe('per-sector ranking PDF', () => {
  it('lets short sector sections follow each other rather than start a page each', async () => {
    const spec = {
      round: ROUND,
      format: 'pdf' as const,
      per_sector: true,
      rule: { kind: 'top' as const, n: 3 },
    };
    const pdf = join(api.dir, '分领域.pdf');
    await api.ok('export.ranking', { ...spec, path: pdf });
    const preview = await api.ok('export.preview', spec);
    expect(preview.sections.length).toBeGreaterThanOrEqual(5);
    // Five sections of three rows, the facts and the signatures: three pages, not one a section.
    expect(pages(pdf)).toBeLessThan(preview.sections.length);
    const ids = [...text(pdf, '-raw').matchAll(/B\d{7}/g)].map((match) => match[0]);
    expect(ids).toEqual(preview.rows.map((row) => row[1]));
    expectInsidePage(pageGeometry(pdf));
  }, 60_000);
});

describe('a round named to break out of the style sheet', () => {
  it('prints the name as text, with the header, digest and page numbers on every page', async () => {
    const name = 'x</style><p>INJECTED</p>';
    await api.ok('rounds.create', { stage: '初赛', name, programme: 'bloom' });
    const pdf = join(api.dir, '注入.pdf');
    const record = await api.ok('export.ranking', { round: name, format: 'pdf', path: pdf });
    const count = pages(pdf);
    for (let page = 1; page <= count; page++) {
      const onPage = text(pdf, '-f', String(page), '-l', String(page));
      expect(onPage).toContain(name); // the page header
      expect(onPage).toContain(record.data_digest);
      expect(onPage.replace(/\s+/g, '')).toContain(`第${page}/${count}页`);
      // INJECTED only ever within the name, never a paragraph of its own.
      for (const line of onPage.split('\n').filter((l) => l.includes('INJECTED'))) {
        expect(line).toContain(name);
      }
    }
  }, 60_000);
});

describe('characters no bundled font has', () => {
  it('warn the organiser before and after a PDF export, and not for a CSV', async () => {
    const name = '复赛䶮𪚥';
    const entries = join(api.dir, '生僻字.csv');
    writeFileSync(
      entries,
      '项目编号,项目名称,牵头申报单位,赛区或专题\nB2099-0001,5G+智慧工厂,𪚥氏科技有限公司,5G+工业互联网\n',
    );
    await api.ok('entries.import', { path: entries, programme: 'bloom' });
    await api.ok('rounds.create', { stage: '初赛', name, programme: 'bloom' });
    const preview = await api.ok('export.preview', { round: name, format: 'pdf' });
    expect(preview.warnings.map((w) => w.code)).toEqual(['pdf_unprintable_characters']);
    // Named by code point and found: in the round's name and in one entry's applicant.
    expect(preview.warnings[0]?.message_zh).toContain('𪚥（U+2A6A5，见 批次名称、B2099-0001）');
    expect(preview.warnings[0]?.message_en).toContain(
      '𪚥 (U+2A6A5, in the round name, B2099-0001)',
    );
    const record = await api.ok('export.ranking', {
      round: name,
      format: 'pdf',
      path: join(api.dir, '生僻字.pdf'),
    });
    expect(record.warnings).toEqual(preview.warnings);
    const csv = await api.ok('export.ranking', {
      round: name,
      format: 'csv',
      // Beside the entries file it was imported from, not over it.
      path: join(api.dir, '生僻字-排名.csv'),
    });
    expect(csv.warnings).toEqual([]);
  }, 60_000);
});

describe('score sheet PDFs', () => {
  it('prints a sheet per shortlisted entry with every expert’s scores and comments', async () => {
    const pdf = join(api.dir, '评分表.pdf');
    const record = await api.ok('export.ranking', {
      round: ROUND,
      format: 'pdf',
      kind: 'entry-sheets',
      rule: { kind: 'top', n: 3 },
      path: pdf,
    });
    const top = ranking.rows.filter((row) => row.rank !== null && row.rank <= 3);
    expect(record.rows).toBe(top.length);
    expect(pages(pdf)).toBe(top.length);
    top.forEach((row, index) => {
      const page = text(pdf, '-f', String(index + 1), '-l', String(index + 1));
      expect(page).toContain('项目评分表');
      expect(page).toContain(row.entry_id);
      for (const expert of EXPERTS) expect(page).toContain(names.get(expert));
    });
  }, 60_000);

  it('prints a sheet per expert for signature, with their comments kept as text', async () => {
    const pdf = join(api.dir, '专家.pdf');
    const record = await api.ok('export.ranking', {
      round: ROUND,
      format: 'pdf',
      kind: 'expert-sheets',
      path: pdf,
    });
    expect(record.rows).toBe(EXPERTS.length);
    const all = text(pdf);
    expect(all.match(/专家评分确认表/g)).toHaveLength(EXPERTS.length);
    expect(all.match(/专家签字/g)).toHaveLength(EXPERTS.length);
    // Every entry each expert scored is listed on their sheet, and each comment they wrote
    // under its entry id (a third of the fixture's reviews have one, c. f. export-fixture).
    expect(all.match(/B\d{7}(?!：)/g)).toHaveLength(90 * EXPERTS.length);
    expect(all.match(/B\d{7}：/g)).toHaveLength(68);
    expect(all).toContain(`B0000001：${FORMULA_COMMENT}`);
    expect(all).toContain('计分方法');
    expect(all).toContain('批次状态');
    expectInsidePage(pageGeometry(pdf));

    const sheets = join(api.dir, '全部评分表.pdf');
    await api.ok('export.ranking', {
      round: ROUND,
      format: 'pdf',
      kind: 'entry-sheets',
      path: sheets,
    });
    expect(text(sheets)).toContain(FORMULA_COMMENT);
  }, 120_000);
});

describe('export preview', () => {
  it('shows the rows and the HTML the PDF is printed from', async () => {
    const preview = await api.ok('export.preview', {
      round: ROUND,
      format: 'pdf',
      rule: { kind: 'top_percent', percent: 10 },
    });
    expect(preview.total_rows).toBeGreaterThanOrEqual(9);
    expect(preview.headers.slice(0, 2)).toEqual(['排名 rank', '编号 entry_id']);
    expect(preview.rows.map((row) => row[1])).toEqual(
      ranking.rows.slice(0, preview.total_rows).map((row) => row.entry_id),
    );
    expect(preview.html).toContain('评审结果排名表');
    // The fonts travel inside the document: it loads nothing from anywhere.
    expect(preview.html).toContain('src:url(data:font/woff2;base64,');
    expect(preview.html).not.toMatch(/(src|href)=["']?(https?:|file:)/);
  });
});
