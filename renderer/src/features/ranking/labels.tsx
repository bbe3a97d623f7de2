// Names the results screens share: criteria, gates and tie-break steps from the round's pinned
// rubrics, and the coloured tags of ranking and shortlist flags.
import { Tag } from 'antd';
import type { RoundDetail, ShortlistFlag } from '@api/contract';
import { pick, type Lang, type Translate } from '@shared/i18n';

const FLAG_COLOURS: Record<ShortlistFlag, string> = {
  tie: 'gold',
  insufficient_reviews: 'orange',
  disagreement: 'red',
  too_few_to_trim: 'purple',
  tie_at_cut: 'volcano',
  borderline: 'magenta',
};

export function FlagTags({ flags, t }: { flags: readonly ShortlistFlag[]; t: Translate }) {
  return flags.map((flag) => (
    <Tag key={flag} color={FLAG_COLOURS[flag]} data-flag={flag}>
      {t(`flag.${flag}`)}
    </Tag>
  ));
}

/** Display names of criteria, gates and tie-break steps, from the round's pinned rubrics. */
export function labels(detail: RoundDetail, lang: Lang, t: Translate) {
  const criteria = new Map<string, string>();
  const gates = new Map<string, string>();
  for (const { rubric } of detail.pins) {
    for (const c of rubric.criteria) criteria.set(c.key, pick(lang, c.name_zh, c.name_en));
    for (const g of rubric.gates) gates.set(g.key, pick(lang, g.name_zh, g.name_en));
  }
  const steps: Record<string, string> = {
    score: t('ranking.tie.score'),
    all_judge_mean: t('ranking.tie.all_judge_mean'),
    tie: t('ranking.tie.tie'),
  };
  return {
    criterion: (key: string) => criteria.get(key) ?? key,
    gate: (key: string) => gates.get(key) ?? key,
    // Steps are 'score', 'all_judge_mean', 'criterion:<key>' or 'tie'.
    step: (step: string) => {
      const criterion = step.startsWith('criterion:') ? step.slice('criterion:'.length) : null;
      return criterion !== null ? (criteria.get(criterion) ?? criterion) : (steps[step] ?? step);
    },
  };
}
export type Labels = ReturnType<typeof labels>;
