// Method, trim and scope for ranking a round, starting from the round's own settings; shared by
// the results and export screens so both rank the same way.
import { useState } from 'react';
import type { RoundDetail } from '@api/contract';
import type { AggregationMethod } from '@core/domain';
import { GENERIC_RUBRIC_KEY, SECTOR_KEYS } from '@core/sectors';
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
        scope: chosen.scope ?? 'overall',
      }
    : null;
  const pinned = (detail?.pins ?? [])
    .map((pin) => pin.sector)
    .filter((sector) => sector !== GENERIC_RUBRIC_KEY);
  // A round on the generic rubric alone spans every sector.
  const sectors = pinned.length > 0 ? pinned : [...SECTOR_KEYS];
  return {
    round,
    settings,
    sectors,
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
