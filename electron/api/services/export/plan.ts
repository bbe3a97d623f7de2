// One export, resolved: the round's ranked sections (each ranked once), the shortlist cut from
// them, the rubrics its rows were scored with, and the digest of the data it rests on.
import { AGGREGATION_METHODS, type RubricVersion } from '../../../core/domain';
import { SailError } from '../../../core/errors';
import { borderlineEntries } from '../../../core/scoring/robustness';
import { sectorName } from '../../../core/sectors';
import { FLAG_NAMES } from '../../../core/vocabulary';
import type { PanelMember, ReportColumn, ReportLabel } from '../../../io/export/report';
import { exportCancelled } from '../../../io/task-steps';
import type { ProjectStore } from '../../../store/project-store';
import type { RoundRecord } from '../../../store/repos/rounds';
import type { Progress } from '../../dispatch';
import {
  EXPORT_COLUMNS,
  type ExportColumn,
  type OperationParsedInput,
  type RankRow,
} from '../../contract';
import { OVERALL, rankRound, type RoundRanking } from '../ranking';
import { requireRound } from '../rounds';
import { cutRankings } from '../shortlists';

export type ExportSpec = OperationParsedInput<'export.preview'>;
export type Rule = NonNullable<ExportSpec['rule']>;

/** How a caller follows and stops an export. */
export interface ExportControl {
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: Progress) => void) | undefined;
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

/** One export, resolved: its ranked sections, its shortlist and the rubrics its rows use. */
export class ExportPlan {
  readonly rankings: Rankings;
  readonly round: RoundRecord;
  readonly perSector: boolean;
  /** The scopes of the ranked sections, in order. */
  readonly sectionScopes: string[];
  private shortlist: Shortlist | null = null;
  readonly columnsChosen: ReadonlySet<ExportColumn>;
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

  get dataDigest(): string {
    const ranking = this.rankings.any ?? this.rankings.of(this.sectionScopes[0] ?? OVERALL);
    return ranking.dataDigest();
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

/** The value for `key`, made on first use. */
export function cached<K, V>(cache: Map<K, V>, key: K, make: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

/** The plan of an export, ranked; `after` counts the steps the export reports once ranked. */
export function planExport(
  store: ProjectStore,
  spec: ExportSpec,
  control: ExportControl,
  after = 0,
): ExportPlan {
  const built = new ExportPlan(store, spec);
  built.rank(control, after);
  return built;
}
