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

/**
 * The entry without contact details: no contact, no contact fields, no contact columns, and a
 * contact value written into other text (a phone number in a note) taken out of it.
 */
export function withoutContacts(entry: EntryContactData): {
  contact: null;
  fields: Record<string, unknown>;
  source: Array<[string, string]>;
  summary: (text: string | null) => string | null;
} {
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
  // Longest first, so a phone number goes before a shorter value inside it.
  const ordered = [...values].sort((a, b) => b.length - a.length);
  const redact = (text: string) =>
    ordered.reduce((result, value) => result.split(value).join(REDACTED), text);
  const fields = Object.fromEntries(
    Object.entries(entry.fields)
      .filter(([key]) => !CONTACT_FIELDS.has(key as EntryField))
      .map(([key, value]) => [key, typeof value === 'string' ? redact(value) : value]),
  );
  const source = entry.source
    .filter(([header]) => !isContactHeader(header, entry))
    .map(([header, value]): [string, string] => [header, redact(value)]);
  return {
    contact: null,
    fields,
    source,
    summary: (text) => (text === null ? null : redact(text)),
  };
}

/** What stands where a contact value was written into other text. */
export const REDACTED = '（联系方式已略去）';
