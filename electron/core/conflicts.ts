// Conflicts of interest (回避) between reviewers and entries (issue 12): a reviewer's declared
// 回避单位 or own organisation matching an entry's applicant or one of its partner units
// (联合申报单位). Pure. Each name's key is computed once and entries are indexed by the core
// names a match needs to share (core/organisations/match.ts: same core, or a leading place's
// rest meeting the other's core), so a reviewer is compared only with the entries that may match.
import {
  type OrganisationGroup,
  type OrganisationKey,
  matchKeys,
  organisationKey,
} from './organisations';

export type ConflictSource = 'declared' | 'detected';
export type ConflictStatus = 'potential' | 'confirmed' | 'dismissed';

export interface ConflictReviewer {
  id: number;
  organisation: string | null;
  /** Declared 回避单位. */
  avoid: readonly string[];
}

export interface ConflictEntry {
  id: number;
  applicant: string;
  partners: readonly string[];
}

export interface FoundConflict {
  reviewerId: number;
  entryId: number;
  source: ConflictSource;
  reason_zh: string;
  reason_en: string;
}

/** An entry's partner units as entries store them (core/entries/normalise.ts joins with 、). */
export const partnerList = (partners: string | null): string[] =>
  partners === null ? [] : partners.split('、').filter((name) => name.trim() !== '');

/** The index buckets a key falls in: its core, and the rest after a leading place. */
const buckets = (key: OrganisationKey): string[] =>
  key.leadingPlace ? [key.core, key.leadingPlace.rest] : [key.core];

/**
 * Every (reviewer, entry) pair in conflict, once: a declared 回避单位 wins over the reviewer's
 * own organisation when both match.
 */
export function detectConflicts(
  reviewers: readonly ConflictReviewer[],
  entries: readonly ConflictEntry[],
  extraGroups: readonly OrganisationGroup[] = [],
): FoundConflict[] {
  // Each distinct name once, with the entries that name it: a carrier's branch that partners a
  // thousand entries is keyed and matched once per reviewer, not a thousand times.
  interface Named {
    key: OrganisationKey;
    entries: ConflictEntry[];
  }
  const named = new Map<string, Named>();
  for (const entry of entries) {
    for (const name of new Set([entry.applicant, ...entry.partners])) {
      if (name.trim() === '') continue;
      let item = named.get(name);
      if (!item) named.set(name, (item = { key: organisationKey(name, extraGroups), entries: [] }));
      item.entries.push(entry);
    }
  }
  const index = new Map<string, Named[]>();
  for (const item of named.values()) {
    for (const bucket of new Set(buckets(item.key))) {
      let list = index.get(bucket);
      if (!list) index.set(bucket, (list = []));
      list.push(item);
    }
  }

  const found: FoundConflict[] = [];
  for (const reviewer of reviewers) {
    const byEntry = new Map<number, FoundConflict>();
    const check = (name: string, source: ConflictSource) => {
      const own = named.get(name)?.key ?? organisationKey(name, extraGroups);
      for (const bucket of new Set(buckets(own))) {
        for (const item of index.get(bucket) ?? []) {
          const match = matchKeys(own, item.key);
          if (!match) continue;
          const reason_zh =
            source === 'declared' ? `声明的回避单位：${match.zh}` : `专家工作单位：${match.zh}`;
          const reason_en =
            source === 'declared'
              ? `declared organisation to avoid: ${match.en}`
              : `the reviewer's organisation: ${match.en}`;
          for (const entry of item.entries) {
            if (byEntry.has(entry.id)) continue;
            byEntry.set(entry.id, {
              reviewerId: reviewer.id,
              entryId: entry.id,
              source,
              reason_zh,
              reason_en,
            });
          }
        }
      }
    };
    // Declared first: a pair both find is a declared one.
    for (const name of reviewer.avoid) if (name.trim() !== '') check(name, 'declared');
    if (reviewer.organisation?.trim()) check(reviewer.organisation, 'detected');
    found.push(...byEntry.values());
  }
  return found;
}
