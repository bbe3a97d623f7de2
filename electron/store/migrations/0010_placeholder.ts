// Stands in for main's 0010 (issue 13's round and assignment columns) on this branch only, so the
// numbers run without a gap; replaced by the real 0010 at merge.
import type { Migration } from './types';

export const migration0010: Migration = {
  version: 10,
  name: 'placeholder',
  sql: '',
};
