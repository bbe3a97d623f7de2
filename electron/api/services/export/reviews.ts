// The round's submitted reviews and rubrics as score sheets and the XLSX detail show them.
import type { SheetReview, SheetRubric } from '../../../io/export/report';
import type { ProjectStore } from '../../../store/project-store';

/** Submitted reviews of the round with their scores, comments and reviewers. */
export function loadReviews(store: ProjectStore, roundId: number): SheetReview[] {
  const reviewers = new Map(
    store.reviewers
      .list()
      .map((r) => [
        r.external_id,
        { reviewer_id: r.external_id, name: r.name, organisation: r.organisation },
      ]),
  );
  const reviews = new Map<string, SheetReview>();
  const key = (entry: string, reviewer: string) => `${entry}\u0000${reviewer}`;
  for (const row of store.exports.submittedReviews(roundId)) {
    reviews.set(key(row.entry_id, row.reviewer_id), {
      entry_id: row.entry_id,
      reviewer: reviewers.get(row.reviewer_id) ?? {
        reviewer_id: row.reviewer_id,
        name: row.reviewer_id,
        organisation: null,
      },
      scores: {},
      gates: {},
      total: 0,
      comment: row.comment,
      submitted_at: row.submitted_at,
    });
  }
  for (const row of store.reviews.submittedScores(roundId)) {
    const review = reviews.get(key(row.entry_id, row.reviewer_id));
    if (!review) continue;
    review.scores[row.criterion_key] = row.points;
    review.total += row.points;
  }
  for (const row of store.reviews.submittedGates(roundId)) {
    const review = reviews.get(key(row.entry_id, row.reviewer_id));
    if (review) review.gates[row.gate_key] = row.passed === 1 ? 'pass' : 'fail';
  }
  return [...reviews.values()];
}

export function sheetRubric(store: ProjectStore, rubricId: number): SheetRubric {
  const rubric = store.rubrics.require(rubricId);
  return {
    name_zh: rubric.name_zh,
    version: rubric.version,
    criteria: rubric.criteria.map((c) => ({ key: c.key, name_zh: c.name_zh, max: c.max })),
    gates: rubric.gates.map((g) => ({ key: g.key, name_zh: g.name_zh })),
  };
}
