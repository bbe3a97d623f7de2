// One sector's rubric: a version picker, the criteria with their points and guides, the gate
// items and the tie-break order.
import { useState } from 'react';
import { Descriptions, Flex, Segmented, Table, Tag, Tooltip, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import type { Criterion, RubricVersion } from '@core/domain';
import { formatTime } from '@shared/format';
import { pick, useLang, useT } from '@shared/i18n';

export function RubricView({ versions }: { versions: RubricVersion[] }) {
  const t = useT();
  const lang = useLang();
  const [chosen, setChosen] = useState<number | null>(null);
  const rubric = versions.find((v) => v.version === chosen) ?? versions[0];
  if (!rubric) return null;

  const sum = rubric.criteria.reduce((total, criterion) => total + criterion.max, 0);
  const nameOf = (key: string) => {
    const criterion = rubric.criteria.find((c) => c.key === key);
    return criterion ? pick(lang, criterion.name_zh, criterion.name_en) : key;
  };

  return (
    <div data-testid={`rubric-${rubric.sector}`}>
      <Flex align="center" gap={12} wrap style={{ marginBottom: 12 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {pick(lang, rubric.name_zh, rubric.name_en)}
        </Typography.Title>
        {versions.length > 1 ? (
          <Segmented<number>
            size="small"
            value={rubric.version}
            onChange={setChosen}
            options={versions.map((v) => ({
              value: v.version,
              label: t('rubrics.version', { n: v.version }),
            }))}
          />
        ) : (
          <Tag>{t('rubrics.version', { n: rubric.version })}</Tag>
        )}
        {rubric.frozen && (
          <Tooltip title={t('rubrics.frozenHint')}>
            <Tag icon={<LockOutlined />} color="gold">
              {t('rubrics.frozen')}
            </Tag>
          </Tooltip>
        )}
        <Typography.Text type="secondary">
          {t('rubrics.createdAt', { time: formatTime(rubric.created_at) })}
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
