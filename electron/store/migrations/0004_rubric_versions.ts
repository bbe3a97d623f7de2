// Issue 4: rubric versions and round pins.
// - A version that any score or gate answer uses is frozen, and a frozen version never changes:
//   triggers set `frozen` on the first score of a review with that rubric (whichever way it is
//   written: window, scores import, later packets) and refuse any change to a frozen version.
// - A round pins one rubric version per sector of its entries (an entry without a sector is in
//   'generic'), so pins are rebuilt from the rubric each entry of a round is scored with.
// - Round history reads the audit events of a round by subject.
import type { Migration } from './types';

export const migration0004: Migration = {
  version: 4,
  name: 'rubric_versions',
  sql: `
UPDATE rubric SET frozen = 1 WHERE frozen = 0 AND id IN (
  SELECT r.rubric_id FROM review r
  WHERE EXISTS (SELECT 1 FROM score s WHERE s.review_id = r.id)
     OR EXISTS (SELECT 1 FROM gate_answer g WHERE g.review_id = r.id)
);

CREATE TRIGGER score_freezes_rubric AFTER INSERT ON score
BEGIN
  UPDATE rubric SET frozen = 1
  WHERE frozen = 0 AND id = (SELECT rubric_id FROM review WHERE id = NEW.review_id);
END;
CREATE TRIGGER gate_answer_freezes_rubric AFTER INSERT ON gate_answer
BEGIN
  UPDATE rubric SET frozen = 1
  WHERE frozen = 0 AND id = (SELECT rubric_id FROM review WHERE id = NEW.review_id);
END;

CREATE TRIGGER rubric_frozen_no_update BEFORE UPDATE ON rubric WHEN OLD.frozen = 1
BEGIN SELECT RAISE(ABORT, 'rubric version is frozen'); END;
CREATE TRIGGER rubric_frozen_no_delete BEFORE DELETE ON rubric WHEN OLD.frozen = 1
BEGIN SELECT RAISE(ABORT, 'rubric version is frozen'); END;

CREATE TRIGGER criterion_frozen_no_insert BEFORE INSERT ON criterion
WHEN (SELECT frozen FROM rubric WHERE id = NEW.rubric_id) = 1
BEGIN SELECT RAISE(ABORT, 'rubric version is frozen'); END;
CREATE TRIGGER criterion_frozen_no_update BEFORE UPDATE ON criterion
WHEN (SELECT frozen FROM rubric WHERE id = OLD.rubric_id) = 1
  OR (SELECT frozen FROM rubric WHERE id = NEW.rubric_id) = 1
BEGIN SELECT RAISE(ABORT, 'rubric version is frozen'); END;
CREATE TRIGGER criterion_frozen_no_delete BEFORE DELETE ON criterion
WHEN (SELECT frozen FROM rubric WHERE id = OLD.rubric_id) = 1
BEGIN SELECT RAISE(ABORT, 'rubric version is frozen'); END;

CREATE TRIGGER gate_frozen_no_insert BEFORE INSERT ON gate
WHEN (SELECT frozen FROM rubric WHERE id = NEW.rubric_id) = 1
BEGIN SELECT RAISE(ABORT, 'rubric version is frozen'); END;
CREATE TRIGGER gate_frozen_no_update BEFORE UPDATE ON gate
WHEN (SELECT frozen FROM rubric WHERE id = OLD.rubric_id) = 1
  OR (SELECT frozen FROM rubric WHERE id = NEW.rubric_id) = 1
BEGIN SELECT RAISE(ABORT, 'rubric version is frozen'); END;
CREATE TRIGGER gate_frozen_no_delete BEFORE DELETE ON gate
WHEN (SELECT frozen FROM rubric WHERE id = OLD.rubric_id) = 1
BEGIN SELECT RAISE(ABORT, 'rubric version is frozen'); END;

DELETE FROM round_rubric;
INSERT INTO round_rubric (round_id, sector, rubric_id)
SELECT re.round_id, coalesce(e.sector, 'generic'), min(re.rubric_id)
FROM round_entry re JOIN entry e ON e.id = re.entry_id
GROUP BY re.round_id, coalesce(e.sector, 'generic');

CREATE INDEX audit_event_subject_idx ON audit_event (subject, seq);
`,
};
