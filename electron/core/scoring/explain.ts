// Explaining one entry's result to the panel: which totals the trimmed mean dropped, how the
// z-score method moved each reviewer's totals, and which tie-break step put it above or below
// its neighbours. The numbers come from the same rules as the engine (SCORING.md).
import type { EntryAggregate } from './types';

/**
 * The reviewers whose totals the trimmed mean left out: the engine sorts totals ascending, ties
 * by reviewer id, and drops k from each end, so the dropped ones are those positions.
 */
export function droppedReviewers(aggregate: EntryAggregate): Set<string> {
  const k = aggregate.droppedTotals.length / 2;
  if (k === 0) return new Set();
  const ids = aggregate.reviewerIds;
  return new Set([...ids.slice(0, k), ...ids.slice(ids.length - k)]);
}

/** The values a tie-break chain compares (2-decimal, as ranking compares them). */
export interface ChainValues {
  score: number | null;
  all_judge_mean: number | null;
  criteria: Readonly<Record<string, number>>;
}

export interface StepComparison {
  /** 'score', 'all_judge_mean' or 'criterion:<key>'. */
  step: string;
  entry: number | null;
  other: number | null;
}

export interface NeighbourComparison {
  /** The step that separated the two, or 'tie' when every step compared equal. */
  decidedBy: string;
  /** The steps compared, in chain order, up to and including the deciding one. */
  steps: StepComparison[];
}

/** Walks `chain` (as rankings print it: score, all_judge_mean, criterion:<key>…, tie). */
export function compareAlongChain(
  entry: ChainValues,
  other: ChainValues,
  chain: readonly string[],
): NeighbourComparison {
  const valueOf = (values: ChainValues, step: string): number | null => {
    if (step === 'score') return values.score;
    if (step === 'all_judge_mean') return values.all_judge_mean;
    return values.criteria[step.slice('criterion:'.length)] ?? null;
  };
  const steps: StepComparison[] = [];
  for (const step of chain) {
    if (step === 'tie') break;
    const compared = { step, entry: valueOf(entry, step), other: valueOf(other, step) };
    steps.push(compared);
    if (compared.entry !== compared.other) return { decidedBy: step, steps };
  }
  return { decidedBy: 'tie', steps };
}
