// How a review from a score packet meets the project's (issue 14). Pure.
//
// Per review of a package the project keeps a baseline: its own version of the review when it
// was packaged or last merged from that package, and the package's version of it merged last.
// - the packet's version is no newer than the one merged last: nothing new (`unchanged`), so the
//   same packet twice, or an older one after a newer, changes nothing;
// - the project's review is still at its baseline: the packet's review is taken (`accept`);
// - the project's review changed since, and so did the packet's: a `clash`, unless both now hold
//   the same content (`same`: nothing to write, the baseline moves on). The project keeps its
//   version until the organiser chooses.

export type PacketStatus = 'draft' | 'submitted';

/** A review as a packet carries it (entry by its id, rubric by sector and version). */
export interface PacketReview {
  entry_id: string;
  rubric: { sector: string; version: number };
  status: PacketStatus;
  /** The package's version of the review. */
  version: number;
  /** Its version when the package was made (0: none then). */
  base_version: number;
  comment: string;
  scores: Record<string, number>;
  gates: Record<string, 'pass' | 'fail'>;
  updated_at: string;
  submitted_at: string | null;
}

/** An entry the expert recused from in their package (a declared conflict, with its reason). */
export interface PacketRecusal {
  entry_id: string;
  reason: string;
  declared_at: string;
}

export interface PacketBody {
  format: 'sailscores';
  /** 1: reviews only; 2: with the expert's recusals. */
  format_version: 1 | 2;
  project_uuid: string;
  round_uuid: string;
  /** The round's name, for messages only. */
  round: string;
  reviewer_id: string;
  package_uuid: string;
  /** Counts the packets the package wrote: 1, 2, … */
  sequence: number;
  created_at: string;
  reviews: PacketReview[];
  /** Format 2 on: every recusal the package holds (a later packet repeats them). */
  recusals?: PacketRecusal[];
}

/** What a review holds, whichever side: compared to tell a real clash from the same work. */
export interface ReviewSide {
  status: PacketStatus;
  comment: string;
  scores: Record<string, number>;
  gates: Record<string, 'pass' | 'fail'>;
}

export interface MergeBaseline {
  /** The project's version when packaged or last merged from this package (0: none). */
  base_version: number;
  /** The package's version merged last (at first, its version when packaged). */
  packet_version: number;
}

export type MergeDecision = 'unchanged' | 'accept' | 'same' | 'clash';

export function sameContent(a: ReviewSide, b: ReviewSide): boolean {
  const sameMap = <T>(x: Record<string, T>, y: Record<string, T>) =>
    Object.keys(x).length === Object.keys(y).length &&
    Object.entries(x).every(([key, value]) => Object.hasOwn(y, key) && y[key] === value);
  return (
    a.status === b.status &&
    a.comment === b.comment &&
    sameMap(a.scores, b.scores) &&
    sameMap(a.gates, b.gates)
  );
}

/**
 * The decision for one review: `project` is the project's review now (version 0: none; its
 * content read only when the decision needs it, as merges compare thousands), `packet` the
 * packet's, `baseline` what the last merge (or the packaging) left.
 */
export function mergeDecision(
  baseline: MergeBaseline,
  project: { version: number; content: () => ReviewSide | null },
  packet: ReviewSide & { version: number },
): MergeDecision {
  if (packet.version <= baseline.packet_version) return 'unchanged';
  if (project.version === baseline.base_version) return 'accept';
  const content = project.content();
  if (content && sameContent(content, packet)) return 'same';
  return 'clash';
}
