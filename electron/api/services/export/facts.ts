// What every export states: its title, the facts of its ranking (method, settings, rubric
// versions, tie-break chain, shortlist rule) and the text at the top of each printed page.
import { sectorName } from '../../../core/sectors';
import { methodDescription, PROGRAMME_NAMES, ROUND_STATUS_NAMES } from '../../../core/vocabulary';
import type { ReportFact, ReportMeta } from '../../../io/export/report';
import { OVERALL, type RoundRanking } from '../ranking';
import type { ExportPlan, Rule } from './plan';

export function scopeLabel(scope: string, perSector: boolean): { zh: string; en: string } {
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

function tieBreakText(plan: ExportPlan, ranking: RoundRanking): { zh: string; en: string } {
  // Criterion steps exist only within one rubric (SCORING.md skips them across rubrics).
  const [only] = ranking.rubrics;
  const criteria = only ? plan.rubric(only.rubric_id).criteria : [];
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
export function exportMeta(plan: ExportPlan, rows: number): ReportMeta {
  const { round, spec } = plan;
  const rankings = plan.sectionScopes.map((scope) => plan.rankings.of(scope));
  const first = rankings[0] ?? plan.rankings.of(OVERALL);
  const settings = first.settings;
  const programme = PROGRAMME_NAMES[round.programme];
  const scope = scopeLabel(spec.scope, plan.perSector);
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
    const text = tieBreakText(plan, ranking);
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
    data_digest: plan.dataDigest,
    date: localDate(plan.now),
  };
}

/** Short text for every page's top margin. */
export function pageHeader(plan: ExportPlan): string {
  const scope = scopeLabel(plan.spec.scope, plan.perSector).zh;
  const { name, stage } = plan.round;
  const staged = stage && stage !== name ? ` · ${stage}` : '';
  return `${PROGRAMME_NAMES[plan.round.programme].zh} · ${name}${staged} · ${scope}`;
}
