// Rounds: selection, settings, rubric pins, sector groups and status (setup → scoring → locked).
// One domain of the contract (contract.ts combines them): Node-free, like all of it.
import { z } from 'zod';
import {
  STAGES,
  type AggregationSettings,
  type Programme,
  type RoundStatus,
  type RubricVersion,
} from '../../core/domain';
import { nonEmpty, programme, method, roundRef, op } from './shared';
import type { Facet } from './entries';

export interface RoundSummary {
  id: number;
  uuid: string;
  name: string;
  programme: Programme;
  stage: string | null;
  status: RoundStatus;
  settings: AggregationSettings;
  entries: number;
  reviews_submitted: number;
  reviews_draft: number;
  /** Whether experts may see the panel's results (the ranking) once the round is locked. */
  results_for_experts: boolean;
  created_at: string;
}

/** One event of a round's history (its audit events). */
export interface RoundEvent {
  seq: number;
  at: string;
  actor: string;
  /** round.create, .start, .lock, .reopen, .update, .pin, .regroup, .share_results */
  action: string;
  payload: Record<string, unknown>;
}

export interface RoundPinDetail {
  /** A sector key of the round's entries, or 'generic' for entries without a sector. */
  sector: string;
  rubric: RubricVersion;
  /** Entries of the round in this sector. */
  entries: number;
  /** Reviews in this sector: once there are any, the pin can no longer move. */
  reviews: number;
  /** The newest version of the pinned rubric when it is newer than the pin (saved since). */
  newer: { id: number; version: number } | null;
}

/**
 * An entry of the round whose sector changed after the round was created (a re-import). Its
 * sector group was frozen when it joined the round: the round still ranks it there and scores it
 * with that group's version, until `rounds.regroup` moves it (setup only).
 */
export interface RoundSectorChange {
  entry_id: string;
  title: string;
  /** Its sector group now ('generic' without a sector). */
  sector: string;
  /** The group it joined the round in: where rankings by sector, quotas and exports place it. */
  ranked_in: string;
  /** The version it is scored with. */
  rubric: Pick<RubricVersion, 'id' | 'sector' | 'version' | 'name_zh' | 'name_en'>;
  /**
   * Whether the round pins a rubric for its sector now; moving it there otherwise pins the
   * version the programme uses by default.
   */
  sector_pinned: boolean;
}

export interface RoundDetail extends RoundSummary {
  /** Sector keys among the round's entries (the per-sector ranking scopes). */
  sectors: string[];
  /** 绽放杯 tracks among the round's entries. */
  tracks: string[];
  /** The rubric version pinned for each sector of the round's entries (or 'generic'). */
  pins: RoundPinDetail[];
  sector_changes: RoundSectorChange[];
  history: RoundEvent[];
}

export interface RoundCreated extends RoundDetail {
  /** Ids of the given entry list that match no entry of the programme. */
  missing_ids: string[];
  /** Ids of the given entry list left out by the filters given with it. */
  filtered_out_ids: string[];
}

/** What a round with this selection would hold, before it is created. */
export interface RoundPreview {
  entries: number;
  missing_ids: string[];
  filtered_out_ids: string[];
  /** Each sector of the selected entries, with the rubric version pinned by default. */
  groups: Array<{ sector: string; entries: number; default_rubric_id: number | null }>;
  /** The values to filter by, over all entries of the programme. */
  options: { sectors: Facet[]; tracks: Facet[]; provinces: Facet[] };
}

/**
 * The entries of a new round: a programme's entries by filter (every filter given must match),
 * or the entries of a list of ids (that the filters given with it also match).
 */
export const roundSelection = z.object({
  programme,
  sectors: z.array(nonEmpty).optional(),
  tracks: z.array(nonEmpty).optional(),
  provinces: z.array(nonEmpty).optional(),
  search: z.string().max(200).optional(),
  entry_ids: z.array(nonEmpty).max(100_000).optional(),
});
export const roundSettings = z.object({
  method: method.optional(),
  trim_k: z.number().int().min(1).max(10).optional(),
  min_reviews: z.number().int().min(1).max(50).optional(),
  disagreement_threshold: z.number().min(0).max(100).optional(),
});

export const roundOperations = {
  'rounds.preview': op<RoundPreview>('read')(roundSelection),
  'rounds.create': op<RoundCreated>('write')(
    roundSelection.extend({
      name: nonEmpty.max(100),
      /** Every round has a stage: the window preselects 初赛, the CLI defaults to it. */
      stage: z.enum(STAGES),
      /**
       * Rubric version id per sector of the selected entries. By default a 绽放杯 round uses
       * the newest generic version, a 领航者 round each sector's newest.
       */
      pins: z.record(z.string(), z.number().int().positive()).optional(),
      /**
       * Rubric per sector by version (the CLI's --rubric): a version number of the sector's own
       * rubric, 'generic' (the newest generic version) or 'latest' (the sector's newest). Keys are
       * sector keys or names, 'generic', or 'all' for every sector not named; `pins` comes first.
       */
      rubrics: z
        .record(z.string(), z.union([z.number().int().positive(), z.enum(['generic', 'latest'])]))
        .optional(),
      ...roundSettings.shape,
    }),
  ),
  'rounds.list': op<RoundSummary[]>('read')(z.object({})),
  'rounds.get': op<RoundDetail>('read')(roundRef),
  /** Stage and aggregation settings; only while the round is in setup. */
  'rounds.update': op<RoundDetail>('write')(
    roundRef.extend({ stage: z.enum(STAGES).optional(), ...roundSettings.shape }),
  ),
  /** Pins another version of a sector's rubric; only in setup and before any review there. */
  'rounds.pin': op<RoundDetail>('write')(
    roundRef.extend({ sector: nonEmpty, rubric_id: z.number().int().positive() }),
  ),
  /**
   * Moves the entries whose sector changed since the round was created into the group of their
   * sector now, scored with its pin (adding one with the programme's default version where the
   * round has none); only in setup.
   */
  'rounds.regroup': op<RoundDetail>('write')(roundRef),
  'rounds.start': op<RoundDetail>('write')(roundRef),
  'rounds.lock': op<RoundDetail>('write')(roundRef),
  /**
   * Locked → scoring again; the reason is recorded in the round's history. The round's rules
   * (core/round-lifecycle) check it, so that a blank or overlong reason gets its own message in
   * both languages.
   */
  'rounds.reopen': op<RoundDetail>('write')(roundRef.extend({ reason: z.string() })),
  /**
   * Whether experts at their desk may see the panel's results once the round is locked (never
   * before: each judges on their own). Any status; recorded in the round's history.
   */
  'rounds.shareResults': op<RoundDetail>('write')(roundRef.extend({ shown: z.boolean() })),
} as const;
