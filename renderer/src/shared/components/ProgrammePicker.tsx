// Choosing 绽放杯 or 领航者 for an import or an attachments folder.
import { Radio } from 'antd';
import { PROGRAMMES, type Programme } from '@core/domain';
import { programmeFullName } from '../format';
import { useLang } from '../i18n';

interface ProgrammePickerProps {
  value: Programme;
  onChange: (programme: Programme) => void;
  testId: string;
}

export function ProgrammePicker({ value, onChange, testId }: ProgrammePickerProps) {
  const lang = useLang();
  return (
    <Radio.Group
      data-testid={testId}
      optionType="button"
      buttonStyle="solid"
      value={value}
      onChange={(event) => onChange(event.target.value as Programme)}
      options={PROGRAMMES.map((programme) => ({
        value: programme,
        label: programmeFullName(lang, programme),
      }))}
    />
  );
}
