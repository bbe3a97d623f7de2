// Each entry of the round with its experts: the organiser adds, removes or swaps one (an expert
// with a conflict is refused unless overridden with a reason, which is recorded) and locks
// entries so that a re-run keeps their experts.
import { useMemo, useState } from 'react';
import {
  App,
  Button,
  Checkbox,
  Flex,
  Input,
  Modal,
  Select,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { LockOutlined, SearchOutlined, UnlockOutlined } from '@ant-design/icons';
import type { AssignedReviewer, EntryAssignment, OperationInput } from '@api/contract';
import { call } from '@shared/api';
import { LoadError } from '@shared/components/LoadError';
import { sectorName } from '@shared/format';
import { useMessageText, useNotifyError, useOperation, useSailQuery } from '@shared/hooks';
import { useLang, useT } from '@shared/i18n';
import { testId } from '@shared/testId';

type Change = Omit<OperationInput<'assignments.change'>, 'override_reason'>;

/** The refusal code of a change that would give an entry an expert with a conflict. */
const CONFLICT_CODE = 'conflict_of_interest';

export function AssignmentTable({ round }: { round: string }) {
  const t = useT();
  const lang = useLang();
  const run = useOperation();
  const list = useSailQuery('assignments.list', { round });
  const [search, setSearch] = useState('');
  const [onlyShort, setOnlyShort] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const [override, setOverride] = useState<{ change: Change; message: string } | null>(null);
  const change = useChange(setOverride);
  const most = useMemo(
    () => Math.max(0, ...(list.data ?? []).map((entry) => entry.reviewers.length)),
    [list.data],
  );

  const needle = search.trim().toLowerCase();
  const rows = useMemo(
    () =>
      (list.data ?? []).filter(
        (entry) =>
          (!onlyShort || entry.reviewers.length < most) &&
          (!needle ||
            `${entry.entry_id} ${entry.title} ${entry.reviewers.map((r) => r.name).join(' ')}`
              .toLowerCase()
              .includes(needle)),
      ),
    [list.data, needle, onlyShort, most],
  );

  const lock = async (locked: boolean) => {
    const done = await run('assignments.lock', { round, entry_ids: selected, locked });
    if (done) setSelected([]);
  };

  return (
    <div data-testid="assignment-table">
      <Flex gap={8} align="center" wrap style={{ marginBottom: 12 }}>
        <Input
          allowClear
          prefix={<SearchOutlined />}
          style={{ width: 260 }}
          placeholder={t('assign.search')}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          data-testid="assign-search"
        />
        <Checkbox checked={onlyShort} onChange={(event) => setOnlyShort(event.target.checked)}>
          {t('assign.onlyShort')}
        </Checkbox>
        <Button
          icon={<LockOutlined />}
          disabled={selected.length === 0}
          onClick={() => void lock(true)}
          data-testid="assign-lock"
        >
          {t('assign.lock', { n: selected.length })}
        </Button>
        <Button
          icon={<UnlockOutlined />}
          disabled={selected.length === 0}
          onClick={() => void lock(false)}
          data-testid="assign-unlock"
        >
          {t('assign.unlock', { n: selected.length })}
        </Button>
      </Flex>
      {list.error && <LoadError error={list.error} onRetry={list.reload} />}
      <Table<EntryAssignment>
        size="small"
        rowKey="entry_id"
        loading={list.loading && !list.data}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        rowSelection={{
          selectedRowKeys: selected,
          preserveSelectedRowKeys: true,
          onChange: (keys) => setSelected(keys.map(String)),
        }}
        columns={[
          { title: t('col.entryId'), dataIndex: 'entry_id', width: 120 },
          { title: t('col.title'), dataIndex: 'title', ellipsis: true },
          {
            title: t('col.sector'),
            dataIndex: 'sector',
            width: 120,
            render: (sector: string | null) => sectorName(lang, sector),
          },
          {
            title: t('assign.col.reviewers'),
            key: 'reviewers',
            render: (_: unknown, entry: EntryAssignment) => (
              <Flex gap={4} wrap align="center" {...testId(`assigned-${entry.entry_id}`)}>
                {entry.reviewers.map((reviewer) => (
                  <ReviewerTag
                    key={reviewer.reviewer_id}
                    reviewer={reviewer}
                    onRemove={() =>
                      void change({ round, entry_id: entry.entry_id, remove: reviewer.reviewer_id })
                    }
                  />
                ))}
                <AddReviewer
                  round={round}
                  entry={entry}
                  onAdd={(reviewerId, remove) =>
                    void change({
                      round,
                      entry_id: entry.entry_id,
                      add: reviewerId,
                      ...(remove ? { remove } : {}),
                    })
                  }
                />
              </Flex>
            ),
          },
        ]}
      />
      <OverrideModal
        pending={override}
        onClose={() => setOverride(null)}
        onConfirm={(reason) => {
          if (override) void change({ ...override.change, override_reason: reason });
          setOverride(null);
        }}
      />
    </div>
  );
}

/** Runs a change; a refusal for a conflict opens the override question instead of an error. */
function useChange(askOverride: (pending: { change: Change; message: string }) => void) {
  const notifyError = useNotifyError();
  const messageText = useMessageText();
  const { message } = App.useApp();
  const t = useT();
  return async (input: OperationInput<'assignments.change'>) => {
    const result = await call('assignments.change', input);
    if (result.ok) {
      void message.success(t('assign.changed', { entry: input.entry_id }));
    } else if (result.error.code === CONFLICT_CODE && !input.override_reason) {
      const { override_reason: _, ...change } = input;
      askOverride({ change, message: messageText(result.error) });
    } else {
      notifyError(result.error);
    }
  };
}

function ReviewerTag({ reviewer, onRemove }: { reviewer: AssignedReviewer; onRemove: () => void }) {
  const t = useT();
  const removable = reviewer.review !== 'submitted' && !reviewer.locked;
  const colour =
    reviewer.review === 'submitted' ? 'green' : reviewer.review === 'draft' ? 'blue' : undefined;
  const tag = (
    <Tag
      color={colour}
      closable={removable}
      icon={reviewer.locked ? <LockOutlined /> : undefined}
      onClose={(event) => {
        event.preventDefault();
        onRemove();
      }}
      {...testId(`assigned-reviewer-${reviewer.reviewer_id}`)}
    >
      {reviewer.name}
      {reviewer.override_reason && ' ⚠'}
    </Tag>
  );
  const notes = [
    t(`assign.review.${reviewer.review}`),
    t(`assign.source.${reviewer.source}`),
    reviewer.override_reason ? t('assign.overridden', { reason: reviewer.override_reason }) : null,
  ].filter((note): note is string => note !== null);
  return <Tooltip title={notes.join(' · ')}>{tag}</Tooltip>;
}

/** A select of the panel's experts for one entry; those with a conflict are marked. */
function AddReviewer({
  round,
  entry,
  onAdd,
}: {
  round: string;
  entry: EntryAssignment;
  onAdd: (reviewerId: string, remove?: string) => void;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [replacing, setReplacing] = useState<string | undefined>(undefined);
  const panel = useSailQuery('panel.get', open ? { round } : null);
  const conflicts = useSailQuery(
    'conflicts.list',
    open ? { round, entry_id: entry.entry_id } : null,
  );
  const barred = new Map(
    (conflicts.data?.conflicts ?? [])
      .filter((c) => c.status !== 'dismissed')
      .map((c) => [c.reviewer_id, c]),
  );
  const on = new Set(entry.reviewers.map((r) => r.reviewer_id));
  const removable = entry.reviewers.filter((r) => r.review !== 'submitted' && !r.locked);

  if (!open) {
    return (
      <Button
        size="small"
        type="dashed"
        onClick={() => setOpen(true)}
        {...testId(`assign-add-${entry.entry_id}`)}
      >
        {t('assign.add')}
      </Button>
    );
  }
  return (
    <Flex gap={4}>
      {removable.length > 0 && (
        <Select
          size="small"
          allowClear
          style={{ width: 120 }}
          placeholder={t('assign.replace')}
          value={replacing}
          onChange={setReplacing}
          options={removable.map((r) => ({ value: r.reviewer_id, label: r.name }))}
        />
      )}
      <Select
        size="small"
        autoFocus
        defaultOpen
        style={{ width: 260 }}
        showSearch={{ optionFilterProp: 'label' }}
        loading={panel.loading || conflicts.loading}
        placeholder={t('assign.choose')}
        onBlur={() => setOpen(false)}
        onChange={(reviewerId: string) => {
          setOpen(false);
          onAdd(reviewerId, replacing);
        }}
        options={panel.data?.members
          .filter((m) => m.in_panel && !on.has(m.reviewer_id))
          .map((m) => ({
            value: m.reviewer_id,
            label: `${m.name}（${m.reviewer_id}）${barred.has(m.reviewer_id) ? ` ⚠ ${t('assign.hasConflict')}` : ''}`,
          }))}
        {...testId(`assign-choose-${entry.entry_id}`)}
      />
    </Flex>
  );
}

function OverrideModal({
  pending,
  onClose,
  onConfirm,
}: {
  pending: { message: string } | null;
  onClose: () => void;
  onConfirm: (reason: string) => void;
}) {
  const t = useT();
  const [reason, setReason] = useState('');
  return (
    <Modal
      open={pending !== null}
      title={t('assign.overrideTitle')}
      okText={t('assign.overrideOk')}
      okButtonProps={{ danger: true, disabled: !reason.trim(), ...testId('assign-override-ok') }}
      cancelText={t('common.cancel')}
      onOk={() => {
        onConfirm(reason.trim());
        setReason('');
      }}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph data-testid="assign-override-message">
        {pending?.message}
      </Typography.Paragraph>
      <Input.TextArea
        autoFocus
        rows={3}
        maxLength={500}
        value={reason}
        placeholder={t('assign.overrideReason')}
        onChange={(event) => setReason(event.target.value)}
        data-testid="assign-override-reason"
      />
    </Modal>
  );
}
