// Placeholder for migration 0011, which branch i14-packets adds (panel packages and score
// packets): it keeps the numbering without gaps on this branch and is replaced at the merge.
import type { Migration } from './types';

export const migration0011: Migration = {
  version: 11,
  name: 'placeholder for the packets migration',
  sql: '',
};
