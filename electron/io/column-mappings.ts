// Saved column mappings. A file's header set is known again by its signature: a hash of the
// programme and its normalised header names, sorted, so the same columns in another order (or
// spelt with full-width characters or other spacing) reuse the mapping the organiser confirmed.
import { createHash } from 'node:crypto';
import type { Programme } from '../core/domain';
import { detectMapping, ENTRY_FIELDS, headerKey, type EntryField } from '../core/entries';
import type { ProjectStore } from '../store/project-store';
import { REASON_HEADERS } from './rejected-rows';

const FIELD_KEYS = new Set<string>(ENTRY_FIELDS.map((field) => field.key));

/**
 * Our rejected-rows CSV adds two reason columns; leaving them out of the signature lets the
 * fixed file reuse the mapping of the file it came from.
 */
const isReasonHeader = (header: string): boolean =>
  (REASON_HEADERS as readonly string[]).includes(header);

export function headerSignature(headers: readonly string[], programme: Programme): string {
  const keys = headers
    .filter((header) => !isReasonHeader(header))
    .map(headerKey)
    .sort();
  return createHash('sha256')
    .update(JSON.stringify([programme, keys]))
    .digest('hex');
}

export interface InitialMapping {
  /** Header → field: the detected mapping with the saved one for this header set on top. */
  mapping: Record<string, EntryField | null>;
  /** Whether a saved mapping was applied. */
  saved: boolean;
}

/** The mapping a file starts from, before any the caller gives. */
export function initialMapping(
  store: ProjectStore,
  headers: string[],
  programme: Programme,
): InitialMapping {
  const mapping = detectMapping(headers, programme);
  const record = store.columnMappings.get(headerSignature(headers, programme), programme);
  if (!record) return { mapping, saved: false };
  const saved = new Map(
    Object.entries(JSON.parse(record.mapping_json) as Record<string, string | null>).map(
      ([header, field]) => [headerKey(header), field] as const,
    ),
  );
  for (const header of headers) {
    const field = saved.get(headerKey(header));
    if (field === undefined) continue;
    // A field a later version no longer knows falls back to "kept as a source column".
    mapping[header] = field !== null && FIELD_KEYS.has(field) ? (field as EntryField) : null;
  }
  return { mapping, saved: true };
}

/**
 * Remembers the mapping the organiser confirmed, for the header set it covers (the file's columns
 * as found at its header). Call inside the import's write transaction.
 */
export function saveMapping(
  store: ProjectStore,
  programme: Programme,
  mapping: Record<string, EntryField | null>,
  now: string,
): void {
  const headers = Object.keys(mapping).filter((header) => !isReasonHeader(header));
  const confirmed = Object.fromEntries(headers.map((header) => [header, mapping[header] ?? null]));
  store.columnMappings.save({
    signature: headerSignature(headers, programme),
    programme,
    mapping_json: JSON.stringify(confirmed),
    updated_at: now,
  });
}
