import { RANK_FLAGS, type RankFlag } from '../domain';
import { at } from './util';

/**
 * Every subset of RANK_FLAGS, in RANK_FLAGS order, indexed by bitmask (bit i = RANK_FLAGS[i]).
 * Entries share these frozen arrays: a round of 50,000 entries allocates no flag lists, and
 * the reported order holds by construction.
 */
const SETS: readonly (readonly RankFlag[])[] = Array.from(
  { length: 1 << RANK_FLAGS.length },
  (_, mask) => Object.freeze(RANK_FLAGS.filter((_, i) => (mask & (1 << i)) !== 0)),
);

export function flagBit(flag: RankFlag): number {
  return 1 << RANK_FLAGS.indexOf(flag);
}

export function flagSet(mask: number): readonly RankFlag[] {
  return at(SETS, mask);
}

export function flagMask(flags: readonly RankFlag[]): number {
  let mask = 0;
  for (const f of flags) mask |= flagBit(f);
  return mask;
}
