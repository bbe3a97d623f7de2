// Attachments (issue 3, point 7): files from a folder named by entry id, linked to their entry
// where they lie on disk. Size and SHA-256 as linked let a viewer refuse a file changed since.
import type { Migration } from './types';

export const migration0002: Migration = {
  version: 2,
  name: 'attachments',
  sql: `
CREATE TABLE attachment (
  id INTEGER PRIMARY KEY,
  entry_id INTEGER NOT NULL REFERENCES entry (id) ON DELETE CASCADE,
  -- Path relative to the linked folder, '/'-separated (B2025-0001/申报书.pdf), for display.
  file_name TEXT NOT NULL,
  -- Absolute path of the file when it was linked.
  path TEXT NOT NULL,
  size INTEGER NOT NULL CHECK (size >= 0),
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  mime TEXT NOT NULL,
  linked_at TEXT NOT NULL
) STRICT;
-- Re-linking a folder updates its rows in place; also serves the lookup by entry.
CREATE UNIQUE INDEX attachment_entry_path_uq ON attachment (entry_id, path);
`,
};
