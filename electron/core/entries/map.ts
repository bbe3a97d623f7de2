// One source row → one entry (or the problems that stop it), given a header → field mapping.

import type { Programme } from '../domain';
import { SECTOR_KEYS, SECTOR_NAMES, sectorFromLabel, type SectorKey } from '../sectors';
import { fieldDef, isRowCounterHeader, type EntryField } from './fields';
import {
  normaliseAmountWan,
  normaliseCode,
  normaliseCount,
  normaliseDate,
  normaliseList,
  normaliseProvince,
} from './normalise';

export interface MappedEntry {
  entry_id: string;
  title: string;
  applicant: string;
  partners: string | null;
  province: string | null;
  city: string | null;
  sector: SectorKey | null;
  /** The label the sector came from (工厂类, 5G+工业互联网), or the industry label when none fits. */
  sector_label: string | null;
  track: string | null;
  summary: string | null;
  /** Name / phone / email joined with ' / '. */
  contact: string | null;
  /** Every other mapped, non-empty field, normalised (also contact_name/phone/email). */
  fields: Record<string, string>;
}

export interface RowProblem {
  column: string | null;
  reason_zh: string;
  reason_en: string;
}

export type MapRowResult =
  { ok: true; entry: MappedEntry } | { ok: false; problems: RowProblem[] } | { ok: 'blank' };

/** Fields that MappedEntry carries as its own properties rather than in `fields`. */
const TOP_LEVEL = new Set<EntryField>([
  'entry_id',
  'title',
  'applicant',
  'partners',
  'province',
  'city',
  'sector',
  'track',
  'summary',
]);

const NORMALISERS: Partial<Record<EntryField, (value: string, header: string) => string>> = {
  entry_id: normaliseCode,
  credit_code: (v) => normaliseCode(v).toUpperCase(),
  contact_email: normaliseCode,
  contact_phone: (v) => v.normalize('NFKC').trim().replace(/\s+/g, ' '),
  province: normaliseProvince,
  partners: normaliseList,
  scenarios: normaliseList,
  certifications: normaliseList,
  base_stations: normaliseCount,
  terminals: normaliseCount,
  investment_wan: normaliseAmountWan,
  in_service_date: normaliseDate,
};

function normalise(field: EntryField, value: string, header: string): string {
  const fn = NORMALISERS[field];
  return fn ? fn(value, header) : value.trim();
}

/** Required fields: the id, title and applicant; a pioneer's sector too. */
export function requiredFields(programme: Programme): EntryField[] {
  const base: EntryField[] = ['entry_id', 'title', 'applicant'];
  return programme === 'pioneer' ? [...base, 'sector'] : base;
}

/**
 * Required fields no column maps to, so the importer can refuse the file once instead of every
 * row. For a pioneer file, 主体名称 alone covers both title and applicant.
 */
export function missingRequiredFields(
  mapping: Record<string, EntryField | null>,
  programme: Programme,
): EntryField[] {
  const mapped = new Set(Object.values(mapping));
  return requiredFields(programme).filter((field) => {
    if (programme === 'pioneer' && (field === 'title' || field === 'applicant')) {
      return !mapped.has('title') && !mapped.has('applicant');
    }
    return !mapped.has(field);
  });
}

const rowCounterCache = new Map<string, boolean>();
function isRowCounter(header: string): boolean {
  let known = rowCounterCache.get(header);
  if (known === undefined) {
    known = isRowCounterHeader(header);
    if (rowCounterCache.size < 10_000) rowCounterCache.set(header, known);
  }
  return known;
}

interface Cell {
  header: string;
  value: string;
}

function emptyProblem(field: EntryField, column: string): RowProblem {
  const def = fieldDef(field);
  return { column, reason_zh: `${def.name_zh}为空`, reason_en: `${def.name_en} is empty` };
}

function noColumnProblem(field: EntryField): RowProblem {
  const def = fieldDef(field);
  const examples = def.synonyms.filter((s) => /[\u3400-\u9fff]/.test(s)).slice(0, 3);
  return {
    column: null,
    reason_zh: `文件中没有${def.name_zh}列（如 ${examples.join('、')}）`,
    reason_en: `The file has no ${def.name_en} column (e.g. ${examples.join(', ')})`,
  };
}

function requireValue(
  field: EntryField,
  cell: Cell | undefined,
  problems: RowProblem[],
): string | null {
  if (!cell) {
    problems.push(noColumnProblem(field));
    return null;
  }
  if (cell.value === '') {
    problems.push(emptyProblem(field, cell.header));
    return null;
  }
  return cell.value;
}

const KNOWN_SECTORS_ZH = SECTOR_KEYS.map((k) => SECTOR_NAMES[k].zh).join('、');
const KNOWN_SECTORS_EN = SECTOR_KEYS.map((k) => `${k} (${SECTOR_NAMES[k].zh})`).join(', ');

