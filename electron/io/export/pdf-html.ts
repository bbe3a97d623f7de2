// HTML print templates of the PDFs: the signed ranking, per-entry score sheets and per-expert
// score sheets. Chromium's print engine lays them out (A4, table headers repeated on every page,
// page X / Y and the data digest in the page margins via CSS @page margin boxes, which use the
// embedded font, unlike Chromium's header/footer templates that cannot load web fonts).
import { embeddedFontCss, REPORT_FONT_FAMILY } from './fonts';
import {
  cellText,
  formatScore,
  type EntrySheet,
  type ExpertSheet,
  type PanelMember,
  type ReportMeta,
  type ReportSection,
  type SheetRubric,
} from './report';

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A CSS string literal (for margin box content). */
function cssString(text: string): string {
  return `"${text.replace(/[\\"]/g, '\\$&').replace(/[\r\n]+/g, ' ')}"`;
}

/**
 * Builds a document's HTML while remembering which text is set in bold, so that only the bold
 * subsets of the font that the document needs are embedded.
 */
class Html {
  private boldText = '';

  /** Escaped text. */
  t(text: string): string {
    return escapeHtml(text);
  }

  /** Escaped text in bold (headings, table headers, labels). */
  b(text: string): string {
    this.boldText += text;
    return escapeHtml(text);
  }

  get bold(): string {
    return this.boldText;
  }
}

export type PageOrientation = 'portrait' | 'landscape';

const STYLE = `
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;font-family:'${REPORT_FONT_FAMILY}';font-size:9pt;line-height:1.4;color:#111}
h1{font-size:17pt;font-weight:700;text-align:center;letter-spacing:.08em;margin:0 0 1mm}
.subtitle{text-align:center;color:#555;font-size:8.5pt;margin:0 0 3mm}
.rule{border:0;border-top:1.6pt solid #8b1a1a;border-bottom:.5pt solid #8b1a1a;height:2.2pt;margin:0 0 4mm}
h2{font-size:12pt;font-weight:700;margin:6mm 0 2.5mm;padding-left:2.5mm;border-left:3pt solid #8b1a1a;break-after:avoid}
h3{font-size:10pt;font-weight:700;margin:4mm 0 2mm;break-after:avoid}
table{border-collapse:collapse;width:100%}
th,td{border:.6pt solid #555;padding:1.2mm 1.6mm;vertical-align:middle}
th{background:#eceff3;font-weight:700;text-align:center;line-height:1.25}
thead{display:table-header-group}
tr{break-inside:avoid}
.facts{margin-bottom:4mm;font-size:8.5pt}
.facts th{background:#f4f5f7;text-align:left;width:15%;white-space:nowrap;font-weight:700}
.facts td{width:35%}
.facts .en{color:#666;font-weight:400;font-size:7pt;display:block}
.ranking td{font-size:8.5pt}
.ranking tbody tr:nth-child(even) td{background:#f8f9fb}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.rank{text-align:center;font-weight:700;white-space:nowrap}
.code{white-space:nowrap;font-variant-numeric:tabular-nums}
.labels{font-size:7.5pt;color:#8b1a1a}
.unranked td{color:#555}
.c-rank,.c-entry_id,.c-province,.c-sector,.c-reviews,.c-score{white-space:nowrap}
.c-title{min-width:42mm}
.c-applicant{min-width:32mm}
.c-flags{min-width:19mm}
.ranking th{font-size:8pt}
.note{color:#555;font-size:8pt;margin:2mm 0}
.section{break-before:page}
.section:first-of-type{break-before:auto}
.signatures{break-inside:avoid;margin-top:6mm}
.signatures td{height:11mm}
.signatures .sign{width:24%}
.signatures .date{width:14%}
.declaration{margin:0 0 2.5mm;font-size:8.5pt}
.sheet{break-before:page}
.sheet:first-of-type{break-before:auto}
.comment{margin:1.5mm 0;padding:1.5mm 2.5mm;border-left:2pt solid #bbb;background:#fafafa;white-space:pre-wrap;break-inside:avoid}
.sign-line{margin-top:8mm;display:flex;gap:18mm;justify-content:flex-end;font-size:10pt;break-inside:avoid}
.sign-line span{display:inline-block;min-width:42mm;border-bottom:.6pt solid #111}
.pass{color:#1a6b2a}.fail{color:#8b1a1a;font-weight:700}
`;

