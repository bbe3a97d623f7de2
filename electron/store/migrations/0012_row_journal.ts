// Issue 14: tamper evidence. Every write journals a hash of each row it inserts, updates or
// deletes (row_journal, store/row-journal.ts) under the number of its audit event, and the
// event's hash covers their digest (rows_digest), so
// `verify` can tell which row changed outside the app. The head of the chain is signed with the
// organiser's key, kept outside the file (chain_seal holds the signature and the key's
// fingerprint, never the key).
import type { Migration } from './types';

export const migration0012: Migration = {
  version: 12,
  name: 'row journal and signed chain head',
  sql: `
-- NULL for the events written before this migration (they vouch for no rows).
ALTER TABLE audit_event ADD COLUMN rows_digest TEXT;

-- What each event wrote: a JSON array of [table, key, hash] (hash: SHA-256 of the row's values,
-- base64; null when the event deleted the row), in the order written. The event's rows_digest
-- is the SHA-256 of this text.
CREATE TABLE row_journal (
  seq INTEGER PRIMARY KEY,
  rows TEXT NOT NULL
) STRICT;

CREATE TRIGGER row_journal_no_delete BEFORE DELETE ON row_journal
BEGIN SELECT RAISE(ABORT, 'row_journal is append-only'); END;
CREATE TRIGGER row_journal_no_update BEFORE UPDATE ON row_journal
BEGIN SELECT RAISE(ABORT, 'row_journal is append-only'); END;

-- The signed head of the audit chain: replaced by every write.
CREATE TABLE chain_seal (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL,
  key_fingerprint TEXT NOT NULL,
  signature TEXT NOT NULL,
  signed_at TEXT NOT NULL
) STRICT;
`,
};
