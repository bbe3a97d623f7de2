// Entry detail for the window: mapped fields plus the verbatim source row and its origin.
import { SailError } from '../../core/errors';
import type { ProjectStore } from '../../store/project-store';
import type { EntryDetail } from '../contract';

export function entryDetail(store: ProjectStore, id: number): EntryDetail {
  const entry = store.entries.get(id);
  if (!entry) {
    throw new SailError(
      'entry_not_found',
      `找不到该申报项目（#${id}）。`,
      `Entry #${id} not found.`,
    );
  }
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
    source: JSON.parse(entry.source_json) as Array<[string, string]>,
    source_file: batch?.file_name ?? null,
    source_row: entry.source_row,
  };
}
