// An entry keeps its verbatim source row (issue 16): the header names once per import, in
// source_columns, and the row as the JSON array of its values in their order, rather than the
// [header, value] pairs that repeated every header name in every row (a third of an entry's
// bytes, written, hashed and committed 100,000 times by a big import). Entries stored before
// keep their pairs (source_columns_id NULL): rewriting them would change rows the journal
// vouches for, so the entry repository reads both.
import type { Migration } from './types';

export const migration0015: Migration = {
  version: 15,
  name: 'source columns',
  sql: `
CREATE TABLE source_columns (
  id INTEGER PRIMARY KEY,
  -- The headers of source rows in file order (JSON array), once for every row that has them.
  headers_json TEXT NOT NULL,
  CONSTRAINT source_columns_headers_uq UNIQUE (headers_json)
) STRICT;
-- With it, entry.source_json is the row's values in the order of these headers.
ALTER TABLE entry ADD COLUMN source_columns_id INTEGER REFERENCES source_columns (id);
`,
};
