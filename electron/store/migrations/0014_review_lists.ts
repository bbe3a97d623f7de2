// Issue 16: a ranking reads one row per review instead of one per score. Each review keeps its
// criterion scores and gate answers as lists in its rubric's order, written with the scores by
// the review repository (store/repos/reviews.ts), so the 2.1 million score rows of a national
// round are not read to rank it. The score and gate_answer tables stay the record (the review
// form, history, verify and the row journal read them); the lists are their copy.
import type { Migration } from './types';

/**
 * The review's scores in its rubric's criterion order, comma-separated ('' for a criterion
 * without a score), as SQLite writes a REAL (14.5, 18.0). The ordered subquery fixes the order
 * group_concat sees (SQLite before 3.44, as organisers' own sqlite3 may be, has no ORDER BY in
 * an aggregate).
 */
export const scoreListSql = (review: string, rubric: string) => `(SELECT group_concat(v, ',') FROM (
  SELECT coalesce(s.points, '') AS v FROM criterion c
    LEFT JOIN score s ON s.review_id = ${review} AND s.criterion_key = c.key
  WHERE c.rubric_id = ${rubric} ORDER BY c.position))`;

/** The review's gate answers in its rubric's gate order (1 pass, 0 fail, '' none); '' without gates. */
export const gateListSql = (
  review: string,
  rubric: string,
) => `coalesce((SELECT group_concat(v, ',') FROM (
  SELECT coalesce(a.passed, '') AS v FROM gate g
    LEFT JOIN gate_answer a ON a.review_id = ${review} AND a.gate_key = g.key
  WHERE g.rubric_id = ${rubric} ORDER BY g.position)), '')`;

const RUBRIC_OF_NEW = '(SELECT rubric_id FROM review WHERE id = NEW.review_id)';

export const migration0014: Migration = {
  version: 14,
  name: 'review score and gate lists',
  sql: `
-- NULL until the review's scores are next written: a review written before this migration is
-- read from its score rows (rewriting them here would change rows the row journal vouches for).
ALTER TABLE review ADD COLUMN score_list TEXT;
ALTER TABLE review ADD COLUMN gate_list TEXT;

-- The app never updates a score or gate row in place (a review's rows are replaced together);
-- a change made outside it reaches the lists, so a ranking still refuses a damaged score.
CREATE TRIGGER score_keeps_review_list AFTER UPDATE ON score
BEGIN
  UPDATE review SET score_list = ${scoreListSql('NEW.review_id', RUBRIC_OF_NEW)}
  WHERE id = NEW.review_id AND score_list IS NOT NULL;
END;
CREATE TRIGGER gate_answer_keeps_review_list AFTER UPDATE ON gate_answer
BEGIN
  UPDATE review SET gate_list = ${gateListSql('NEW.review_id', RUBRIC_OF_NEW)}
  WHERE id = NEW.review_id AND gate_list IS NOT NULL;
END;
`,
};
