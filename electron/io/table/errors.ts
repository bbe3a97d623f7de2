// The ways a table file can be unreadable, each with a stable code and a message in Chinese and
// English. All exit 2 (CLI.md: input rejected or file unreadable). Each names the file as the
// user knows it (`shownFile`): an upload by its own name, never by the host's copy. A file that
// cannot be opened at all is refused in ../user-file.ts.

import { basename } from 'node:path';
import { SailError } from '../../core/errors';
import type { Reason } from '../user-file';

/** The file as messages name it: the name the user gave it (an upload's), else its path. */
export const shownFile = (path: string, options: { fileName?: string | undefined }): string =>
  options.fileName ?? path;

const name = (file: string): string => basename(file);

export function empty(file: string): SailError {
  return new SailError(
    'file_empty',
    `文件“${name(file)}”是空的，没有可导入的数据。`,
    `File "${name(file)}" is empty: there is nothing to import.`,
  );
}

export function binary(file: string): SailError {
  return new SailError(
    'file_binary',
    `文件“${name(file)}”不是文本表格（含二进制内容）。请提供 CSV、XLSX 或 JSON 文件。`,
    `File "${name(file)}" is not a text table (it has binary content). Use a CSV, XLSX or JSON file.`,
  );
}

export function legacyExcel(file: string): SailError {
  return new SailError(
    'file_legacy_excel',
    `文件“${name(file)}”是旧版 Excel（.xls）或加密的工作簿，无法读取。请在 Excel 中另存为 .xlsx 或 CSV（UTF-8）。`,
    `File "${name(file)}" is an old Excel (.xls) or password-protected workbook. Save it from Excel as .xlsx or CSV (UTF-8).`,
  );
}

export function markup(file: string): SailError {
  return new SailError(
    'file_markup',
    `文件“${name(file)}”是网页或 XML 文件，不是表格。请在 Excel 中打开后另存为 .xlsx 或 CSV。`,
    `File "${name(file)}" is a web page or XML file, not a table. Open it in Excel and save it as .xlsx or CSV.`,
  );
}

/** An XLSX whose data would not fit in memory once unpacked (exceljs holds it all). */
export function xlsxTooLarge(file: string, limitMb: number, rows: number): SailError {
  return new SailError(
    'file_too_large',
    `Excel 文件“${name(file)}”的数据过多（解压后超过 ${limitMb} MB，约 ${rows / 10_000} 万行）。请拆分后导入，或另存为 CSV 后导入。`,
    `Excel file "${name(file)}" holds too much data (over ${limitMb} MB unpacked, about ${rows.toLocaleString('en')} rows). Split it, or save it as CSV and import that.`,
  );
}

export function noHeader(file: string): SailError {
  return new SailError(
    'no_header',
    `文件“${name(file)}”中找不到表头行：第一行应是列名（如 项目编号、项目名称），而不是数据。`,
    `No header row in "${name(file)}": the first row should name the columns (e.g. 项目编号, 项目名称), not hold data.`,
  );
}

/** An XLSX that is not a readable workbook, `reason` saying what and where. */
export function xlsxCorrupt(file: string, reason: Reason): SailError {
  return new SailError(
    'xlsx_corrupt',
    `Excel 文件“${name(file)}”已损坏或不完整：${reason.zh}。请在 Excel 或 WPS 中打开后重新保存，再导入。`,
    `Excel file "${name(file)}" is damaged or truncated: ${reason.en}. Open it in Excel or WPS, save it again and import that.`,
  );
}

/**
 * An XLSX that unpacks to far more than a workbook of its size holds: a ZIP bomb, refused from
 * the sizes its directory declares, or as soon as unpacking passes them.
 */
export function xlsxBomb(file: string, reason: Reason): SailError {
  return new SailError(
    'xlsx_zip_bomb',
    `Excel 文件“${name(file)}”的压缩内容异常：${reason.zh}。正常的工作簿不会这样，文件可能是恶意构造的，未导入。如确是所需文件，请在 Excel 或 WPS 中打开后另存为 CSV 再导入。`,
    `Excel file "${name(file)}" is packed abnormally: ${reason.en}. No real workbook is, and the file may be crafted to harm; nothing was imported. If it is the file you need, open it in Excel or WPS, save it as CSV and import that.`,
  );
}

