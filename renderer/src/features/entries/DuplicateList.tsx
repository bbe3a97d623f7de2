// 疑似重复: pairs of near-identical entries of one applicant side by side, with how alike their
// titles and summaries are; either entry opens its detail.
import { Alert, Empty, Flex, Skeleton, Table, Tag, Typography } from 'antd';
import type { DuplicatePair, EntryRow } from '@api/contract';
import { SUMMARY_SIMILARITY_THRESHOLD, TITLE_SIMILARITY_THRESHOLD } from '@core/duplicates';
import { LoadError } from '@shared/components/LoadError';
import type { Query } from '@shared/hooks';
import { useT } from '@shared/i18n';
import { testId } from '@shared/testId';

const percent = (value: number) => `${Math.round(value * 100)}%`;

export function DuplicateList({
  query,
  onOpen,
}: {
  query: Query<DuplicatePair[]>;
  onOpen: (id: number) => void;
}) {
  const t = useT();
  if (query.error) return <LoadError error={query.error} onRetry={query.reload} />;
  if (!query.data) return <Skeleton active />;
  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={t('duplicates.hint', {
          title: Math.round(TITLE_SIMILARITY_THRESHOLD * 100),
          summary: Math.round(SUMMARY_SIMILARITY_THRESHOLD * 100),
        })}
      />
      {query.data.length === 0 ? (
        <Empty className="sail-empty" description={t('duplicates.empty')} />
      ) : (
        <Table<DuplicatePair>
          data-testid="duplicates-table"
          size="small"
          bordered
          rowKey={(pair) => `${pair.a.id}:${pair.b.id}`}
          dataSource={query.data}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          onRow={(pair) => testId('duplicate-pair', { a: pair.a.entry_id, b: pair.b.entry_id })}
          columns={[
            {
              key: 'a',
              title: t('duplicates.entryA'),
              render: (_, pair) => <EntryCell entry={pair.a} onOpen={onOpen} />,
            },
            {
              key: 'similarity',
              title: t('duplicates.similarity'),
              width: 220,
              render: (_, pair) => <Similarity pair={pair} />,
            },
            {
              key: 'b',
              title: t('duplicates.entryB'),
              render: (_, pair) => <EntryCell entry={pair.b} onOpen={onOpen} />,
            },
          ]}
        />
      )}
    </>
  );
}

function EntryCell({ entry, onOpen }: { entry: EntryRow; onOpen: (id: number) => void }) {
  return (
    <Flex vertical gap={2}>
      <Typography.Link
        onClick={() => onOpen(entry.id)}
        data-testid="duplicate-entry"
        data-entry-id={entry.entry_id}
      >
        {entry.entry_id} · {entry.title}
      </Typography.Link>
      <Typography.Text type="secondary">{entry.applicant}</Typography.Text>
      {entry.track && <Typography.Text type="secondary">{entry.track}</Typography.Text>}
    </Flex>
  );
}

function Similarity({ pair }: { pair: DuplicatePair }) {
  const t = useT();
  return (
    <Flex vertical gap={4}>
      <Typography.Text strong data-testid="duplicate-title-similarity">
        {t('duplicates.titleSimilarity', { p: percent(pair.title_similarity) })}
      </Typography.Text>
      <Typography.Text>
        {t('duplicates.summarySimilarity', {
          p: pair.summary_similarity === null ? '—' : percent(pair.summary_similarity),
        })}
      </Typography.Text>
      <span>
        <Tag color={pair.same_track ? 'default' : 'orange'}>
          {t(pair.same_track ? 'duplicates.sameTrack' : 'duplicates.otherTrack')}
        </Tag>
      </span>
    </Flex>
  );
}
