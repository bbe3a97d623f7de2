// What makes a review complete and what its total is (SCORING.md "A review").
import type { RubricDefinition } from './domain';

export interface ReviewContentView {
  scores: ReadonlyMap<string, number>;
  gates: ReadonlyMap<string, boolean>;
}

export function reviewTotal(
  rubric: Pick<RubricDefinition, 'criteria'>,
  review: ReviewContentView,
): number {
  let total = 0;
  for (const criterion of rubric.criteria) total += review.scores.get(criterion.key) ?? 0;
  return total;
}

/** Every criterion has a score and every gate an answer. */
export function isReviewComplete(
  rubric: Pick<RubricDefinition, 'criteria' | 'gates'>,
  review: ReviewContentView,
): boolean {
  return (
    rubric.criteria.every((criterion) => review.scores.has(criterion.key)) &&
    rubric.gates.every((gate) => review.gates.has(gate.key))
  );
}
