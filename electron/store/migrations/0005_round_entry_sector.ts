// Issue 4: a round entry's sector group is frozen when the entry joins the round. Grouping by
// the entry's sector as it reads now let a re-import move a scored entry into another sector's
// ranking, quotas and exports while it kept the old sector's rubric.
// - round_entry.sector holds the group: the entry's sector, or 'generic' for an entry without
//   one (the key its rubric is pinned under in round_rubric). The table is rebuilt so the column
//   is NOT NULL without a default that could hide a forgotten group.
// - Backfill: an entry scored with its sector's pin is in its sector. One scored with the version
//   only another group pins changed sector after the round was created: it joined that group.
//   Otherwise (no pin matches, or several groups pin that version) the round cannot tell, and the
//   entry stays where it was ranked until now, in its sector.
import type { Migration } from './types';

export const migration0005: Migration = {
  version: 5,
  name: 'round_entry_sector',
  sql: `
CREATE TABLE round_entry_0005 (
  round_id INTEGER NOT NULL REFERENCES round (id) ON DELETE CASCADE,
  entry_id INTEGER NOT NULL REFERENCES entry (id),
  rubric_id INTEGER NOT NULL REFERENCES rubric (id),
  sector TEXT NOT NULL,
  PRIMARY KEY (round_id, entry_id)
) STRICT;

INSERT INTO round_entry_0005 (round_id, entry_id, rubric_id, sector)
SELECT re.round_id, re.entry_id, re.rubric_id, coalesce(
  (SELECT rr.sector FROM round_rubric rr
   WHERE rr.round_id = re.round_id AND rr.sector = coalesce(e.sector, 'generic')
     AND rr.rubric_id = re.rubric_id),
  (SELECT min(rr.sector) FROM round_rubric rr
   WHERE rr.round_id = re.round_id AND rr.rubric_id = re.rubric_id
   HAVING count(*) = 1),
  coalesce(e.sector, 'generic'))
FROM round_entry re JOIN entry e ON e.id = re.entry_id;

DROP TABLE round_entry;
ALTER TABLE round_entry_0005 RENAME TO round_entry;
CREATE INDEX round_entry_entry_idx ON round_entry (entry_id);
-- A round's groups, their sizes and the entries of one group read this index alone.
CREATE INDEX round_entry_sector_idx ON round_entry (round_id, sector);
`,
};
