// HTML print templates of the PDFs: the signed ranking, per-entry score sheets and per-expert
// score sheets. Chromium's print engine lays them out (A4, table headers repeated on every page,
// page X / Y and the data digest in the page margins via CSS @page margin boxes, which use the
// embedded font, unlike Chromium's header/footer templates that cannot load web fonts).
// Tables have fixed layouts whose column widths ./pdf-columns.ts works out from their text.
import { embeddedFontCss, REPORT_FONT_STACK } from './fonts';
import {
  CELL_EXTRA_MM,
  CELL_PT,
  clamp,
  CONTENT_WIDTH,
  entrySheetColumns,
  expertTableColumns,
  fixedWidth,
  HEAD_PT,
  holds,
  labelTexts,
  rankingLayout,
  sheetsOrientation,
  sheetWidths,
  textWidth,
  widest,
  type PageOrientation,
  type SheetColumn,
} from './pdf-columns';
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

/**
 * A CSS string literal (margin box content). Every character that could end the string, the
 * line or the <style> element is a hex escape (the space after it ends the escape), so no text
 * can break out into the style sheet or the document.
 */
export function cssString(text: string): string {
  const escaped = text.replace(
    /[<>&"'\\\p{Cc}]/gu,
    (char) => `\\${(char.codePointAt(0) ?? 0).toString(16)} `,
  );
  return `"${escaped}"`;
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

/** <colgroup> of widths in mm (null: an equal share of what is left) as % of the table. */
function colgroup(widths: Array<number | null>, orientation: PageOrientation): string {
  const cols = widths.map((width) =>
    width === null
      ? '<col>'
      : `<col style="width:${((width / CONTENT_WIDTH[orientation]) * 100).toFixed(2)}%">`,
  );
  return `<colgroup>${cols.join('')}</colgroup>`;
}

// The ranking's header lines are 1.6 em apart: closer than 1.5 em, pdftotext (default mode) joins
// them into blocks that it reads as columns, and the first rows of each page come out last.
const STYLE = `
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;font-family:${REPORT_FONT_STACK};font-size:9pt;line-height:1.4;color:#111}
h1{font-size:18pt;font-weight:700;text-align:center;letter-spacing:.12em;margin:0 0 1.5mm}
.subtitle{text-align:center;color:#444;font-size:8.5pt;margin:0 0 2.5mm}
.rule{border:0;border-top:1.8pt solid #8b1a1a;border-bottom:.6pt solid #8b1a1a;height:2.4pt;margin:0 0 4mm}
h2{font-size:11.5pt;font-weight:700;margin:0 0 2.5mm;break-after:avoid}
h2::before{content:"";display:inline-block;width:3pt;height:1.05em;margin-right:2mm;vertical-align:-.15em;background:#8b1a1a}
h3{font-size:10pt;font-weight:700;margin:4mm 0 2mm;break-after:avoid}
table{border-collapse:collapse;width:100%;table-layout:fixed}
th,td{border:.6pt solid #555;padding:1mm 1.5mm;vertical-align:middle;overflow-wrap:anywhere}
td{text-wrap:pretty}
th{background:#eceff3;font-size:${HEAD_PT}pt;font-weight:700;text-align:center;line-height:1.25;text-wrap:balance}
thead{display:table-header-group}
tr{break-inside:avoid}
.facts{margin-bottom:4mm;font-size:8.5pt}
.facts th{background:#f4f5f7;text-align:left;font-size:8.5pt;white-space:nowrap}
.facts .en{color:#666;font-weight:400;font-size:7pt;display:block}
.ranking{--cell:${CELL_PT}pt}
.ranking td{font-size:var(--cell)}
.ranking th{font-size:calc(var(--cell) - .5pt);line-height:1.6}
.ranking .labels{font-size:calc(var(--cell) - 1pt)}
.ranking tbody tr:nth-child(even) td{background:#f8f9fb}
.nowrap,.num,.rank,.code{white-space:nowrap}
.num{text-align:right;font-variant-numeric:tabular-nums}
.rank{text-align:center;font-weight:700}
.code{font-variant-numeric:tabular-nums}
.labels{font-size:7.5pt;color:#8b1a1a}
.labels span{display:inline-block}
.unranked td{color:#555}
.note{color:#555;font-size:8pt;margin:2mm 0}
.section{margin-top:5mm}
.section.keep{break-inside:avoid}
.signatures{break-inside:avoid;margin-top:7mm}
.signatures td{height:10mm}
.declaration{margin:0 0 2.5mm;font-size:8.5pt}
.sheet{break-before:page}
.sheet:first-of-type{break-before:auto}
.comment{margin:1.5mm 0;padding:1.5mm 2.5mm;border-left:2pt solid #bbb;background:#fafafa;white-space:pre-wrap;break-inside:avoid}
.sign-line{margin-top:8mm;display:flex;gap:18mm;justify-content:flex-end;font-size:10pt;break-inside:avoid}
.sign-line span{display:inline-block;min-width:42mm;border-bottom:.6pt solid #111}
.pass{color:#1a6b2a}.fail{color:#8b1a1a;font-weight:700}
`;

function pageCss(meta: ReportMeta, orientation: PageOrientation, header: string): string {
  const margin = `font-family:${REPORT_FONT_STACK};font-size:7pt;color:#555`;
  return `@page{size:A4 ${orientation};margin:16mm 13mm 16mm 13mm;
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

/** Label/value pairs, two pairs a row, labels as wide as the longest needs. */
function factsTable(
  html: Html,
  facts: Array<{ label: string; en?: string; value: string; className?: string }>,
  orientation: PageOrientation,
): string {
  const labelWidth = Math.max(
    widest(
      facts.map((fact) => fact.label),
      8.5,
    ),
    widest(
      facts.map((fact) => fact.en ?? ''),
      7,
    ),
  );
  const valueWidth = CONTENT_WIDTH[orientation] / 2 - labelWidth - CELL_EXTRA_MM;
  const cells = facts.map(
    (fact) =>
      `<th>${html.b(fact.label)}${fact.en ? `<span class="en">${html.t(fact.en)}</span>` : ''}</th>` +
      `<td${fact.className ? ` class="${fact.className}"` : ''}>${html.t(fact.value)}</td>`,
  );
  const rows: string[] = [];
  for (let i = 0; i < cells.length; i += 2) {
    rows.push(`<tr>${cells[i] ?? ''}${cells[i + 1] ?? '<th></th><td></td>'}</tr>`);
  }
  const width = labelWidth + CELL_EXTRA_MM;
  return `<table class="facts">${colgroup([width, valueWidth, width, valueWidth], orientation)}<tbody>${rows.join('')}</tbody></table>`;
}

function rankingTable(html: Html, section: ReportSection): string {
  const printed = section.columns
    .map((column, index) => ({ column, index }))
    .filter(({ column }) => column.printed);
  const { pt, columns, cells, dropped } = rankingLayout(section, printed);
  const head = columns
    .map(({ column }, i) => {
      const nowrap = cells[i]?.nowrapHeader ? ' class="nowrap"' : '';
      return `<th${nowrap}>${html.b(column.zh)}</th>`;
    })
    .join('');
  const rankIndex = section.columns.findIndex((column) => column.key === 'rank');
  const body = section.rows
    .map((row) => {
      const tds = columns
        .map(({ column, index }, i) => {
          const className = cells[i]?.className ?? '';
          const cell = row[index] ?? null;
          const text = Array.isArray(cell)
            ? labelTexts(cell)
                .map((label) => `<span>${html.t(label)}</span>`)
                .join('')
            : html.t(cellText(column, cell));
          return className ? `<td class="${className}">${text}</td>` : `<td>${text}</td>`;
        })
        .join('');
      const unranked = rankIndex >= 0 && row[rankIndex] === null;
      return `<tr${unranked ? ' class="unranked"' : ''}>${tds}</tr>`;
    })
    .join('\n');
  const size = pt === CELL_PT ? '' : ` style="--cell:${pt}pt"`;
  // Said, not silently dropped: where the criterion means are when the page has no room.
  const note =
    dropped > 0
      ? `<p class="note">${html.t(`各评分项均分（${dropped} 列）在 A4 横向页面上放不下，未印在本表中，见 XLSX 的评分项明细表。`)}</p>`
      : '';
  return `<table class="ranking"${size}>${colgroup(
    cells.map((cell) => cell.width),
    'landscape',
  )}<thead><tr>${head}</tr></thead><tbody>
${body}</tbody></table>${note}`;
}

/** Room for a name written by hand (the organiser's row is left blank for it), in mm. */
const SIGNATURE_NAME_MIN = 20;

/** The signature table with its heading and declaration: one block that never splits. */
function signatureBlock(html: Html, panel: PanelMember[], organiser: string | null): string {
  const row = (index: number, role: string, name: string, organisation: string) =>
    `<tr><td class="num">${index}</td><td class="nowrap">${html.t(role)}</td><td>${html.t(name)}</td><td>${html.t(organisation)}</td><td></td><td></td></tr>`;
  const rows = panel.map((member, i) =>
    row(i + 1, '评审专家', member.name, member.organisation ?? ''),
  );
  rows.push(row(panel.length + 1, '组织单位负责人', '', organiser ?? ''));
  const names = widest(
    panel.map((member) => member.name),
    9,
  );
  const widths = [
    fixedWidth('序号'),
    textWidth('组织单位负责人', 9) + CELL_EXTRA_MM,
    clamp(names, SIGNATURE_NAME_MIN, 40) + CELL_EXTRA_MM,
    null,
    60,
    30,
  ];
  const head = ['序号', '角色', '姓名', '工作单位', '签字', '日期']
    .map((label) => `<th class="nowrap">${html.b(label)}</th>`)
    .join('');
  return `<div class="signatures">
<h2>${html.b('签字确认')}</h2>
<p class="declaration">${html.t('评审专家与组织单位负责人确认：上述排名依据各专家提交的评分，按本表所列方法、设置与同分规则计算得出。')}</p>
<table>${colgroup(widths, 'landscape')}<thead><tr>${head}</tr></thead>
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

/**
 * A section this short is kept on one page (it moves to the next when it does not fit what is
 * left); a longer one flows on, its table header repeated on every page.
 */
const KEEP_TOGETHER_ROWS = 12;

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
      const keep = section.rows.length <= KEEP_TOGETHER_ROWS ? ' keep' : '';
      const note = section.note ? `<p class="note">${html.t(section.note.zh)}</p>` : '';
      return `<section class="section${keep}">${heading}${table}${note}</section>`;
    })
    .join('\n');
  const facts = factsTable(
    html,
    doc.meta.facts.map((fact) => ({ label: fact.zh_label, en: fact.en_label, value: fact.zh })),
    'landscape',
  );
  const body = `${titleBlock(html, doc.meta, '评审结果排名表')}
${facts}
${sections}
${signatureBlock(html, doc.panel, doc.organiser)}`;
  return documentHtml(html, doc.meta, 'landscape', doc.header, body);
}