function pageCss(meta: ReportMeta, orientation: PageOrientation, header: string): string {
  const margin = `font-family:'${REPORT_FONT_FAMILY}';font-size:7pt;color:#555`;
  return `@page{size:A4 ${orientation};margin:15mm 12mm 17mm 12mm;
@top-left{content:${cssString(header)};${margin}}
@top-right{content:${cssString(`导出日期 ${meta.date}`)};${margin}}
@bottom-left{content:${cssString(`数据摘要 SHA-256：${meta.data_digest}`)};${margin};font-size:6.5pt}
@bottom-right{content:"第 " counter(page) " / " counter(pages) " 页";${margin};font-size:8pt}}`;
}

async function documentHtml(
  html: Html,
  meta: ReportMeta,
  orientation: PageOrientation,
  header: string,
  body: string,
): Promise<string> {
  const page = pageCss(meta, orientation, header);
  const fonts = await embeddedFontCss({ 400: body + page + meta.title_zh, 700: html.bold });
  // No scripts, nothing from outside: the printer's window may load only this document and the
  // fonts inside it.
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; font-src data:">
<title>${escapeHtml(meta.title_zh)}</title>
<style>${fonts}
${page}
${STYLE}</style></head>
<body>${body}</body></html>`;
}

function titleBlock(html: Html, meta: ReportMeta, heading: string): string {
  return `<h1>${html.b(heading)}</h1>
<p class="subtitle">${html.t(meta.title_zh)}<br>${html.t(meta.title_en)}</p>
<hr class="rule">`;
}

function factsTable(html: Html, meta: ReportMeta): string {
  const cells = meta.facts.map(
    (fact) =>
      `<th>${html.b(fact.zh_label)}<span class="en">${html.t(fact.en_label)}</span></th><td>${html.t(fact.zh)}</td>`,
  );
  const rows: string[] = [];
  for (let i = 0; i < cells.length; i += 2) {
    rows.push(`<tr>${cells[i] ?? ''}${cells[i + 1] ?? '<th></th><td></td>'}</tr>`);
  }
  return `<table class="facts"><tbody>${rows.join('')}</tbody></table>`;
}

function cellClass(kind: string): string {
  switch (kind) {
    case 'rank':
      return 'rank';
    case 'score':
    case 'count':
      return 'num';
    case 'labels':
      return 'labels';
    default:
      return '';
  }
}

function rankingTable(html: Html, section: ReportSection): string {
  const columns = section.columns
    .map((column, index) => ({ column, index }))
    .filter(({ column }) => column.printed);
  const keyClass = (key: string) => `c-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const head = columns
    .map(({ column }) => `<th class="${keyClass(column.key)}">${html.b(column.zh)}</th>`)
    .join('');
  const idColumn = columns.find(({ column }) => column.key === 'entry_id');
  const rankIndex = section.columns.findIndex((column) => column.key === 'rank');
  const body = section.rows
    .map((row) => {
      const cells = columns
        .map(({ column, index }) => {
          const kind = column === idColumn?.column ? 'code' : cellClass(column.kind);
          const text = html.t(cellText(column, row[index] ?? null));
          return `<td class="${keyClass(column.key)} ${kind}">${text}</td>`;
        })
        .join('');
      const unranked = rankIndex >= 0 && row[rankIndex] === null;
      return `<tr${unranked ? ' class="unranked"' : ''}>${cells}</tr>`;
    })
    .join('\n');
  return `<table class="ranking"><thead><tr>${head}</tr></thead><tbody>
${body}</tbody></table>`;
}

function signatureBlock(html: Html, panel: PanelMember[], organiser: string | null): string {
  const row = (index: number, role: string, name: string, organisation: string) =>
    `<tr><td class="num">${index}</td><td>${html.t(role)}</td><td>${html.t(name)}</td><td>${html.t(organisation)}</td><td class="sign"></td><td class="date"></td></tr>`;
  const rows = panel.map((member, i) =>
    row(i + 1, '评审专家', member.name, member.organisation ?? ''),
  );
  rows.push(row(panel.length + 1, '组织单位负责人', '', organiser ?? ''));
  return `<div class="signatures">
<h2>${html.b('签字确认')}</h2>
<p class="declaration">${html.t('评审专家与组织单位负责人确认：上述排名依据各专家提交的评分，按本表所列方法、设置与同分规则计算得出。')}</p>
<table><thead><tr><th>${html.b('序号')}</th><th>${html.b('角色')}</th><th>${html.b('姓名')}</th><th>${html.b('工作单位')}</th><th>${html.b('签字')}</th><th>${html.b('日期')}</th></tr></thead>
<tbody>${rows.join('')}</tbody></table></div>`;
}

