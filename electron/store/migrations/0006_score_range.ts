// Issue 10: a stored score is a number from 0 to its criterion's max in steps of 0.5 (SCORING.md),
// whichever way it is written. A flipped bit once turned 14.5 into 4.93e39, and the entry ranked
// first. The triggers check each score against the criterion of the rubric version its review is
// scored with; a score on a key that rubric lacks is refused too.
// Scores already stored are left as they are (refusing to open the file would lock its users
// out): reading a review or a round's scores names any such score as damage, and `verify` lists
// them all.
import type { Migration } from './types';

/** NEW is outside its criterion's 0..max or off the 0.5 steps, or on no criterion at all. */
const refused = `NOT coalesce((
  SELECT NEW.points >= 0 AND NEW.points <= c.max_points AND NEW.points * 2 = round(NEW.points * 2)
  FROM review r JOIN criterion c ON c.rubric_id = r.rubric_id AND c.key = NEW.criterion_key
  WHERE r.id = NEW.review_id), 0)`;

export const migration0006: Migration = {
  version: 6,
  name: 'score_range',
  sql: `
CREATE TRIGGER score_in_range_insert BEFORE INSERT ON score WHEN ${refused}
BEGIN SELECT RAISE(ABORT, 'score out of range'); END;

CREATE TRIGGER score_in_range_update BEFORE UPDATE ON score WHEN ${refused}
BEGIN SELECT RAISE(ABORT, 'score out of range'); END;
`,
};
