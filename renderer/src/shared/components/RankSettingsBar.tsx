// Method, trim k and scope pickers for ranking (results and export screens).
import { Flex, InputNumber, Select, Typography } from 'antd';
import { AGGREGATION_METHODS, type AggregationMethod } from '@core/domain';
import { sectorName } from '../format';
import { useLang, useT } from '../i18n';
import type { RankSettings } from '../useRankSettings';

interface RankSettingsBarProps {
  settings: RankSettings;
  sectors: string[];
  onChange: (change: Partial<RankSettings>) => void;
  /** Prefix of the controls' data-testid: `<prefix>-method`, `-trim`, `-scope`. */
  idPrefix: string;
}

export function RankSettingsBar({ settings, sectors, onChange, idPrefix }: RankSettingsBarProps) {
  const t = useT();
  const lang = useLang();
  return (
    <Flex gap={16} wrap align="center">
      <Flex gap={8} align="center">
        <Typography.Text>{t('ranking.method')}</Typography.Text>
        <Select<AggregationMethod>
          style={{ width: 240 }}
          value={settings.method}
          onChange={(method) => onChange({ method })}
          options={AGGREGATION_METHODS.map((value) => ({ value, label: t(`method.${value}`) }))}
          data-testid={`${idPrefix}-method`}
        />
      </Flex>
      {settings.method === 'trimmed' && (
        <Flex gap={8} align="center">
          <Typography.Text>{t('ranking.trimK')}</Typography.Text>
          <InputNumber
            min={1}
            max={10}
            precision={0}
            style={{ width: 72 }}
            value={settings.trim_k}
            onChange={(value) => value !== null && onChange({ trim_k: value })}
            data-testid={`${idPrefix}-trim`}
          />
        </Flex>
      )}
      <Flex gap={8} align="center">
        <Typography.Text>{t('ranking.scope')}</Typography.Text>
        <Select<string>
          style={{ width: 200 }}
          value={settings.scope}
          onChange={(scope) => onChange({ scope })}
          options={[
            { value: 'overall', label: t('ranking.overall') },
            ...sectors.map((value) => ({ value, label: sectorName(lang, value) })),
          ]}
          data-testid={`${idPrefix}-scope`}
        />
      </Flex>
    </Flex>
  );
}
