// Exporting a round's ranking (CSV, XLSX, PDF) and its score sheets (PDF), cut by a shortlist
// rule, each export recorded with the file's SHA-256 and the digest of the data it was computed
// from; and checking later whether a file still matches the data.
import { basename } from 'node:path';
import {
  AGGREGATION_METHODS,
  type AggregationSettings,
  type RubricVersion,
} from '../../core/domain';
import { SailError, type UserMessage } from '../../core/errors';
import { borderlineEntries } from '../../core/scoring/robustness';
import { sectorName } from '../../core/sectors';
import {
  FLAG_NAMES,
  methodDescription,
  PROGRAMME_NAMES,
  ROUND_STATUS_NAMES,
} from '../../core/vocabulary';
import { fileExists, pathExists, writeFileAtomic } from '../../io/export/atomic-file';
import { writeCsvFile, type CsvCell } from '../../io/export/csv';
import { unprintableCharacters } from '../../io/export/fonts';
import {
  printPdf,
  unprintableWarning,
  type PdfPrinter,
  type UnprintablePlace,
} from '../../io/export/pdf';
import { entrySheetsHtml, expertSheetsHtml, rankingHtml } from '../../io/export/pdf-html';
import {
  labelsText,
  type EntrySheet,
  type ExpertSheet,
  type PanelMember,
  type ReportCell,
  type ReportColumn,
  type ReportFact,
  type ReportLabel,
  type ReportMeta,
  type ReportSection,
  type SheetRubric,
  type SheetReview,
} from '../../io/export/report';
import { writeXlsxFile, type XlsxSheet } from '../../io/export/xlsx';
import { sha256File } from '../../io/file-hash';
import { exportCancelled } from '../../io/task-steps';
import type { ProjectStore } from '../../store/project-store';
import type { ExportRow } from '../../store/repos/exports';
import type { RoundRecord } from '../../store/repos/rounds';
import type { Progress } from '../dispatch';
import {
  MAX_PREVIEW_ROWS,
  EXPORT_COLUMNS,
  type ExportColumn,
  type ExportHistoryItem,
  type ExportPreview,
  type ExportRecord,
  type ExportVerification,
  type OperationParsedInput,
  type RankRow,
} from '../contract';
import { OVERALL, rankRound, type RoundRanking } from './ranking';
import { groupBy } from './round-data';
import { groupOf, requireRound } from './rounds';
import { cutRankings } from './shortlists';

export type ExportSpec = OperationParsedInput<'export.preview'>;
type Rule = NonNullable<ExportSpec['rule']>;

/** Where an export goes, and whether a file already there may be replaced. */
export interface ExportTarget {
  path: string;
  replace: boolean;
}

/** How a caller follows and stops an export. */
export interface ExportControl {
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: Progress) => void) | undefined;
}

/** More per-criterion columns than this do not fit a printed A4 row: the PDF leaves them out. */
const MAX_PRINTED_CRITERIA = 8;

function scopeLabel(scope: string, perSector: boolean): { zh: string; en: string } {
  if (scope !== OVERALL) return sectorName(scope);
  return perSector
    ? { zh: '各领域分别排名', en: 'each sector ranked on its own' }
    : { zh: '总排名（跨领域）', en: 'overall (across sectors)' };
}

function ruleLabel(rule: Rule | null): { zh: string; en: string } {
  if (rule === null) return { zh: '全部项目（不设入围线）', en: 'every entry (no cut)' };
  switch (rule.kind) {
    case 'top':
      return {
        zh: `前 ${rule.n} 名（入围线上并列者均入围）`,
        en: `top ${rule.n} (ties at the cut kept)`,
      };
    case 'top_percent':
      return {
        zh: `前 ${rule.percent}%（入围线上并列者均入围）`,
        en: `top ${rule.percent}% (ties at the cut kept)`,
      };
    case 'pass_mark':
      return { zh: `得分不低于 ${rule.score} 分`, en: `score at least ${rule.score}` };
    case 'quotas': {
      const list = Object.entries(rule.quotas);
      return {
        zh: `各领域名额：${list.map(([s, n]) => `${sectorName(s).zh} ${n} 名`).join('、')}`,
        en: `per-sector quotas: ${list.map(([s, n]) => `${sectorName(s).en} ${n}`).join(', ')}`,
      };
    }
  }
}

function localDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Rankings of one round, computed once per scope. */
class Rankings {
  private readonly cache = new Map<string, RoundRanking>();

  constructor(
    private readonly store: ProjectStore,
    private readonly spec: ExportSpec,
  ) {}

  of(scope: string): RoundRanking {
    let ranking = this.cache.get(scope);
    if (!ranking) {
      ranking = rankRound(
        this.store,
        this.spec.round,
        { method: this.spec.method, trim_k: this.spec.trim_k },
        scope,
      );
      this.cache.set(scope, ranking);
    }
    return ranking;
  }

  get any(): RoundRanking | undefined {
    return this.cache.values().next().value;
  }

  all(): RoundRanking[] {
    return [...this.cache.values()];
  }
}

/** The entries a shortlist keeps, those tied at its cut, and those another method would not. */
interface Shortlist {
  included: Set<string>;
  tiedAtCut: Set<string>;
  borderline: Set<string>;
}

/** One export, resolved: the ranked sections, the facts it states and how to find more. */
class ExportPlan {
  readonly rankings: Rankings;
  readonly round: RoundRecord;
  readonly perSector: boolean;
  /** The scopes of the ranked sections, in order. */
  readonly sectionScopes: string[];
  private shortlist: Shortlist | null = null;
  private readonly columnsChosen: ReadonlySet<ExportColumn>;
  readonly now = new Date();
  readonly spec: ExportSpec;

  constructor(
    readonly store: ProjectStore,
    requested: ExportSpec,
  ) {
    this.round = requireRound(store, requested.round);
    const sectors = store.rounds.sectors(this.round.id);
    // A round of one sector is ranked, titled and tie-broken as that sector: "overall" would
    // drop the rubric's tie-break criteria for the same entries (SCORING.md).
    const [only] = sectors;
    const single =
      only !== undefined &&
      sectors.length === 1 &&
      store.rounds.sectorSizes(this.round.id).size === 1;
    const spec = requested.scope === OVERALL && single ? { ...requested, scope: only } : requested;
    this.spec = spec;
    this.rankings = new Rankings(store, spec);
    this.perSector = spec.per_sector || spec.rule?.kind === 'quotas';
    this.sectionScopes =
      spec.scope !== OVERALL ? [spec.scope] : this.perSector ? sectors : [OVERALL];
    this.columnsChosen = new Set(spec.columns ?? EXPORT_COLUMNS);
    if (spec.rule?.kind === 'quotas') {
      const unknown = Object.keys(spec.rule.quotas).filter((s) => !sectors.includes(s));
      if (unknown.length > 0) {
        throw new SailError(
          'invalid_shortlist_rule',
          `名额中的领域不在评审批次“${this.round.name}”中：${unknown.join('、')}。可选：${sectors.join('、')}`,
          `Quotas name sectors that round "${this.round.name}" does not have: ${unknown.join(', ')}. Choose from: ${sectors.join(', ')}`,
          1,
        );
      }
    }
  }

  /**
   * Ranks every section (reporting each as progress) and cuts the shortlist. Progress counts
   * steps: one per section, then `after` more that the export reports as it goes.
   */
  rank({ signal, onProgress }: ExportControl, after = 0): void {
    const total = this.sectionScopes.length + after;
    const sections = new Map<string, RoundRanking>();
    this.sectionScopes.forEach((scope, done) => {
      if (signal?.aborted) throw exportCancelled();
      onProgress?.({ phase: 'rank', done, total });
      sections.set(scope, this.rankings.of(scope));
    });
    const { rule } = this.spec;
    if (!rule) return;
    const { cuts, included } = cutRankings(sections, rule);
    // Borderline as the shortlist preview marks it: in or out depending on the method.
    const method = this.rankings.any?.settings.method;
    const others = AGGREGATION_METHODS.filter((other) => other !== method).map(
      (other) =>
        cutRankings(
          new Map(
            [...sections.keys()].map((scope) => [
              scope,
              rankRound(
                this.store,
                this.spec.round,
                { method: other, trim_k: this.spec.trim_k },
                scope,
              ),
            ]),
          ),
          rule,
        ).included,
    );
    this.shortlist = {
      included,
      tiedAtCut: new Set([...cuts.values()].flatMap((cut) => [...cut.tiedAtCut])),
      borderline: borderlineEntries([included, ...others]),
    };
  }

