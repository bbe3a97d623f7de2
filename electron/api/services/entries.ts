// Entry detail for the window: mapped fields plus the verbatim source row, its origin and its
// attachments; and the near-duplicate check over the entries.
import type { Programme } from '../../core/domain';
import { findDuplicates } from '../../core/duplicates';
import { SailError } from '../../core/errors';
import type { ProjectStore } from '../../store/project-store';
import type { DuplicatePair, EntryDetail } from '../contract';

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
    attachments: store.attachments.listForEntry(entry.id),
  };
}

// The entries screen asks on every visit, and at 50,000 entries the check takes a second or two
// (npm run bench): keep the pairs until the entries change.
const duplicatesByStore = new WeakMap<ProjectStore, { revision: string; pairs: DuplicatePair[] }>();

export function duplicateEntries(
  store: ProjectStore,
  programme: Programme | undefined,
): DuplicatePair[] {
  const revision = store.entries.revision();
  let cached = duplicatesByStore.get(store);
  if (cached?.revision !== revision) {
    const pairs = findDuplicates(store.entries.withSummaries()).map((match) => {
      const { summary: _a, ...a } = match.a;
      const { summary: _b, ...b } = match.b;
      return { ...match, a, b };
    });
    cached = { revision, pairs };
    duplicatesByStore.set(store, cached);
  }
  // Pairs never cross programmes, so one computation serves every filter.
  return programme ? cached.pairs.filter((pair) => pair.a.programme === programme) : cached.pairs;
}
