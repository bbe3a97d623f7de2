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

/**
 * Display names of criteria, gates and tie-break steps, from the round's pinned rubrics. Keys
 * are looked up in the rubric an entry is scored with: two sectors' rubrics may use one key
 * (net) for different criteria.
 */
export function labels(detail: RoundDetail, lang: Lang, t: Translate) {
  const rubrics = new Map<number, { criteria: Map<string, string>; gates: Map<string, string> }>();
  for (const { rubric } of detail.pins) {
    rubrics.set(rubric.id, {
      criteria: new Map(rubric.criteria.map((c) => [c.key, pick(lang, c.name_zh, c.name_en)])),
      gates: new Map(rubric.gates.map((g) => [g.key, pick(lang, g.name_zh, g.name_en)])),
    });
  }
  const steps: Record<string, string> = {
    score: t('ranking.tie.score'),
    all_judge_mean: t('ranking.tie.all_judge_mean'),
    tie: t('ranking.tie.tie'),
  };
  const criterion = (key: string, rubricId: number) =>
    rubrics.get(rubricId)?.criteria.get(key) ?? key;
  return {
    criterion,
    gate: (key: string, rubricId: number) => rubrics.get(rubricId)?.gates.get(key) ?? key,
    // Steps are 'score', 'all_judge_mean', 'criterion:<key>' or 'tie'.
    step: (step: string, rubricId: number) =>
      step.startsWith('criterion:')
        ? criterion(step.slice('criterion:'.length), rubricId)
        : (steps[step] ?? step),
  };
}
export type Labels = ReturnType<typeof labels>;
