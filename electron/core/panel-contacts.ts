// What a panel package leaves out of an entry unless the organiser includes contacts (issue 14):
// the applicant's contact person, phone and email, both as mapped fields and in the verbatim
// source row, whose columns are found by the mapping the entry was imported with and, for a
// column no mapping names (an entry without its import), by the header's own words.
import type { Programme } from './domain';
import { detectMapping, type EntryField } from './entries';

export const CONTACT_FIELDS: ReadonlySet<EntryField> = new Set([
  'contact_name',
  'contact_phone',
  'contact_email',
]);

export interface EntryContactData {
  programme: Programme;
  contact: string | null;
  fields: Record<string, unknown>;
  /** The source row: [header, value] in file order. */
  source: Array<[string, string]>;
  /** The mapping it was imported with (header → field), when known. */
  mapping: Record<string, string | null> | null;
}

function isContactHeader(header: string, entry: EntryContactData): boolean {
  const mapped = entry.mapping?.[header];
  if (mapped != null) return CONTACT_FIELDS.has(mapped as EntryField);
  const detected = detectMapping([header], entry.programme)[header];
  return detected != null && CONTACT_FIELDS.has(detected);
}

/** The entry without contact details: no contact, no contact fields, no contact columns. */
export function withoutContacts(entry: EntryContactData): {
  contact: null;
  fields: Record<string, unknown>;
  source: Array<[string, string]>;
} {
  // A value that was a contact anywhere goes from every column (a copy under another header).
  const values = new Set<string>();
  for (const [key, value] of Object.entries(entry.fields)) {
    if (CONTACT_FIELDS.has(key as EntryField) && typeof value === 'string') {
      values.add(value.trim());
    }
  }
  for (const [header, value] of entry.source) {
    if (isContactHeader(header, entry)) values.add(value.trim());
  }
  for (const part of entry.contact?.split(' / ') ?? []) values.add(part.trim());
  values.delete('');
  const fields = Object.fromEntries(
    Object.entries(entry.fields).filter(([key]) => !CONTACT_FIELDS.has(key as EntryField)),
  );
  const source = entry.source.filter(
    ([header, value]) => !isContactHeader(header, entry) && !values.has(value.trim()),
  );
  return { contact: null, fields, source };
}
