// Entry detail for the window: mapped fields plus the verbatim source row, its origin, its
// attachments and the organiser's decisions on its suspected duplicates.
import { SailError } from '../../core/errors';
import type { ProjectStore } from '../../store/project-store';
import type { EntryRecord } from '../../store/repos/entries';
import type { EntryDetail } from '../contract';

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
    source: JSON.parse(entry.source_json) as Array<[string, string]>,
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