/** Criterion headers: the name (up to three lines) over its maximum. */
function criterionHead(html: Html, rubric: SheetRubric): string {
  return rubric.criteria
    .map((criterion) => `<th>${html.b(criterion.name_zh)}<br>${html.t(`(${criterion.max})`)}</th>`)
    .join('');
}

/** A sheet table's <colgroup>: its widths in `orientation`, squeezed if they do not fit. */
const sheetColgroup = (columns: SheetColumn[], orientation: PageOrientation) =>
  colgroup(sheetWidths(columns, orientation, true) ?? [], orientation);

/**
 * The facts of the export a sheet repeats: the score and rank on it depend on the method, and
 * a round still scoring may change them.
 */
const SHEET_FACTS = new Set(['计分方法', '批次状态']);
const sheetFacts = (meta: ReportMeta) =>
  meta.facts
    .filter((fact) => SHEET_FACTS.has(fact.zh_label))
    .map((fact) => ({ label: fact.zh_label, value: fact.zh }));

function gateCell(html: Html, answer: 'pass' | 'fail' | undefined): string {
  if (answer === undefined) return '<td></td>';
  return answer === 'pass'
    ? `<td class="pass nowrap">${html.t('通过')}</td>`
    : `<td class="fail nowrap">${html.t('不通过')}</td>`;
}

