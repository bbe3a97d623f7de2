// Why an entry has its result: each submitted review, the totals the trimmed mean dropped, the
// z-score transformation per reviewer, and the tie-break step against the entries above and below.
import {
  Alert,
  Card,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Skeleton,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { EntryExplanation, ExplainNeighbour, ExplainReview } from '@api/contract';
import { LoadError } from '@shared/components/LoadError';
import { ReviewHistoryButton } from '@shared/components/ReviewHistory';
import { formatScore } from '@shared/format';
import { useSailQuery } from '@shared/hooks';
import { useT, type Translate } from '@shared/i18n';
import { testId } from '@shared/testId';
import { rankInput, type RankSettings } from '@shared/useRankSettings';
import { FlagTags, type Labels } from './labels';

interface ExplainDrawerProps {
  round: string;
  settings: RankSettings;
  entry: string | null;
  names: Labels;
  onClose: () => void;
}

export function ExplainDrawer({ round, settings, entry, names, onClose }: ExplainDrawerProps) {
  const query = useSailQuery(
    'ranking.explain',
    entry === null ? null : { ...rankInput(round, settings), entry },
  );
  const data = query.data?.row.entry_id === entry ? query.data : undefined;
  return (
    <Drawer
      open={entry !== null}
      onClose={onClose}
      size="large"
      title={data ? `${data.row.entry_id} · ${data.row.title}` : entry}
      data-testid="explain-drawer"
    >
      {query.error && <LoadError error={query.error} onRetry={query.reload} />}
      {data ? <Explanation data={data} names={names} /> : !query.error && <Skeleton active />}
    </Drawer>
  );
}

function Explanation({ data, names }: { data: EntryExplanation; names: Labels }) {
  const t = useT();
  const { row, settings } = data;
  return (
    <Flex vertical gap={16}>
      <Descriptions
        size="small"
        column={2}
        bordered
        items={[
          { key: 'rank', label: t('col.rank'), children: row.rank ?? '—' },
          {
            key: 'score',
            label: `${t('col.score')}（${t(`method.${settings.method}`)}）`,
            children: <span data-testid="explain-score">{formatScore(row.score)}</span>,
          },
          { key: 'mean', label: t('col.allJudgeMean'), children: formatScore(row.all_judge_mean) },
          { key: 'reviews', label: t('col.reviews'), children: row.reviews },
          {
            key: 'flags',
            label: t('col.flags'),
            span: 2,
            children: row.flags.length ? <FlagTags flags={row.flags} t={t} /> : '—',
          },
          ...(row.gate_failed
            ? [
                {
                  key: 'gate',
                  label: t('col.gateFailed'),
                  span: 2,
                  children: <Tag color="red">{names.gate(row.gate_failed, row.rubric_id)}</Tag>,
                },
              ]
            : []),
        ]}
      />
      <MethodNote data={data} />
      <ReviewsTable data={data} names={names} />
      {data.gates.length > 0 && (
        <Typography.Text type="secondary" data-testid="explain-gates">
          {data.gates
            .map((g) =>
              t('explain.gateVotes', {
                gate: names.gate(g.key, row.rubric_id),
                fails: g.fails,
                n: data.reviews.length,
              }),
            )
            .join('；')}
        </Typography.Text>
      )}
      {data.zscore && <ZscoreTable data={data} />}
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('explain.neighbours')}
      </Typography.Title>
      {row.rank === null ? (
        <Alert type="info" showIcon title={t('explain.unranked')} />
      ) : (
        <Flex gap={12} wrap>
          {(['above', 'below'] as const).map((side) => (
            <Neighbour
              key={side}
              side={side}
              neighbour={data[side]}
              rubricId={row.rubric_id}
              names={names}
              t={t}
            />
          ))}
        </Flex>
      )}
    </Flex>
  );
}

function MethodNote({ data }: { data: EntryExplanation }) {
  const t = useT();
  const { settings, trimmed, reviews } = data;
  let text: string;
  if (trimmed) {
    text = trimmed.applied
      ? t('explain.trimmed', {
          k: trimmed.k,
          dropped: reviews
            .filter((r) => r.dropped)
            .map((r) => formatScore(r.total))
            .join('、'),
        })
      : t('explain.tooFewToTrim', { k: trimmed.k, need: 2 * trimmed.k + 3, n: reviews.length });
  } else if (settings.method === 'zscore' && data.zscore) {
    text = t('explain.zscore', {
      mean: formatScore(data.zscore.mean),
      sd: formatScore(data.zscore.sd),
    });
  } else {
    text = t(`explain.method.${settings.method === 'median' ? 'median' : 'mean'}`);
  }
  return <Alert type="info" showIcon title={text} data-testid="explain-method" />;
}

