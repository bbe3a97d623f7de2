// The open project: create, open, close, what it holds, its integrity and backups.
// One domain of the contract (contract.ts combines them): Node-free, like all of it.
import { z } from 'zod';
import type { RowDifference, RowLabel, SealCheck } from '../../core/chain';
import type { Programme, ProjectBackup } from '../../core/domain';
import type { UserMessage } from '../../core/errors';
import type { StoredScore } from '../../core/review';
import { createPath, openPath, op } from './shared';
import type { ImportRecord } from './entries';
import type { RoundSummary } from './rounds';

/** The project file's name, for the shells' dialogs and the renderer's path prompt. */
export {
  droppedFileKind,
  PANEL_EXTENSION,
  PROJECT_EXTENSION,
  SCORE_PACKET_EXTENSION,
  withProjectExtension,
  type DroppedFileKind,
} from '../../core/project-file-names';

export interface ProjectInfo {
  path: string;
  uuid: string;
  name: string;
  kind: 'project' | 'panel';
  schema_version: number;
  /** An encrypted panel package, held in memory and written back encrypted. */
  encrypted: boolean;
}

export type { ProjectBackup };

export interface ProjectBackups {
  folder: string;
  /** Newest first. */
  backups: ProjectBackup[];
  /** Why the last backup failed (disk full, folder not writable); null when it succeeded. */
  last_failure: BackupFailure | null;
}

/** A backup that failed, and when. */
export interface BackupFailure extends UserMessage {
  at: string;
}

/**
 * A check of every page of the project file (SQLite's quick_check): the window runs one in the
 * background after opening, and on request; each is recorded in the audit trail.
 */
export interface IntegrityCheck {
  /** When it finished. */
  checked_at: string;
  seconds: number;
  ok: boolean;
  /** The damage found (naming the newest backup), or why the check could not finish. */
  problem: UserMessage | null;
}

export interface IntegrityStatus {
  /** A check of the open project is running now. */
  running: boolean;
  /** The last check of this project, by this window or recorded in the file; null if none. */
  last: IntegrityCheck | null;
}

export interface RecentProject {
  path: string;
  name: string;
  opened_at: string;
}

export interface ProjectVerification {
  integrity: string;
  audit_events: number;
  /** Sequence number of the first audit event whose hash does not hold, or null. */
  audit_broken_at: number | null;
  /** Export records no audit event vouches for: the table was edited directly. */
  unaudited_exports: number[];
  /** Stored scores the rules refuse (damage): how many, and the first by round and entry. */
  damaged_scores: { total: number; first: Array<StoredScore & { round: string }> };
  /** The stored rows against the digests the chain recorded (store/row-journal.ts). */
  rows: {
    /** Events whose journalled rows no longer give the digest the event recorded. */
    broken_events: number[];
    /** How many rows differ, and the first (by the event that last wrote them), named. */
    differences: number;
    first: Array<RowDifference & { label: RowLabel | null }>;
    /** Rows written before the journal (an older project) and not since: reported, not failed. */
    unvouched: number;
    vouched: number;
  };
  /** The chain's head against its signature by the organiser's key. */
  seal: SealCheck;
  ok: boolean;
}

export interface ProjectOverview {
  project: ProjectInfo;
  entries: Record<Programme, number>;
  reviewers: number;
  rubrics: number;
  rounds: RoundSummary[];
  recent_imports: ImportRecord[];
}

export const projectOperations = {
  'project.create': op<ProjectInfo>('session')(
    z.object({ path: createPath, name: z.string().optional() }),
  ),
  /**
   * Opens a project file; an encrypted panel package needs its passphrase (refused with
   * `passphrase_required` when none is given, so the window can ask for it).
   */
  'project.open': op<ProjectInfo>('session')(
    z.object({ path: openPath, passphrase: z.string().max(1024).optional() }),
  ),
  /**
   * Opens the first run's sample project, building it first when it is not there yet: from the
   * shipped samples (both programmes, experts and conflicts, an assigned round partly scored),
   * in the app's own folder (the window names no path).
   */
  'project.createSample': op<ProjectInfo>('session')(z.object({})),
  'project.close': op<null>('session')(z.object({})),
  'project.current': op<ProjectInfo | null>('read')(z.object({})),
  /**
   * The number of the last write to the open project (null with none open): the window asks
   * when it regains focus, so a CLI import into the same file shows without a reload.
   */
  'project.revision': op<number | null>('read')(z.object({})),
  'project.recent': op<RecentProject[]>('read')(z.object({})),
  'project.overview': op<ProjectOverview>('read')(z.object({})),
  /**
   * Integrity, the audit chain, every row against it and the signed head. `public_key`: the
   * organiser's public key (PEM) when this computer's key store does not hold it.
   */
  'project.verify': op<ProjectVerification>('read')(
    z.object({ public_key: z.string().max(10_000).optional() }),
  ),
  /**
   * The open project's last page check and whether one runs. `wait`: answer once the running
   * check has finished (the window asks again with it while one runs, instead of polling).
   */
  'project.integrity': op<IntegrityStatus>('read')(z.object({ wait: z.boolean().optional() })),
  /** Checks every page of the project file now (or joins the check under way) and records it. */
  'project.checkIntegrity': op<IntegrityCheck>('task')(z.object({})),
  'project.backups': op<ProjectBackups>('read')(z.object({})),
  /** Backs the open project up now (the app also does on opening and every 10 minutes). */
  'project.backup': op<ProjectBackup>('task')(z.object({})),
} as const;