export interface RankingDocument {
  meta: ReportMeta;
  sections: ReportSection[];
  panel: PanelMember[];
  organiser: string | null;
  /** Short text for the top margin of every page, e.g. "5G应用领航者 · 复赛 · 工厂". */
  header: string;
}

/** The signed ranking: title, facts, one ranked table per section, signatures. */
export function rankingHtml(doc: RankingDocument): Promise<string> {
  const html = new Html();
  const sections = doc.sections
    .map((section) => {
      const heading =
        doc.sections.length > 1
          ? `<h2>${html.b(`${section.zh}（${section.rows.length} 项）`)}</h2>`
          : '';
      const table =
        section.rows.length > 0
          ? rankingTable(html, section)
          : `<p class="note">${html.t('没有符合条件的项目。')}</p>`;
      return `<section class="section">${heading}${table}</section>`;
    })
    .join('\n');
  const body = `${titleBlock(html, doc.meta, '评审结果排名表')}
${factsTable(html, doc.meta)}
${sections}
${signatureBlock(html, doc.panel, doc.organiser)}`;
  return documentHtml(html, doc.meta, 'landscape', doc.header, body);
}

function criterionHead(html: Html, rubric: SheetRubric): string {
  return rubric.criteria
    .map((criterion) => `<th>${html.b(criterion.name_zh)}<br>${html.t(`(${criterion.max})`)}</th>`)
    .join('');
}

function gateCell(html: Html, answer: 'pass' | 'fail' | undefined): string {
  if (answer === undefined) return '<td></td>';
  return answer === 'pass'
    ? `<td class="pass">${html.t('通过')}</td>`
    : `<td class="fail">${html.t('不通过')}</td>`;
}

function entrySheet(html: Html, meta: ReportMeta, sheet: EntrySheet): string {
  const { rubric } = sheet;
  const facts = [
    ['编号', sheet.entry_id],
    ['项目名称', sheet.title],
    ['申报单位', sheet.applicant],
    ['省份', sheet.province ?? ''],
    ['领域', sheet.sector_zh],
    ['评分细则', `${rubric.name_zh}（第 ${rubric.version} 版）`],
    ['得分', formatScore(sheet.score)],
    ['排名', sheet.rank === null ? '—' : String(sheet.rank)],
  ];
  const factRows: string[] = [];
  for (let i = 0; i < facts.length; i += 2) {
    factRows.push(
      `<tr>${facts
        .slice(i, i + 2)
        .map(([label = '', value = '']) => `<th>${html.b(label)}</th><td>${html.t(value)}</td>`)
        .join('')}</tr>`,
    );
  }
  if (sheet.flags.length > 0) {
    factRows.push(
      `<tr><th>${html.b('标记')}</th><td colspan="3" class="labels">${html.t(sheet.flags.map((f) => f.zh).join('、'))}</td></tr>`,
    );
  }
  const gateHead = rubric.gates.map((gate) => `<th>${html.b(gate.name_zh)}</th>`).join('');
  const rows = sheet.reviews
    .map(
      (review, i) =>
        `<tr><td class="num">${i + 1}</td><td>${html.t(review.reviewer.name)}<br><span class="code">${html.t(review.reviewer.reviewer_id)}</span></td>${rubric.criteria
          .map((c) => `<td class="num">${html.t(String(review.scores[c.key] ?? ''))}</td>`)
          .join(
            '',
          )}${rubric.gates.map((g) => gateCell(html, review.gates[g.key])).join('')}<td class="num">${html.b(String(review.total))}</td></tr>`,
    )
    .join('');
  const comments = sheet.reviews
    .filter((review) => review.comment.trim() !== '')
    .map(
      (review) =>
        `<div class="comment"><strong>${html.b(review.reviewer.name)}：</strong>${html.t(review.comment)}</div>`,
    )
    .join('');
  return `<section class="sheet">
<h1>${html.b('项目评分表')}</h1>
<p class="subtitle">${html.t(meta.title_zh)}</p><hr class="rule">
<table class="facts"><tbody>${factRows.join('')}</tbody></table>
<h3>${html.b(`专家评分（${sheet.reviews.length} 份已提交评审）`)}</h3>
<table><thead><tr><th>${html.b('序号')}</th><th>${html.b('评审专家')}</th>${criterionHead(html, rubric)}${gateHead}<th>${html.b('合计')}</th></tr></thead>
<tbody>${rows || `<tr><td colspan="${rubric.criteria.length + rubric.gates.length + 3}">${html.t('尚无已提交的评审')}</td></tr>`}</tbody></table>
<h3>${html.b('专家评语')}</h3>
${comments || `<p class="note">${html.t('无评语')}</p>`}
<div class="sign-line">${html.b('评审组长签字')}<span></span>${html.b('日期')}<span></span></div>
</section>`;
}

