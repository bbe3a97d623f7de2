// What makes a review complete, what its total is, and the scores it cannot hold (SCORING.md
// "A review").
import type { RubricDefinition } from './domain';
import { SailError } from './errors';

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

/** Where a stored score sits and what it holds; `max` is null for a key its rubric lacks. */
export interface StoredScore {
  entry_id: string;
  reviewer_id: string;
  criterion: string;
  points: number;
  max: number | null;
}

/**
 * A stored score the rules refuse (SCORING.md: 0 to max in steps of 0.5, on a criterion of the
 * review's rubric). The store refuses to write one, so it is damage: a flipped bit, an edited
 * file. Never used, named with the way to find the others (exit 3, an integrity failure).
 */
export function damagedScore(score: StoredScore): SailError {
  const where = {
    zh: `项目 ${score.entry_id}、专家 ${score.reviewer_id}、评分项 ${score.criterion} 的分数为 ${score.points}`,
    en: `entry ${score.entry_id}, reviewer ${score.reviewer_id}, criterion ${score.criterion} holds ${score.points}`,
  };
  const rule =
    score.max === null
      ? { zh: '评分细则没有该评分项', en: 'the rubric has no such criterion' }
      : {
          zh: `应为 0 到 ${score.max} 之间 0.5 的整数倍`,
          en: `it must be 0 to ${score.max} in steps of 0.5`,
        };
  return new SailError(
    'score_out_of_range',
    `项目文件中存有不合规则的分数：${where.zh}（${rule.zh}）。文件可能已损坏，该分数未被使用。请用 verify 列出全部问题，或从备份恢复。`,
    `The project holds a score the rules refuse: ${where.en} (${rule.en}). The file may be damaged; the score was not used. Run verify to list every such problem, or restore a backup.`,
    3,
  );
}
