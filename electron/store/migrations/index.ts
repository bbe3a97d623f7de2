// Numbered migrations, in order. Add a file per schema change; never edit a released one.
import { migration0001 } from './0001_initial';
import type { Migration } from './types';

export const MIGRATIONS: readonly Migration[] = [migration0001];

export const SCHEMA_VERSION = MIGRATIONS.length;
