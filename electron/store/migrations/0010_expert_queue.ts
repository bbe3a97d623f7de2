// Issue 13: the expert's side of a round. The organiser decides whether experts may see the
// panel's results once the round is locked (off by default: independent judgement first); an
// expert may put an entry off to the end of their queue, which their queue then orders by.
import type { Migration } from './types';

export const migration0010: Migration = {
  version: 10,
  name: 'expert queue',
  sql: `
ALTER TABLE round ADD COLUMN results_for_experts INTEGER NOT NULL DEFAULT 0
  CHECK (results_for_experts IN (0, 1));

CREATE TABLE deferral (
  round_id INTEGER NOT NULL REFERENCES round (id) ON DELETE CASCADE,
  entry_id INTEGER NOT NULL REFERENCES entry (id),
  reviewer_id INTEGER NOT NULL REFERENCES reviewer (id),
  deferred_at TEXT NOT NULL,
  PRIMARY KEY (round_id, reviewer_id, entry_id)
) STRICT;
`,
};
