// One sector's rubric: its versions (which rounds pin each, which are frozen) with edit and
// export, then the chosen version's criteria, points, guides, gate items and tie-break order.
import { useState } from 'react';
import { App, Button, Descriptions, Flex, Table, Tag, Tooltip, Typography } from 'antd';
import { EditOutlined, ExportOutlined, LockOutlined } from '@ant-design/icons';
import type { StoredRubric } from '@api/contract';
import type { Criterion } from '@core/domain';
import { baseName, shell } from '@shared/api';
import { formatTime } from '@shared/format';
import { useDownload, useNotifyError, useOperation } from '@shared/hooks';
import { pick, useLang, useT } from '@shared/i18n';
import { testId } from '@shared/testId';

interface RubricViewProps {
  /** The sector's versions, newest first. */
  versions: StoredRubric[];
  onEdit: (version: StoredRubric) => void;
}

/** A version no round pins and no score uses is edited in place; others become a new version. */
export const editableInPlace = (rubric: StoredRubric) =>
  !rubric.frozen && rubric.rounds.length === 0;

export function RubricView({ versions, onEdit }: RubricViewProps) {
  const t = useT();
  const lang = useLang();
  const [chosen, setChosen] = useState<number | null>(null);
  const rubric = versions.find((v) => v.id === chosen) ?? versions[0];
  if (!rubric) return null;

  const sum = rubric.criteria.reduce((total, criterion) => total + criterion.max, 0);
  const nameOf = (key: string) => {
    const criterion = rubric.criteria.find((c) => c.key === key);
    return criterion ? pick(lang, criterion.name_zh, criterion.name_en) : key;
  };

  return (
    <div data-testid={`rubric-${rubric.sector}`}>
      <Table<StoredRubric>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={versions}
        data-testid={`rubric-versions-${rubric.sector}`}
        rowClassName={(version) => (version.id === rubric.id ? 'sail-row-current' : '')}
        onRow={(version) => ({
          onClick: () => setChosen(version.id),
          style: { cursor: 'pointer' },
          ...testId('rubric-version-row', { version: String(version.version) }),
        })}
        columns={[
          {
            title: t('rubrics.versionCol'),
            key: 'version',
            width: 90,
            render: (_, version) => <Tag>{t('rubrics.version', { n: version.version })}</Tag>,
          },
          {
            title: t('col.name'),
            key: 'name',
            render: (_, version) => pick(lang, version.name_zh, version.name_en),
          },
          {
            title: t('rubrics.use'),
            key: 'use',
            render: (_, version) => <VersionBadges version={version} />,
          },
          {
            title: t('col.createdAt'),
            dataIndex: 'created_at',
            width: 150,
            render: (time: string) => formatTime(lang, time),
          },
          {
            title: '',
            key: 'actions',
            width: 220,
            align: 'right',
            render: (_, version) => (
              <Flex gap={4} justify="end" onClick={(event) => event.stopPropagation()}>
                <Tooltip
                  title={
                    editableInPlace(version) ? t('rubrics.editHint') : t('rubrics.newVersionHint')
                  }
                >
                  <Button
                    size="small"
                    icon={<EditOutlined />}
                    onClick={() => onEdit(version)}
                    data-testid={`rubric-edit-${version.sector}-${version.version}`}
                  >
                    {editableInPlace(version) ? t('rubrics.edit') : t('rubrics.newVersion')}
                  </Button>
                </Tooltip>
                <ExportButton version={version} />
              </Flex>
            ),
          },
        ]}
      />
      <Flex align="center" gap={12} wrap style={{ margin: '16px 0 12px' }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {pick(lang, rubric.name_zh, rubric.name_en)}
        </Typography.Title>
        <Tag>{t('rubrics.version', { n: rubric.version })}</Tag>
        <Typography.Text type="secondary">
          {t('rubrics.createdAt', { time: formatTime(lang, rubric.created_at) })}
        </Typography.Text>
      </Flex>
      <Table<Criterion>
        size="small"
        bordered
        rowKey="key"
        pagination={false}
        dataSource={rubric.criteria}
        columns={[
          {
            title: t('col.criterion'),
            key: 'name',
            width: 220,
            render: (_, c) => (
              <>
                {pick(lang, c.name_zh, c.name_en)}
                <Typography.Text type="secondary" className="sail-key">
                  {c.key}
                </Typography.Text>
              </>
            ),
          },
          { title: t('col.max'), dataIndex: 'max', width: 80, align: 'right' },
          {
            title: t('col.guide'),
            key: 'guide',
            render: (_, c) => (
              <span className="sail-prewrap">{pick(lang, c.guide_zh, c.guide_en)}</span>
            ),
          },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <Typography.Text strong>{t('scoring.total')}</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              <Typography.Text strong type={sum === 100 ? undefined : 'danger'}>
                {sum}
              </Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2}>
              {sum !== 100 && (
                <Typography.Text type="danger">{t('rubrics.sumInvalid', { sum })}</Typography.Text>
              )}
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
      <Descriptions
        size="small"
        column={1}
        style={{ marginTop: 16 }}
        items={[
          {
            key: 'gates',
            label: t('rubrics.gates'),
            children: rubric.gates.length
              ? rubric.gates.map((gate) => (
                  <Tag key={gate.key} color="red">
                    {pick(lang, gate.name_zh, gate.name_en)}
                  </Tag>
                ))
              : t('rubrics.noGates'),
          },
          {
            key: 'tie',
            label: t('rubrics.tieBreak'),
            children: rubric.tie_break.length
              ? rubric.tie_break.map(nameOf).join(' → ')
              : t('rubrics.noTieBreak'),
          },
        ]}
      />
    </div>
  );
}

function VersionBadges({ version }: { version: StoredRubric }) {
  const t = useT();
  return (
    <Flex gap={4} wrap data-testid={`rubric-badges-${version.sector}-${version.version}`}>
      {version.rounds.length > 0 && (
        <Tag color="blue">
          {t('rubrics.usedBy', { rounds: version.rounds.map((r) => r.name).join('、') })}
        </Tag>
      )}
      {version.frozen && (
        <Tooltip title={t('rubrics.frozenHint')}>
          <Tag icon={<LockOutlined />} color="gold">
            {t('rubrics.frozen')}
          </Tag>
        </Tooltip>
      )}
    </Flex>
  );
}

/** Saves a version as rubric JSON through the save dialog (in a browser: the host's folder). */
function ExportButton({ version }: { version: StoredRubric }) {
  const t = useT();
  const run = useOperation();
  const notifyError = useNotifyError();
  const { message } = App.useApp();
  const download = useDownload();
  const exportJson = async () => {
    try {
      const path = await shell.pickSavePath(`rubric-${version.sector}-v${version.version}.json`);
      if (!path) return;
      const written = await run('rubrics.exportFile', { id: version.id, path });
      if (!written) return;
      void message.success(
        <span data-testid="rubric-exported" data-path={written.path}>
          {t('rubrics.exported', { file: baseName(written.path) })}{' '}
          {download && (
            <Typography.Link onClick={() => download(written.path)}>
              {t('export.download')}
            </Typography.Link>
          )}
        </span>,
      );
    } catch (error) {
      notifyError(error);
    }
  };
  return (
    <Button
      size="small"
      icon={<ExportOutlined />}
      onClick={() => void exportJson()}
      data-testid={`rubric-export-${version.sector}-${version.version}`}
    >
      {t('rubrics.exportJson')}
    </Button>
  );
}
