// Numbered migrations, in order. Add a file per schema change; never edit a released one.
import { migration0001 } from './0001_initial';
import { migration0002 } from './0002_attachments';
import { migration0003 } from './0003_entry_list_index';
import { migration0004 } from './0004_rubric_versions';
import { migration0005 } from './0005_round_entry_sector';
import { migration0006 } from './0006_score_range';
import { migration0007 } from './0007_duplicate_decisions';
import { migration0008 } from './0008_panel';
import { migration0009 } from './0009_desk';
import { migration0010 } from './0010_expert_queue';
import { migration0011 } from './0011_packets';
import { migration0012 } from './0012_row_journal';
import { migration0013 } from './0013_package_certificate';
import { migration0014 } from './0014_review_lists';
import { migration0015 } from './0015_source_columns';
import type { Migration } from './types';

export const MIGRATIONS: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
  migration0010,
  migration0011,
  migration0012,
  migration0013,
  migration0014,
  migration0015,
];

/** The version of the newest migration (its number, which a file's user_version records). */
export const SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;
