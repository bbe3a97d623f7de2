// What-if weights: the chair gives the criteria of the rubric in scope other maximum points
// (still adding up to 100) and sees who moves into or out of the shortlist and how ranks change.
// Computed on the fly; nothing is saved.
import { useState } from 'react';
import { Alert, Button, Empty, Flex, InputNumber, Skeleton, Table, Tag, Typography } from 'antd';
import type { RoundDetail, ShortlistRuleInput, WhatIfRow } from '@api/contract';
import type { RubricVersion } from '@core/domain';
import { LoadError } from '@shared/components/LoadError';
import { formatScore } from '@shared/format';
import { useDebounced, useSailQuery } from '@shared/hooks';
import { pick, useLang, useT } from '@shared/i18n';
import { testId } from '@shared/testId';
import { rankInput, type RankSettings } from '@shared/useRankSettings';

const MOVE_COLOURS: Record<WhatIfRow['movement'], string> = {
  in: 'green',
  out: 'red',
  up: 'blue',
  down: 'orange',
  same: 'default',
};

interface WhatIfPanelProps {
  round: string;
  settings: RankSettings;
  rule: ShortlistRuleInput;
  detail: RoundDetail;
}

/** The one rubric of the scope: the sector's pin, or the round's only pin overall. */
function scopeRubric(detail: RoundDetail, scope: string): RubricVersion | null {
  if (scope !== 'overall') return detail.pins.find((pin) => pin.sector === scope)?.rubric ?? null;
  const ids = new Set(detail.pins.map((pin) => pin.rubric.id));
  return ids.size === 1 ? (detail.pins[0]?.rubric ?? null) : null;
}

export function WhatIfPanel(props: WhatIfPanelProps) {
  const t = useT();
  const rubric = scopeRubric(props.detail, props.settings.scope);
  if (!rubric) return <Alert type="info" showIcon title={t('whatif.needSector')} />;
  return <WhatIf key={rubric.id} rubric={rubric} {...props} />;
}

function WhatIf({ round, settings, rule, rubric }: WhatIfPanelProps & { rubric: RubricVersion }) {
  const t = useT();
  const lang = useLang();
  const original = Object.fromEntries(rubric.criteria.map((c) => [c.key, c.max]));
  const [weights, setWeights] = useState<Record<string, number>>(original);
  const sum = Object.values(weights).reduce((a, b) => a + b, 0);
  const valid = Math.abs(sum - 100) < 1e-6;
  const settled = useDebounced(weights, 300);
  const query = useSailQuery(
    'ranking.whatif',
    valid ? { ...rankInput(round, settings), rule, weights: settled } : null,
  );
  const data = query.data;
  const moved = data?.rows.filter((row) => row.movement !== 'same') ?? [];

  return (
    <Flex vertical gap={12} data-testid="whatif">
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('whatif.hint')}
      </Typography.Paragraph>
      <Flex gap={12} wrap align="center">
        {rubric.criteria.map((c) => (
          <Flex key={c.key} vertical gap={2}>
            <Typography.Text>
              {pick(lang, c.name_zh, c.name_en)}（{c.max}）
            </Typography.Text>
            <InputNumber
              min={0}
              max={100}
              precision={1}
              step={5}
              value={weights[c.key] ?? c.max}
              onChange={(v) => v !== null && setWeights((w) => ({ ...w, [c.key]: v }))}
              data-testid={`whatif-weight-${c.key}`}
            />
          </Flex>
        ))}
        <Typography.Text type={valid ? 'secondary' : 'danger'} data-testid="whatif-sum">
          {t('whatif.sum', { sum: Math.round(sum * 100) / 100 })}
        </Typography.Text>
        <Button onClick={() => setWeights(original)} data-testid="whatif-reset">
          {t('whatif.reset')}
        </Button>
      </Flex>
      {!valid && <Alert type="warning" showIcon title={t('whatif.not100')} />}
      {query.error && <LoadError error={query.error} onRetry={query.reload} />}
      {valid && !data && !query.error && <Skeleton active />}
      {valid && data && (
        <>
          <Flex
            gap={8}
            wrap
            data-testid="whatif-summary"
            data-in={data.moved_in.join(',')}
            data-out={data.moved_out.join(',')}
          >
            <Typography.Text>{t('whatif.movedIn')}：</Typography.Text>
            {data.moved_in.length
              ? data.moved_in.map((id) => (
                  <Tag key={id} color="green">
                    {id}
                  </Tag>
                ))
              : '—'}
            <Typography.Text>{t('whatif.movedOut')}：</Typography.Text>
            {data.moved_out.length
              ? data.moved_out.map((id) => (
                  <Tag key={id} color="red">
                    {id}
                  </Tag>
                ))
              : '—'}
          </Flex>
          <Table<WhatIfRow>
            size="small"
            bordered
            rowKey="entry_id"
            data-testid="whatif-table"
            dataSource={moved}
            pagination={moved.length > 100 ? { pageSize: 100, showSizeChanger: false } : false}
            locale={{ emptyText: <Empty description={t('whatif.nobodyMoves')} /> }}
            onRow={(row) =>
              testId('whatif-row', { 'entry-id': row.entry_id, movement: row.movement })
            }
            columns={[
              { title: t('col.entryId'), dataIndex: 'entry_id', width: 130 },
              { title: t('col.title'), dataIndex: 'title', ellipsis: true },
              {
                title: t('whatif.before'),
                key: 'before',
                width: 150,
                render: (_, row) => `${row.before.rank ?? '—'}（${formatScore(row.before.score)}）`,
              },
              {
                title: t('whatif.after'),
                key: 'after',
                width: 150,
                render: (_, row) => `${row.after.rank ?? '—'}（${formatScore(row.after.score)}）`,
              },
              {
                title: t('whatif.movement'),
                dataIndex: 'movement',
                width: 120,
                render: (m: WhatIfRow['movement']) => (
                  <Tag color={MOVE_COLOURS[m]}>{t(`whatif.move.${m}`)}</Tag>
                ),
              },
            ]}
          />
        </>
      )}
    </Flex>
  );
}