  keeps(entryId: string): boolean {
    return this.shortlist === null || this.shortlist.included.has(entryId);
  }

  /** A row's flags, the shortlist's tie at the cut and a failed gate (named by its rubric). */
  flagsOf(row: RankRow): ReportLabel[] {
    const labels: ReportLabel[] = row.flags.map((flag) => ({ key: flag, ...FLAG_NAMES[flag] }));
    if (this.shortlist?.tiedAtCut.has(row.entry_id)) {
      labels.push({ key: 'tie_at_cut', ...FLAG_NAMES.tie_at_cut });
    }
    if (this.shortlist?.borderline.has(row.entry_id)) {
      labels.push({ key: 'borderline', ...FLAG_NAMES.borderline });
    }
    if (row.gate_failed !== null) {
      const gate = this.rubric(row.rubric_id).gates.find((g) => g.key === row.gate_failed);
      labels.push({
        key: 'gate_failed',
        zh: `未通过门槛项“${gate?.name_zh ?? row.gate_failed}”`,
        en: `failed gate "${gate?.name_en ?? row.gate_failed}"`,
      });
    }
    return labels;
  }

  private readonly rubricCache = new Map<number, RubricVersion>();

  rubric(id: number): RubricVersion {
    return cached(this.rubricCache, id, () => this.store.rubrics.require(id));
  }

  /**
   * The per-criterion mean columns of a ranking: one per criterion of its one rubric, or, when
   * its entries use several (the overall ranking of a 领航者 round), one per criterion of each,
   * named with the rubric's sector: two sectors' `net` are different criteria.
   */
  criterionColumns(
    ranking: RoundRanking,
  ): Array<ReportColumn & { rubricId: number; criterion: string }> {
    const several = ranking.rubrics.length > 1;
    const bySector = [...ranking.rubrics].sort(
      (a, b) => a.sector.localeCompare(b.sector) || a.version - b.version,
    );
    return bySector.flatMap((pin) =>
      this.rubric(pin.rubric_id).criteria.map((c) => {
        const sector = sectorName(pin.sector);
        return {
          key: several ? `criterion:${pin.rubric_id}:${c.key}` : `criterion:${c.key}`,
          zh: several ? `${sector.zh}·${c.name_zh}` : c.name_zh,
          en: several ? `(${pin.sector}.${c.key})` : `(${c.key})`,
          kind: 'score' as const,
          printed: true,
          rubricId: pin.rubric_id,
          criterion: c.key,
        };
      }),
    );
  }

