// Issue 14: tamper evidence. Every write journals a hash of each row it inserts, updates or
// deletes (row_journal, filled by the connection's triggers, store/row-journal.ts) under the
// number of its audit event, and the event's hash covers their digest (rows_digest), so
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

-- One row per row written: its table, its primary key (text) and the SHA-256 of its values
-- (NULL when the write deleted it), in the order written.
CREATE TABLE row_journal (
  seq INTEGER NOT NULL,
  tbl TEXT NOT NULL,
  key TEXT NOT NULL,
  hash BLOB
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
