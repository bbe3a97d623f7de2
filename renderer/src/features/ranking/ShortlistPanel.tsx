// Shortlists: the entries the current rule admits (ties across the cut kept, borderline entries
// marked), saved under a name with the rule, method and settings, then finalised (locked) —
// with a recorded reason when entries with too few reviews remain on it.
import { useState } from 'react';
import {
  Alert,
  Button,
  Drawer,
  Flex,
  Input,
  Modal,
  Popconfirm,
  Skeleton,
  Table,
  Tag,
  Typography,
} from 'antd';
import type {
  ShortlistDetail,
  ShortlistRow,
  ShortlistRuleInput,
  ShortlistSummary,
} from '@api/contract';
import { LoadError } from '@shared/components/LoadError';
import { formatScore, formatTime, sectorName } from '@shared/format';
import { useOperation, useSailQuery } from '@shared/hooks';
import { useLang, useT, type Lang, type Translate } from '@shared/i18n';
import { methodText, ruleText } from '@shared/ruleText';
import { testId } from '@shared/testId';
import { rankInput, type RankSettings } from '@shared/useRankSettings';
import { FlagTags } from './labels';

interface ShortlistPanelProps {
  round: string;
  settings: RankSettings;
  rule: ShortlistRuleInput;
}

export function ShortlistPanel({ round, settings, rule }: ShortlistPanelProps) {
  const t = useT();
  const lang = useLang();
  const run = useOperation();
  const preview = useSailQuery('shortlists.preview', { ...rankInput(round, settings), rule });
  const saved = useSailQuery('shortlists.list', { round });
  const [name, setName] = useState('');
  const [viewing, setViewing] = useState<number | null>(null);

  const save = async () => {
    const created = await run('shortlists.create', {
      ...rankInput(round, settings),
      rule,
      name: name.trim(),
    });
    if (created) {
      setName('');
    }
  };

  return (
    <Flex vertical gap={16}>
      {preview.error && <LoadError error={preview.error} onRetry={preview.reload} />}
      {preview.data ? (
        <>
          <Flex gap={8} align="center" wrap>
            <Typography.Text
              data-testid="shortlist-preview-count"
              data-count={preview.data.rows.length}
            >
              {t('shortlist.previewCount', {
                rule: ruleText(rule, t, lang),
                method: t(`method.${preview.data.settings.method}`),
                n: preview.data.rows.length,
              })}
            </Typography.Text>
            <Input
              style={{ width: 260 }}
              placeholder={t('shortlist.namePlaceholder')}
              value={name}
              maxLength={100}
              onChange={(event) => setName(event.target.value)}
              data-testid="shortlist-name"
            />
            <Button
              type="primary"
              disabled={name.trim() === ''}
              onClick={() => void save()}
              data-testid="shortlist-save"
            >
              {t('shortlist.save')}
            </Button>
          </Flex>
          {rule.kind === 'top_percent' &&
            preview.data.cuts.map((cut) => (
              <Typography.Text
                key={cut.scope}
                type="secondary"
                data-testid="shortlist-percent-base"
              >
                {t('shortlist.percentBase', {
                  p: rule.percent,
                  ranked: cut.ranked,
                  product: String(Math.round(cut.ranked * rule.percent) / 100),
                  admitted: cut.admitted ?? 0,
                })}
              </Typography.Text>
            ))}
          {preview.data.insufficient_ids.length > 0 && (
            <Alert
              type="warning"
              showIcon
              title={t('shortlist.insufficientWarning', {
                n: preview.data.insufficient_ids.length,
              })}
            />
          )}
          <ShortlistRows rows={preview.data.rows} testid="shortlist-preview" />
        </>
      ) : (
        !preview.error && <Skeleton active />
      )}
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('shortlist.saved')}
      </Typography.Title>
      {saved.error && <LoadError error={saved.error} onRetry={saved.reload} />}
      <SavedShortlists list={saved.data ?? []} onView={setViewing} />
      <ShortlistDrawer id={viewing} onClose={() => setViewing(null)} />
    </Flex>
  );
}

function ShortlistRows({ rows, testid }: { rows: ShortlistRow[]; testid: string }) {
  const t = useT();
  const lang = useLang();
  return (
    <Table<ShortlistRow>
      size="small"
      bordered
      rowKey="entry_id"
      data-testid={testid}
      dataSource={rows}
      pagination={rows.length > 100 ? { pageSize: 100, showSizeChanger: false } : false}
      onRow={(row) =>
        testId('shortlist-row', { 'entry-id': row.entry_id, flags: row.flags.join(' ') })
      }
      columns={[
        {
          title: t('col.rank'),
          dataIndex: 'rank',
          width: 64,
          align: 'center',
          render: (r: number | null) => r ?? '—',
        },
        { title: t('col.entryId'), dataIndex: 'entry_id', width: 130 },
        { title: t('col.title'), dataIndex: 'title', ellipsis: true },
        {
          title: t('col.sector'),
          dataIndex: 'sector',
          width: 100,
          render: (s: string | null) => sectorName(lang, s),
        },
        {
          title: t('col.score'),
          dataIndex: 'score',
          width: 90,
          align: 'right',
          render: (s: number | null) => formatScore(s),
        },
        {
          title: t('col.flags'),
          dataIndex: 'flags',
          width: 300,
          render: (flags: ShortlistRow['flags']) => <FlagTags flags={flags} t={t} />,
        },
      ]}
    />
  );
}