  /** A ranked section: the ranking's rows the shortlist keeps, in the chosen columns. */
  section(scope: string): ReportSection {
    const ranking = this.rankings.of(scope);
    const chosen = (key: ExportColumn) => this.columnsChosen.has(key);
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
    const pioneer = this.round.programme === 'pioneer';
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
      const criteria = this.criterionColumns(ranking);
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
        const rubric = this.rubric(r.rubric_id);
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
        value: (r) => this.flagsOf(r),
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
        .filter((row) => this.keeps(row.entry_id))
        .map((row) => columns.map((column) => column.value(row))),
      ...(note ? { note } : {}),
    };
  }

  sections(): ReportSection[] {
    return this.sectionScopes.map((scope) => this.section(scope));
  }

  get dataDigest(): string {
    const ranking = this.rankings.any ?? this.rankings.of(this.sectionScopes[0] ?? OVERALL);
    return ranking.dataDigest();
  }

  private tieBreakText(ranking: RoundRanking): { zh: string; en: string } {
    // Criterion steps exist only within one rubric (SCORING.md skips them across rubrics).
    const [only] = ranking.rubrics;
    const criteria = only ? this.rubric(only.rubric_id).criteria : [];
    const steps = ranking.tie_break_chain.map((step): [string, string] => {
      if (step === 'score') return ['得分', 'score'];
      if (step === 'all_judge_mean') return ['全体评委平均分', 'all-judge mean'];
      if (step === 'tie') return ['仍相同则并列（1、2、2、4）', 'still equal: tied (1, 2, 2, 4)'];
      const key = step.replace(/^criterion:/, '');
      const criterion = criteria.find((c) => c.key === key);
      return [
        `评分项“${criterion?.name_zh ?? key}”均分`,
        `mean of criterion "${criterion?.name_en ?? key}"`,
      ];
    });
    return { zh: steps.map((s) => s[0]).join(' → '), en: steps.map((s) => s[1]).join(' → ') };
  }

  /** Title and the facts every export states (SCORING.md: every setting used is printed). */
  meta(rows: number): ReportMeta {
    const { round, spec } = this;
    const rankings = this.sectionScopes.map((scope) => this.rankings.of(scope));
    const first = rankings[0] ?? this.rankings.of(OVERALL);
    const settings = first.settings;
    const programme = PROGRAMME_NAMES[round.programme];
    const scope = scopeLabel(spec.scope, this.perSector);
    const stage = round.stage && round.stage !== round.name ? ` · ${round.stage}` : '';
    const { zh: methodZh, en: methodEn } = methodDescription(settings.method, settings.trim_k);
    const rubrics = new Map<number, { zh: string; en: string }>();
    for (const ranking of rankings) {
      for (const r of ranking.rubrics) {
        rubrics.set(r.rubric_id, {
          zh: `${r.name_zh} 第 ${r.version} 版`,
          en: `${r.name_en} v${r.version}`,
        });
      }
    }
    const chains = new Map<string, { zh: string; en: string; scopes: string[] }>();
    for (const ranking of rankings) {
      const text = this.tieBreakText(ranking);
      const same = chains.get(text.zh);
      if (same) same.scopes.push(ranking.scope);
      else chains.set(text.zh, { ...text, scopes: [ranking.scope] });
    }
    const chainText = (lang: 'zh' | 'en') =>
      [...chains.values()]
        .map((c) =>
          chains.size > 1
            ? `${c.scopes.map((s) => sectorName(s)[lang]).join(lang === 'zh' ? '、' : ', ')}: ${c[lang]}`
            : c[lang],
        )
        .join(lang === 'zh' ? '；' : '; ');
    const rule = ruleLabel(spec.rule);
    // SCORING.md zscore: reviewers with fewer than 3 totals or all equal are used as they are.
    const flagged = first.reviewer_flags;
    const asIs = {
      zh:
        flagged.length === 0
          ? ''
          : `；按原分计入的专家：${flagged.map((f) => `${f.reviewer_id}（${f.flag === 'too_few_totals' ? '评审少于 3 份' : '总分全部相同'}）`).join('、')}`,
      en:
        flagged.length === 0
          ? ''
          : `; experts used as they are: ${flagged.map((f) => `${f.reviewer_id} (${f.flag === 'too_few_totals' ? 'fewer than 3 totals' : 'all totals equal'})`).join(', ')}`,
    };
    const fact = (zh_label: string, en_label: string, zh: string, en: string): ReportFact => ({
      zh_label,
      en_label,
      zh,
      en,
    });
    return {
      title_zh: `${programme.zh} · ${round.name}${stage} · ${scope.zh}`,
      title_en: `${programme.en} · ${round.name}${stage} · ${scope.en}`,
      facts: [
        fact(
          '评审批次',
          'Round',
          `${round.name}${round.stage && round.stage !== round.name ? `（${round.stage}）` : ''}`,
          round.name,
        ),
        fact(
          '批次状态',
          'Round status',
          `${ROUND_STATUS_NAMES[round.status].zh}${round.status === 'locked' ? '' : '（评分仍可修改，结果不是最终结果）'}`,
          `${ROUND_STATUS_NAMES[round.status].en}${round.status === 'locked' ? '' : ' (scores may still change; the result is not final)'}`,
        ),
        fact('排名范围', 'Scope', scope.zh, scope.en),
        fact('计分方法', 'Method', methodZh, methodEn),
        fact(
          '计分设置',
          'Settings',
          `最少评审数 ${settings.min_reviews}；分歧阈值 ${settings.disagreement_threshold} 分；得分保留两位小数（四舍五入）${asIs.zh}`,
          `min reviews ${settings.min_reviews}; disagreement threshold ${settings.disagreement_threshold} points; scores at 2 decimals, half up${asIs.en}`,
        ),
        fact(
          '评分细则',
          'Rubrics',
          [...rubrics.values()].map((r) => r.zh).join('；'),
          [...rubrics.values()].map((r) => r.en).join('; '),
        ),
        fact('同分规则', 'Tie-break', chainText('zh'), chainText('en')),
        fact('入围规则', 'Rule', rule.zh, rule.en),
        fact('项目数', 'Entries', `${rows} 项`, `${rows}`),
      ],
      data_digest: this.dataDigest,
      date: localDate(this.now),
    };
  }

  /** Short text for every page's top margin. */
  get header(): string {
    const scope = scopeLabel(this.spec.scope, this.perSector).zh;
    const { name, stage } = this.round;
    const staged = stage && stage !== name ? ` · ${stage}` : '';
    return `${PROGRAMME_NAMES[this.round.programme].zh} · ${name}${staged} · ${scope}`;
  }

  panel(): PanelMember[] {
    return this.store.exports.panel(
      this.round.id,
      this.spec.scope === OVERALL ? null : this.spec.scope,
    );
  }

  /** What the record keeps of the settings: enough for verify-export to recompute the digest. */
  recordedSettings(): Record<string, unknown> {
    const first = this.rankings.of(this.sectionScopes[0] ?? OVERALL);
    return {
      round: this.round.name,
      format: this.spec.format,
      ...(this.spec.format === 'pdf' ? { kind: this.spec.kind } : {}),
      scope: this.spec.scope,
      per_sector: this.perSector,
      rule: this.spec.rule,
      columns: this.spec.columns ?? EXPORT_COLUMNS,
      ...first.settings,
      rubrics: [
        ...new Map(
          this.rankings.all().flatMap((r) => r.rubrics.map((pin) => [pin.rubric_id, pin] as const)),
        ).values(),
      ],
      tie_break_chain: first.tie_break_chain,
    };
  }
}

