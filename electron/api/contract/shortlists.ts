// Shortlists: a rule cut from a ranking, saved as a draft and finalised.
// One domain of the contract (contract.ts combines them): Node-free, like all of it.
import { z } from 'zod';
import type { AggregationSettings } from '../../core/domain';
import type { ShortlistFlag } from '../../core/scoring/shortlist';
import { nonEmpty, roundRef, rankRef, op } from './shared';

/** One rule per shortlist (SCORING.md "Shortlist"); quotas cut each sector's own ranking. */
export const shortlistRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('top'), n: z.number().int().min(1).max(1_000_000) }),
  z.object({ kind: z.literal('top_percent'), percent: z.number().gt(0).max(100) }),
  z.object({ kind: z.literal('pass_mark'), score: z.number().min(0).max(100) }),
  z.object({
    kind: z.literal('quotas'),
    quotas: z.record(z.string(), z.number().int().min(0).max(1_000_000)),
  }),
]);
export type ShortlistRuleInput = z.output<typeof shortlistRuleSchema>;

/** A shortlist row's flags: the ranking's own, plus `tie_at_cut` and `borderline`. */
export type { ShortlistFlag };

export interface ShortlistRow {
  entry_id: string;
  title: string;
  applicant: string;
  sector: string | null;
  /** Rank in the ranking the row was cut from (its sector's, for quotas). */
  rank: number | null;
  score: number | null;
  flags: ShortlistFlag[];
}

/** Where a ranking was cut: per sector for quotas, else one cut under the scope's key. */
export interface ShortlistCutInfo {
  scope: string;
  cut_rank: number | null;
  cut_score: number | null;
  /** Ranked entries the rule applied to: a top-p % rule admits ceil(p % of them). */
  ranked: number;
  /** Admitted before ties at the cut; null for a pass mark. */
  admitted: number | null;
}

export interface ShortlistPreview {
  round: string;
  scope: string;
  rule: ShortlistRuleInput;
  settings: AggregationSettings;
  cuts: ShortlistCutInfo[];
  /** The entries on the shortlist, in rank order. */
  rows: ShortlistRow[];
  /**
   * Entries of the scope (on the list or not) with too few reviews: while any remain, a
   * finished review could still change the list, so finalising needs a recorded reason.
   */
  insufficient_ids: string[];
}

export interface ShortlistSummary {
  id: number;
  round: string;
  name: string;
  scope: string;
  rule: ShortlistRuleInput;
  settings: AggregationSettings;
  status: 'draft' | 'final';
  override_reason: string | null;
  created_at: string;
  finalised_at: string | null;
  entries: number;
}

export interface ShortlistDetail extends ShortlistSummary {
  cuts: ShortlistCutInfo[];
  rows: ShortlistRow[];
  /** As in ShortlistPreview, from the current data. */
  insufficient_ids: string[];
  /** SHA-256 of the data the shortlist was cut from. */
  data_digest: string;
  /** The round's scores changed since the shortlist was saved. */
  stale: boolean;
}

export const shortlistOperations = {
  /** The shortlist `rule` cuts from the ranking, as shortlists.create would save it. */
  'shortlists.preview': op<ShortlistPreview>('read')(rankRef.extend({ rule: shortlistRuleSchema })),
  'shortlists.create': op<ShortlistDetail>('write')(
    rankRef.extend({ rule: shortlistRuleSchema, name: nonEmpty.max(100) }),
  ),
  'shortlists.list': op<ShortlistSummary[]>('read')(roundRef),
  'shortlists.get': op<ShortlistDetail>('read')(z.object({ id: z.number().int().positive() })),
  /**
   * Locks a draft. Refused while any entry of its scope is insufficient_reviews, on the list or
   * not (more reviews could move it across the cut), unless `override_reason` says why
   * (recorded with the shortlist and in the audit trail); refused when stale.
   */
  'shortlists.finalise': op<ShortlistDetail>('write')(
    z.object({
      id: z.number().int().positive(),
      override_reason: z.string().trim().min(1).max(2000).optional(),
    }),
  ),
  /** Deletes a draft; a finalised shortlist stays. */
  'shortlists.delete': op<null>('write')(z.object({ id: z.number().int().positive() })),
} as const;
