// A round large enough that ranking it takes a noticeable time: `entries` entries, 30 reviewers
// and `reviewsPerEntry` submitted reviews per entry with every criterion scored (generated in
// SQL: the figure of interest is ranking, not writing). Built through `call`, the way in under
// test.
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type Call = (name: string, input: unknown) => Promise<unknown>;

export const LARGE_ROUND = '初赛';
const REVIEWERS = 30;

/** Creates the project at `project` (files in `dir`), fills it, and leaves it open. */
export async function largeRound(
  call: Call,
  dir: string,
  project: string,
  { entries, reviewsPerEntry }: { entries: number; reviewsPerEntry: number },
): Promise<void> {
  await call('project.create', { path: project });
  const csv = join(dir, 'entries.csv');
  writeFileSync(
    csv,
    [
      '作品编号,作品名称,申报单位,所在省份,行业领域',
      ...Array.from(
        { length: entries },
        (_, i) => `B2026-${String(i + 1).padStart(6, '0')},项目${i},单位${i % 997},江苏,工业`,
      ),
    ].join('\n'),
  );
  await call('entries.import', { path: csv, programme: 'bloom' });
  const reviewers = join(dir, 'reviewers.csv');
  writeFileSync(
    reviewers,
    [
      '专家编号,姓名',
      ...Array.from({ length: REVIEWERS }, (_, i) => `R${i + 1},专家${i + 1}`),
    ].join('\n'),
  );
  await call('reviewers.import', { path: reviewers });
  await call('rounds.create', { name: LARGE_ROUND, programme: 'bloom', stage: '初赛' });
  await call('project.close', {});
  const db = new Database(project);
  db.exec(`
    INSERT INTO review (round_id, entry_id, reviewer_id, rubric_id, status, comment, version, updated_at, submitted_at)
    SELECT re.round_id, re.entry_id, rv.id, re.rubric_id, 'submitted', '', 1, 'now', 'now'
    FROM round_entry re JOIN reviewer rv ON ((rv.id + re.entry_id) % ${REVIEWERS}) < ${reviewsPerEntry};
    INSERT INTO score (review_id, criterion_key, points)
    SELECT r.id, c.key, ((r.id * 7 + c.position * 13) % (CAST(c.max_points AS INTEGER) + 1))
    FROM review r JOIN criterion c ON c.rubric_id = r.rubric_id;`);
  db.close();
  await call('project.open', { path: project });
}

/** How many scores the round holds: reviews times the criteria of its rubric. */
export function scoreCount(project: string): number {
  const db = new Database(project, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM score').get() as { n: number }).n;
  } finally {
    db.close();
  }
}
