// Choosing the rubric version a sector of a round pins: a version of the sector's own rubric
// or of the 绽放杯 generic one, newest first.
import { Select } from 'antd';
import type { StoredRubric } from '@api/contract';
import { GENERIC_RUBRIC_KEY } from '@core/sectors';
import { sectorName } from '@shared/format';
import { pick, useLang, useT } from '@shared/i18n';

interface PinSelectProps {
  versions: StoredRubric[];
  sector: string;
  value: number | null;
  onChange: (rubricId: number) => void;
  disabled?: boolean;
}

export function PinSelect({ versions, sector, value, onChange, disabled }: PinSelectProps) {
  const t = useT();
  const lang = useLang();
  const options = versions
    .filter((rubric) => rubric.sector === sector || rubric.sector === GENERIC_RUBRIC_KEY)
    .sort(
      (a, b) => Number(b.sector === sector) - Number(a.sector === sector) || b.version - a.version,
    )
    .map((rubric) => ({
      value: rubric.id,
      label: `${sectorName(lang, rubric.sector)} · ${t('rubrics.version', { n: rubric.version })} · ${pick(lang, rubric.name_zh, rubric.name_en)}`,
    }));
  return (
    <Select<number>
      style={{ width: '100%', minWidth: 280 }}
      value={value ?? undefined}
      onChange={onChange}
      disabled={disabled}
      options={options}
      data-testid={`pin-select-${sector}`}
    />
  );
}
