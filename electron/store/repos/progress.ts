// What the organiser's progress board reads about a round: reviews per reviewer, assignments per
// reviewer and entry, and when reviews were submitted. Grouped queries, one pass each: the board
// refreshes whenever scores arrive, on rounds of tens of thousands of reviews.
import type { Db } from '../database';

export interface ReviewerReviewCounts {
  reviewer_id: number;
  submitted: number;
  draft: number;
}

export interface EntryCoverage {
  entry_id: number;
  external_id: string;
  title: string;
  sector: string | null;
  assigned: number;
  submitted: number;
  /** Confirmed conflicts with the entry (an expert's recusal among them). */
  recused: number;
}

export class ProgressRepository {
  private readonly reviewCountsStatement;
  private readonly assignedCountsStatement;
  private readonly submissionsStatement;
  private readonly perEntryModeStatement;
  private readonly shortStatement;

  constructor(db: Db) {
    this.reviewCountsStatement = db.prepare<[number], ReviewerReviewCounts>(
      `SELECT reviewer_id, sum(status = 'submitted') AS submitted, sum(status = 'draft') AS draft
       FROM review WHERE round_id = ? GROUP BY reviewer_id`,
    );
    this.assignedCountsStatement = db.prepare<[number], { reviewer_id: number; assigned: number }>(
      'SELECT reviewer_id, count(*) AS assigned FROM assignment WHERE round_id = ? GROUP BY reviewer_id',
    );
    this.submissionsStatement = db.prepare<[number], { reviewer_id: number; at: string }>(
      `SELECT reviewer_id, submitted_at AS at FROM review
       WHERE round_id = ? AND status = 'submitted' AND submitted_at IS NOT NULL
       ORDER BY reviewer_id, submitted_at`,
    );
    this.perEntryModeStatement = db
      .prepare<[number], number>(
        `SELECT n FROM (SELECT count(*) AS n FROM assignment WHERE round_id = ? GROUP BY entry_id)
         GROUP BY n ORDER BY count(*) DESC, n DESC LIMIT 1`,
      )
      .pluck();
    this.shortStatement = db.prepare<{ round: number; needed: number }, EntryCoverage>(
      `SELECT * FROM (
         SELECT re.entry_id, e.external_id, e.title, e.sector,
           (SELECT count(*) FROM assignment a
            WHERE a.round_id = re.round_id AND a.entry_id = re.entry_id) AS assigned,
           (SELECT count(*) FROM review r WHERE r.round_id = re.round_id
              AND r.entry_id = re.entry_id AND r.status = 'submitted') AS submitted,
           (SELECT count(*) FROM conflict c
            WHERE c.entry_id = re.entry_id AND c.status = 'confirmed') AS recused
         FROM round_entry re JOIN entry e ON e.id = re.entry_id
         WHERE re.round_id = @round)
       WHERE assigned < @needed
       ORDER BY assigned, external_id`,
    );
  }

  reviewCounts(roundId: number): ReviewerReviewCounts[] {
    return this.reviewCountsStatement.all(roundId);
  }

  assignedCounts(roundId: number): Map<number, number> {
    return new Map(
      this.assignedCountsStatement.all(roundId).map((row) => [row.reviewer_id, row.assigned]),
    );
  }

  /** Each reviewer's submission times in the round, oldest first. */
  submissions(roundId: number): Map<number, string[]> {
    const times = new Map<number, string[]>();
    for (const row of this.submissionsStatement.iterate(roundId)) {
      const list = times.get(row.reviewer_id);
      if (list) list.push(row.at);
      else times.set(row.reviewer_id, [row.at]);
    }
    return times;
  }

  /** The number of reviewers most of the round's entries were assigned (null before any). */
  usualPerEntry(roundId: number): number | null {
    return this.perEntryModeStatement.get(roundId) ?? null;
  }

  /** The round's entries assigned fewer than `needed` reviewers, fewest first. */
  shortEntries(roundId: number, needed: number): EntryCoverage[] {
    return this.shortStatement.all({ round: roundId, needed });
  }
}
