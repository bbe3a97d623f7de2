// 疑似重复: pairs of near-identical entries of one applicant side by side, with how alike their
// titles and summaries are; either entry opens its detail. The organiser decides each pair —
// not a duplicate, or the same case — and can take a decision back; decided pairs leave the
// pairs still to decide and are listed, with who decided and when, under 已处理.
import { useState } from 'react';
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import {
  Alert,
  App,
  Button,
  Empty,
  Flex,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Segmented,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import type {
  DuplicateDecision,
  DuplicateList as DuplicatePage,
  DuplicatePair,
  DuplicateVerdict,
  DuplicateView,
  EntryRow,
} from '@api/contract';
import { SUMMARY_SIMILARITY_THRESHOLD, TITLE_SIMILARITY_THRESHOLD } from '@core/duplicates';
import { LoadError } from '@shared/components/LoadError';
import { formatTime } from '@shared/format';
import { useOperation, type Query } from '@shared/hooks';
import { useLang, useT, type MessageKey } from '@shared/i18n';
import { testId } from '@shared/testId';

/** Pairs per page, as the list asks for them. */
export const DUPLICATES_PAGE_SIZE = 50;

const percent = (value: number) => `${Math.round(value * 100)}%`;

const VERDICT_LABELS: Record<DuplicateVerdict, MessageKey> = {
  distinct: 'duplicates.distinct',
  same_case: 'duplicates.sameCase',
};

interface DuplicateListProps {
  query: Query<DuplicatePage>;
  view: DuplicateView;
  page: number;
  onView: (view: DuplicateView) => void;
  onPage: (page: number) => void;
  onOpen: (id: number) => void;
}

export function DuplicateList({ query, view, page, onView, onPage, onOpen }: DuplicateListProps) {
  const t = useT();
  const [deciding, setDeciding] = useState<{
    pair: DuplicatePair;
    verdict: DuplicateVerdict;
  } | null>(null);
  if (query.error) return <LoadError error={query.error} onRetry={query.reload} />;
  const counts = query.data?.counts;
  const decided = counts ? counts.distinct + counts.same_case : null;
  const count = (n: number | null | undefined) => (n === null || n === undefined ? '' : ` ${n}`);
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
      <Segmented<DuplicateView>
        style={{ marginBottom: 12 }}
        value={view}
        onChange={onView}
        data-testid="duplicates-view"
        options={[
          { value: 'pending', label: `${t('duplicates.pending')}${count(counts?.pending)}` },
          { value: 'decided', label: `${t('duplicates.decided')}${count(decided)}` },
          {
            value: 'all',
            label: `${t('duplicates.all')}${count(decided === null ? null : decided + (counts?.pending ?? 0))}`,
          },
        ]}
      />
      {!query.data ? (
        <Flex justify="center" align="center" gap={8} style={{ padding: 48 }}>
          <Spin />
          <Typography.Text type="secondary" data-testid="duplicates-checking">
            {t('duplicates.checking')}
          </Typography.Text>
        </Flex>
      ) : query.data.total === 0 ? (
        <Empty
          className="sail-empty"
          description={t(
            view === 'pending' && decided
              ? 'duplicates.allDecided'
              : view === 'decided'
                ? 'duplicates.noneDecided'
                : 'duplicates.empty',
          )}
        />
      ) : (
        <Table<DuplicatePair>
          data-testid="duplicates-table"
          size="small"
          bordered
          loading={query.loading}
          rowKey={(pair) => `${pair.a.id}:${pair.b.id}`}
          dataSource={query.data.pairs}
          pagination={{
            current: page,
            pageSize: DUPLICATES_PAGE_SIZE,
            total: query.data.total,
            hideOnSinglePage: true,
            showSizeChanger: false,
            onChange: onPage,
          }}
          onRow={(pair) =>
            testId('duplicate-pair', {
              a: pair.a.entry_id,
              b: pair.b.entry_id,
              verdict: pair.decision?.verdict ?? 'pending',
            })
          }
          columns={[
            {
              key: 'a',
              title: t('duplicates.entryA'),
              render: (_, pair) => <EntryCell entry={pair.a} onOpen={onOpen} />,
            },
            {
              key: 'similarity',
              title: t('duplicates.similarity'),
              width: 190,
              render: (_, pair) => <Similarity pair={pair} />,
            },
            {
              key: 'b',
              title: t('duplicates.entryB'),
              render: (_, pair) => <EntryCell entry={pair.b} onOpen={onOpen} />,
            },
            {
              key: 'decision',
              title: t('duplicates.decision'),
              width: 260,
              render: (_, pair) => (
                <DecisionCell pair={pair} onDecide={(verdict) => setDeciding({ pair, verdict })} />
              ),
            },
          ]}
        />
      )}
      <DecisionModal
        // A fresh form for each pair and button pressed.
        key={deciding ? `${deciding.pair.a.id}:${deciding.pair.b.id}:${deciding.verdict}` : ''}
        deciding={deciding}
        onClose={() => setDeciding(null)}
      />
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

/** The organiser's decision on a pair: buttons to take one, or the one taken and its undo. */
function DecisionCell({
  pair,
  onDecide,
}: {
  pair: DuplicatePair;
  onDecide: (verdict: DuplicateVerdict) => void;
}) {
  const t = useT();
  const run = useOperation();
  const { message } = App.useApp();
  const { decision } = pair;
  if (!decision) {
    return (
      <Flex gap={8} wrap>
        <Button size="small" onClick={() => onDecide('distinct')} data-testid="duplicate-distinct">
          {t('duplicates.markDistinct')}
        </Button>
        <Button
          size="small"
          danger
          onClick={() => onDecide('same_case')}
          data-testid="duplicate-same-case"
        >
          {t('duplicates.markSameCase')}
        </Button>
      </Flex>
    );
  }
  const undo = async () => {
    const undone = await run('entries.decideDuplicate', {
      a: pair.a.id,
      b: pair.b.id,
      verdict: null,
    });
    if (undone !== undefined) {
      void message.success(t('duplicates.undone'));
    }
  };
  return (
    <Flex vertical gap={4} data-testid="duplicate-decision">
      <span>
        <VerdictTag verdict={decision.verdict} />
      </span>
      {decision.note && <Typography.Text>{decision.note}</Typography.Text>}
      <DecidedBy decision={decision} />
      <Flex gap={12}>
        <Typography.Link
          onClick={() => onDecide(decision.verdict === 'distinct' ? 'same_case' : 'distinct')}
          data-testid="duplicate-change"
        >
          {t('duplicates.change')}
        </Typography.Link>
        <Popconfirm
          title={t('duplicates.undoConfirm')}
          okText={t('duplicates.undo')}
          cancelText={t('common.cancel')}
          onConfirm={() => void undo()}
          okButtonProps={testId('duplicate-undo-confirm')}
        >
          <Typography.Link data-testid="duplicate-undo">{t('duplicates.undo')}</Typography.Link>
        </Popconfirm>
      </Flex>
    </Flex>
  );
}

export function VerdictTag({ verdict }: { verdict: DuplicateVerdict }) {
  const t = useT();
  return (
    <Tag color={verdict === 'same_case' ? 'volcano' : 'default'} data-testid="duplicate-verdict">
      {t(VERDICT_LABELS[verdict])}
    </Tag>
  );
}

/** Who decided (as they gave their name, else the organiser) and when. */
export function DecidedBy({ decision }: { decision: DuplicateDecision }) {
  const t = useT();
  const lang = useLang();
  return (
    <Typography.Text type="secondary" data-testid="duplicate-decided-by">
      {t('duplicates.decidedBy', {
        by: decision.decided_by ?? t('duplicates.organiser'),
        at: formatTime(lang, decision.decided_at),
      })}
    </Typography.Text>
  );
}

/** The name last given as who decides, kept on this machine for the next decision. */
const useDecider = create<{ name: string; set: (name: string) => void }>()(
  persist((set) => ({ name: '', set: (name) => set({ name }) }), {
    name: 'sail.duplicateDecider',
    partialize: (state) => ({ name: state.name }),
  }),
);

function DecisionModal({
  deciding,
  onClose,
}: {
  deciding: { pair: DuplicatePair; verdict: DuplicateVerdict } | null;
  onClose: () => void;
}) {
  const t = useT();
  const run = useOperation();
  const { message } = App.useApp();
  const decider = useDecider();
  const [verdict, setVerdict] = useState<DuplicateVerdict>(deciding?.verdict ?? 'distinct');
  const [note, setNote] = useState(deciding?.pair.decision?.note ?? '');
  const [saving, setSaving] = useState(false);
  const save = async () => {
    if (!deciding) return;
    setSaving(true);
    const saved = await run('entries.decideDuplicate', {
      a: deciding.pair.a.id,
      b: deciding.pair.b.id,
      verdict,
      note: note.trim(),
      decided_by: decider.name.trim(),
    });
    setSaving(false);
    if (saved === undefined) return;
    void message.success(t('duplicates.saved'));
    onClose();
  };
  const pair = deciding?.pair;
  return (
    <Modal
      open={deciding !== null}
      title={t('duplicates.decideTitle')}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t('duplicates.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={testId('duplicate-decide-confirm')}
    >
      {pair && (
        <Flex vertical gap={12}>
          <Typography.Text>
            {pair.a.entry_id} · {pair.a.title}
            <br />
            {pair.b.entry_id} · {pair.b.title}
          </Typography.Text>
          <Radio.Group
            value={verdict}
            onChange={(event) => setVerdict(event.target.value as DuplicateVerdict)}
            data-testid="duplicate-verdict-choice"
            options={[
              { value: 'distinct', label: t('duplicates.distinctLong') },
              { value: 'same_case', label: t('duplicates.sameCaseLong') },
            ]}
          />
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={500}
            placeholder={t('duplicates.notePlaceholder')}
            aria-label={t('duplicates.note')}
            value={note}
            onChange={(event) => setNote(event.target.value)}
            data-testid="duplicate-note"
          />
          <Flex align="center" gap={8}>
            <Typography.Text style={{ whiteSpace: 'nowrap' }}>
              {t('duplicates.decider')}
            </Typography.Text>
            <Input
              maxLength={100}
              placeholder={t('duplicates.deciderPlaceholder')}
              aria-label={t('duplicates.decider')}
              value={decider.name}
              onChange={(event) => decider.set(event.target.value)}
              data-testid="duplicate-decider"
            />
          </Flex>
        </Flex>
      )}
    </Modal>
  );
}
