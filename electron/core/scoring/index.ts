// The scoring engine: aggregation by method, flags, gates, ranking and tie-breaks (SCORING.md).
export { aggregateColumns, aggregateRound } from './aggregate';
export {
  groupByEntry,
  ReviewColumnsBuilder,
  replaceEntries,
  reviewColumns,
  reviewsOfEntry,
  rubricSlots,
  unknownEntry,
  type ColumnReview,
  type EntryGroups,
  type ReviewColumns,
  type RubricSlots,
} from './columns';
export { rankEntries } from './rank';
export { round2 } from './round';
export type * from './types';
export { cutBySectorQuotas, cutRanking } from './shortlist';
export type { ShortlistCandidate, ShortlistCut, ShortlistRule } from './shortlist';
