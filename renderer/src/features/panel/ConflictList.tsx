// 回避: the conflicts of interest between the round's experts and entries. Detection matches
// organisation names on normalised keys; each pair says which names matched and why, and the
// organiser confirms or dismisses it (a dismissed pair may be assigned). Every decision is in
// the audit trail.
import { useMemo, useState } from 'react';
import { Alert, App, Button, Flex, Input, Modal, Segmented, Table, Tag, Typography } from 'antd';
import {
  CheckOutlined,
  CloseOutlined,
  PlusOutlined,
  ScanOutlined,
  SearchOutlined,
} from '@ant-design/icons';
import type { Conflict, ConflictStatus } from '@api/contract';
import { LoadError } from '@shared/components/LoadError';
import { TaskProgress } from '@shared/components/TaskProgress';
import { formatTime } from '@shared/format';
import { useMessageText, useNotifyError, useOperation, useSailQuery } from '@shared/hooks';
import { pick, useLang, useT } from '@shared/i18n';
import { testId } from '@shared/testId';
import { useTask } from '@shared/useTask';
import { AddConflictModal } from './AddConflictModal';

const STATUS_COLOURS: Record<ConflictStatus, string> = {
  potential: 'orange',
  confirmed: 'red',
  dismissed: 'default',
};

type Filter = ConflictStatus | 'all';

interface Decision {
  conflict: Conflict;
  status: ConflictStatus;
}

export function ConflictList({ round }: { round: string }) {
  const t = useT();
  const lang = useLang();
  const [filter, setFilter] = useState<Filter>('potential');
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const [adding, setAdding] = useState(false);
  const list = useSailQuery('conflicts.list', {
    round,
    ...(filter === 'all' ? {} : { status: filter }),
  });
  const detection = useDetection();
  const counts = list.data?.counts;
  const [search, setSearch] = useState('');
  const needle = search.trim().toLowerCase();
  const rows = useMemo(
    () =>
      (list.data?.conflicts ?? []).filter(
        (c) =>
          !needle ||
          `${c.reviewer_id} ${c.reviewer_name} ${c.entry_id} ${c.entry_title}`
            .toLowerCase()
            .includes(needle),
      ),
    [list.data, needle],
  );

  return (
    <div data-testid="conflict-list">
      <Flex gap={8} align="center" wrap style={{ marginBottom: 12 }}>
        <Segmented<Filter>
          data-testid="conflicts-filter"
          value={filter}
          onChange={setFilter}
          options={(['potential', 'confirmed', 'dismissed', 'all'] as const).map((key) => ({
            value: key,
            label:
              key === 'all'
                ? t('conflicts.all')
                : `${t(`conflicts.status.${key}`)} ${counts?.[key] ?? ''}`,
          }))}
        />
        <Input
          allowClear
          prefix={<SearchOutlined />}
          style={{ width: 240 }}
          placeholder={t('conflicts.search')}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          data-testid="conflicts-search"
        />
        <Button
          type="primary"
          icon={<ScanOutlined />}
          loading={detection.task.running}
          onClick={() => void detection.detect()}
          data-testid="conflicts-detect"
        >
          {t('conflicts.detect')}
        </Button>
        <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="conflicts-add">
          {t('conflicts.add')}
        </Button>
        <Typography.Text type="secondary">
          {list.data?.detected_at
            ? t('conflicts.detectedAt', { at: formatTime(lang, list.data.detected_at) })
            : t('conflicts.neverDetected')}
        </Typography.Text>
      </Flex>
      {detection.task.running && (
        <TaskProgress
          progress={detection.task.progress}
          cancelling={detection.task.cancelling}
          onCancel={detection.task.cancel}
        />
      )}
      {detection.outcome && (
        <Alert
          type="success"
          showIcon
          closable
          style={{ marginBottom: 12 }}
          data-testid="conflicts-detected"
          title={t('conflicts.detectedSummary', {
            found: detection.outcome.found,
            added: detection.outcome.added,
            dropped: detection.outcome.dropped,
            seconds: detection.outcome.seconds.toFixed(2),
          })}
        />
      )}
      {list.error && <LoadError error={list.error} onRetry={list.reload} />}
      <Table<Conflict>
        size="small"
        rowKey={(conflict) => `${conflict.reviewer_id} ${conflict.entry_id}`}
        loading={list.loading && !list.data}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        data-testid="conflicts-table"
        columns={[
          {
            title: t('conflicts.col.reviewer'),
            key: 'reviewer',
            width: 150,
            render: (_: unknown, c: Conflict) => `${c.reviewer_name}（${c.reviewer_id}）`,
          },
          {
            title: t('conflicts.col.entry'),
            key: 'entry',
            width: 240,
            ellipsis: true,
            render: (_: unknown, c: Conflict) => `${c.entry_id} ${c.entry_title}`,
          },
          {
            title: t('conflicts.col.reason'),
            key: 'reason',
            render: (_: unknown, c: Conflict) => (
              <>
                <Tag>{t(`conflicts.source.${c.source}`)}</Tag>
                {pick(lang, c.reason_zh, c.reason_en)}
                {c.decision_reason && (
                  <Typography.Text type="secondary">
                    {' '}
                    — {t('conflicts.decisionReason', { reason: c.decision_reason })}
                  </Typography.Text>
                )}
              </>
            ),
          },
          {
            title: t('conflicts.col.status'),
            dataIndex: 'status',
            width: 90,
            render: (status: ConflictStatus) => (
              <Tag color={STATUS_COLOURS[status]}>{t(`conflicts.status.${status}`)}</Tag>
            ),
          },
          {
            title: '',
            key: 'decide',
            width: 180,
            render: (_: unknown, c: Conflict) => (
              <Flex gap={4}>
                {c.status !== 'confirmed' && (
                  <Button
                    size="small"
                    danger
                    icon={<CheckOutlined />}
                    onClick={() => setDeciding({ conflict: c, status: 'confirmed' })}
                    {...testId(`conflict-confirm-${c.reviewer_id}-${c.entry_id}`)}
                  >
                    {t('conflicts.confirm')}
                  </Button>
                )}
                {c.status !== 'dismissed' && (
                  <Button
                    size="small"
                    icon={<CloseOutlined />}
                    onClick={() => setDeciding({ conflict: c, status: 'dismissed' })}
                    {...testId(`conflict-dismiss-${c.reviewer_id}-${c.entry_id}`)}
                  >
                    {t('conflicts.dismiss')}
                  </Button>
                )}
              </Flex>
            ),
          },
        ]}
      />
      <DecisionModal decision={deciding} onClose={() => setDeciding(null)} />
      <AddConflictModal open={adding} onClose={() => setAdding(false)} />
    </div>
  );
}

