// The discussion queue the chair walks through, one entry at a time (buttons or ← / →, j / k):
// why it is on the queue, its review totals, and per criterion how far the reviews are apart,
// with the criteria that drive the disagreement highlighted.
import { useEffect, useState } from 'react';
import { Button, Card, Empty, Flex, List, Skeleton, Table, Tag, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import type {
  CriterionSpreadRow,
  DiscussionItem,
  DiscussionReason,
  RankRow,
  ShortlistRuleInput,
} from '@api/contract';
import { LoadError } from '@shared/components/LoadError';
import { formatScore, sectorName } from '@shared/format';
import { useSailQuery } from '@shared/hooks';
import { pick, useLang, useT } from '@shared/i18n';
import { testId } from '@shared/testId';
import { rankInput, type RankSettings } from '@shared/useRankSettings';
import { FlagTags, type Labels } from './labels';

const REASON_COLOURS: Record<DiscussionReason, string> = {
  disagreement: 'red',
  gate_split: 'volcano',
  near_cut: 'blue',
  insufficient_reviews: 'orange',
};

interface DiscussionQueueProps {
  round: string;
  settings: RankSettings;
  rule: ShortlistRuleInput;
  margin: number;
  names: Labels;
  onExplain: (entryId: string) => void;
}

/** Keys typed into a field are the field's, not the queue's. */
const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

export function DiscussionQueue({
  round,
  settings,
  rule,
  margin,
  names,
  onExplain,
}: DiscussionQueueProps) {
  const t = useT();
  const query = useSailQuery('ranking.discussion', { ...rankInput(round, settings), rule, margin });
  const items = query.data?.items ?? [];
  const [position, setPosition] = useState(0);
  const current = items[Math.min(position, items.length - 1)];
  const at = current ? items.indexOf(current) : -1;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (typing(event.target) || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === 'ArrowRight' || event.key === 'j') {
        setPosition((p) => Math.min(p + 1, items.length - 1));
      } else if (event.key === 'ArrowLeft' || event.key === 'k') {
        setPosition((p) => Math.max(p - 1, 0));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [items.length]);

  // Not ranked because a gate failed (the gate named) or because no review was submitted.
  const unrankedWhy = (row: RankRow) =>
    row.gate_failed
      ? `${t('col.gateFailed')}：${names.gate(row.gate_failed, row.rubric_id)}`
      : t('discussion.unranked');

  if (query.error) return <LoadError error={query.error} onRetry={query.reload} />;
  if (!query.data) return <Skeleton active />;
  if (items.length === 0) return <Empty description={t('discussion.empty')} />;
  const cuts = query.data.cuts.filter((cut) => cut.cut_score !== null);

  return (
    <Flex gap={16} align="start" data-testid="discussion" data-count={items.length}>
      <List
        size="small"
        bordered
        style={{ width: 320, flex: 'none', maxHeight: 620, overflow: 'auto' }}
        header={
          <Typography.Text type="secondary">
            {t('discussion.count', { n: items.length })}
            {cuts.length > 0 &&
              ` · ${t('discussion.cut', { scores: cuts.map((c) => formatScore(c.cut_score)).join(' / ') })}`}
          </Typography.Text>
        }
        dataSource={items}
        renderItem={(item, i) => (
          <List.Item
            className={i === at ? 'sail-queue-current' : ''}
            style={{
              cursor: 'pointer',
              background: i === at ? 'var(--ant-color-primary-bg)' : undefined,
            }}
            onClick={() => setPosition(i)}
            {...testId('discussion-item', {
              'entry-id': item.row.entry_id,
              current: String(i === at),
            })}
          >
            <Flex vertical gap={2}>
              <Typography.Text>
                {item.row.rank === null
                  ? `${item.row.entry_id} · ${unrankedWhy(item.row)}`
                  : `${item.row.rank}. ${item.row.entry_id} · ${formatScore(item.row.score)}`}
              </Typography.Text>
              <span>
                {item.reasons.map((reason) => (
                  <Tag key={reason} color={REASON_COLOURS[reason]} data-reason={reason}>
                    {t(`discussion.reason.${reason}`)}
                  </Tag>
                ))}
              </span>
            </Flex>
          </List.Item>
        )}
      />
      {current && (
        <QueueItem
          item={current}
          position={at}
          count={items.length}
          onMove={(step) => setPosition(Math.max(0, Math.min(items.length - 1, at + step)))}
          unrankedWhy={unrankedWhy}
          onExplain={onExplain}
        />
      )}
    </Flex>
  );
}

function QueueItem({
  item,
  position,
  count,
  onMove,
  unrankedWhy,
  onExplain,
}: {
  item: DiscussionItem;
  position: number;
  count: number;
  onMove: (step: number) => void;
  unrankedWhy: (row: RankRow) => string;
  onExplain: (entryId: string) => void;
}) {
  const t = useT();
  const lang = useLang();
  const { row } = item;
  const range = item.totals.length > 0 ? (item.totals.at(-1) ?? 0) - (item.totals[0] ?? 0) : null;
  return (
    <Card
      style={{ flex: 1, minWidth: 0 }}
      data-testid="discussion-current"
      data-entry-id={row.entry_id}
      title={`${row.entry_id} · ${row.title}`}
      extra={
        <Flex gap={8} align="center">
          <Button
            icon={<LeftOutlined />}
            disabled={position === 0}
            onClick={() => onMove(-1)}
            data-testid="discussion-prev"
          >
            {t('discussion.prev')}
          </Button>
          <Typography.Text data-testid="discussion-position">
            {position + 1} / {count}
          </Typography.Text>
          <Button
            icon={<RightOutlined />}
            iconPlacement="end"
            disabled={position === count - 1}
            onClick={() => onMove(1)}
            data-testid="discussion-next"
          >
            {t('discussion.next')}
          </Button>
          <Button onClick={() => onExplain(row.entry_id)} data-testid="discussion-explain">
            {t('explain.open')}
          </Button>
        </Flex>
      }
    >
      <Flex vertical gap={12}>
        <Typography.Text>
          {row.rank === null
            ? unrankedWhy(row)
            : `${t('col.rank')} ${row.rank} · ${t('col.score')} ${formatScore(row.score)}`}{' '}
          · {sectorName(lang, row.sector)} · {t('col.reviews')} {row.reviews}
          {item.cut_score !== null &&
            row.rank !== null &&
            row.score !== null &&
            ` · ${t('discussion.distance', { d: formatScore(row.score - item.cut_score) })}`}
        </Typography.Text>
        <span>
          <FlagTags flags={row.flags} t={t} />
        </span>
        {item.gates.length > 0 && (
          <Typography.Text data-testid="discussion-gates">
            {t('discussion.gates')}：
            {item.gates
              .map((gate) =>
                t('discussion.gateVote', {
                  gate: pick(lang, gate.name_zh, gate.name_en),
                  fails: gate.fails,
                  answers: gate.answers,
                }),
              )
              .join('；')}
          </Typography.Text>
        )}
        <Typography.Text data-testid="discussion-totals">
          {t('discussion.totals')}：{item.totals.map((v) => formatScore(v)).join('、') || '—'}
          {range !== null && `（${t('discussion.range', { range: formatScore(range) })}）`}
        </Typography.Text>
        <Table<CriterionSpreadRow>
          size="small"
          bordered
          pagination={false}
          rowKey="key"
          data-testid="discussion-spreads"
          dataSource={item.spreads}
          rowClassName={(spread) => (spread.driver ? 'sail-row-driver' : '')}
          onRow={(spread) =>
            testId('spread-row', { key: spread.key, driver: String(spread.driver) })
          }
          columns={[
            {
              title: t('col.criterion'),
              key: 'name',
              render: (_, spread) => (
                <span>
                  {pick(lang, spread.name_zh, spread.name_en)}
                  {spread.driver && (
                    <Tag color="red" style={{ marginLeft: 6 }}>
                      {t('discussion.driver')}
                    </Tag>
                  )}
                </span>
              ),
            },
            { title: t('col.max'), dataIndex: 'max', align: 'right' },
            {
              title: t('discussion.low'),
              dataIndex: 'low',
              align: 'right',
              render: (v: number | null) => v ?? '—',
            },
            {
              title: t('discussion.high'),
              dataIndex: 'high',
              align: 'right',
              render: (v: number | null) => v ?? '—',
            },
            {
              title: t('discussion.spread'),
              dataIndex: 'range',
              align: 'right',
              render: (v: number | null, spread) =>
                v === null ? (
                  '—'
                ) : (
                  <Typography.Text
                    strong={spread.driver}
                    type={spread.driver ? 'danger' : undefined}
                  >
                    {v}（{Math.round((v / spread.max) * 100)}%）
                  </Typography.Text>
                ),
            },
          ]}
        />
      </Flex>
    </Card>
  );
}
