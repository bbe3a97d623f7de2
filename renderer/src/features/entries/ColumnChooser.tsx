// The entry table's column chooser: a checkbox per listed field and per column of the imported
// files (shown as the files have them); the last shown column cannot be hidden.
import { Button, Checkbox, Divider, Flex, Popover, Typography } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import { useT } from '@shared/i18n';
import {
  COLUMN_LABELS,
  ENTRY_COLUMNS,
  sourceColumn,
  sourceHeader,
  useEntryColumns,
  type TableColumn,
} from './entryColumns';

export function ColumnChooser({ sourceColumns }: { sourceColumns: string[] }) {
  const t = useT();
  const [shown, setShown] = useEntryColumns(sourceColumns);
  const only = shown.length === 1 ? shown[0] : undefined;
  const fields = shown.filter((column) => sourceHeader(column) === null);
  const sources = shown.filter((column) => sourceHeader(column) !== null);
  // Chosen source columns keep the order they were chosen in; new ones go last.
  const chooseSources = (chosen: TableColumn[]) =>
    setShown([
      ...fields,
      ...sources.filter((column) => chosen.includes(column)),
      ...chosen.filter((column) => !sources.includes(column)),
    ]);
  const content = (
    <Flex vertical style={{ maxHeight: 420, overflowY: 'auto', minWidth: 200 }}>
      <Checkbox.Group<TableColumn>
        value={fields}
        onChange={(chosen) => setShown([...chosen, ...sources])}
        data-testid="entries-columns-list"
      >
        <Flex vertical gap={6}>
          {ENTRY_COLUMNS.map((column) => (
            <Checkbox
              key={column}
              value={column}
              disabled={only === column}
              data-testid={`entries-column-${column}`}
            >
              {t(COLUMN_LABELS[column])}
            </Checkbox>
          ))}
        </Flex>
      </Checkbox.Group>
      {sourceColumns.length > 0 && (
        <>
          <Divider size="small" />
          <Typography.Text type="secondary" style={{ marginBottom: 6 }}>
            {t('entries.sourceColumns')}
          </Typography.Text>
          <Checkbox.Group<TableColumn>
            value={sources}
            onChange={chooseSources}
            data-testid="entries-source-columns"
          >
            <Flex vertical gap={6}>
              {sourceColumns.map((header) => (
                <Checkbox
                  key={header}
                  value={sourceColumn(header)}
                  disabled={only === sourceColumn(header)}
                  data-testid="entries-source-column"
                  data-column={header}
                >
                  {header}
                </Checkbox>
              ))}
            </Flex>
          </Checkbox.Group>
        </>
      )}
    </Flex>
  );
  return (
    <Popover trigger="click" placement="bottomRight" content={content}>
      <Button icon={<SettingOutlined />} data-testid="entries-columns">
        {t('entries.columns')}
      </Button>
    </Popover>
  );
}