export interface SheetsDocument<S> {
  meta: ReportMeta;
  header: string;
  sheets: S[];
}

/** Per-entry score sheets, one entry per page. */
export function entrySheetsHtml(doc: SheetsDocument<EntrySheet>): Promise<string> {
  const html = new Html();
  const body = doc.sheets.map((sheet) => entrySheet(html, doc.meta, sheet)).join('\n');
  return documentHtml(html, doc.meta, 'portrait', doc.header, body || emptyNote(html));
}

function expertSheet(html: Html, meta: ReportMeta, sheet: ExpertSheet): string {
  const { reviewer } = sheet;
  const groups = sheet.groups
    .map(({ rubric, rows }) => {
      const body = rows
        .map(
          (row, i) =>
            `<tr><td class="num">${i + 1}</td><td class="code">${html.t(row.entry_id)}</td><td>${html.t(row.title)}</td>${rubric.criteria
              .map((c) => `<td class="num">${html.t(String(row.scores[c.key] ?? ''))}</td>`)
              .join('')}<td class="num">${html.b(String(row.total))}</td></tr>`,
        )
        .join('');
      return `<h3>${html.b(`${rubric.name_zh}（第 ${rubric.version} 版）`)}</h3>
<table><thead><tr><th>${html.b('序号')}</th><th>${html.b('编号')}</th><th>${html.b('项目名称')}</th>${criterionHead(html, rubric)}<th>${html.b('合计')}</th></tr></thead><tbody>${body}</tbody></table>`;
    })
    .join('');
  const count = sheet.groups.reduce((sum, group) => sum + group.rows.length, 0);
  return `<section class="sheet">
<h1>${html.b('专家评分确认表')}</h1>
<p class="subtitle">${html.t(meta.title_zh)}</p><hr class="rule">
<table class="facts"><tbody>
<tr><th>${html.b('专家姓名')}</th><td>${html.t(reviewer.name)}</td><th>${html.b('专家编号')}</th><td>${html.t(reviewer.reviewer_id)}</td></tr>
<tr><th>${html.b('工作单位')}</th><td>${html.t(reviewer.organisation ?? '')}</td><th>${html.b('已提交评审')}</th><td>${html.t(`${count} 份`)}</td></tr>
</tbody></table>
${groups || `<p class="note">${html.t('该专家在本范围内没有已提交的评审。')}</p>`}
<p class="declaration" style="margin-top:5mm">${html.t('本人确认：以上评分为本人独立、公正作出，真实有效。')}</p>
<div class="sign-line">${html.b('专家签字')}<span></span>${html.b('日期')}<span></span></div>
</section>`;
}

/** Per-expert score sheets for signature, one expert per page (or more when long). */
export function expertSheetsHtml(doc: SheetsDocument<ExpertSheet>): Promise<string> {
  const html = new Html();
  const body = doc.sheets.map((sheet) => expertSheet(html, doc.meta, sheet)).join('\n');
  return documentHtml(html, doc.meta, 'portrait', doc.header, body || emptyNote(html));
}

function emptyNote(html: Html): string {
  return `<p class="note">${html.t('没有可列出的评分。')}</p>`;
}
