// The scoring engine: aggregation by method, flags, gates, ranking and tie-breaks (SCORING.md).
export { aggregateRound } from './aggregate';
export { rankEntries } from './rank';
export { round2 } from './round';
export type * from './types';
export { cutBySectorQuotas, cutRanking } from './shortlist';
export type { ShortlistCandidate, ShortlistCut, ShortlistRule } from './shortlist';
