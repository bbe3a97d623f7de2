// Entries for the window: the entry table (its rows with the source columns asked for, and what
// its filters and column chooser offer), and an entry's detail: mapped fields plus the verbatim
// source row, its origin, its attachments and the decisions on its suspected duplicates.
import type { Programme } from '../../core/domain';
import type { EntryField } from '../../core/entries/fields';
import { SailError } from '../../core/errors';
import type { ProjectStore } from '../../store/project-store';
import { sourcePairs, type EntryFilter, type EntryRecord } from '../../store/repos/entries';
import type { EntryDetail, EntryFacets, EntryListRow, Page } from '../contract';

/** Fields the table lists as its own columns: their source columns are not offered again. */
const LISTED_FIELDS: ReadonlySet<EntryField> = new Set([
  'entry_id',
  'title',
  'applicant',
  'province',
  'city',
  'sector',
  'track',
]);

/** A page of the entry table; each row with the source columns asked for. */
export function listEntries(
  store: ProjectStore,
  filter: EntryFilter & { source_columns?: readonly string[] | undefined },
): Page<EntryListRow> {
  const page: Page<EntryListRow> = store.entries.list(filter);
  const columns = filter.source_columns ?? [];
  if (columns.length === 0 || page.rows.length === 0) return page;
  // Only the page's rows are read and parsed: the list itself never touches the wide rows.
  const sources = new Map(
    store.entries.sourceRows(page.rows.map((row) => row.id)).map((row) => [row.id, row]),
  );
  for (const row of page.rows) {
    const stored = sources.get(row.id);
    const cells = stored ? sourcePairs(stored) : [];
    const source: Record<string, string> = {};
    for (const column of columns) {
      // A header that repeats in a file: its first column, as the mapping reads it.
      const cell = cells.find(([header]) => header === column);
      if (cell) source[column] = cell[1];
    }
    row.source = source;
  }
  return page;
}

export function entryFacets(store: ProjectStore, programme: Programme | undefined): EntryFacets {
  const columns = new Set<string>();
  const listed = new Set<string>();
  for (const batch of store.imports.headersAndMappings(programme)) {
    const mapping = JSON.parse(batch.mapping_json) as Record<string, EntryField | null>;
    for (const header of JSON.parse(batch.headers_json) as string[]) {
      const field = mapping[header];
      if (field && LISTED_FIELDS.has(field)) listed.add(header);
      else if (header.trim() !== '') columns.add(header);
    }
  }
  return {
    provinces: store.entries.facet('province', programme),
    tracks: store.entries.facet('track', programme),
    source_columns: [...columns].filter((column) => !listed.has(column)),
  };
}

export function requireEntry(store: ProjectStore, id: number): EntryRecord {
  const entry = store.entries.get(id);
  if (!entry) {
    throw new SailError(
      'entry_not_found',
      `找不到该申报项目（#${id}）。`,
      `Entry #${id} not found.`,
    );
  }
  return entry;
}

export function entryDetail(store: ProjectStore, id: number): EntryDetail {
  const entry = requireEntry(store, id);
  const batch = entry.import_id === null ? undefined : store.imports.get(entry.import_id);
  return {
    id: entry.id,
    entry_id: entry.external_id,
    programme: entry.programme,
    title: entry.title,
    applicant: entry.applicant,
    province: entry.province,
    city: entry.city,
    sector: entry.sector,
    sector_label: entry.sector_label,
    track: entry.track,
    partners: entry.partners,
    summary: entry.summary,
    contact: entry.contact,
    fields: JSON.parse(entry.fields_json) as Record<string, string>,
    source: sourcePairs(entry),
    source_file: batch?.file_name ?? null,
    source_row: entry.source_row,
    attachments: store.attachments.listForEntry(entry.id),
    duplicate_decisions: store.duplicateDecisions
      .forEntry(entry.id)
      .map(({ entry_a: _a, entry_b: _b, other_id, other_entry_id, other_title, ...decision }) => ({
        ...decision,
        other: { id: other_id, entry_id: other_entry_id, title: other_title },
      })),
  };
}
