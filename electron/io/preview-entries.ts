// A look at a file before importing it: how it was read, its first rows and the mapping an
// import would start from, so the organiser can check and change the mapping first.
import { basename } from 'node:path';
import type { Programme } from '../core/domain';
import type { EntryField } from '../core/entries';
import type { ProjectStore } from '../store/project-store';
import { initialMapping } from './column-mappings';
import { openTable } from './table';

/** Data rows shown; enough to recognise the columns without reading a big file. */
export const PREVIEW_ROWS = 20;
/** Longer cells (an entry's summary) are cut here: a preview only needs to be recognisable. */
const PREVIEW_CELL_CHARS = 300;

export interface PreviewEntriesRequest {
  path: string;
  programme: Programme;
  encoding?: 'auto' | 'utf8' | 'gbk';
  sheet?: string | undefined;
  fileName?: string | undefined;
}

export interface PreviewEntriesResult {
  file: string;
  format: 'csv' | 'xlsx' | 'json';
  encoding: string | null;
  sheets: string[];
  sheet: string | null;
  headerRow: number;
  headers: string[];
  rows: Array<{ row: number; values: string[] }>;
  mapping: Record<string, EntryField | null>;
  savedMapping: boolean;
}

const shorten = (value: string): string =>
  value.length > PREVIEW_CELL_CHARS ? `${value.slice(0, PREVIEW_CELL_CHARS)}…` : value;

export async function previewEntries(
  store: ProjectStore,
  request: PreviewEntriesRequest,
): Promise<PreviewEntriesResult> {
  const table = await openTable(request.path, {
    fileName: request.fileName,
    encoding: request.encoding ?? 'auto',
    ...(request.sheet ? { sheet: request.sheet } : {}),
  });
  // The columns as found at the header: an import checks a mapping against exactly these.
  const headers = [...table.headers];
  const rows: PreviewEntriesResult['rows'] = [];
  for await (const row of table.rows) {
    rows.push({ row: row.row, values: headers.map((_, i) => shorten(row.values[i] ?? '')) });
    if (rows.length >= PREVIEW_ROWS) break;
  }
  const { mapping, saved } = initialMapping(store, headers, request.programme);
  return {
    file: request.fileName ?? basename(request.path),
    format: table.format,
    encoding: table.encoding,
    sheets: table.sheets,
    sheet: table.sheet,
    headerRow: table.headerRow,
    headers,
    rows,
    mapping,
    savedMapping: saved,
  };
}
