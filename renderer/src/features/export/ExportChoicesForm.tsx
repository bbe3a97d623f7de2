// What to export: format, PDF content, shortlist rule, columns and the organiser's name.
import { Checkbox, Flex, Form, Input, InputNumber, Radio, Select, Typography } from 'antd';
import { EXPORT_COLUMNS, EXPORT_FORMATS, PDF_KINDS } from '@api/contract';
import { sectorName } from '@shared/format';
import { useLang, useT } from '@shared/i18n';
import { RULE_DEFAULTS, type ExportChoices, type RuleKind } from './exportSpec';

const RULES: RuleKind[] = ['all', 'top', 'top_percent', 'pass_mark', 'quotas'];

interface Props {
  choices: ExportChoices;
  sectors: string[];
  onChange: (change: Partial<ExportChoices>) => void;
}

export function ExportChoicesForm({ choices, sectors, onChange }: Props) {
  const t = useT();
  const lang = useLang();
  const chooseRule = (rule: RuleKind) =>
    onChange(
      rule === 'all' || rule === 'quotas' ? { rule } : { rule, ruleValue: RULE_DEFAULTS[rule] },
    );
  return (
    <>
      <Form.Item label={t('export.format')}>
        <Radio.Group
          value={choices.format}
          onChange={(event) => onChange({ format: event.target.value as ExportChoices['format'] })}
          optionType="button"
          options={EXPORT_FORMATS.map((format) => ({
            value: format,
            label: format.toUpperCase(),
          }))}
          data-testid="export-format"
        />
      </Form.Item>
      {choices.format === 'pdf' && (
        <Form.Item label={t('export.kind')}>
          <Radio.Group
            value={choices.kind}
            onChange={(event) => onChange({ kind: event.target.value as ExportChoices['kind'] })}
            options={PDF_KINDS.map((kind) => ({ value: kind, label: t(`export.kind.${kind}`) }))}
            data-testid="export-kind"
          />
        </Form.Item>
      )}
      <Form.Item label={t('export.rule')}>
        <Flex gap={12} wrap align="center">
          <Select<RuleKind>
            style={{ width: 160 }}
            value={choices.rule}
            onChange={chooseRule}
            options={RULES.map((rule) => ({ value: rule, label: t(`export.rule.${rule}`) }))}
            data-testid="export-rule"
          />
          {choices.rule !== 'all' && choices.rule !== 'quotas' && (
            <InputNumber
              min={choices.rule === 'top' ? 1 : 0}
              max={choices.rule === 'top' ? 1_000_000 : 100}
              precision={choices.rule === 'top' ? 0 : 2}
              value={choices.ruleValue}
              onChange={(value) => value !== null && onChange({ ruleValue: value })}
              data-testid="export-rule-value"
            />
          )}
          {choices.rule === 'quotas' &&
            sectors.map((sector) => (
              <Flex key={sector} gap={4} align="center">
                <Typography.Text>{sectorName(lang, sector)}</Typography.Text>
                <InputNumber
                  min={0}
                  precision={0}
                  style={{ width: 72 }}
                  value={choices.quotas[sector] ?? 0}
                  onChange={(value) =>
                    onChange({ quotas: { ...choices.quotas, [sector]: value ?? 0 } })
                  }
                  data-testid={`export-quota-${sector}`}
                />
              </Flex>
            ))}
          {choices.rule !== 'quotas' && (
            <Checkbox
              checked={choices.perSector}
              onChange={(event) => onChange({ perSector: event.target.checked })}
              data-testid="export-per-sector"
            >
              {t('export.perSector')}
            </Checkbox>
          )}
        </Flex>
      </Form.Item>
      {!(choices.format === 'pdf' && choices.kind !== 'ranking') && (
        <Form.Item label={t('export.columns')}>
          <Checkbox.Group
            value={choices.columns}
            onChange={(columns) => onChange({ columns })}
            options={EXPORT_COLUMNS.map((column) => ({
              value: column,
              label: t(`export.column.${column}`),
            }))}
            data-testid="export-columns"
          />
        </Form.Item>
      )}
      {choices.format === 'pdf' && choices.kind === 'ranking' && (
        <Form.Item label={t('export.organiser')}>
          <Input
            style={{ maxWidth: 420 }}
            maxLength={200}
            value={choices.organiser}
            onChange={(event) => onChange({ organiser: event.target.value })}
            data-testid="export-organiser"
          />
        </Form.Item>
      )}
    </>
  );
}