/** Scope, method and settings a shortlist was cut with, as one line. */
function settingsText(s: ShortlistSummary, t: Translate, lang: Lang): string {
  const { method, trim_k, min_reviews, disagreement_threshold } = s.settings;
  return [
    s.scope === 'overall' ? t('ranking.overall') : sectorName(lang, s.scope),
    methodText(method, trim_k, t),
    t('rounds.minReviews', { n: min_reviews }),
    t('rounds.threshold', { n: disagreement_threshold }),
  ].join(' · ');
}

function SavedShortlists({
  list,
  onView,
}: {
  list: ShortlistSummary[];
  onView: (id: number) => void;
}) {
  const t = useT();
  const lang = useLang();
  const run = useOperation();
  const remove = async (id: number) => {
    await run('shortlists.delete', { id });
  };
  return (
    <Table<ShortlistSummary>
      size="small"
      bordered
      rowKey="id"
      pagination={false}
      data-testid="shortlists-saved"
      dataSource={list}
      onRow={(s) => testId('saved-shortlist', { name: s.name, status: s.status })}
      columns={[
        { title: t('col.name'), dataIndex: 'name' },
        { title: t('shortlist.rule'), key: 'rule', render: (_, s) => ruleText(s.rule, t, lang) },
        {
          title: t('col.method'),
          key: 'method',
          render: (_, s) => settingsText(s, t, lang),
        },
        { title: t('col.entries'), dataIndex: 'entries', align: 'right' },
        {
          title: t('col.status'),
          dataIndex: 'status',
          render: (status: ShortlistSummary['status'], s) => (
            <span>
              <Tag color={status === 'final' ? 'green' : 'default'}>
                {t(`shortlist.status.${status}`)}
              </Tag>
              {s.override_reason && <Tag color="orange">{t('shortlist.overridden')}</Tag>}
            </span>
          ),
        },
        {
          title: t('col.createdAt'),
          dataIndex: 'created_at',
          render: (v: string) => formatTime(lang, v),
        },
        {
          title: '',
          key: 'actions',
          render: (_, s) => (
            <Flex gap={8}>
              <Button size="small" onClick={() => onView(s.id)} data-testid="shortlist-view">
                {t('shortlist.view')}
              </Button>
              {s.status === 'draft' && (
                <Popconfirm
                  title={t('shortlist.deleteConfirm')}
                  onConfirm={() => void remove(s.id)}
                >
                  <Button size="small" danger data-testid="shortlist-delete">
                    {t('shortlist.delete')}
                  </Button>
                </Popconfirm>
              )}
            </Flex>
          ),
        },
      ]}
    />
  );
}

function ShortlistDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const t = useT();
  const query = useSailQuery('shortlists.get', id === null ? null : { id });
  const detail = query.data?.id === id ? query.data : undefined;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size="large"
      title={detail?.name ?? t('shortlist.saved')}
      data-testid="shortlist-drawer"
    >
      {query.error && <LoadError error={query.error} onRetry={query.reload} />}
      {detail ? <ShortlistView detail={detail} /> : !query.error && <Skeleton active />}
    </Drawer>
  );
}

function ShortlistView({ detail }: { detail: ShortlistDetail }) {
  const t = useT();
  const lang = useLang();
  const run = useOperation();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');

  const finalise = async (overrideReason?: string) => {
    const done = await run('shortlists.finalise', {
      id: detail.id,
      ...(overrideReason ? { override_reason: overrideReason } : {}),
    });
    if (done) {
      setAsking(false);
    }
  };

  return (
    <Flex vertical gap={12} data-testid="shortlist-detail" data-status={detail.status}>
      <Typography.Text>
        {ruleText(detail.rule, t, lang)} · {settingsText(detail, t, lang)} ·{' '}
        {t('shortlist.entriesN', { n: detail.entries })} ·{' '}
        <Tag color={detail.status === 'final' ? 'green' : 'default'}>
          {t(`shortlist.status.${detail.status}`)}
        </Tag>
      </Typography.Text>
      <Typography.Text type="secondary" copyable={{ text: detail.data_digest }}>
        {t('export.digest')}：{detail.data_digest.slice(0, 16)}…
      </Typography.Text>
      {detail.stale && (
        <Alert type="error" showIcon title={t('shortlist.stale')} data-testid="shortlist-stale" />
      )}
      {detail.override_reason && (
        <Alert
          type="warning"
          showIcon
          title={t('shortlist.overrideRecorded', { reason: detail.override_reason })}
        />
      )}
      {detail.status === 'draft' && (
        <Flex gap={8} align="center">
          {detail.insufficient_ids.length > 0 && (
            <Typography.Text type="warning">
              {t('shortlist.insufficientWarning', { n: detail.insufficient_ids.length })}
            </Typography.Text>
          )}
          <Button
            type="primary"
            disabled={detail.stale}
            onClick={() => (detail.insufficient_ids.length > 0 ? setAsking(true) : void finalise())}
            data-testid="shortlist-finalise"
          >
            {t('shortlist.finalise')}
          </Button>
        </Flex>
      )}
      <ShortlistRows rows={detail.rows} testid="shortlist-detail-rows" />
      <Modal
        open={asking}
        title={t('shortlist.overrideTitle')}
        okText={t('shortlist.finaliseAnyway')}
        okButtonProps={{ disabled: reason.trim() === '', danger: true, ...testId('override-ok') }}
        onOk={() => void finalise(reason.trim())}
        onCancel={() => setAsking(false)}
      >
        <Typography.Paragraph>
          {t('shortlist.overrideText', {
            ids: detail.insufficient_ids.join('、'),
          })}
        </Typography.Paragraph>
        <Input.TextArea
          rows={3}
          value={reason}
          maxLength={2000}
          onChange={(event) => setReason(event.target.value)}
          placeholder={t('shortlist.overridePlaceholder')}
          data-testid="override-reason"
        />
      </Modal>
    </Flex>
  );
}
