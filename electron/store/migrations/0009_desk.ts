// Issue 13: the expert desk. Each reviewer may have a PIN (a salted scrypt hash, never the PIN);
// the project records whether it opens as an expert desk (experts sign in, the organiser's
// screens are closed), the organiser's PIN that leaves it, and after how many idle minutes the
// desk locks.
import type { Migration } from './types';

export const migration0009: Migration = {
  version: 9,
  name: 'desk',
  sql: `
ALTER TABLE reviewer ADD COLUMN pin_hash TEXT;
ALTER TABLE project ADD COLUMN desk_mode TEXT NOT NULL DEFAULT 'organiser'
  CHECK (desk_mode IN ('organiser', 'expert'));
ALTER TABLE project ADD COLUMN organiser_pin_hash TEXT;
ALTER TABLE project ADD COLUMN idle_lock_minutes INTEGER NOT NULL DEFAULT 10
  CHECK (idle_lock_minutes BETWEEN 1 AND 240);
`,
};