function pioneerSector(
  cell: Cell | undefined,
  problems: RowProblem[],
): { sector: SectorKey | null; label: string | null } {
  const label = requireValue('sector', cell, problems);
  if (label === null || !cell) return { sector: null, label };
  const sector = sectorFromLabel(label);
  if (!sector) {
    problems.push({
      column: cell.header,
      reason_zh: `无法识别的领航者类别“${label}”（可用：${KNOWN_SECTORS_ZH}）`,
      reason_en: `Unknown pioneer category "${label}" (known: ${KNOWN_SECTORS_EN})`,
    });
  }
  return { sector, label };
}

/** Bloom: an explicit sector column, else 所属行业, else 赛区或专题 when it names a sector. */
function bloomSector(cells: Map<EntryField, Cell>): {
  sector: SectorKey | null;
  label: string | null;
} {
  for (const field of ['sector', 'industry', 'track'] as const) {
    const value = cells.get(field)?.value ?? '';
    const sector = value === '' ? null : sectorFromLabel(value);
    if (sector) return { sector, label: value };
  }
  const label = cells.get('sector')?.value || cells.get('industry')?.value || null;
  return { sector: null, label };
}

/** Map one row. Values beyond `headers` are ignored; missing values count as ''. */
export function mapEntryRow(
  headers: string[],
  values: string[],
  mapping: Record<string, EntryField | null>,
  programme: Programme,
): MapRowResult {
  const blank = headers.every(
    (header, i) => isRowCounter(header) || (values[i] ?? '').trim() === '',
  );
  if (blank) return { ok: 'blank' };

  const cells = new Map<EntryField, Cell>();
  headers.forEach((header, i) => {
    const field = mapping[header];
    if (field && !cells.has(field)) {
      cells.set(field, { header, value: normalise(field, values[i] ?? '', header) });
    }
  });

  const problems: RowProblem[] = [];
  const entryId = requireValue('entry_id', cells.get('entry_id'), problems);
  let title: string | null;
  let applicant: string | null;
  let sector: { sector: SectorKey | null; label: string | null };
  if (programme === 'pioneer') {
    // A candidate is an organisation: 主体名称 is both its title and its applicant.
    const titleCell = cells.get('title');
    const applicantCell = cells.get('applicant');
    const name = applicantCell?.value || titleCell?.value || '';
    title = titleCell?.value || name;
    applicant = applicantCell?.value || name;
    if (name === '') {
      const column = applicantCell ?? titleCell;
      problems.push(
        column
          ? {
              column: column.header,
              reason_zh: '主体名称为空',
              reason_en: 'The organisation name (主体名称) is empty',
            }
          : {
              column: null,
              reason_zh: '文件中没有主体名称列',
              reason_en: 'The file has no organisation name (主体名称) column',
            },
      );
    }
    sector = pioneerSector(cells.get('sector'), problems);
  } else {
    title = requireValue('title', cells.get('title'), problems);
    applicant = requireValue('applicant', cells.get('applicant'), problems);
    sector = bloomSector(cells);
  }
  if (problems.length > 0 || entryId === null || !title || !applicant) {
    return { ok: false, problems };
  }

  const text = (field: EntryField): string | null => cells.get(field)?.value || null;
  const fields: Record<string, string> = {};
  for (const [field, cell] of cells) {
    if (!TOP_LEVEL.has(field) && cell.value !== '') fields[field] = cell.value;
  }
  const contactParts = [text('contact_name'), text('contact_phone'), text('contact_email')];
  const contact = contactParts.filter((p): p is string => p !== null).join(' / ');

  return {
    ok: true,
    entry: {
      entry_id: entryId,
      title,
      applicant,
      partners: text('partners'),
      province: text('province'),
      city: text('city'),
      sector: sector.sector,
      sector_label: sector.label,
      track: text('track'),
      summary: text('summary'),
      contact: contact === '' ? null : contact,
      fields,
    },
  };
}

/** A source row with the mapping it is read with. */
export interface SourceRow {
  headers: string[];
  values: string[];
  mapping: Record<string, EntryField | null>;
}

/**
 * A re-imported row laid over the entry's stored source row: the file's columns first, so they
 * win, then the stored columns the file lacks, read with the mapping they were imported with. A
 * file of a few corrected columns thus updates those and keeps the rest (an empty cell still
 * clears). Null when the file has every stored column.
 */
export function overStoredRow(row: SourceRow, stored: SourceRow): SourceRow | null {
  const present = new Set(row.headers);
  const kept = stored.headers.flatMap((header, i) =>
    present.has(header) ? [] : [[header, stored.values[i] ?? ''] as const],
  );
  if (kept.length === 0) return null;
  const mapping = { ...row.mapping };
  for (const [header] of kept) mapping[header] = stored.mapping[header] ?? null;
  return {
    headers: [...row.headers, ...kept.map(([header]) => header)],
    values: [...row.values, ...kept.map(([, value]) => value)],
    mapping,
  };
}
