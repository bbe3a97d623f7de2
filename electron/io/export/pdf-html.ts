// HTML print templates of the PDFs: the signed ranking, per-entry score sheets and per-expert
// score sheets. Chromium's print engine lays them out (A4, table headers repeated on every page,
// page X / Y and the data digest in the page margins via CSS @page margin boxes, which use the
// embedded font, unlike Chromium's header/footer templates that cannot load web fonts).
// Tables have fixed layouts whose column widths are worked out here from their text, so that
// short headers and numbers never wrap and the long text columns share the rest sensibly.
import { embeddedFontCss, REPORT_FONT_STACK } from './fonts';
import {
  cellText,
  formatScore,
  type EntrySheet,
  type ExpertSheet,
  type PanelMember,
  type ReportColumn,
  type ReportLabel,
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

export type PageOrientation = 'portrait' | 'landscape';

/** A4 less the page margins of pageCss, in mm: the width a table has. */
const CONTENT_WIDTH: Record<PageOrientation, number> = { portrait: 184, landscape: 271 };

const MM_PER_PT = 25.4 / 72;
/** A cell's horizontal padding (2 × 1.5 mm) and rules, plus a little slack for bold text. */
const CELL_EXTRA_MM = 3.8;
/** Font sizes (pt) of table cells and headers; the CSS below uses the same. */
const CELL_PT = 8.5;
const HEAD_PT = 8;

/** Advance widths (em) of Noto Sans SC: ideographs and full-width forms, digits, other Latin. */
function charWidth(char: string): number {
  const point = char.codePointAt(0) ?? 0;
  if (point >= 0x2e80) return 1;
  if (point >= 0x30 && point <= 0x39) return 0.56;
  return /[\p{L}\p{S}]/u.test(char) ? 0.64 : 0.36;
}

/** The width of `text` in em. */
function emOf(text: string): number {
  let em = 0;
  for (const char of text) em += charWidth(char);
  return em;
}

/**
 * The width of `text` set on `lines` lines, in mm: an estimate from the font's advance widths;
 * on several lines rounded up to whole em, as ideographs wrap between any two.
 */
function textWidth(text: string, pt: number, lines = 1): number {
  const em = emOf(text);
  return (lines === 1 ? em : Math.ceil(em / lines)) * pt * MM_PER_PT;
}

const widest = (texts: Iterable<string>, pt: number) => {
  let width = 0;
  for (const text of texts) width = Math.max(width, textWidth(text, pt));
  return width;
};

/** Width of a short header or number column that must not wrap. */
const fixedWidth = (...texts: string[]) => widest(texts, HEAD_PT) + CELL_EXTRA_MM;

const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), max);

/** A column's width in mm: what it is given when the page has room, and the least it takes. */
interface Width {
  preferred: number;
  least: number;
  /**
   * Columns whose content wraps (ids, names) give up room only once those whose headers wrap
   * onto more lines have given theirs.
   */
  content?: boolean;
}

const total = (widths: readonly number[]) => widths.reduce((sum, width) => sum + width, 0);

/** Whether `room` mm holds text `width` mm wide (widths added and taken away drift by a hair). */
const holds = (room: number, width: number) => room >= width - 0.01;

/**
 * Fits columns into `room` mm beside the ones that take what is left, which keep at least
 * `flexible` mm: each column its preferred width when they fit; else the columns whose headers
 * wrap shrink, each by the same share of the way to its least width, then those whose content
 * wraps. Null when even the least widths leave too little: the table needs a wider page, a
 * smaller font or fewer columns.
 */
