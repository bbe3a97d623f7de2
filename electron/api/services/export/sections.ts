// The ranked sections an export holds: per scope, the rows the shortlist keeps in the chosen
// columns (the PDF's tables, the XLSX's ranking sheets, the CSV's rows).
import { sectorName } from '../../../core/sectors';
import type { ReportCell, ReportColumn, ReportSection } from '../../../io/export/report';
import type { ExportColumn, RankRow } from '../../contract';
import { OVERALL } from '../ranking';
import { scopeLabel } from './facts';
import type { ExportPlan } from './plan';

/** More per-criterion columns than this do not fit a printed A4 row: the PDF leaves them out. */
const MAX_PRINTED_CRITERIA = 8;

/** A ranked section: the ranking's rows the shortlist keeps, in the chosen columns. */
export function rankingSection(plan: ExportPlan, scope: string): ReportSection {
  const ranking = plan.rankings.of(scope);
  const chosen = (key: ExportColumn) => plan.columnsChosen.has(key);
  const columns: Array<ReportColumn & { value: (row: RankRow) => ReportCell }> = [
    { key: 'rank', zh: '排名', en: 'rank', kind: 'rank', printed: true, value: (r) => r.rank },
    {
      key: 'entry_id',
      zh: '编号',
      en: 'entry_id',
      kind: 'text',
      printed: true,
      value: (r) => r.entry_id,
    },
  ];
  const add = (
    key: ExportColumn,
    column: Omit<ReportColumn, 'key' | 'printed'> & { printed?: boolean },
    value: (row: RankRow) => ReportCell,
  ) => {
    if (chosen(key)) columns.push({ key, printed: true, ...column, value });
  };
  // A 领航者 candidate is an organisation: its 主体名称 is title and applicant at once
  // (PROGRAMMES.md), so the PDF prints the name once where no row tells them apart.
  const pioneer = plan.round.programme === 'pioneer';
  const titleIsApplicant = ranking.rows.every((r) => r.title === r.applicant);
  add(
    'title',
    { zh: pioneer ? '主体名称' : '项目名称', en: 'title', kind: 'text' },
    (r) => r.title,
  );
  add(
    'applicant',
    { zh: '申报单位', en: 'applicant', kind: 'text', printed: !titleIsApplicant },
    (r) => r.applicant,
  );
  add('province', { zh: '省份', en: 'province', kind: 'text' }, (r) => r.province);
  add(
    'sector',
    // Within one sector every row says the same: the heading names it instead.
    { zh: '领域', en: 'sector', kind: 'text', printed: scope === OVERALL },
    (r) => sectorName(r.sector).zh || r.sector,
  );
  add('score', { zh: '得分', en: 'score', kind: 'score' }, (r) => r.score);
  add(
    'all_judge_mean',
    { zh: '全体评委平均分', en: 'all_judge_mean', kind: 'score' },
    (r) => r.all_judge_mean,
  );
  add('reviews', { zh: '评审数', en: 'reviews', kind: 'count' }, (r) => r.reviews);
  let note: ReportSection['note'];
  if (chosen('criteria')) {
    const criteria = plan.criterionColumns(ranking);
    const printed = criteria.length <= MAX_PRINTED_CRITERIA;
    // Said, not silently dropped: where the criterion means are when the page has no room.
    if (!printed) {
      note = {
        zh: `各评分项均分（${criteria.length} 列，${ranking.rubrics.length > 1 ? '各领域细则不同' : '列数过多'}）未印在本表中，见各领域排名表或 XLSX 的评分项明细表。`,
        en: `The criterion means (${criteria.length} columns${ranking.rubrics.length > 1 ? ', different rubrics per sector' : ''}) are not printed in this table; see the per-sector rankings or the XLSX criterion detail sheet.`,
      };
    }
    for (const { rubricId, criterion, ...column } of criteria) {
      columns.push({
        ...column,
        printed,
        value: (r) => (r.rubric_id === rubricId ? (r.criteria[criterion] ?? null) : null),
      });
    }
  }
  // The version each row was scored with; the PDF states the versions once, in its facts.
  columns.push({
    key: 'rubric_version',
    zh: '细则版本',
    en: 'rubric_version',
    kind: 'text',
    printed: false,
    value: (r) => {
      const rubric = plan.rubric(r.rubric_id);
      return `${rubric.sector} v${rubric.version}`;
    },
  });
  if (chosen('flags')) {
    columns.push({
      key: 'flags',
      zh: '标记',
      en: 'flags',
      kind: 'labels',
      printed: true,
      value: (r) => plan.flagsOf(r),
    });
    columns.push({
      key: 'gate_failed',
      zh: '未通过门槛',
      en: 'gate_failed',
      kind: 'text',
      printed: false,
      value: (r) => r.gate_failed,
    });
  }
  const label = scopeLabel(scope, false);
  return {
    scope,
    zh: scope === OVERALL ? label.zh : `${label.zh}排名`,
    en: scope === OVERALL ? label.en : `${label.en} ranking`,
    columns: columns.map(({ value: _value, ...column }) => column),
    rows: ranking.rows
      .filter((row) => plan.keeps(row.entry_id))
      .map((row) => columns.map((column) => column.value(row))),
    ...(note ? { note } : {}),
  };
}

export function rankingSections(plan: ExportPlan): ReportSection[] {
  return plan.sectionScopes.map((scope) => rankingSection(plan, scope));
}
