// The assignment problem as the solver sees it: plain ids, no store. The api layer builds it
// from a round (panel, entries, conflicts, existing assignments) and writes the answer back.

export interface ProblemReviewer {
  id: string;
  /** Sector keys of the reviewer's expertise. */
  sectors: readonly string[];
  /** Assignments the reviewer already has in the round (kept; they count towards the load). */
  load: number;
}

export interface ProblemEntry {
  id: string;
  sector: string | null;
  /** Reviewers already on the entry (kept). */
  assigned: readonly string[];
  /** Reviewers who may not review it: conflicts, potential or confirmed. */
  excluded: readonly string[];
}

export interface AssignmentProblem {
  /** Reviewers each entry should have (K). */
  perEntry: number;
  /** Same problem and seed → same answer. */
  seed: number;
  reviewers: readonly ProblemReviewer[];
  entries: readonly ProblemEntry[];
}

export interface Pair {
  entryId: string;
  reviewerId: string;
}

/** An entry left short of K, with how many eligible reviewers it had and why. */
export interface EntryShortfall {
  entryId: string;
  sector: string | null;
  eligible: number;
  missing: number;
  reason_zh: string;
  reason_en: string;
}

export interface AssignmentSolution {
  /** New pairs only (existing assignments are not repeated). */
  pairs: Pair[];
  shortfalls: EntryShortfall[];
  /** Final load (existing + new) per reviewer id. */
  loads: Record<string, number>;
  /** Share of entries with a sector among whose reviewers (existing + new) one has that expertise. */
  sectorExpertShare: number;
}

/** How a long solve reports progress and is stopped (the api passes its task's). */
export interface SolveControl {
  onProgress?: (done: number, total: number) => void;
  /** True once the caller cancelled: the solver then throws its `cancelled` SailError. */
  cancelled?: () => boolean;
  /** Gives the event loop a turn (so a cancel request can arrive); core does no I/O itself. */
  yieldTurn?: () => Promise<void>;
}