function fitWidths(widths: readonly Width[], room: number, flexible: number): number[] | null {
  const fitted = widths.map((width) => width.preferred);
  let excess = total(fitted) - (room - flexible);
  for (const content of [false, true]) {
    if (excess <= 0) break;
    const shrinking = widths.flatMap((width, i) => (Boolean(width.content) === content ? [i] : []));
    const slack = total(
      shrinking.map((i) => (widths[i]?.preferred ?? 0) - (widths[i]?.least ?? 0)),
    );
    if (slack <= 0) continue;
    const share = Math.min(1, excess / slack);
    for (const i of shrinking) {
      const width = widths[i];
      if (width) fitted[i] = width.preferred - share * (width.preferred - width.least);
    }
    excess -= share * slack;
  }
  return excess > 1e-6 ? null : fitted;
}

/**
 * The last resort when even the least widths do not fit: all of them in proportion, so that the
 * table never runs past the page's edge (a cell's text may then overflow its cell).
 */
function squeeze(widths: readonly Width[], room: number, flexible: number): number[] {
  const scale = Math.max(0, room - flexible) / total(widths.map((width) => width.least));
  return widths.map((width) => width.least * Math.min(1, scale));
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

interface ColumnLayout {
  className: string;
  /** In mm; null for the title and the applicant, which share what the others leave. */
  width: Width | null;
  /** The header's width on one line (mm): wider columns keep it there, unwrapped. */
  header: number;
  /** The width of content that must stay on one line (ids, numbers), in mm. */
  oneLine: number;
}

/** What the title and the applicant share at least; narrower, the table's text gets smaller. */
const MIN_FLEXIBLE_WIDTH = 70;
/** Smaller cell font sizes (pt) for ranking tables of many columns. */
const SMALLER_CELL_PT = [7.5, 6.5];
/**
 * The lines a header is given: up to 3 ideographs wide one (排名, 得分, 评审数), up to 6 two
 * (技术/先进性), wider ones up to `most` (商业模/式与可/推广性).
 */
function headerLines(label: string, most: number): number {
  const em = emOf(label);
  return Math.min(em <= 3 ? 1 : em <= 6 ? 2 : 3, most);
}

/**
 * The width nine in ten of `texts` fit in: the longest few wrap rather than widen a column.
 * Of a few texts, the widest.
 */
function typical(texts: string[], pt: number): number {
  const widths = texts.map((text) => textWidth(text, pt)).sort((a, b) => a - b);
  const at = widths.length < 10 ? widths.length - 1 : Math.floor((widths.length - 1) * 0.9);
  return widths[at] ?? 0;
}

/** Lines a criterion's name may take when the page is short of room (5G网络基/础设施建/…). */
const MOST_HEADER_LINES = 4;

/** A column whose content, rather than its header, wraps when it shrinks. */
const content = (layout: ColumnLayout): ColumnLayout =>
  layout.width ? { ...layout, width: { ...layout.width, content: true } } : layout;

function columnLayout(
  column: ReportColumn,
  texts: string[],
  labels: string[],
  pt: number,
): ColumnLayout {
  const headerPt = pt - 0.5;
  const header = textWidth(column.zh, headerPt);
  const onLines = (lines: number) => textWidth(column.zh, headerPt, lines);
  /** Content set `preferred` wide, or `least` when short of room; the header beside either. */
  const layout = (
    className: string,
    content: { preferred: number; least: number; oneLine?: number },
    lines: { preferred: number; least: number },
  ): ColumnLayout => ({
    className,
    width: {
      preferred: Math.max(content.preferred, onLines(lines.preferred)) + CELL_EXTRA_MM,
      least: Math.max(content.least, onLines(lines.least)) + CELL_EXTRA_MM,
    },
    header,
    oneLine: content.oneLine ?? 0,
  });
  switch (column.kind) {
    case 'rank': {
      const ranks = widest(texts, pt);
      return layout(
        'rank',
        { preferred: ranks, least: ranks, oneLine: ranks },
        { preferred: 1, least: 1 },
      );
    }
    case 'score':
    case 'count': {
      // Criterion names may take three lines, other headers two (全体评委/平均分); short of room,
      // one more line each. Numbers never wrap.
      const numbers = widest(texts, pt);
      const most = column.key.startsWith('criterion:') ? 3 : 2;
      return layout(
        'num',
        { preferred: numbers, least: numbers, oneLine: numbers },
        {
          preferred: headerLines(column.zh, most),
          least: headerLines(column.zh, most) + (most === 3 ? MOST_HEADER_LINES - 3 : 1),
        },
      );
    }
    case 'labels': {
      // Each label whole on its line when there is room; a long one (a failed gate's name) wraps.
      const longest = widest(labels, pt - 1);
      return layout(
        'labels',
        { preferred: Math.min(longest, 26), least: Math.min(longest, 14) },
        { preferred: headerLines(column.zh, 2), least: headerLines(column.zh, 2) },
      );
    }
    case 'text': {
      if (column.key === 'title' || column.key === 'applicant') {
        return { className: '', width: null, header, oneLine: 0 };
      }
      if (column.key === 'entry_id') {
        // Ids stay on one line while there is room; short of it, they wrap at their hyphens.
        const ids = widest(texts, pt);
        return layout(
          'code',
          { preferred: Math.min(ids, 32), least: Math.min(ids, 32) / 2, oneLine: ids },
          { preferred: 1, least: 1 },
        );
      }
      // Province, sector: most on one line, the longest (新疆维吾尔自治区 among 广东省s) on two
      // rather than three; on three when the page is short of room.
      const preferred = Math.min(Math.max(typical(texts, pt), widest(texts, pt) / 2), 32);
      return content(
        layout(
          '',
          { preferred, least: Math.min(preferred, widest(texts, pt) / 3) },
          { preferred: 2, least: 2 },
        ),
      );
    }
  }
}

/**
 * A labels cell's labels as printed, each whole on its line: a line breaks only after the 、
 * between two labels (cellText's text, cut after each 、).
 */
const labelTexts = (labels: ReportLabel[]) =>
  labels.map((label, i) => (i < labels.length - 1 ? `${label.zh}、` : label.zh));

interface PrintedColumn {
  column: ReportColumn;
  index: number;
}

interface RankingLayout {
  pt: number;
  columns: PrintedColumn[];
  /** Each printed column's class and width (mm; null: the title, which takes the rest). */
  cells: Array<{ className: string; width: number | null; nowrapHeader: boolean }>;
  /** Criterion columns left out because even landscape A4 has no room for them. */
  dropped: number;
}

/** The ranking table's cell font size and each printed column's layout. */
function rankingLayout(section: ReportSection, printed: PrintedColumn[]): RankingLayout {
  const isCriterion = ({ column }: PrintedColumn) => column.key.startsWith('criterion:');
  const room = CONTENT_WIDTH.landscape;
  const layoutAt = (columns: PrintedColumn[], pt: number) =>
    columns.map(({ column, index }) => {
      const texts = section.rows.map((row) => cellText(column, row[index] ?? null));
      const labels = section.rows.flatMap((row) => {
        const cell = row[index];
        return Array.isArray(cell) ? labelTexts(cell) : [];
      });
      return columnLayout(column, texts, labels, pt);
    });
  /** The widths of the columns at `pt`, when they fit beside the title and the applicant. */
  const fit = (layouts: ColumnLayout[], shrink: boolean) => {
    const flexible = layouts.some((layout) => layout.width === null) ? MIN_FLEXIBLE_WIDTH : 0;
    const widths = layouts.flatMap((layout) => layout.width ?? []);
    if (!shrink) {
      const preferred = widths.map((width) => width.preferred);
      return total(preferred) <= room - flexible ? preferred : null;
    }
    return fitWidths(widths, room, flexible);
  };
  const sizes = [CELL_PT, ...SMALLER_CELL_PT];
  const smallest = sizes.at(-1) ?? CELL_PT;
  // The largest font at which every column has its preferred width; else the smallest font with
  // the columns narrowed; else without the criterion means (which the XLSX holds); else squeezed.
  const withCriteria = printed;
  const withoutCriteria = printed.filter((column) => !isCriterion(column));
  const attempts: Array<[PrintedColumn[], number, boolean]> = [
    ...sizes.map((pt): [PrintedColumn[], number, boolean] => [withCriteria, pt, false]),
    [withCriteria, smallest, true],
    ...(withoutCriteria.length < printed.length
      ? [
          ...sizes.map((pt): [PrintedColumn[], number, boolean] => [withoutCriteria, pt, false]),
          [withoutCriteria, smallest, true] as [PrintedColumn[], number, boolean],
        ]
      : []),
  ];
  for (const [columns, pt, shrink] of attempts) {
    const layouts = layoutAt(columns, pt);
    const widths = fit(layouts, shrink);
    if (widths)
      return finish(section, columns, layouts, widths, pt, printed.length - columns.length);
  }
  const layouts = layoutAt(withoutCriteria, smallest);
  const flexible = layouts.some((layout) => layout.width === null) ? MIN_FLEXIBLE_WIDTH : 0;
  const widths = squeeze(
    layouts.flatMap((layout) => layout.width ?? []),
    room,
    flexible,
  );
  return finish(
    section,
    withoutCriteria,
    layouts,
    widths,
    smallest,
    printed.length - withoutCriteria.length,
  );
}

/**
 * The layout with the fitted widths: the title takes what the others leave, after the applicant
 * got room for its names up to that left for most titles (titles wrap into two lines more
 * gracefully than names), and at least 40 % of it.
 */
function finish(
  section: ReportSection,
  columns: PrintedColumn[],
  layouts: ColumnLayout[],
  widths: number[],
  pt: number,
  dropped: number,
): RankingLayout {
  const rest = CONTENT_WIDTH.landscape - total(widths);
  const textsOf = (key: string) => {
    const at = columns.find(({ column }) => column.key === key);
    return at ? section.rows.map((row) => cellText(at.column, row[at.index] ?? null)) : null;
  };
  const titles = textsOf('title');
  const applicants = textsOf('applicant');
  const title = titles ? typical(titles, pt) + CELL_EXTRA_MM : 0;
  const applicant = applicants
    ? Math.min(widest(applicants, pt) + CELL_EXTRA_MM, Math.max(rest - title, rest * 0.4))
    : 0;
  let next = 0;
  const cells = layouts.map((layout, i) => {
    const key = columns[i]?.column.key;
    const width =
      layout.width === null ? (key === 'applicant' ? applicant : null) : (widths[next++] ?? 0);
    const room = (width ?? rest) - CELL_EXTRA_MM;
    return {
      // An id or number column too narrow for its content on one line lets it wrap.
      className:
        layout.className === 'code' && !holds(room, layout.oneLine) ? '' : layout.className,
      width,
      nowrapHeader: holds(room, layout.header),
    };
  });
  return { pt, columns, cells, dropped };
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

/** A column of a score sheet's table: its width, or null for the title, which takes the rest. */
type SheetColumn = (Width & { /** Takes a share of room left over. */ grows?: boolean }) | null;

/** The least a sheet's title column keeps (mm), beside many criteria. */
const MIN_TITLE_WIDTH = 40;

/** A column of content that keeps one width, whatever the room. */
const fixedColumn = (...texts: string[]): Width => {
  const width = fixedWidth(...texts);
  return { preferred: width, least: width };
};

/** A gate column: its name on at most three lines (four when short of room), or 不通过. */
const gateColumn = ({ name_zh }: SheetRubric['gates'][number]): SheetColumn => {
  const answer = textWidth('不通过', CELL_PT);
  const lines = headerLines(name_zh, 3);
  return {
    preferred: Math.max(textWidth(name_zh, HEAD_PT, lines), answer) + CELL_EXTRA_MM,
    least: Math.max(textWidth(name_zh, HEAD_PT, lines + 1), answer) + CELL_EXTRA_MM,
    grows: true,
  };
};

/** A criterion column: its name on at most three lines (four when short of room), or a score. */
const criterionColumn = ({ name_zh }: SheetRubric['criteria'][number]): SheetColumn => {
  const score = textWidth('100.0', CELL_PT);
  const lines = headerLines(name_zh, 3);
  return {
    preferred: Math.max(textWidth(name_zh, HEAD_PT, lines), score) + CELL_EXTRA_MM,
    least: Math.max(textWidth(name_zh, HEAD_PT, lines + 1), score) + CELL_EXTRA_MM,
    grows: true,
  };
};

/** An id column: ids on one line while there is room, wrapping at their hyphens when short. */
const idColumn = (ids: string[]): SheetColumn => {
  const widestId = clamp(widest(ids, CELL_PT), textWidth('编号', HEAD_PT), 36);
  return {
    preferred: widestId + CELL_EXTRA_MM,
    least: Math.max(widestId / 2, textWidth('编号', HEAD_PT)) + CELL_EXTRA_MM,
    content: true,
  };
};

/**
 * A sheet table's widths (mm) in `orientation`, or null when its columns do not fit there: the
 * title takes what the others leave; a table without one shares it among its score columns.
 */
function sheetWidths(
  columns: SheetColumn[],
  orientation: PageOrientation,
  squeezed = false,
): Array<number | null> | null {
  const fixed = columns.filter((column) => column !== null);
  const flexible = fixed.length < columns.length ? MIN_TITLE_WIDTH : 0;
  const room = CONTENT_WIDTH[orientation];
  const fitted =
    fitWidths(fixed, room, flexible) ?? (squeezed ? squeeze(fixed, room, flexible) : null);
  if (!fitted) return null;
  const growing = flexible === 0 ? fixed.filter((column) => column.grows).length : 0;
  const share = growing > 0 ? (room - total(fitted)) / growing : 0;
  let next = 0;
  return columns.map((column) => {
    if (column === null) return null;
    const width = fitted[next++] ?? 0;
    return column.grows ? width + share : width;
  });
}

/** A sheet table's <colgroup>: its widths in `orientation`, squeezed if they do not fit. */
const sheetColgroup = (columns: SheetColumn[], orientation: PageOrientation) =>
  colgroup(sheetWidths(columns, orientation, true) ?? [], orientation);

/** Portrait, unless one of the document's tables fits only a landscape page. */
const sheetsOrientation = (tables: SheetColumn[][]): PageOrientation =>
  tables.every((columns) => sheetWidths(columns, 'portrait')) ? 'portrait' : 'landscape';

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

/** The columns of an entry sheet's score table. */
function entrySheetColumns(sheet: EntrySheet): SheetColumn[] {
  const reviewer =
    clamp(
      widest(
        sheet.reviews.flatMap((r) => [r.reviewer.name, r.reviewer.reviewer_id]),
        CELL_PT,
      ),
      textWidth('评审专家', HEAD_PT),
      36,
    ) + CELL_EXTRA_MM;
  return [
    fixedColumn('序号'),
    { preferred: reviewer, least: reviewer },
    ...sheet.rubric.criteria.map(criterionColumn),
    ...sheet.rubric.gates.map(gateColumn),
    fixedColumn('合计', '100.0'),
  ];
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

/** The columns of one rubric's table on an expert sheet. */
function expertTableColumns({ rubric, rows }: ExpertSheet['groups'][number]): SheetColumn[] {
  return [
    fixedColumn('序号', String(rows.length)),
    idColumn(rows.map((row) => row.entry_id)),
    null,
    ...rubric.criteria.map(criterionColumn),
    ...rubric.gates.map(gateColumn),
    fixedColumn('合计', '100.0'),
  ];
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
