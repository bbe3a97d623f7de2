// 评审批次: the rounds of the project; choosing one makes it the current round everywhere.
import { useState } from 'react';
import { Button, Empty, Table, Tag } from 'antd';
import { CheckOutlined, PlusOutlined } from '@ant-design/icons';
import type { RoundSummary } from '@api/contract';
import { LoadError } from '@shared/components/LoadError';
import { Page } from '@shared/components/Page';
import { RoundStatusTag } from '@shared/components/StatusTag';
import { formatTime, programmeName, stageName } from '@shared/format';
import { useSailQuery } from '@shared/hooks';
import { useLang, useT } from '@shared/i18n';
import { useApp } from '@shared/store';
import { testId } from '@shared/testId';
import { CreateRoundModal } from './CreateRoundModal';
import { RoundDetailCard } from './RoundDetailCard';

export function RoundsPage() {
  const t = useT();
  const lang = useLang();
  const rounds = useSailQuery('rounds.list', {});
  const current = useApp((state) => state.round);
  const setRound = useApp((state) => state.setRound);
  const [creating, setCreating] = useState(false);
  const shown = rounds.data?.find((round) => round.name === current) ?? rounds.data?.[0];

  return (
    <Page
      title={t('nav.rounds')}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setCreating(true)}
          data-testid="rounds-create"
        >
          {t('rounds.create')}
        </Button>
      }
    >
      {rounds.error && <LoadError error={rounds.error} onRetry={rounds.reload} />}
      <Table<RoundSummary>
        data-testid="rounds-table"
        size="middle"
        rowKey="uuid"
        loading={rounds.loading && !rounds.data}
        dataSource={rounds.data}
        pagination={false}
        rowClassName={(round) => (round.name === current ? 'sail-row-current' : '')}
        onRow={(round) => ({
          onClick: () => setRound(round.name),
          style: { cursor: 'pointer' },
          ...testId(`round-row-${round.name}`),
        })}
        locale={{
          emptyText: (
            <Empty description={t('rounds.empty')}>
              <Button type="primary" onClick={() => setCreating(true)}>
                {t('rounds.create')}
              </Button>
            </Empty>
          ),
        }}
        columns={[
          { title: t('col.name'), dataIndex: 'name' },
          {
            title: t('col.programme'),
            dataIndex: 'programme',
            render: (programme: RoundSummary['programme']) => programmeName(lang, programme),
          },
          {
            title: t('col.stage'),
            dataIndex: 'stage',
            render: (stage: string | null) => stageName(lang, stage) || '—',
          },
          {
            title: t('col.status'),
            dataIndex: 'status',
            render: (status: RoundSummary['status']) => <RoundStatusTag status={status} />,
          },
          { title: t('col.entries'), dataIndex: 'entries', align: 'right' },
          { title: t('col.reviewsSubmitted'), dataIndex: 'reviews_submitted', align: 'right' },
          {
            title: t('col.method'),
            key: 'method',
            render: (_, round) => t(`method.${round.settings.method}`),
          },
          {
            title: t('col.createdAt'),
            dataIndex: 'created_at',
            render: (time: string) => formatTime(lang, time),
          },
          {
            title: '',
            key: 'current',
            width: 150,
            align: 'right',
            render: (_, round) =>
              round.name === current ? (
                <Tag icon={<CheckOutlined />} color="blue">
                  {t('rounds.isCurrent')}
                </Tag>
              ) : (
                <Button size="small" data-testid={`round-select-${round.name}`}>
                  {t('rounds.setCurrent')}
                </Button>
              ),
          },
        ]}
      />
      {shown && <RoundDetailCard name={shown.name} />}
      <CreateRoundModal open={creating} onClose={() => setCreating(false)} />
    </Page>
  );
}
