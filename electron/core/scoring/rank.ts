// Ranking and tie-breaks (SCORING.md "Ranking and ties"). Compares the 2-decimal values.
import { SailError } from '../errors';
import { flagBit, flagMask, flagSet } from './flags';
import type { DecidedBy, EntryAggregate, RankOptions, RankedEntry } from './types';
import { at, compareStrings } from './util';

const TIE = flagBit('tie');

/**
 * Ranks entries by score descending; ties go to the higher all-judge mean, then to the higher
 * mean on each `tieBreak` criterion in order (skipped when null: overall ranking); entries
 * still level share a competition rank (1, 2, 2, 4) and are flagged `tie`, listed by entry key.
 *
 * Output order: ranked entries, then entries with no reviews (unranked, by entry key: there
 * is nothing to rank them by), then failed-gate entries (unranked, ordered as ranked ones
 * would be), as CLI.md lists failed-gate entries last. The inputs are not modified.
 */
export function rankEntries(
  aggregates: readonly EntryAggregate[],
  opts: RankOptions,
): RankedEntry[] {
  const tieBreak = opts.tieBreak ?? [];
  // Per entry, the values compared in turn: score, all-judge mean, each tie-break mean.
  // Flat, so that the comparator touches no objects.
  const stride = 2 + tieBreak.length;
  const n = aggregates.length;
  const keys = new Float64Array(n * stride);
  const ranked: number[] = [];
  const unreviewed: number[] = [];
  const failed: number[] = [];
  aggregates.forEach((a, i) => {
    if (a.score === null || a.allJudgeMean === null) {
      unreviewed.push(i);
      return;
    }
    let slot = i * stride;
    keys[slot++] = a.score;
    keys[slot++] = a.allJudgeMean;
    for (const key of tieBreak) {
      const m = a.criteria[key];
      if (m === undefined) {
        throw new SailError(
          'scoring_unknown_tie_break',
          `同分比较项 ${key} 不在作品 ${a.entryKey} 的评审细则中`,
          `Tie-break criterion ${key} is not in the rubric of entry ${a.entryKey}`,
        );
      }
      keys[slot++] = m;
    }
    (a.gateFailed === null ? ranked : failed).push(i);
  });

  /** First step separating a and b: 0 score, 1 all-judge mean, 2 + j criterion j; -1 if none. */
  const firstDifference = (a: number, b: number): number => {
    const pa = a * stride;
    const pb = b * stride;
    for (let step = 0; step < stride; step++) {
      if (keys[pa + step] !== keys[pb + step]) return step;
    }
    return -1;
  };
  const byKey = (a: number, b: number): number =>
    compareStrings(at(aggregates, a).entryKey, at(aggregates, b).entryKey);
  const compare = (a: number, b: number): number => {
    const step = firstDifference(a, b);
    return step < 0 ? byKey(a, b) : at(keys, b * stride + step) - at(keys, a * stride + step);
  };
  const stepName = (step: number): DecidedBy =>
    step < 0
      ? 'tie'
      : step === 0
        ? 'score'
        : step === 1
          ? 'all_judge_mean'
          : `criterion:${at(tieBreak, step - 2)}`;
  ranked.sort(compare);
  failed.sort(compare);
  unreviewed.sort(byKey);

  const out: RankedEntry[] = [];
  const place = (i: number, rank: number | null, decidedBy: DecidedBy | null): RankedEntry => {
    const a = at(aggregates, i);
    // Listed field by field: spreading an object this size and adding fields is several
    // times slower in V8, and ranking copies every entry of the round.
    const entry: RankedEntry = {
      entryKey: a.entryKey,
      sector: a.sector,
      reviews: a.reviews,
      totals: a.totals,
      reviewerIds: a.reviewerIds,
      scoreExact: a.scoreExact,
      score: a.score,
      allJudgeMeanExact: a.allJudgeMeanExact,
      allJudgeMean: a.allJudgeMean,
      criteriaExact: a.criteriaExact,
      criteria: a.criteria,
      droppedTotals: a.droppedTotals,
      normalisedTotals: a.normalisedTotals,
      // Drop a `tie` from an earlier ranking: ties depend on the set being ranked.
      flags: flagSet(flagMask(a.flags) & ~TIE),
      gateFailed: a.gateFailed,
      rank,
      decidedBy,
    };
    out.push(entry);
    return entry;
  };
  const markTie = (entry: RankedEntry): void => {
    entry.flags = flagSet(flagMask(entry.flags) | TIE);
  };

  let groupStart = 0;
  ranked.forEach((i, p) => {
    if (p === 0) {
      place(i, 1, null);
      return;
    }
    const step = firstDifference(at(ranked, p - 1), i);
    if (step >= 0) groupStart = p;
    const entry = place(i, groupStart + 1, stepName(step));
    if (step < 0) {
      markTie(at(out, p - 1));
      markTie(entry);
    }
  });
  for (const i of unreviewed) place(i, null, null);
  for (const i of failed) place(i, null, null);
  return out;
}
