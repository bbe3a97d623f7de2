// The printed page geometry of the PDFs people sign, with realistic long titles, applicants and
// ids and the most criterion columns a ranking prints: every table's right border lies inside
// the printable area, no text runs across a table rule (a column too narrow for its header or
// number), and no row grows tall because its title was squeezed to a few characters a line.
// The PDFs are printed by the system Chromium and measured with poppler (./pdf-geometry.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chromiumPrinter } from '../../electron/io/export/chromium-printer';
import {
  entrySheetsHtml,
  expertSheetsHtml,
  rankingHtml,
  type RankingDocument,
} from '../../electron/io/export/pdf-html';
import type {
  ReportCell,
  ReportColumn,
  ReportMeta,
  SheetRubric,
} from '../../electron/io/export/report';
import { expectInsidePage, pageGeometry, type PageGeometry } from './pdf-geometry';

const work = mkdtempSync(join(tmpdir(), 'sail-pdf-layout-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let serial = 0;
async function printed(html: string): Promise<PageGeometry[]> {
  const pdf = join(work, `layout-${++serial}.pdf`);
  writeFileSync(pdf, await chromiumPrinter().print(html));
  return pageGeometry(pdf);
}

const META: ReportMeta = {
  title_zh: '第八届“绽放杯”5G应用征集大赛 · 全国总决赛 · 总排名',
  title_en: 'The 8th Bloom Cup · national final · overall',
  facts: [
    { zh_label: '评审批次', en_label: 'Round', zh: '全国总决赛', en: 'national final' },
    { zh_label: '计分方法', en_label: 'Method', zh: '去掉最高最低分后的平均分', en: 'trimmed' },
  ],
  data_digest: 'd'.repeat(64),
  date: '2025-09-01',
};

/** Criterion names as long as rubrics have them. */
const CRITERIA = [
  '5G网络基础设施建设与网络安全防护能力',
  '智能化系统覆盖率与关键作业环节应用深度',
  '安全生产与减人增效的实际成效',
  '运行稳定性与采集数据真实性',
  '技术创新与关键技术自主可控水平',
  '复制推广价值与产业链带动作用',
  '商业模式可持续性与投资回报',
  '联合体协同与长期运营保障能力',
  '数据要素价值',
  '绿色低碳',
  '标准与知识产权',
  '用户满意度',
];

const column = (key: string, zh: string, kind: ReportColumn['kind']): ReportColumn => ({
  key,
  zh,
  en: key,
  kind,
  printed: true,
});

function rankingDoc(
  programme: 'bloom' | 'pioneer',
  criteria: number,
  rows: number,
): RankingDocument {
  const bloom = programme === 'bloom';
  const columns: ReportColumn[] = [
    column('rank', '排名', 'rank'),
    column('entry_id', '编号', 'text'),
    column('title', bloom ? '项目名称' : '主体名称', 'text'),
    ...(bloom ? [column('applicant', '申报单位', 'text')] : []),
    column('province', '省份', 'text'),
    ...(bloom ? [column('sector', '领域', 'text')] : []),
    column('score', '得分', 'score'),
    column('all_judge_mean', '全体评委平均分', 'score'),
    column('reviews', '评审数', 'count'),
    ...CRITERIA.slice(0, criteria).map((name, i) => column(`criterion:c${i}`, name, 'score')),
    column('flags', '标记', 'labels'),
  ];
  const cell = (key: string, i: number): ReportCell => {
    if (key === 'rank') return i + 1;
    if (key === 'entry_id') return `ZFB2025-GD-SZ-FINAL-${String(i + 1).padStart(5, '0')}`;
    if (key === 'title') {
      return bloom
        ? `基于5G专网与边缘计算的大型钢铁联合企业全流程智能制造与远程运维一体化示范应用项目（第${i + 1}期）`
        : `国家能源集团神东煤炭集团有限责任公司补连塔煤矿${i + 1}号井`;
    }
    if (key === 'applicant')
      return '中国移动通信集团广东有限公司广州分公司、华为技术有限公司联合体';
    if (key === 'province') return i % 3 === 0 ? '新疆维吾尔自治区' : '广东省';
    if (key === 'sector') return '5G+工业互联网';
    if (key === 'reviews') return 7;
    if (key === 'flags') {
      return [
        { key: 'tie', zh: '并列', en: 'tie' },
        { key: 'gate', zh: '未通过门槛：安全生产许可证', en: 'gate' },
        { key: 'few', zh: '评审不足', en: 'few' },
      ];
    }
    return 100 - i / 3;
  };
  return {
    meta: META,
    sections: [
      {
        scope: bloom ? 'overall' : 'mine',
        zh: bloom ? '总排名' : '矿山排名',
        en: 'ranking',
        columns,
        rows: Array.from({ length: rows }, (_, i) => columns.map((c) => cell(c.key, i))),
      },
    ],
    panel: [
      { reviewer_id: 'EXP001', name: '欧阳建国', organisation: '中国信息通信研究院' },
      { reviewer_id: 'EXP002', name: '周海燕', organisation: null },
    ],
    organiser: '第八届“绽放杯”5G应用征集大赛组委会办公室',
    header: '绽放杯 · 全国总决赛 · 总排名',
  };
}

function rubric(criteria: number, gates: number): SheetRubric {
  return {
    name_zh: '5G智能矿山评审细则',
    version: 2,
    criteria: CRITERIA.slice(0, criteria).map((name_zh, i) => ({ key: `c${i}`, name_zh, max: 10 })),
    gates: ['安全生产许可证', '近三年无重大安全事故', '数据真实性承诺']
      .slice(0, gates)
      .map((name_zh, i) => ({ key: `g${i}`, name_zh })),
  };
}

const expert = { reviewer_id: 'EXP001', name: '欧阳建国', organisation: '中国信息通信研究院' };

function reviews(sheet: SheetRubric, count: number) {
  return Array.from({ length: count }, (_, i) => ({
    entry_id: `ZFB2025-GD-SZ-FINAL-${String(i + 1).padStart(5, '0')}`,
    title: `国家能源集团神东煤炭集团有限责任公司补连塔煤矿5G+智能综采工作面${i + 1}`,
    reviewer: { ...expert, name: `${expert.name}${i + 1}`, reviewer_id: `EXP00${i + 1}` },
    scores: Object.fromEntries(sheet.criteria.map((c) => [c.key, 9.5])),
    gates: Object.fromEntries(
      sheet.gates.map((g, k): [string, 'pass' | 'fail'] => [g.key, k === 1 ? 'fail' : 'pass']),
    ),
    total: 100,
    comment: i === 0 ? '网络覆盖完整，建议补充数据安全措施。' : '',
    submitted_at: null,
  }));
}

describe('the ranking PDF on the page', () => {
  it('keeps every column of a 绽放杯 overall ranking with eight long criteria inside the page', async () => {
    expectInsidePage(await printed(await rankingHtml(rankingDoc('bloom', 8, 24))));
  }, 120_000);

  it('keeps a 领航者 sector ranking with eight long criteria inside the page', async () => {
    expectInsidePage(await printed(await rankingHtml(rankingDoc('pioneer', 8, 24))));
  }, 120_000);
});

describe('the score sheets on the page', () => {
  it('keeps an expert sheet of twelve criteria and three gates inside the page', async () => {
    const sheet = rubric(12, 3);
    const html = await expertSheetsHtml({
      meta: META,
      header: '矿山',
      sheets: [{ reviewer: expert, groups: [{ rubric: sheet, rows: reviews(sheet, 12) }] }],
    });
    expectInsidePage(await printed(html));
  }, 120_000);

  it('keeps an entry sheet of twelve criteria and three gates inside the page', async () => {
    const sheet = rubric(12, 3);
    const html = await entrySheetsHtml({
      meta: META,
      header: '矿山',
      sheets: [
        {
          entry_id: 'ZFB2025-GD-SZ-FINAL-00001',
          title: '国家能源集团神东煤炭集团有限责任公司补连塔煤矿5G+智能综采工作面',
          applicant: '国家能源集团神东煤炭集团有限责任公司',
          province: '内蒙古自治区',
          sector_zh: '矿山',
          rank: 1,
          score: 95.5,
          flags: [],
          rubric: sheet,
          reviews: reviews(sheet, 7),
        },
      ],
    });
    expectInsidePage(await printed(html));
  }, 120_000);

  it('prints a sheet of a usual rubric in portrait', async () => {
    // The library's 5G智能矿山 rubric: six criteria and a gate.
    const sheet: SheetRubric = {
      ...rubric(0, 1),
      criteria: [
        '5G网络与信息基础设施',
        '智能化系统覆盖',
        '安全与减人成效',
        '运行稳定与数据真实',
        '技术创新',
        '推广价值',
      ].map((name_zh, i) => ({ key: `c${i}`, name_zh, max: 20 })),
    };
    const pages = await printed(
      await expertSheetsHtml({
        meta: META,
        header: '矿山',
        sheets: [{ reviewer: expert, groups: [{ rubric: sheet, rows: reviews(sheet, 5) }] }],
      }),
    );
    expectInsidePage(pages);
    for (const page of pages) expect(page.width).toBeLessThan(page.height);
  }, 120_000);
});
