// Issue 10, point 13: the organiser's decision on a suspected duplicate pair (疑似重复), kept so
// that a pair judged "not a duplicate" stops being listed as suspected and a pair judged "the
// same case" is shown as such. One row per pair of entries, the earlier entry first; taking a
// decision back deletes its row. Every decision and its reversal is in the audit trail too.
import type { Migration } from './types';

export const migration0007: Migration = {
  version: 7,
  name: 'duplicate_decisions',
  sql: `
CREATE TABLE duplicate_decision (
  entry_a INTEGER NOT NULL REFERENCES entry (id),
  entry_b INTEGER NOT NULL REFERENCES entry (id),
  verdict TEXT NOT NULL CHECK (verdict IN ('distinct', 'same_case')),
  note TEXT,
  -- Who decided, as the organiser gave it (null: not given).
  decided_by TEXT,
  decided_at TEXT NOT NULL,
  PRIMARY KEY (entry_a, entry_b),
  CHECK (entry_a < entry_b)
) STRICT;
-- An entry's decisions, for its detail, whichever side of the pair it is on.
CREATE INDEX duplicate_decision_b_idx ON duplicate_decision (entry_b);
`,
};
