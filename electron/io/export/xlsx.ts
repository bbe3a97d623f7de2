// XLSX for organisers' systems (exceljs): one ranked sheet per section, a per-criterion detail
// sheet and a sheet stating how the ranking was made; frozen headers, number formats, widths.
import type ExcelJS from 'exceljs';
import { writeFileAtomic, type WriteOptions } from './atomic-file';
import { neutraliseFormula } from './neutralise';
import { labelsText, type ReportCell, type ReportColumn, type ReportMeta } from './report';

export interface XlsxSheet {
  name: string;
  columns: ReportColumn[];
  rows: ReportCell[][];
  /** Columns kept in view when scrolling right (rank and id). */
  frozenColumns: number;
}

const NUMBER_FORMATS: Partial<Record<ReportColumn['kind'], string>> = {
  score: '0.00',
  count: '0',
  rank: '0',
};

/** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
export function sheetName(name: string): string {
  return name.replace(/[:\\/?*[\]]/g, '_').slice(0, 31) || 'Sheet';
}

/** Display width of text in Excel's character units: CJK characters count double. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += (char.codePointAt(0) ?? 0) > 0x2e7f ? 2 : 1;
  return width;
}

function cellValue(value: ReportCell): string | number | null {
  if (Array.isArray(value)) return value.length > 0 ? neutraliseFormula(labelsText(value)) : null;
  if (typeof value === 'string') return neutraliseFormula(value);
  return value;
}

function addTable(workbook: ExcelJS.Workbook, sheet: XlsxSheet): void {
  const worksheet = workbook.addWorksheet(sheetName(sheet.name), {
    views: [{ state: 'frozen', xSplit: sheet.frozenColumns, ySplit: 1 }],
  });
  const headers = sheet.columns.map((column) => `${column.zh} ${column.en}`);
  const values = sheet.rows.map((row) => row.map(cellValue));
  worksheet.columns = sheet.columns.map((column, index) => {
    const longest = values.reduce(
      (max, row) => Math.max(max, displayWidth(String(row[index] ?? ''))),
      displayWidth(headers[index] ?? ''),
    );
    const numFmt = NUMBER_FORMATS[column.kind];
    return {
      key: column.key,
      width: Math.min(60, Math.max(8, longest + 2)),
      ...(numFmt ? { style: { numFmt } } : {}),
    };
  });
  const header = worksheet.addRow(headers.map(neutraliseFormula));
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8ECF2' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  for (const row of values) worksheet.addRow(row);
  if (sheet.columns.length > 0) {
    worksheet.autoFilter = {
      from: { row: 1, column: 1 },
      to: { row: 1 + values.length, column: sheet.columns.length },
    };
  }
}

function addFacts(workbook: ExcelJS.Workbook, meta: ReportMeta): void {
  const worksheet = workbook.addWorksheet('导出说明', { views: [{ state: 'frozen', ySplit: 1 }] });
  worksheet.columns = [{ width: 24 }, { width: 90 }, { width: 60 }];
  worksheet.addRow(['项目 item', '说明', 'description']).font = { bold: true };
  worksheet.addRow(['标题 title', meta.title_zh, meta.title_en].map(neutraliseFormula));
  for (const fact of meta.facts) {
    worksheet.addRow(
      [`${fact.zh_label} ${fact.en_label}`, fact.zh, fact.en].map(neutraliseFormula),
    );
  }
  worksheet.addRow(['数据摘要 data digest (SHA-256)', meta.data_digest, meta.data_digest]);
  worksheet.addRow(['导出日期 date', meta.date, meta.date]);
}

/** The workbook as bytes: the sheets in order, then the facts sheet. */
export async function xlsxBytes(sheets: XlsxSheet[], meta: ReportMeta): Promise<Uint8Array> {
  // Loaded here, not at start: exceljs takes a third of a second to load (io/table/xlsx.ts).
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  workbook.creator = 'SailReview 扬帆评审';
  workbook.created = new Date();
  for (const sheet of sheets) addTable(workbook, sheet);
  addFacts(workbook, meta);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The workbook written atomically: `path` is the whole file or untouched. */
export async function writeXlsxFile(
  path: string,
  sheets: XlsxSheet[],
  meta: ReportMeta,
  options?: WriteOptions,
): Promise<void> {
  const bytes = await xlsxBytes(sheets, meta);
  await writeFileAtomic(path, bytes, options);
}
