// Method, trim and scope for ranking a round, starting from the round's own settings; shared by
// the results and export screens so both rank the same way.
import { useState } from 'react';
import type { RoundDetail } from '@api/contract';
import type { AggregationMethod } from '@core/domain';
import { useSailQuery, type Query } from './hooks';

export interface RankSettings {
  method: AggregationMethod;
  trim_k: number;
  /** 'overall' or a sector key of the round. */
  scope: string;
}

export interface RankSettingsState {
  round: Query<RoundDetail>;
  /** Null until the round has loaded. */
  settings: RankSettings | null;
  /** Sector keys the round can be ranked within. */
  sectors: string[];
  change: (change: Partial<RankSettings>) => void;
}

export function useRankSettings(roundName: string): RankSettingsState {
  const round = useSailQuery('rounds.get', { round: roundName });
  const [chosen, setChosen] = useState<Partial<RankSettings>>({});
  const detail = round.data?.name === roundName ? round.data : undefined;
  const settings = detail
    ? {
        method: chosen.method ?? detail.settings.method,
        trim_k: chosen.trim_k ?? detail.settings.trim_k,
        // A round of one sector ranks within it by default, where its tie-break criteria apply.
        scope:
          chosen.scope ??
          (detail.sectors.length === 1 ? (detail.sectors[0] ?? 'overall') : 'overall'),
      }
    : null;
  return {
    round,
    settings,
    sectors: detail?.sectors ?? [],
    change: (change) => setChosen((current) => ({ ...current, ...change })),
  };
}

/** The ranking inputs of the contract: trim_k only means something for the trimmed mean. */
export function rankInput(round: string, settings: RankSettings) {
  return {
    round,
    method: settings.method,
    scope: settings.scope,
    ...(settings.method === 'trimmed' ? { trim_k: settings.trim_k } : {}),
  };
}