export function sheetNotFound(file: string, sheet: string, sheets: string[]): SailError {
  return new SailError(
    'sheet_not_found',
    `文件“${name(file)}”中没有工作表“${sheet}”。可用的工作表：${sheets.join('、') || '（无）'}`,
    `File "${name(file)}" has no sheet "${sheet}". Sheets: ${sheets.join(', ') || '(none)'}`,
  );
}

export function jsonInvalid(file: string, line: number, column: number, offset: number): SailError {
  return new SailError(
    'json_invalid',
    `JSON 文件“${name(file)}”格式错误：第 ${line} 行第 ${column} 列（字符位置 ${offset}）。`,
    `Invalid JSON in "${name(file)}" at line ${line}, column ${column} (position ${offset}).`,
  );
}

export function jsonNotTable(file: string, detail_zh: string, detail_en: string): SailError {
  return new SailError(
    'json_not_table',
    `JSON 文件“${name(file)}”不是记录列表：${detail_zh}。应为对象数组，如 [{"projectNo": "…", "name": "…"}]。`,
    `JSON file "${name(file)}" is not a list of records: ${detail_en}. Expected an array of objects, e.g. [{"projectNo": "…", "name": "…"}].`,
  );
}

export function cancelled(): SailError {
  return new SailError('cancelled', '读取已取消。', 'Reading was cancelled.');
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelled();
}

/** Text after a closing quote ('after'), or a quoted field that runs on and on ('open'). */
export function csvQuotes(
  file: string,
  row: number,
  kind: 'after' | 'open',
  limitMb = 4,
): SailError {
  const zh =
    kind === 'after'
      ? '带引号的字段在结束引号之后还有文字'
      : `带引号的字段超过 ${limitMb} MB 仍未结束`;
  const en =
    kind === 'after'
      ? 'a quoted field has text after its closing quote'
      : `a quoted field runs on for more than ${limitMb} MB`;
  return new SailError(
    'csv_quotes',
    `CSV 文件“${name(file)}”第 ${row} 行的引号不配对：${zh}。请在 Excel 或 WPS 中打开后重新另存为 CSV。`,
    `CSV file "${name(file)}" has unbalanced quotes in row ${row}: ${en}. Open it in Excel or WPS and save it as CSV again.`,
  );
}

/** A record without a line break for megabytes: not a row of a table. */
export function csvRowTooLong(file: string, row: number, limitMb: number): SailError {
  return new SailError(
    'csv_row_too_long',
    `CSV 文件“${name(file)}”第 ${row} 行超过 ${limitMb} MB 仍没有换行，不像表格的一行：文件可能不是 CSV，或换行符已丢失。请检查文件，在 Excel 或 WPS 中打开后重新另存为 CSV。`,
    `Row ${row} of CSV file "${name(file)}" runs on for more than ${limitMb} MB without a line break, which no row of a table does: the file may not be a CSV, or its line breaks were lost. Check it, open it in Excel or WPS and save it as CSV again.`,
  );
}

/** A row with more values than any spreadsheet has columns. */
export function tooManyColumns(file: string, row: number, limit: number): SailError {
  return new SailError(
    'too_many_columns',
    `文件“${name(file)}”第 ${row} 行的列数超过 ${limit} 列（Excel 的上限），不像表格：请检查分隔符和文件内容。`,
    `Row ${row} of "${name(file)}" has more than ${limit} columns (Excel's limit), which no table has: check its delimiter and content.`,
  );
}

/** The file was replaced or changed size between opening it and reading its rows. */
export function changed(file: string): SailError {
  return new SailError(
    'file_changed',
    `文件“${name(file)}”在读取过程中被替换或修改了，未导入。请等文件保存完成后重新导入。`,
    `File "${name(file)}" was replaced or changed while it was being read; nothing was imported. Import it again once it is saved.`,
  );
}
