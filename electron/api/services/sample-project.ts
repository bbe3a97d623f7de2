// The sample project of the first run (欢迎页 → 打开示例项目), built on the spot from the sample
// files shipped in resources/samples (copies of ../shared/samples): both programmes' entries, a
// rubric per sector (the library every project starts with), 40 experts with their conflicts, a
// 领航者 round assigned three experts per entry with part of its reviews submitted and a few in
// draft, and a 绽放杯 round in setup, so that every screen has something to show.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importEntries } from '../../io/import-entries';
import { importReviewers } from '../../io/import-reviewers';
import { importScores } from '../../io/import-scores';
import type { ProjectStore } from '../../store/project-store';
import type { AssignmentRow } from '../../store/repos/assignments';
import { runAssignments } from './assignments';
import { detectProjectConflicts } from './conflicts';
import { changeRoundStatus, createRound, requireRound } from './rounds';
import { reviewForm, saveReview } from './scoring';

export const SAMPLE_ROUND = '领航者初赛（示例）';
const SAMPLE_SETUP_ROUND = '绽放杯初赛（示例）';
const PER_ENTRY = 3;

/** A fixed sequence (mulberry32): the sample is the same every time it is built. */
function sequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function fillSampleProject(store: ProjectStore, resourcesDir: string): Promise<void> {
  const samples = join(resourcesDir, 'samples');
  await importEntries(store, { path: join(samples, 'bloom-submissions.csv'), programme: 'bloom' });
  await importEntries(store, {
    path: join(samples, 'pioneer-candidates.xlsx'),
    programme: 'pioneer',
  });
  await importReviewers(store, join(samples, 'reviewers.csv'), undefined);
  await detectProjectConflicts(store, resourcesDir, {});

  createRound(store, { name: SAMPLE_ROUND, programme: 'pioneer', stage: '初赛', settings: {} });
  createRound(store, {
    name: SAMPLE_SETUP_ROUND,
    programme: 'bloom',
    stage: '初赛',
    tracks: undefined,
    settings: {},
  });
  await runAssignments(
    store,
    { round: SAMPLE_ROUND, per_entry: PER_ENTRY, seed: 1, redo: false },
    {},
  );
  changeRoundStatus(store, SAMPLE_ROUND, 'start');

  // Most entries fully reviewed (ranked), the others part way, each expert's scores around
  // their own level, and one draft per expert among the rest: ranking, progress and the queue
  // all have something to show.
  const random = sequence(2026);
  const round = requireRound(store, SAMPLE_ROUND);
  const rows = ['entry_id,reviewer_id,criterion,score,comment'];
  const drafts: Array<{ reviewer: string; entry: number }> = [];
  const drafted = new Set<string>();
  const levels = new Map<string, number>();
  const byEntry = new Map<number, AssignmentRow[]>();
  for (const row of store.assignments.rows(round.id)) {
    byEntry.set(row.entry_id, [...(byEntry.get(row.entry_id) ?? []), row]);
  }
  for (const [entry, assigned] of byEntry) {
    const complete = random() < 0.6;
    for (const assignment of assigned) {
      const reviewer = assignment.reviewer_external_id;
      if (!complete && random() < 0.6) {
        if (!drafted.has(reviewer)) {
          drafted.add(reviewer);
          drafts.push({ reviewer, entry });
        }
        continue;
      }
      const { rubric } = reviewForm(store, SAMPLE_ROUND, reviewer, entry);
      const level = levels.get(reviewer) ?? 0.6 + random() * 0.25;
      levels.set(reviewer, level);
      const quality = (random() - 0.5) * 0.3;
      for (const criterion of rubric.criteria) {
        const share = Math.min(1, Math.max(0, level + quality + (random() - 0.5) * 0.15));
        const points = Math.round(criterion.max * share * 2) / 2;
        rows.push(`${assignment.entry_external_id},${reviewer},${criterion.key},${points},`);
      }
      for (const gate of rubric.gates) {
        rows.push(`${assignment.entry_external_id},${reviewer},gate:${gate.key},pass,`);
      }
    }
  }
  const work = mkdtempSync(join(tmpdir(), 'sail-sample-'));
  try {
    const file = join(work, 'scores.csv');
    writeFileSync(file, `${rows.join('\n')}\n`);
    await importScores(store, round, file, '示例评分.csv');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  for (const { reviewer, entry } of drafts) {
    const { rubric } = reviewForm(store, SAMPLE_ROUND, reviewer, entry);
    const [first] = rubric.criteria;
    if (!first) continue;
    saveReview(store, {
      round: SAMPLE_ROUND,
      reviewer,
      entry,
      scores: { [first.key]: Math.round(first.max * 0.7 * 2) / 2 },
      gates: {},
      comment: '',
    });
  }
}
