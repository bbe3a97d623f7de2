// Panel packages (评审包, organiser → expert) and signed score packets (评分包, expert →
// organiser): exporting packages for a round's experts, "send my scores" from an open package,
// importing and merging a packet, and the clashes a merge leaves for the organiser.
// One domain of the contract (contract.ts combines them): Node-free, like all of it.
import { z } from 'zod';
import { nonEmpty, op, readPath, taskId, writeIntoPath, writePath } from './shared';

/** A passphrase given to the expert separately: long enough not to be guessed in an evening. */
export const passphrase = z.string().min(8, 'passphrase: at least 8 characters').max(1024);

export interface PackageWritten {
  reviewer_id: string;
  path: string;
  package_uuid: string;
  entries: number;
  reviews: number;
  attachments: number;
  bytes: number;
  encrypted: boolean;
}

export interface PackagesExported {
  round: string;
  packages: PackageWritten[];
}

/** A package issued for a round, as the organiser's list shows it. */
export interface PackageIssued {
  package_uuid: string;
  round: string;
  reviewer_id: string;
  created_at: string;
  entries: number;
  encrypted: boolean;
  include_contacts: boolean;
  /** The newest packet merged from it (0: none yet). */
  last_packet: number;
  open_clashes: number;
}

/** The open package, for the expert's window (null when the open project is not a package). */
export interface CurrentPackage {
  package_uuid: string;
  round: string;
  reviewer_id: string;
  reviewer_name: string;
  created_at: string;
  encrypted: boolean;
  /** Packets written so far. */
  packets_sent: number;
  reviews: { entries: number; submitted: number; draft: number };
}

export interface PacketWritten {
  path: string;
  sequence: number;
  reviews: number;
  submitted: number;
  /** The expert's recusals it carries (each packet carries them all). */
  recusals: number;
}

/** A review in a clash, whole, for the side-by-side view. */
export interface ClashSide {
  version: number;
  status: 'draft' | 'submitted' | 'new';
  comment: string;
  scores: Record<string, number>;
  gates: Record<string, 'pass' | 'fail'>;
  updated_at: string | null;
}

export interface PacketClash {
  id: number;
  round: string;
  entry_id: string;
  /** The entry's row id (the scoring screen's key). */
  entry: number;
  title: string;
  reviewer_id: string;
  package_uuid: string;
  packet_sequence: number;
  found_at: string;
  status: 'open' | 'kept_project' | 'took_packet';
  project: ClashSide;
  packet: ClashSide;
}

/** A clash as `packet import --json` lists it (design/CLI.md). */
export interface ClashListed {
  entry_id: string;
  reviewer_id: string;
  reason_zh: string;
  reason_en: string;
}

export interface PacketImported {
  accepted: number;
  unchanged: number;
  clashes: ClashListed[];
  /** The packet file as the user chose it (its upload's own name). */
  file: string;
  /** Entries the expert recused from in the package, recorded by this import (ids). */
  recused: string[];
  package_uuid: string;
  round: string;
  reviewer_id: string;
  sequence: number;
}

export const packetOperations = {
  /**
   * Writes panel packages of a round: for one reviewer to `path`, or for every reviewer given
   * entries in the round into `folder` (one file each, named by round and reviewer; a file
   * already there is refused before any is written).
   */
  'packages.export': op<PackagesExported>('task')(
    z
      .object({
        round: nonEmpty,
        reviewer: nonEmpty.optional(),
        path: writePath.optional(),
        folder: writeIntoPath.optional(),
        include_contacts: z.boolean().default(false),
        passphrase: passphrase.optional(),
        task_id: taskId.optional(),
      })
      .refine((input) => (input.reviewer === undefined) === (input.path === undefined), {
        message: 'one reviewer goes to a path; all reviewers go to a folder',
      })
      .refine((input) => (input.path === undefined) !== (input.folder === undefined), {
        message: 'give either path (one reviewer) or folder (all reviewers)',
      }),
  ),
  'packages.list': op<PackageIssued[]>('read')(z.object({ round: nonEmpty.optional() })),
  'packages.current': op<CurrentPackage | null>('read')(z.object({})),
  /** "Send my scores": the open package's reviews, signed, to `path`. */
  'packets.export': op<PacketWritten>('write')(z.object({ path: writePath })),
  /** Verifies a packet and merges it into the open project in one transaction. */
  'packets.import': op<PacketImported>('task')(
    z.object({
      path: readPath,
      /** Display name of the file when `path` is a temporary upload. */
      file_name: z.string().max(1024).optional(),
      task_id: taskId.optional(),
    }),
  ),
  'packets.clashes': op<PacketClash[]>('read')(z.object({ round: nonEmpty.optional() })),
  /** Keeps the project's review or takes the packet's; either way the clash is closed. */
  'packets.resolve': op<PacketClash>('write')(
    z.object({ clash_id: z.number().int().positive(), keep: z.enum(['project', 'packet']) }),
  ),
} as const;
