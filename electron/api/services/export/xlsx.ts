// The XLSX's sheets: the rankings and the per-criterion detail of the exported entries.
import { sectorName } from '../../../core/sectors';
import type { ReportColumn } from '../../../io/export/report';
import type { XlsxSheet } from '../../../io/export/xlsx';
import { OVERALL } from '../ranking';
import type { ExportPlan } from './plan';
import { loadReviews } from './reviews';
import { rankingSection } from './sections';

/** XLSX sheets: overall, one per sector, the per-criterion detail of the exported entries. */
export function xlsxSheets(plan: ExportPlan): XlsxSheet[] {
  const { spec, store, round } = plan;
  const scopes =
    spec.scope === OVERALL ? [OVERALL, ...store.rounds.sectors(round.id)] : [spec.scope];
  const sheets: XlsxSheet[] = scopes.map((scope) => {
    const section = rankingSection(plan, scope);
    return {
      name: scope === OVERALL ? '总排名' : `${sectorName(scope).zh}排名`,
      columns: section.columns,
      rows: section.rows,
      frozenColumns: 2,
    };
  });
  const exported = new Map(
    plan.rankings
      .of(spec.scope)
      .rows.filter((row) => plan.keeps(row.entry_id))
      .map((row) => [row.entry_id, row]),
  );
  const reviews = loadReviews(store, round.id).filter((r) => exported.has(r.entry_id));
  const criteria = plan.criterionColumns(plan.rankings.of(spec.scope));
  const text = (key: string, zh: string, en: string): ReportColumn => ({
    key,
    zh,
    en,
    kind: 'text',
    printed: true,
  });
  const columns: ReportColumn[] = [
    text('entry_id', '编号', 'entry_id'),
    text('title', '项目名称', 'title'),
    text('sector', '领域', 'sector'),
    text('reviewer_id', '专家编号', 'reviewer_id'),
    text('reviewer', '专家姓名', 'reviewer'),
    ...criteria.map(({ rubricId: _rubric, criterion: _criterion, ...column }) => column),
    { key: 'total', zh: '合计', en: 'total', kind: 'score', printed: true },
    text('comment', '评语', 'comment'),
  ];
  sheets.push({
    name: '评分明细',
    columns,
    frozenColumns: 1,
    rows: reviews.map((review) => {
      const row = exported.get(review.entry_id);
      return [
        review.entry_id,
        row?.title ?? '',
        sectorName(row?.sector ?? null).zh,
        review.reviewer.reviewer_id,
        review.reviewer.name,
        ...criteria.map(({ rubricId, criterion }) =>
          row?.rubric_id === rubricId ? (review.scores[criterion] ?? null) : null,
        ),
        review.total,
        review.comment,
      ];
    }),
  });
  return sheets;
}
