// Column widths of the PDFs' tables, worked out from their text: short headers and numbers never
// wrap, long text columns share the rest sensibly, and when a page is short of room columns
// shrink toward their least widths — headers first, then ids and names — so that a table never
// runs past the page's edge. A ranking too wide even then leaves its criterion means out (with a
// note), and score sheets too wide for portrait print landscape.
import {
  cellText,
  type EntrySheet,
  type ExpertSheet,
  type ReportColumn,
  type ReportLabel,
  type ReportSection,
  type SheetRubric,
} from './report';

export type PageOrientation = 'portrait' | 'landscape';

/** A4 less the page margins (pdf-html.ts, pageCss), in mm: the width a table has. */
export const CONTENT_WIDTH: Record<PageOrientation, number> = { portrait: 184, landscape: 271 };

const MM_PER_PT = 25.4 / 72;
/** A cell's horizontal padding (2 × 1.5 mm) and rules, plus a little slack for bold text. */
export const CELL_EXTRA_MM = 3.8;
/** Font sizes (pt) of table cells and headers; the style sheet of pdf-html.ts uses the same. */
export const CELL_PT = 8.5;
export const HEAD_PT = 8;

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
export function textWidth(text: string, pt: number, lines = 1): number {
  const em = emOf(text);
  return (lines === 1 ? em : Math.ceil(em / lines)) * pt * MM_PER_PT;
}

export const widest = (texts: Iterable<string>, pt: number) => {
  let width = 0;
  for (const text of texts) width = Math.max(width, textWidth(text, pt));
  return width;
};

/** Width of a short header or number column that must not wrap. */
export const fixedWidth = (...texts: string[]) => widest(texts, HEAD_PT) + CELL_EXTRA_MM;

export const clamp = (value: number, min: number, max: number) =>
  Math.min(Math.max(value, min), max);

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
export const holds = (room: number, width: number) => room >= width - 0.01;

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
export function headerLines(label: string, most: number): number {
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
export const labelTexts = (labels: ReportLabel[]) =>
  labels.map((label, i) => (i < labels.length - 1 ? `${label.zh}、` : label.zh));

export interface PrintedColumn {
  column: ReportColumn;
  index: number;
}

export interface RankingLayout {
  pt: number;
  columns: PrintedColumn[];
  /** Each printed column's class and width (mm; null: the title, which takes the rest). */
  cells: Array<{ className: string; width: number | null; nowrapHeader: boolean }>;
  /** Criterion columns left out because even landscape A4 has no room for them. */
  dropped: number;
}

/** The ranking table's cell font size and each printed column's layout. */
export function rankingLayout(section: ReportSection, printed: PrintedColumn[]): RankingLayout {
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

/** A column of a score sheet's table: its width, or null for the title, which takes the rest. */
export type SheetColumn =
  (Width & { /** Takes a share of room left over. */ grows?: boolean }) | null;

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
export function sheetWidths(
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

/** Portrait, unless one of the document's tables fits only a landscape page. */
export const sheetsOrientation = (tables: SheetColumn[][]): PageOrientation =>
  tables.every((columns) => sheetWidths(columns, 'portrait')) ? 'portrait' : 'landscape';

/** The columns of an entry sheet's score table. */
export function entrySheetColumns(sheet: EntrySheet): SheetColumn[] {
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

/** The columns of one rubric's table on an expert sheet. */
export function expertTableColumns({ rubric, rows }: ExpertSheet['groups'][number]): SheetColumn[] {
  return [
    fixedColumn('序号', String(rows.length)),
    idColumn(rows.map((row) => row.entry_id)),
    null,
    ...rubric.criteria.map(criterionColumn),
    ...rubric.gates.map(gateColumn),
    fixedColumn('合计', '100.0'),
  ];
}
