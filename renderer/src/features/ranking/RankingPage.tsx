// 结果: the round ranked by the chosen method, overall or within a sector, with the flags that
// need the panel's attention and the settings, rubric versions and tie-break chain used; and,
// in tabs, the discussion queue, shortlists, robustness (with what-if weights) and charts. A
// click on an entry explains its result.
import { useState } from 'react';
import {
  Button,
  Card,
  Descriptions,
  Empty,
  Skeleton,
  Table,
  Tabs,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import type { RankResult, RankRow, ShortlistRuleInput } from '@api/contract';
import { DEFAULT_CUT_MARGIN } from '@core/scoring/discussion';
import type { RankFlag } from '@core/domain';
import { LoadError } from '@shared/components/LoadError';
import { Page } from '@shared/components/Page';
import { RankSettingsBar } from '@shared/components/RankSettingsBar';
import { formatScore, sectorName } from '@shared/format';
import { useSailQuery } from '@shared/hooks';
import { pick, useLang, useT, type Lang, type Translate } from '@shared/i18n';
import { useApp } from '@shared/store';
import { testId } from '@shared/testId';
import { rankInput, useRankSettings, type RankSettings } from '@shared/useRankSettings';
import { ChartsPanel } from './ChartsPanel';
import { DiscussionQueue } from './DiscussionQueue';
import { ExplainDrawer } from './ExplainDrawer';
import { FlagTags, labels, type Labels } from './labels';
import { RobustnessPanel } from './RobustnessPanel';
import { RuleBar } from './RuleBar';
import { ShortlistPanel } from './ShortlistPanel';
import { WhatIfPanel } from './WhatIfPanel';

export function RankingPage() {
  const t = useT();
  const round = useApp((state) => state.round);
  const setView = useApp((state) => state.setView);
  if (!round) {
    return (
      <Page title={t('nav.ranking')}>
        <Empty className="sail-empty" description={t('ranking.needRound')}>
          <Button type="primary" onClick={() => setView('rounds')}>
            {t('nav.rounds')}
          </Button>
        </Empty>
      </Page>
    );
  }
  return <RoundRanking key={round} round={round} />;
}

type ResultsTab = 'ranking' | 'discussion' | 'shortlists' | 'robustness' | 'charts';

function RoundRanking({ round }: { round: string }) {
  const t = useT();
  const lang = useLang();
  const { round: detail, settings, sectors, change } = useRankSettings(round);
  // The shortlist rule the discussion queue, shortlists, robustness and what-if work with.
  const [rule, setRule] = useState<ShortlistRuleInput>({ kind: 'top', n: 10 });
  const [margin, setMargin] = useState(DEFAULT_CUT_MARGIN);
  const [explained, setExplained] = useState<string | null>(null);
  const [tab, setTab] = useState<ResultsTab>('ranking');
  const names = detail.data ? labels(detail.data, lang, t) : null;
  const tabLabel = (key: ResultsTab) => (
    <span data-testid={`results-tab-${key}`}>{t(`results.tab.${key}`)}</span>
  );

  return (
    <Page title={`${t('nav.ranking')} · ${round}`}>
      {detail.error && <LoadError error={detail.error} onRetry={detail.reload} />}
      {settings && detail.data && names ? (
        <>
          <RankSettingsBar
            settings={settings}
            sectors={sectors}
            onChange={change}
            idPrefix="ranking"
          />
          {tab !== 'ranking' && tab !== 'charts' && (
            <RuleBar
              rule={rule}
              onRule={setRule}
              margin={tab === 'discussion' ? { value: margin, onChange: setMargin } : undefined}
              sectors={settings.scope === 'overall' ? sectors : [settings.scope]}
            />
          )}
          <Tabs
            activeKey={tab}
            onChange={(key) => setTab(key as ResultsTab)}
            destroyOnHidden
            items={[
              {
                key: 'ranking',
                label: tabLabel('ranking'),
                children: (
                  <Ranked
                    round={round}
                    settings={settings}
                    names={names}
                    onExplain={setExplained}
                  />
                ),
              },
              {
                key: 'discussion',
                label: tabLabel('discussion'),
                children: (
                  <DiscussionQueue
                    round={round}
                    settings={settings}
                    rule={rule}
                    margin={margin}
                    names={names}
                    onExplain={setExplained}
                  />
                ),
              },
              {
                key: 'shortlists',
                label: tabLabel('shortlists'),
                children: <ShortlistPanel round={round} settings={settings} rule={rule} />,
              },
              {
                key: 'robustness',
                label: tabLabel('robustness'),
                children: (
                  <>
                    <RobustnessPanel round={round} settings={settings} rule={rule} />
                    <Typography.Title level={5}>{t('whatif.title')}</Typography.Title>
                    <WhatIfPanel
                      round={round}
                      settings={settings}
                      rule={rule}
                      detail={detail.data}
                    />
                  </>
                ),
              },
              {
                key: 'charts',
                label: tabLabel('charts'),
                children: <ChartsPanel round={round} settings={settings} />,
              },
            ]}
          />
          <ExplainDrawer
            round={round}
            settings={settings}
            entry={explained}
            names={names}
            onClose={() => setExplained(null)}
          />
        </>
      ) : (
        !detail.error && <Skeleton active />
      )}
    </Page>
  );
}

function Ranked({
  round,
  settings,
  names,
  onExplain,
}: {
  round: string;
  settings: RankSettings;
  names: Labels;
  onExplain: (entryId: string) => void;
}) {
  const t = useT();
  const lang = useLang();
  const ranking = useSailQuery('ranking.rank', rankInput(round, settings));
  const result = ranking.data;
  const columns = rankColumns(result, names, lang, t);
  // A virtual table needs a numeric width to scroll sideways.
  const width = columns.reduce((sum, column) => sum + Number(column.width ?? 0), 0);

  return (
    <>
      {ranking.error && <LoadError error={ranking.error} onRetry={ranking.reload} />}
      {result && <RankHeader result={result} names={names} />}
      <Table<RankRow>
        data-testid="ranking-table"
        size="small"
        bordered
        rowKey="entry_id"
        loading={ranking.loading}
        dataSource={result?.rows}
        pagination={false}
        virtual
        scroll={{ x: width, y: 560 }}
        locale={{ emptyText: <Empty description={t('ranking.empty')} /> }}
        columns={columns}
        rowClassName={(row) => (row.rank === null ? 'sail-row-excluded' : '')}
        onRow={(row) => ({
          ...testId('ranking-row', { 'entry-id': row.entry_id }),
          onClick: () => onExplain(row.entry_id),
          style: { cursor: 'pointer' },
        })}
      />
    </>
  );
}

function RankHeader({ result, names }: { result: RankResult; names: Labels }) {
  const t = useT();
  const lang = useLang();
  const { settings } = result;
  return (
    <Card size="small" className="sail-rank-head" data-testid="ranking-settings">
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'method',
            label: t('rounds.settings'),
            children: [
              t(`method.${settings.method}`),
              ...(settings.method === 'trimmed' ? [t('rounds.trimK', { k: settings.trim_k })] : []),
              t('rounds.minReviews', { n: settings.min_reviews }),
              t('rounds.threshold', { n: settings.disagreement_threshold }),
              t('ranking.count', { n: result.rows.length }),
            ].join(' · '),
          },
          {
            key: 'rubrics',
            label: t('ranking.rubrics'),
            children: result.rubrics.map((rubric) => (
              <Tag key={`${rubric.sector}:${rubric.rubric_id}`}>
                {sectorName(lang, rubric.sector)} · {pick(lang, rubric.name_zh, rubric.name_en)} ·{' '}
                {t('rubrics.version', { n: rubric.version })}
              </Tag>
            )),
          },
          {
            key: 'tie',
            label: t('ranking.tieBreak'),
            children: (
              <span data-testid="ranking-tie-chain">
                {result.tie_break_chain
                  .map((step) => names.step(step, result.rubrics[0]?.rubric_id ?? 0))
                  .join(' → ')}
              </span>
            ),
          },
          ...(result.reviewer_flags.length > 0
            ? [
                {
                  key: 'reviewer-flags',
                  label: t('ranking.reviewerFlags'),
                  children: (
                    <span data-testid="ranking-reviewer-flags">
                      {result.reviewer_flags
                        .map((f) => `${f.reviewer_id}（${t(`explain.flag.${f.flag}`)}）`)
                        .join('、')}
                    </span>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

function rankColumns(
  result: RankResult | undefined,
  names: Labels,
  lang: Lang,
  t: Translate,
): TableColumnsType<RankRow> {
  const [first, ...others] = result?.rubrics ?? [];
  const onlyRubric =
    first && others.length === 0
      ? {
          id: first.rubric_id,
          criteria: [...new Set(result?.rows.flatMap((row) => Object.keys(row.criteria)))],
        }
      : undefined;
  const overall = result?.scope === 'overall';
  // What the panel reads first (score, flags) comes before the detail (place, criteria).
  return [
    {
      title: t('col.rank'),
      dataIndex: 'rank',
      width: 64,
      align: 'center',
      fixed: 'left',
      render: (rank: number | null) => rank ?? '—',
    },
    { title: t('col.entryId'), dataIndex: 'entry_id', width: 130, fixed: 'left' },
    { title: t('col.title'), dataIndex: 'title', width: 240, ellipsis: true },
    { title: t('col.applicant'), dataIndex: 'applicant', width: 200, ellipsis: true },
    {
      title: t('col.score'),
      dataIndex: 'score',
      width: 90,
      align: 'right',
      render: (score: number | null) => (
        <Typography.Text strong>{formatScore(score)}</Typography.Text>
      ),
    },
    {
      title: t('col.allJudgeMean'),
      dataIndex: 'all_judge_mean',
      width: 120,
      align: 'right',
      render: (mean: number | null) => formatScore(mean),
    },
    { title: t('col.reviews'), dataIndex: 'reviews', width: 80, align: 'right' },
    {
      title: t('col.flags'),
      dataIndex: 'flags',
      width: 220,
      render: (flags: RankFlag[]) => <FlagTags flags={flags} t={t} />,
    },
    {
      title: t('col.gateFailed'),
      dataIndex: 'gate_failed',
      width: 150,
      render: (gate: string | null, row: RankRow) =>
        gate && <Tag color="red">{names.gate(gate, row.rubric_id)}</Tag>,
    },
    { title: t('col.province'), dataIndex: 'province', width: 90 },
    ...(overall
      ? [
          {
            title: t('col.sector'),
            dataIndex: 'sector',
            width: 100,
            render: (sector: string | null) => sectorName(lang, sector),
          },
        ]
      : []),
    // Per-criterion means line up only within one rubric; across rubrics the explain drawer
    // shows each entry's own.
    ...(onlyRubric === undefined
      ? []
      : onlyRubric.criteria.map((key) => ({
          title: names.criterion(key, onlyRubric.id),
          key: `criterion-${key}`,
          width: 110,
          align: 'right' as const,
          render: (_: unknown, row: RankRow) => {
            const mean = row.criteria[key];
            return mean === undefined ? '' : formatScore(mean);
          },
        }))),
    {
      title: t('col.decidedBy'),
      dataIndex: 'decided_by',
      width: 140,
      render: (step: string | null, row: RankRow) => step && names.step(step, row.rubric_id),
    },
  ];
}