/** Sections as one table (the CSV's): the union of their columns, rows in section order. */
function flatTable(sections: ReportSection[]): { columns: ReportColumn[]; rows: ReportCell[][] } {
  const columns: ReportColumn[] = [];
  const flagsAt = () => columns.findIndex((c) => c.key === 'flags');
  for (const section of sections) {
    for (const column of section.columns) {
      if (columns.some((c) => c.key === column.key)) continue;
      // A criterion first met in a later section goes with the other criteria, before the flags.
      const at = column.key.startsWith('criterion:') && flagsAt() >= 0 ? flagsAt() : columns.length;
      columns.splice(at, 0, column);
    }
  }
  const rows = sections.flatMap((section) => {
    const index = new Map(section.columns.map((c, i) => [c.key, i]));
    return section.rows.map((row) => columns.map((c) => row[index.get(c.key) ?? -1] ?? null));
  });
  return { columns, rows };
}

const csvCell = (value: ReportCell): CsvCell => (Array.isArray(value) ? labelsText(value) : value);

const headerOf = (column: ReportColumn) => `${column.zh} ${column.en}`;

/** Submitted reviews of the round with their scores, comments and reviewers. */
function loadReviews(store: ProjectStore, roundId: number): SheetReview[] {
  const reviewers = new Map(
    store.reviewers
      .list()
      .map((r) => [
        r.external_id,
        { reviewer_id: r.external_id, name: r.name, organisation: r.organisation },
      ]),
  );
  const reviews = new Map<string, SheetReview>();
  const key = (entry: string, reviewer: string) => `${entry}\u0000${reviewer}`;
  for (const row of store.exports.submittedReviews(roundId)) {
    reviews.set(key(row.entry_id, row.reviewer_id), {
      entry_id: row.entry_id,
      reviewer: reviewers.get(row.reviewer_id) ?? {
        reviewer_id: row.reviewer_id,
        name: row.reviewer_id,
        organisation: null,
      },
      scores: {},
      gates: {},
      total: 0,
      comment: row.comment,
      submitted_at: row.submitted_at,
    });
  }
  for (const row of store.reviews.submittedScores(roundId)) {
    const review = reviews.get(key(row.entry_id, row.reviewer_id));
    if (!review) continue;
    review.scores[row.criterion_key] = row.points;
    review.total += row.points;
  }
  for (const row of store.reviews.submittedGates(roundId)) {
    const review = reviews.get(key(row.entry_id, row.reviewer_id));
    if (review) review.gates[row.gate_key] = row.passed === 1 ? 'pass' : 'fail';
  }
  return [...reviews.values()];
}

