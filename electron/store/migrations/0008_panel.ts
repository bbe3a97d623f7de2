// Issue 12: the panel. Reviewers get a phone and an email; a round's panel is named in
// round_panel (no row for a round: every reviewer takes part); a conflict of interest (回避) is
// one row per (reviewer, entry) pair, declared or detected, with its reason in both languages and
// the organiser's decision; an assignment records whether it is locked (a re-run keeps it), how
// it came (auto, manual, score) and the reason a conflict was overridden; the project records
// when detection last ran. The first schema's `conflict` table was never written: it is replaced.
import type { Migration } from './types';

export const migration0008: Migration = {
  version: 8,
  name: 'panel',
  sql: `
ALTER TABLE reviewer ADD COLUMN phone TEXT;
ALTER TABLE reviewer ADD COLUMN email TEXT;

ALTER TABLE round_reviewer RENAME TO round_panel;

DROP TABLE conflict;
CREATE TABLE conflict (
  reviewer_id INTEGER NOT NULL REFERENCES reviewer (id),
  entry_id INTEGER NOT NULL REFERENCES entry (id),
  source TEXT NOT NULL CHECK (source IN ('declared', 'detected')),
  status TEXT NOT NULL DEFAULT 'potential' CHECK (status IN ('potential', 'confirmed', 'dismissed')),
  reason_zh TEXT NOT NULL,
  reason_en TEXT NOT NULL,
  -- The organiser's reason for the last decision, or for a conflict they added.
  decision_reason TEXT,
  decided_at TEXT,
  found_at TEXT NOT NULL,
  PRIMARY KEY (reviewer_id, entry_id)
) STRICT;
-- An entry's conflicts, for assignment and the scores import.
CREATE INDEX conflict_entry_idx ON conflict (entry_id);

ALTER TABLE assignment ADD COLUMN locked INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1));
ALTER TABLE assignment ADD COLUMN source TEXT NOT NULL DEFAULT 'auto'
  CHECK (source IN ('auto', 'manual', 'score'));
ALTER TABLE assignment ADD COLUMN override_reason TEXT;

ALTER TABLE project ADD COLUMN conflicts_detected_at TEXT;
`,
};
