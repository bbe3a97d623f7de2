// The shortlist rule the results screens work with (discussion queue, shortlist, robustness,
// what-if): top N, top p %, a pass mark or per-sector quotas, and the near-the-cut margin.
import { Flex, InputNumber, Select, Typography } from 'antd';
import type { ShortlistRuleInput } from '@api/contract';
import { sectorName } from '@shared/format';
import { useLang, useT } from '@shared/i18n';

type Kind = ShortlistRuleInput['kind'];
const KINDS: Kind[] = ['top', 'top_percent', 'pass_mark', 'quotas'];

/** A rule of `kind` starting from sensible values (quotas: 3 per sector). */
function ruleOf(kind: Kind, sectors: readonly string[]): ShortlistRuleInput {
  if (kind === 'top') return { kind, n: 10 };
  if (kind === 'top_percent') return { kind, percent: 30 };
  if (kind === 'pass_mark') return { kind, score: 70 };
  return { kind, quotas: Object.fromEntries(sectors.map((sector) => [sector, 3])) };
}

interface RuleBarProps {
  rule: ShortlistRuleInput;
  onRule: (rule: ShortlistRuleInput) => void;
  /** The near-the-cut margin, on the tab that uses it (the discussion queue) only. */
  margin?: { value: number; onChange: (margin: number) => void } | undefined;
  sectors: readonly string[];
}

export function RuleBar({ rule, onRule, margin, sectors }: RuleBarProps) {
  const t = useT();
  const lang = useLang();
  const number = (
    value: number,
    change: (value: number) => void,
    props: { min: number; max: number; precision: number; testId: string; suffix?: string },
  ) => (
    <InputNumber
      min={props.min}
      max={props.max}
      precision={props.precision}
      value={value}
      suffix={props.suffix}
      style={{ width: 110 }}
      onChange={(v) => v !== null && change(v)}
      data-testid={props.testId}
    />
  );
  return (
    <Flex gap={12} wrap align="center" className="sail-rule-bar" data-testid="rule-bar">
      <Typography.Text>{t('shortlist.rule')}</Typography.Text>
      <Select<Kind>
        style={{ width: 150 }}
        value={rule.kind}
        onChange={(kind) => onRule(ruleOf(kind, sectors))}
        options={KINDS.map((value) => ({ value, label: t(`shortlist.kind.${value}`) }))}
        data-testid="rule-kind"
      />
      {rule.kind === 'top' &&
        number(rule.n, (n) => onRule({ kind: 'top', n }), {
          min: 1,
          max: 100_000,
          precision: 0,
          testId: 'rule-top',
        })}
      {rule.kind === 'top_percent' &&
        number(rule.percent, (percent) => onRule({ kind: 'top_percent', percent }), {
          min: 0.1,
          max: 100,
          precision: 1,
          testId: 'rule-percent',
          suffix: '%',
        })}
      {rule.kind === 'pass_mark' &&
        number(rule.score, (score) => onRule({ kind: 'pass_mark', score }), {
          min: 0,
          max: 100,
          precision: 2,
          testId: 'rule-pass',
        })}
      {rule.kind === 'quotas' &&
        sectors.map((sector) => (
          <Flex key={sector} gap={4} align="center">
            <Typography.Text type="secondary">{sectorName(lang, sector)}</Typography.Text>
            {number(
              rule.quotas[sector] ?? 0,
              (n) => onRule({ kind: 'quotas', quotas: { ...rule.quotas, [sector]: n } }),
              { min: 0, max: 100_000, precision: 0, testId: `rule-quota-${sector}` },
            )}
          </Flex>
        ))}
      {margin && (
        <>
          <Typography.Text>{t('discussion.margin')}</Typography.Text>
          {number(margin.value, margin.onChange, {
            min: 0,
            max: 100,
            precision: 2,
            testId: 'rule-margin',
          })}
        </>
      )}
    </Flex>
  );
}