function sheetRubric(store: ProjectStore, rubricId: number): SheetRubric {
  const rubric = store.rubrics.require(rubricId);
  return {
    name_zh: rubric.name_zh,
    version: rubric.version,
    criteria: rubric.criteria.map((c) => ({ key: c.key, name_zh: c.name_zh, max: c.max })),
    gates: rubric.gates.map((g) => ({ key: g.key, name_zh: g.name_zh })),
  };
}

function cached<K, V>(cache: Map<K, V>, key: K, make: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

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
async function pdfHtml(
  plan: ExportPlan,
  sections: ReportSection[],
): Promise<{ html: string; rows: number }> {
  const rows = sections.reduce((sum, s) => sum + s.rows.length, 0);
  const meta = plan.meta(rows);
  switch (plan.spec.kind) {
    case 'ranking':
      return {
        html: await rankingHtml({
          meta,
          sections,
          panel: plan.panel(),
          organiser: plan.spec.organiser ?? null,
          header: plan.header,
        }),
        rows,
      };
    case 'entry-sheets': {
      const sheets = entrySheets(plan);
      return {
        html: await entrySheetsHtml({ meta, header: plan.header, sheets }),
        rows: sheets.length,
      };
    }
    case 'expert-sheets': {
      const sheets = expertSheets(plan);
      return {
        html: await expertSheetsHtml({ meta, header: plan.header, sheets }),
        rows: sheets.length,
      };
    }
  }
}

/** XLSX sheets: overall, one per sector, the per-criterion detail of the exported entries. */
function xlsxSheets(plan: ExportPlan): XlsxSheet[] {
  const { spec, store, round } = plan;
  const scopes =
    spec.scope === OVERALL ? [OVERALL, ...store.rounds.sectors(round.id)] : [spec.scope];
  const sheets: XlsxSheet[] = scopes.map((scope) => {
    const section = plan.section(scope);
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

function plan(
  store: ProjectStore,
  spec: ExportSpec,
  control: ExportControl,
  after = 0,
): ExportPlan {
  const built = new ExportPlan(store, spec);
  built.rank(control, after);
  return built;
}

/** What export.ranking would write: the rows as one table, and the PDF's HTML. */
export async function previewExport(store: ProjectStore, spec: ExportSpec): Promise<ExportPreview> {
  const built = plan(store, spec, {});
  const sections = built.sections();
  const { columns, rows } = flatTable(sections);
  const html = spec.format === 'pdf' ? (await pdfHtml(built, sections)).html : null;
  return {
    headers: columns.map(headerOf),
    rows: rows.slice(0, MAX_PREVIEW_ROWS).map((row) => row.map(csvCell)),
    total_rows: rows.length,
    sections: sections.map((s) => ({ scope: s.scope, rows: s.rows.length })),
    html,
    data_digest: built.dataDigest,
    warnings: warningsOf(built, html === null ? [] : await unprintableCharacters(html)),
  };
}

const warningsOf = (built: ExportPlan, unprintable: string[]): UserMessage[] => {
  const warning = unprintableWarning(unprintable, unprintablePlaces(built, unprintable));
  return warning ? [warning] : [];
};

/**
 * Where each character occurs in what the export prints — the round's name, an entry's fields or
 * its comments (by entry id), an expert's or the organiser's name — so it can be found and checked.
 */
function unprintablePlaces(
  built: ExportPlan,
  chars: readonly string[],
): Map<string, UnprintablePlace[]> {
  const places = new Map<string, UnprintablePlace[]>();
  if (chars.length === 0) return places;
  const texts: Array<[string, UnprintablePlace]> = [];
  const { round, store, spec } = built;
  texts.push([`${round.name} ${round.stage ?? ''}`, { zh: '批次名称', en: 'the round name' }]);
  if (spec.organiser) texts.push([spec.organiser, { zh: '组织单位', en: 'the organiser' }]);
  for (const member of built.panel()) {
    texts.push([member.name, { zh: `专家 ${member.name}`, en: `expert ${member.name}` }]);
  }
  const seen = new Set<string>();
  for (const ranking of built.rankings.all()) {
    for (const row of ranking.rows) {
      if (seen.has(row.entry_id)) continue;
      seen.add(row.entry_id);
      const text = `${row.entry_id} ${row.title} ${row.applicant} ${row.province ?? ''}`;
      texts.push([text, { zh: row.entry_id, en: row.entry_id }]);
    }
  }
  for (const review of store.exports.submittedReviews(round.id)) {
    if (!review.comment) continue;
    const place = { zh: `${review.entry_id} 的评语`, en: `a comment on ${review.entry_id}` };
    texts.push([review.comment, place]);
  }
  for (const char of chars) {
    const found = texts.filter(([text]) => text.includes(char)).map(([, place]) => place);
    const unique = [...new Map(found.map((place) => [place.zh, place])).values()];
    if (unique.length > 0) places.set(char, unique);
  }
  return places;
}

/** The CSV's own columns: a CSV has no room for the facts the PDF and the XLSX state. */
function csvFacts(plan: ExportPlan, digest: string): { headers: string[]; cells: CsvCell[] } {
  const ranking = plan.rankings.of(plan.sectionScopes[0] ?? OVERALL);
  const { method, trim_k, min_reviews, disagreement_threshold } = ranking.settings;
  return {
    headers: ['计分方法 method', '同分规则 tie_break', '数据摘要 data_digest'],
    cells: [
      `${method}${method === 'trimmed' ? ` k=${trim_k}` : ''}; min_reviews=${min_reviews}; disagreement_threshold=${disagreement_threshold}`,
      ranking.tie_break_chain.join(' > '),
      digest,
    ],
  };
}

/**
 * Writes the export to its target (whole or not at all), records it and returns the record. A
 * file already at the target is refused before any work unless it may be replaced; the write
 * itself refuses it too, should one appear meanwhile.
 */
export async function exportRanking(
  store: ProjectStore,
  spec: ExportSpec,
  { path, replace }: ExportTarget,
  printer: () => PdfPrinter,
  control: ExportControl = {},
): Promise<ExportRecord> {
  const { signal, onProgress } = control;
  const replaced = await pathExists(path);
  if (replaced && !replace) throw fileExists(path);
  const writing = { signal, replace };
  // After ranking: lay out, (print,) write; the bar moves at each step.
  const steps = spec.format === 'pdf' ? 3 : 2;
  const built = plan(store, spec, control, steps);
  const total = built.sectionScopes.length + steps;
  let done = built.sectionScopes.length;
  const step = (phase: 'layout' | 'print' | 'write') => {
    if (signal?.aborted) throw exportCancelled();
    onProgress?.({ phase, done: done++, total });
  };
  // Before anything is written: a ranking gone stale stops the export here, with no file.
  const dataDigest = built.dataDigest;
  step('layout');
  const sections = built.sections();
  let rows: number;
  let unprintable: string[] = [];
  try {
    switch (spec.format) {
      case 'csv': {
        const table = flatTable(sections);
        const facts = csvFacts(built, dataDigest);
        rows = table.rows.length;
        step('write');
        await writeCsvFile(
          path,
          [...table.columns.map(headerOf), ...facts.headers],
          table.rows.map((r) => [...r.map(csvCell), ...facts.cells]),
          writing,
        );
        break;
      }
      case 'xlsx': {
        const sheets = xlsxSheets(built);
        rows = sections.reduce((sum, s) => sum + s.rows.length, 0);
        step('write');
        await writeXlsxFile(path, sheets, built.meta(rows), writing);
        break;
      }
      case 'pdf': {
        const document = await pdfHtml(built, sections);
        rows = document.rows;
        step('print');
        const printed = await printPdf(printer(), document.html, signal);
        unprintable = printed.unprintable;
        step('write');
        await writeFileAtomic(path, printed.bytes, writing);
        break;
      }
    }
  } catch (error) {
    if (signal?.aborted) throw exportCancelled();
    throw error;
  }
  // Past the rename the file is in place: the export finishes and is recorded, cancel or not.
  const fileHash = await sha256File(path);
  const settings = built.recordedSettings();
  store.write(
    {
      action: 'export.ranking',
      subject: `${built.rankings.of(built.sectionScopes[0] ?? OVERALL).round_uuid}:${basename(path)}`,
      payload: { format: spec.format, sha256: fileHash, data_digest: dataDigest, settings },
    },
    () =>
      store.exports.insert({
        round_id: built.round.id,
        format: spec.format,
        file_name: basename(path),
        file_sha256: fileHash,
        data_digest: dataDigest,
        settings_json: JSON.stringify(settings),
        rows,
        created_at: built.now.toISOString(),
      }),
  );
  onProgress?.({ phase: 'write', done: total, total });
  return {
    path,
    replaced,
    format: spec.format,
    rows,
    sha256: fileHash,
    data_digest: dataDigest,
    warnings: warningsOf(built, unprintable),
  };
}

function historyItem(store: ProjectStore, row: ExportRow): ExportHistoryItem {
  return {
    id: row.id,
    round: row.round_id === null ? null : (store.rounds.byId(row.round_id)?.name ?? null),
    format: row.format,
    file_name: row.file_name,
    sha256: row.file_sha256,
    data_digest: row.data_digest,
    rows: row.rows,
    created_at: row.created_at,
    settings: JSON.parse(row.settings_json) as Record<string, unknown>,
  };
}

export function exportHistory(
  store: ProjectStore,
  round: string | undefined,
  limit: number,
): ExportHistoryItem[] {
  const roundId = round === undefined ? null : requireRound(store, round).id;
  return store.exports.list(roundId, limit).map((row) => historyItem(store, row));
}

/** The digest of a round's data now, ranked with the settings an export recorded. */
function currentDigest(store: ProjectStore, record: ExportHistoryItem): string | null {
  if (record.round === null) return null;
  const { method, trim_k } = record.settings as Partial<AggregationSettings>;
  return rankRound(store, record.round, { method, trim_k }, OVERALL).dataDigest();
}

export async function verifyExport(store: ProjectStore, path: string): Promise<ExportVerification> {
  // A regular file only, refused in both languages otherwise (io/user-file.ts).
  const sha256 = await sha256File(path);
  const row = store.exports.byFileHash(sha256)[0];
  const record = row ? historyItem(store, row) : null;
  const current = record ? currentDigest(store, record) : null;
  // The table alone could be edited to vouch for any file or digest; the hash-chained audit
  // event written with the record cannot be, short of breaking the chain.
  const audited =
    row !== undefined && store.verifyAudit().brokenAt === null && store.exports.audited(row);
  return {
    path,
    sha256,
    record,
    current_digest: current,
    audited,
    ok: record !== null && audited && current === record.data_digest,
  };
}