function ReviewsTable({ data, names }: { data: EntryExplanation; names: Labels }) {
  const t = useT();
  const zscore = data.zscore !== null;
  return (
    <Table<ExplainReview>
      size="small"
      bordered
      pagination={false}
      rowKey="reviewer_id"
      data-testid="explain-reviews"
      scroll={{ x: 'max-content' }}
      dataSource={data.reviews}
      locale={{ emptyText: <Empty description={t('explain.noReviews')} /> }}
      rowClassName={(review) => (review.dropped ? 'sail-row-dropped' : '')}
      onRow={(review) =>
        testId('explain-review', {
          reviewer: review.reviewer_id,
          dropped: String(review.dropped),
        })
      }
      columns={[
        {
          title: t('explain.reviewer'),
          key: 'reviewer',
          fixed: 'left',
          render: (_, review) => (
            <span>
              {review.reviewer_name}{' '}
              <Typography.Text type="secondary">{review.reviewer_id}</Typography.Text>
            </span>
          ),
        },
        {
          title: t('explain.total'),
          dataIndex: 'total',
          align: 'right',
          render: (total: number, review) => (
            <span>
              <Typography.Text strong delete={review.dropped}>
                {formatScore(total)}
              </Typography.Text>
              {review.dropped && (
                <Tag color="default" style={{ marginLeft: 6 }}>
                  {t('explain.dropped')}
                </Tag>
              )}
            </span>
          ),
        },
        ...(zscore
          ? [
              {
                title: t('explain.normalised'),
                dataIndex: 'normalised',
                align: 'right' as const,
                render: (value: number | null) => formatScore(value),
              },
            ]
          : []),
        ...data.criteria.map((c) => ({
          title: `${names.criterion(c.key, data.row.rubric_id)}（${c.max}）`,
          key: `c-${c.key}`,
          align: 'right' as const,
          render: (_: unknown, review: ExplainReview) => review.scores[c.key] ?? '—',
        })),
        ...data.gates.map((g) => ({
          title: names.gate(g.key, data.row.rubric_id),
          key: `g-${g.key}`,
          render: (_: unknown, review: ExplainReview) =>
            review.gates[g.key] === 'fail' ? (
              <Tag color="red">{t('explain.fail')}</Tag>
            ) : (
              <Tag color="green">{t('explain.pass')}</Tag>
            ),
        })),
        {
          title: t('explain.comment'),
          dataIndex: 'comment',
          width: 240,
          render: (comment: string) => comment || '—',
        },
        {
          title: t('history.open'),
          key: 'history',
          render: (_, review) => (
            <ReviewHistoryButton
              review={{ round: data.round, reviewer: review.reviewer_id, entry: data.entry }}
              title={`${data.row.entry_id} · ${review.reviewer_name}`}
              rubric={data}
            />
          ),
        },
      ]}
    />
  );
}

function ZscoreTable({ data }: { data: EntryExplanation }) {
  const t = useT();
  const reviewers = data.zscore?.reviewers ?? [];
  const name = new Map(data.reviews.map((r) => [r.reviewer_id, r.reviewer_name]));
  return (
    <Table
      size="small"
      bordered
      pagination={false}
      rowKey="reviewer_id"
      data-testid="explain-zscore"
      dataSource={reviewers}
      onRow={(reviewer) =>
        testId('explain-zscore-row', { reviewer: reviewer.reviewer_id, flag: reviewer.flag ?? '' })
      }
      columns={[
        {
          title: t('explain.reviewer'),
          dataIndex: 'reviewer_id',
          render: (id: string) => name.get(id) ?? id,
        },
        { title: t('explain.reviewerTotals'), dataIndex: 'totals', align: 'right' },
        {
          title: 'μr',
          dataIndex: 'mean',
          align: 'right',
          render: (v: number) => formatScore(v),
        },
        { title: 'σr', dataIndex: 'sd', align: 'right', render: (v: number) => formatScore(v) },
        {
          title: t('explain.reviewerFlag'),
          dataIndex: 'flag',
          render: (flag: 'too_few_totals' | 'zero_spread' | null) =>
            flag ? <Tag color="orange">{t(`explain.flag.${flag}`)}</Tag> : t('explain.transformed'),
        },
      ]}
    />
  );
}

function Neighbour({
  side,
  neighbour,
  rubricId,
  names,
  t,
}: {
  side: 'above' | 'below';
  neighbour: ExplainNeighbour | null;
  /** The entry's rubric, whose criteria name the tie-break steps. */
  rubricId: number;
  names: Labels;
  t: Translate;
}) {
  return (
    <Card
      size="small"
      title={t(`explain.${side}`)}
      style={{ flex: '1 1 280px' }}
      data-testid={`explain-${side}`}
      data-decided-by={neighbour?.decided_by ?? ''}
    >
      {neighbour ? (
        <Flex vertical gap={6}>
          <Typography.Text>
            {neighbour.entry_id} · {neighbour.title}（
            {t('explain.rankN', { n: neighbour.rank ?? '—' })}）
          </Typography.Text>
          <Typography.Text strong>
            {neighbour.decided_by === 'tie'
              ? t('explain.tied')
              : t('explain.decidedBy', { step: names.step(neighbour.decided_by, rubricId) })}
          </Typography.Text>
          {neighbour.steps.map((step) => (
            <Typography.Text
              key={step.step}
              type={step.step === neighbour.decided_by ? undefined : 'secondary'}
            >
              {names.step(step.step, rubricId)}：
              {t('explain.versus', { a: formatScore(step.entry), b: formatScore(step.other) })}
            </Typography.Text>
          ))}
        </Flex>
      ) : (
        <Typography.Text type="secondary">{t(`explain.none.${side}`)}</Typography.Text>
      )}
    </Card>
  );
}
