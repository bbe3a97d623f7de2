// A scored 绽放杯 round for the export tests and the PDF benchmark: generated entries across five
// sectors, three experts per entry with deterministic scores in the rubric's 0.5 steps, and
// comments (one of them a would-be formula).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OperationInput, OperationName, OperationOutput } from '../../electron/api/contract';
import { writeBloomCsv } from '../support/big-csv';

/** What the fixture needs of an API session (tests' apiSession, the benchmark's own). */
export interface FixtureApi {
  dir: string;
  ok: <N extends OperationName>(name: N, input: OperationInput<N>) => Promise<OperationOutput<N>>;
}

export const ROUND = '初赛';
export const EXPERTS = ['EXP001', 'EXP002', 'EXP003'];
/** The comment of EXP001 on the first entry: text a spreadsheet would run as a formula. */
export const FORMULA_COMMENT = '=HYPERLINK("http://example.com","点击")';

/** Points for criterion `c` (of max `max`) from expert `r` on entry `i`: spread, in 0.5 steps. */
function points(i: number, r: number, c: number, max: number): number {
  const steps = max * 2 + 1;
  return ((i * (7 + 2 * c) + r * (3 + c) + c) % steps) / 2;
}

/**
 * Creates a project with `entries` scored entries in round 初赛, its experts read from
 * `reviewersCsv` (shared/samples/reviewers.csv); returns the project path.
 */
export async function scoredRound(
  api: FixtureApi,
  entries: number,
  reviewersCsv: string,
): Promise<string> {
  const project = join(api.dir, '评审.sailreview');
  const csv = join(api.dir, 'entries.csv');
  await writeBloomCsv(csv, entries);
  await api.ok('project.create', { path: project });
  await api.ok('entries.import', { path: csv, programme: 'bloom' });
  await api.ok('reviewers.import', { path: reviewersCsv });
  const round = await api.ok('rounds.create', { name: ROUND, programme: 'bloom', stage: '初赛' });
  const criteriaOf = new Map(round.pins.map((pin) => [pin.sector, pin.rubric.criteria]));
  const listed = await api.ok('entries.list', { limit: 100_000 });
  const lines = ['entry_id,reviewer_id,criterion,score,comment'];
  listed.rows.forEach((entry, i) => {
    const criteria = criteriaOf.get(entry.sector ?? 'generic') ?? criteriaOf.get('generic') ?? [];
    EXPERTS.forEach((expert, r) => {
      criteria.forEach((criterion, c) => {
        const comment =
          c > 0 ? '' : i === 0 && r === 0 ? FORMULA_COMMENT : i % 4 === r ? `建议加强推广${i}` : '';
        lines.push(
          `${entry.entry_id},${expert},${criterion.key},${points(i, r, c, criterion.max)},"${comment.replace(/"/g, '""')}"`,
        );
      });
    });
  });
  const scores = join(api.dir, 'scores.csv');
  writeFileSync(scores, `${lines.join('\n')}\n`);
  const imported = await api.ok('scores.import', { round: ROUND, path: scores });
  if (imported.rejected.length > 0) {
    throw new Error(`scores rejected: ${JSON.stringify(imported.rejected.slice(0, 3))}`);
  }
  return project;
}
