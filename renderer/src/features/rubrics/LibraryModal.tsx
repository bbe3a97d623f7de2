// The template library: the default rubric of each sector, added as that sector's newest version
// as it is, or copied into the editor to adapt first.
import { useState } from 'react';
import { App, Button, Modal, Table, Tag, Typography } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import type { RubricDefinition, RubricVersion } from '@core/domain';
import { LoadError } from '@shared/components/LoadError';
import { sectorName } from '@shared/format';
import { useOperation, useSailQuery } from '@shared/hooks';
import { pick, useLang, useT } from '@shared/i18n';

interface LibraryModalProps {
  open: boolean;
  stored: RubricVersion[];
  onClose: () => void;
  onClone: (rubric: RubricDefinition) => void;
}

export function LibraryModal({ open, stored, onClose, onClone }: LibraryModalProps) {
  const t = useT();
  const lang = useLang();
  const run = useOperation();
  const { message } = App.useApp();
  const library = useSailQuery('rubrics.library', open ? {} : null);
  const [adding, setAdding] = useState<string | null>(null);

  const latest = (sector: string) =>
    Math.max(0, ...stored.filter((r) => r.sector === sector).map((r) => r.version));

  const add = async (rubric: RubricDefinition) => {
    setAdding(rubric.sector);
    const added = await run('rubrics.import', { rubric });
    setAdding(null);
    if (!added) return;
    const { name_zh, name_en, version } = added.rubric;
    const vars = { name: pick(lang, name_zh, name_en), n: version };
    if (added.unchanged) {
      void message.info(t('rubrics.unchanged', vars));
      return;
    }
    void message.success(t('rubrics.added', vars));
  };

  return (
    <Modal
      open={open}
      title={t('rubrics.libraryTitle')}
      width={860}
      // The editor opens as this closes: giving focus back to the library button would let the
      // editor's focus trap pull it from the field the organiser is already typing in.
      focusable={{ focusTriggerAfterClose: false }}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t('common.close')}</Button>}
    >
      <Typography.Paragraph type="secondary">{t('rubrics.libraryHint')}</Typography.Paragraph>
      {library.error && <LoadError error={library.error} onRetry={library.reload} />}
      <Table<RubricDefinition>
        data-testid="library-table"
        size="small"
        rowKey="sector"
        loading={library.loading}
        dataSource={library.data}
        pagination={false}
        expandable={{
          expandedRowRender: (rubric) =>
            rubric.criteria.map((c) => `${pick(lang, c.name_zh, c.name_en)} ${c.max}`).join(' · '),
        }}
        columns={[
          {
            title: t('col.sector'),
            dataIndex: 'sector',
            width: 120,
            render: (sector: string) => <Tag color="blue">{sectorName(lang, sector)}</Tag>,
          },
          {
            title: t('col.name'),
            key: 'name',
            render: (_, rubric) => (
              <>
                <div>{pick(lang, rubric.name_zh, rubric.name_en)}</div>
                <Typography.Text type="secondary">
                  {t('rubrics.counts', { c: rubric.criteria.length, g: rubric.gates.length })}
                </Typography.Text>
              </>
            ),
          },
          {
            title: '',
            key: 'action',
            width: 300,
            align: 'right',
            render: (_, rubric) => {
              const version = latest(rubric.sector);
              return (
                <>
                  {version > 0 && <Tag>{t('rubrics.stored', { n: version })}</Tag>}
                  <Button
                    size="small"
                    type={version > 0 ? 'default' : 'primary'}
                    loading={adding === rubric.sector}
                    disabled={adding !== null && adding !== rubric.sector}
                    onClick={() => void add(rubric)}
                    data-testid={`library-add-${rubric.sector}`}
                  >
                    {t('rubrics.add')}
                  </Button>{' '}
                  <Button
                    size="small"
                    icon={<CopyOutlined />}
                    onClick={() => onClone(rubric)}
                    data-testid={`library-clone-${rubric.sector}`}
                  >
                    {t('rubrics.clone')}
                  </Button>
                </>
              );
            },
          },
        ]}
      />
    </Modal>
  );
}
