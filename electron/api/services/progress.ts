// The organiser's progress board: each expert's reviews in a round (submitted, draft, not
// started) with their pace, and the entries of an assigned round short of experts (a recusal
// gives a slot back).
import { reviewPace } from '../../core/pace';
import type { ProjectStore } from '../../store/project-store';
import type { ExpertProgress, PanelProgress } from '../contract';
import { requireRound } from './rounds';

/** Short entries listed at most; the board says how many there are. */
export const SHORT_LISTED = 200;

export function panelProgress(store: ProjectStore, roundName: string): PanelProgress {
  const round = requireRound(store, roundName);
  const assignedCounts = store.progress.assignedCounts(round.id);
  const assigned = assignedCounts.size > 0;
  const reviews = new Map(
    store.progress.reviewCounts(round.id).map((row) => [row.reviewer_id, row]),
  );
  const submissions = store.progress.submissions(round.id);
  const named = new Set(store.assignments.panel(round.id));
  const roundEntries = store.rounds.entryCount(round.id);
  const now = new Date();

  const experts: ExpertProgress[] = store.reviewers
    .list()
    .filter((reviewer) =>
      assigned
        ? assignedCounts.has(reviewer.id) || reviews.has(reviewer.id)
        : named.size === 0 || named.has(reviewer.id) || reviews.has(reviewer.id),
    )
    .map((reviewer) => {
      const counts = reviews.get(reviewer.id);
      const submitted = counts?.submitted ?? 0;
      const draft = counts?.draft ?? 0;
      const queue = assigned ? (assignedCounts.get(reviewer.id) ?? 0) : roundEntries;
      const notStarted = Math.max(0, queue - submitted - draft);
      const times = submissions.get(reviewer.id) ?? [];
      const pace = reviewPace(times, now);
      const open = Math.max(0, queue - submitted);
      return {
        reviewer_id: reviewer.external_id,
        name: reviewer.name,
        assigned: queue,
        submitted,
        draft,
        not_started: notStarted,
        ...pace,
        remaining_minutes:
          pace.minutes_per_review === null ? null : Math.round(open * pace.minutes_per_review),
        last_submitted_at: times.at(-1) ?? null,
      };
    });

  const perEntry = assigned ? store.progress.usualPerEntry(round.id) : null;
  const short = perEntry === null ? [] : store.progress.shortEntries(round.id, perEntry);
  const sum = (pick: (expert: ExpertProgress) => number) =>
    experts.reduce((total, expert) => total + pick(expert), 0);
  return {
    round: round.name,
    assigned,
    per_entry: perEntry,
    experts,
    totals: {
      assigned: sum((expert) => expert.assigned),
      submitted: sum((expert) => expert.submitted),
      draft: sum((expert) => expert.draft),
      not_started: sum((expert) => expert.not_started),
    },
    short: short.slice(0, SHORT_LISTED).map((entry) => ({
      entry_id: entry.external_id,
      title: entry.title,
      sector: entry.sector,
      assigned: entry.assigned,
      submitted: entry.submitted,
      recused: entry.recused,
    })),
    short_total: short.length,
  };
}