function entrySheet(
  html: Html,
  meta: ReportMeta,
  sheet: EntrySheet,
  orientation: PageOrientation,
): string {
  const { rubric } = sheet;
  const facts = factsTable(
    html,
    [
      { label: '编号', value: sheet.entry_id },
      { label: '项目名称', value: sheet.title },
      { label: '申报单位', value: sheet.applicant },
      { label: '省份', value: sheet.province ?? '' },
      { label: '领域', value: sheet.sector_zh },
      { label: '评分细则', value: `${rubric.name_zh}（第 ${rubric.version} 版）` },
      ...sheetFacts(meta),
      { label: '得分', value: formatScore(sheet.score) },
      { label: '排名', value: sheet.rank === null ? '—' : String(sheet.rank) },
      ...(sheet.flags.length > 0
        ? [{ label: '标记', value: sheet.flags.map((f) => f.zh).join('、'), className: 'labels' }]
        : []),
    ],
    orientation,
  );
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
${facts}
<h3>${html.b(`专家评分（${sheet.reviews.length} 份已提交评审）`)}</h3>
<table>${sheetColgroup(entrySheetColumns(sheet), orientation)}<thead><tr><th class="nowrap">${html.b('序号')}</th><th class="nowrap">${html.b('评审专家')}</th>${criterionHead(html, rubric)}${gateHead}<th class="nowrap">${html.b('合计')}</th></tr></thead>
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

/** Per-entry score sheets, one entry per page; landscape when a rubric's columns need it. */
export function entrySheetsHtml(doc: SheetsDocument<EntrySheet>): Promise<string> {
  const html = new Html();
  const orientation = sheetsOrientation(doc.sheets.map(entrySheetColumns));
  const body = doc.sheets.map((sheet) => entrySheet(html, doc.meta, sheet, orientation)).join('\n');
  return documentHtml(html, doc.meta, orientation, doc.header, body || emptyNote(html));
}

function expertSheet(
  html: Html,
  meta: ReportMeta,
  sheet: ExpertSheet,
  orientation: PageOrientation,
): string {
  const { reviewer } = sheet;
  const groups = sheet.groups
    .map((group) => {
      const { rubric, rows } = group;
      const columns = expertTableColumns(group);
      // Ids stay on one line where their column is wide enough for the longest.
      const idWidth = sheetWidths(columns, orientation, true)?.[1] ?? 0;
      const ids = rows.map((row) => row.entry_id);
      const idClass = holds(idWidth - CELL_EXTRA_MM, widest(ids, CELL_PT)) ? ' class="code"' : '';
      const body = rows
        .map(
          (row, i) =>
            `<tr><td class="num">${i + 1}</td><td${idClass}>${html.t(row.entry_id)}</td><td>${html.t(row.title)}</td>${rubric.criteria
              .map((c) => `<td class="num">${html.t(String(row.scores[c.key] ?? ''))}</td>`)
              .join(
                '',
              )}${rubric.gates.map((g) => gateCell(html, row.gates[g.key])).join('')}<td class="num">${html.b(String(row.total))}</td></tr>`,
        )
        .join('');
      // What the expert signs for includes the gate answers (a fail can unrank an entry) and
      // the comments.
      const comments = rows
        .filter((row) => row.comment.trim() !== '')
        .map(
          (row) =>
            `<div class="comment"><strong>${html.t(row.entry_id)}：</strong>${html.t(row.comment)}</div>`,
        )
        .join('');
      return `<h3>${html.b(`${rubric.name_zh}（第 ${rubric.version} 版）`)}</h3>
<table>${sheetColgroup(columns, orientation)}<thead><tr><th class="nowrap">${html.b('序号')}</th><th class="nowrap">${html.b('编号')}</th><th>${html.b('项目名称')}</th>${criterionHead(html, rubric)}${rubric.gates.map((gate) => `<th>${html.b(gate.name_zh)}</th>`).join('')}<th class="nowrap">${html.b('合计')}</th></tr></thead><tbody>${body}</tbody></table>${comments ? `<h3>${html.b('评语')}</h3>${comments}` : ''}`;
    })
    .join('');
  const count = sheet.groups.reduce((sum, group) => sum + group.rows.length, 0);
  const facts = factsTable(
    html,
    [
      { label: '专家姓名', value: reviewer.name },
      { label: '专家编号', value: reviewer.reviewer_id },
      { label: '工作单位', value: reviewer.organisation ?? '' },
      { label: '已提交评审', value: `${count} 份` },
      ...sheetFacts(meta),
    ],
    orientation,
  );
  return `<section class="sheet">
<h1>${html.b('专家评分确认表')}</h1>
<p class="subtitle">${html.t(meta.title_zh)}</p><hr class="rule">
${facts}
${groups || `<p class="note">${html.t('该专家在本范围内没有已提交的评审。')}</p>`}
<p class="declaration" style="margin-top:5mm">${html.t('本人确认：以上评分为本人独立、公正作出，真实有效。')}</p>
<div class="sign-line">${html.b('专家签字')}<span></span>${html.b('日期')}<span></span></div>
</section>`;
}

/**
 * Per-expert score sheets for signature, one expert per page (or more when long); on landscape
 * pages when a rubric has more columns than a portrait page holds.
 */
export function expertSheetsHtml(doc: SheetsDocument<ExpertSheet>): Promise<string> {
  const html = new Html();
  const orientation = sheetsOrientation(
    doc.sheets.flatMap((sheet) => sheet.groups.map(expertTableColumns)),
  );
  const body = doc.sheets
    .map((sheet) => expertSheet(html, doc.meta, sheet, orientation))
    .join('\n');
  return documentHtml(html, doc.meta, orientation, doc.header, body || emptyNote(html));
}

function emptyNote(html: Html): string {
  return `<p class="note">${html.t('没有可列出的评分。')}</p>`;
}
