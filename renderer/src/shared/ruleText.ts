// Shortlist rules and aggregation methods in words, as the results screens and the export history
// name them: 前 10 名, 前 30%, 70 分及以上, 各领域名额; 去掉最高、最低各 2 个后平均.
import type { ShortlistRuleInput } from '@api/contract';
import type { AggregationMethod } from '@core/domain';
import { sectorName } from './format';
import type { Lang, Translate } from './i18n';

export function ruleText(rule: ShortlistRuleInput, t: Translate, lang: Lang): string {
  if (rule.kind === 'top') return t('shortlist.ruleText.top', { n: rule.n });
  if (rule.kind === 'top_percent') return t('shortlist.ruleText.top_percent', { p: rule.percent });
  if (rule.kind === 'pass_mark') return t('shortlist.ruleText.pass_mark', { score: rule.score });
  return t('shortlist.ruleText.quotas', {
    quotas: Object.entries(rule.quotas)
      .map(([sector, n]) => `${sectorName(lang, sector)} ${n}`)
      .join('、'),
  });
}

export const methodText = (method: AggregationMethod, trimK: number, t: Translate): string =>
  method === 'trimmed' ? t('method.trimmedK', { k: trimK }) : t(`method.${method}`);