function useDetection() {
  const task = useTask('conflicts.detect');
  const notifyError = useNotifyError();
  const messageText = useMessageText();
  const { message } = App.useApp();
  const [outcome, setOutcome] = useState<{
    found: number;
    added: number;
    dropped: number;
    seconds: number;
  } | null>(null);
  const detect = async () => {
    setOutcome(null);
    const result = await task.run({});
    if (result.ok) setOutcome(result.value);
    else if (result.error.code === 'cancelled') void message.warning(messageText(result.error));
    else notifyError(result.error);
  };
  return { task, outcome, detect };
}

/** Confirming or dismissing a pair; a dismissal needs its reason, which the audit trail keeps. */
function DecisionModal({ decision, onClose }: { decision: Decision | null; onClose: () => void }) {
  const t = useT();
  const run = useOperation();
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const needsReason = decision?.status === 'dismissed';

  const decide = async () => {
    if (!decision) return;
    setSaving(true);
    const decided = await run('conflicts.decide', {
      reviewer_id: decision.conflict.reviewer_id,
      entry_id: decision.conflict.entry_id,
      status: decision.status,
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    });
    setSaving(false);
    if (decided) {
      setReason('');
      onClose();
    }
  };

  return (
    <Modal
      open={decision !== null}
      title={decision ? t(`conflicts.decideTitle.${decision.status}`) : ''}
      okText={
        decision ? t(`conflicts.${decision.status === 'confirmed' ? 'confirm' : 'dismiss'}`) : ''
      }
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ disabled: needsReason && !reason.trim(), ...testId('conflict-decide-ok') }}
      onOk={() => void decide()}
      onCancel={onClose}
      destroyOnHidden
    >
      {decision && (
        <Typography.Paragraph>
          {decision.conflict.reviewer_name} · {decision.conflict.entry_id}{' '}
          {decision.conflict.entry_title}
        </Typography.Paragraph>
      )}
      <Input.TextArea
        autoFocus
        rows={3}
        maxLength={500}
        value={reason}
        placeholder={t(needsReason ? 'conflicts.reasonRequired' : 'conflicts.reasonOptional')}
        onChange={(event) => setReason(event.target.value)}
        data-testid="conflict-reason"
      />
    </Modal>
  );
}
