// 项目概览: what the project holds, how far each round is, what was imported and exported lately.
import type { ReactNode } from 'react';
import { Card, Col, Descriptions, Empty, Row, Statistic, Table, Tag } from 'antd';
import type { ImportRecord, RoundSummary } from '@api/contract';
import { PROGRAMMES } from '@core/domain';
import { Page } from '@shared/components/Page';
import { ExportHistory } from '@shared/components/ExportHistory';
import { LoadError } from '@shared/components/LoadError';
import { RoundStatusTag } from '@shared/components/StatusTag';
import { formatTime, programmeFullName, programmeName, stageName } from '@shared/format';
import { useSailQuery } from '@shared/hooks';
import { useLang, useT } from '@shared/i18n';
import { useApp, type View } from '@shared/store';
import { BackupsCard } from './BackupsCard';
import { GettingStarted } from './GettingStarted';
import { IntegrityCard } from './IntegrityCard';

export function OverviewPage() {
  const t = useT();
  const lang = useLang();
  const overview = useSailQuery('project.overview', {});
  const setView = useApp((state) => state.setView);
  const data = overview.data;

  const stat = (id: string, title: string, value: number | undefined, view: View): ReactNode => (
    <Col xs={12} lg={6} key={id}>
      <Card hoverable onClick={() => setView(view)} data-testid={`overview-${id}`}>
        <Statistic title={title} value={value ?? '—'} loading={!data} />
      </Card>
    </Col>
  );

  return (
    <Page title={data?.project.name ?? t('nav.overview')}>
      {overview.error && <LoadError error={overview.error} onRetry={overview.reload} />}
      {data && (
        <Descriptions
          size="small"
          column={{ xs: 1, lg: 3 }}
          style={{ marginBottom: 16 }}
          items={[
            { key: 'file', label: t('overview.file'), children: data.project.path },
            { key: 'kind', label: t('overview.kind'), children: t(`kind.${data.project.kind}`) },
            {
              key: 'schema',
              label: t('overview.schema'),
              children: data.project.schema_version,
            },
          ]}
        />
      )}
      {data && <GettingStarted overview={data} />}
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        {PROGRAMMES.map((programme) =>
          stat(
            `entries-${programme}`,
            t('overview.entriesOf', { programme: programmeName(lang, programme) }),
            data?.entries[programme],
            'entries',
          ),
        )}
        {stat('reviewers', t('overview.reviewers'), data?.reviewers, 'reviewers')}
        {stat('rubrics', t('overview.rubrics'), data?.rubrics, 'rubrics')}
      </Row>
      <Card title={t('overview.rounds')} style={{ marginBottom: 16 }}>
        <RoundsTable rows={data?.rounds} loading={!data && !overview.error} />
      </Card>
      <Card title={t('overview.recentImports')}>
        <ImportsTable rows={data?.recent_imports} loading={!data && !overview.error} />
      </Card>
      <ExportHistory limit={5} title={t('overview.recentExports')} />
      <IntegrityCard />
      <BackupsCard />
    </Page>
  );
}

interface TableProps<T> {
  rows: T[] | undefined;
  loading: boolean;
}

function RoundsTable({ rows, loading }: TableProps<RoundSummary>) {
  const t = useT();
  const lang = useLang();
  const setRound = useApp((state) => state.setRound);
  const setView = useApp((state) => state.setView);
  return (
    <Table<RoundSummary>
      data-testid="overview-rounds"
      size="small"
      rowKey="uuid"
      loading={loading}
      dataSource={rows}
      pagination={false}
      locale={{ emptyText: <Empty description={t('overview.noRounds')} /> }}
      onRow={(round) => ({
        onClick: () => {
          setRound(round.name);
          setView('rounds');
        },
        style: { cursor: 'pointer' },
      })}
      columns={[
        { title: t('col.name'), dataIndex: 'name' },
        {
          title: t('col.programme'),
          dataIndex: 'programme',
          render: (programme: RoundSummary['programme']) => (
            <span title={programmeFullName(lang, programme)}>{programmeName(lang, programme)}</span>
          ),
        },
        {
          title: t('col.stage'),
          dataIndex: 'stage',
          render: (stage: string | null) => stageName(lang, stage),
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
      ]}
    />
  );
}

function ImportsTable({ rows, loading }: TableProps<ImportRecord>) {
  const t = useT();
  const lang = useLang();
  return (
    <Table<ImportRecord>
      data-testid="overview-imports"
      size="small"
      rowKey="id"
      loading={loading}
      dataSource={rows}
      pagination={false}
      locale={{ emptyText: <Empty description={t('overview.noImports')} /> }}
      columns={[
        { title: t('col.file'), dataIndex: 'file_name', width: 300, ellipsis: true },
        {
          title: t('col.programme'),
          dataIndex: 'programme',
          render: (programme: ImportRecord['programme']) => (
            <Tag>{programmeName(lang, programme)}</Tag>
          ),
        },
        { title: t('import.rows'), dataIndex: 'rows', align: 'right' },
        { title: t('import.inserted'), dataIndex: 'inserted', align: 'right' },
        { title: t('import.updated'), dataIndex: 'updated', align: 'right' },
        { title: t('import.unchanged'), dataIndex: 'unchanged', align: 'right' },
        {
          title: t('import.rejected'),
          dataIndex: 'rejected',
          align: 'right',
          render: (n: number) => (n > 0 ? <Tag color="error">{n}</Tag> : n),
        },
        {
          title: t('col.importedAt'),
          dataIndex: 'imported_at',
          render: (time: string) => formatTime(lang, time),
        },
      ]}
    />
  );
}
