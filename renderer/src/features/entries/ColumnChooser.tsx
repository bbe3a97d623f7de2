// The entry table's column chooser: a checkbox per column; the last shown one cannot be hidden.
import { Button, Checkbox, Flex, Popover } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import { useT } from '@shared/i18n';
import { COLUMN_LABELS, ENTRY_COLUMNS, useEntryColumns, type EntryColumn } from './entryColumns';

export function ColumnChooser() {
  const t = useT();
  const [shown, setShown] = useEntryColumns();
  const content = (
    <Checkbox.Group<EntryColumn>
      value={shown}
      onChange={setShown}
      data-testid="entries-columns-list"
    >
      <Flex vertical gap={6}>
        {ENTRY_COLUMNS.map((column) => (
          <Checkbox
            key={column}
            value={column}
            disabled={shown.length === 1 && shown[0] === column}
            data-testid={`entries-column-${column}`}
          >
            {t(COLUMN_LABELS[column])}
          </Checkbox>
        ))}
      </Flex>
    </Checkbox.Group>
  );
  return (
    <Popover trigger="click" placement="bottomRight" content={content}>
      <Button icon={<SettingOutlined />} data-testid="entries-columns">
        {t('entries.columns')}
      </Button>
    </Popover>
  );
}
