// The PDF's HTML: the ranking, or score sheets per entry or per expert.
import { sectorName } from '../../../core/sectors';
import { entrySheetsHtml, expertSheetsHtml, rankingHtml } from '../../../io/export/pdf-html';
import type {
  EntrySheet,
  ExpertSheet,
  ReportSection,
  SheetRubric,
} from '../../../io/export/report';
import { OVERALL } from '../ranking';
import { groupBy } from '../round-data';
import { groupOf } from '../rounds';
import { exportMeta, pageHeader } from './facts';
import { cached, type ExportPlan } from './plan';
import { loadReviews, sheetRubric } from './reviews';

function entrySheets(plan: ExportPlan): EntrySheet[] {
  const { store, round } = plan;
  const roundEntries = new Map(store.rounds.entries(round.id).map((e) => [e.entry_id, e]));
  const reviews = groupBy(loadReviews(store, round.id).map((r) => [r.entry_id, r]));
  const sheets: EntrySheet[] = [];
  const rubrics = new Map<number, SheetRubric>();
  for (const scope of plan.sectionScopes) {
    const ranking = plan.rankings.of(scope);
    for (const row of ranking.rows) {
      const entry = roundEntries.get(row.entry_id);
      if (!entry || !plan.keeps(row.entry_id)) continue;
      const rubric = cached(rubrics, entry.rubric_id, () => sheetRubric(store, entry.rubric_id));
      sheets.push({
        entry_id: row.entry_id,
        title: row.title,
        applicant: row.applicant,
        province: row.province,
        sector_zh: sectorName(row.sector).zh,
        rank: row.rank,
        score: row.score,
        flags: plan.flagsOf(row),
        rubric,
        reviews: reviews.get(row.entry_id) ?? [],
      });
    }
  }
  return sheets;
}

function expertSheets(plan: ExportPlan): ExpertSheet[] {
  const { store, round, spec } = plan;
  const entries = store.rounds
    .entries(round.id)
    .filter((e) => spec.scope === OVERALL || groupOf(e) === spec.scope);
  const byId = new Map(entries.map((e) => [e.entry_id, e]));
  const reviews = groupBy(
    loadReviews(store, round.id)
      .filter((r) => byId.has(r.entry_id))
      .map((r) => [r.reviewer.reviewer_id, r]),
  );
  const rubrics = new Map<number, SheetRubric>();
  return plan.panel().map((reviewer) => {
    const mine = reviews.get(reviewer.reviewer_id) ?? [];
    const groups = groupBy(mine.map((r) => [String(byId.get(r.entry_id)?.rubric_id ?? 0), r]));
    return {
      reviewer,
      groups: [...groups].map(([rubricId, rows]) => ({
        rubric: cached(rubrics, Number(rubricId), () => sheetRubric(store, Number(rubricId))),
        rows: rows.map((r) => ({ ...r, title: byId.get(r.entry_id)?.title ?? '' })),
      })),
    };
  });
}

/** The PDF's HTML for the plan's kind. */
export async function pdfHtml(
  plan: ExportPlan,
  sections: ReportSection[],
): Promise<{ html: string; rows: number }> {
  const rows = sections.reduce((sum, s) => sum + s.rows.length, 0);
  const meta = exportMeta(plan, rows);
  switch (plan.spec.kind) {
    case 'ranking':
      return {
        html: await rankingHtml({
          meta,
          sections,
          panel: plan.panel(),
          organiser: plan.spec.organiser ?? null,
          header: pageHeader(plan),
        }),
        rows,
      };
    case 'entry-sheets': {
      const sheets = entrySheets(plan);
      return {
        html: await entrySheetsHtml({ meta, header: pageHeader(plan), sheets }),
        rows: sheets.length,
      };
    }
    case 'expert-sheets': {
      const sheets = expertSheets(plan);
      return {
        html: await expertSheetsHtml({ meta, header: pageHeader(plan), sheets }),
        rows: sheets.length,
      };
    }
  }
}
