// A score file for a round whose rubric has gates: every expert gives every criterion 70 % of
// its max (no disagreement, all entries tied) and answers each gate as `fails` says.
interface GatedRubric {
  criteria: ReadonlyArray<{ key: string; max: number }>;
  gates: ReadonlyArray<{ key: string }>;
}

export function gatedScoresCsv(
  rubric: GatedRubric,
  entries: readonly string[],
  experts: readonly string[],
  fails: (entryId: string, gate: string, expert: number) => boolean,
): string {
  const lines = ['entry_id,reviewer_id,criterion,score'];
  for (const entryId of entries) {
    experts.forEach((expert, r) => {
      for (const c of rubric.criteria) {
        lines.push(`${entryId},${expert},${c.key},${Math.round(c.max * 1.4) / 2}`);
      }
      for (const g of rubric.gates) {
        lines.push(
          `${entryId},${expert},gate:${g.key},${fails(entryId, g.key, r) ? 'fail' : 'pass'}`,
        );
      }
    });
  }
  return lines.join('\n');
}
