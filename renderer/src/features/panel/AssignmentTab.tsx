// 分配: K experts for each entry of the round. Before solving, the plan says per sector whether
// it can be done and names every entry that cannot get K eligible experts; the solve (exact,
// min-cost flow) keeps what is assigned and reports the load spread and the sector-expert share.
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Descriptions,
  Flex,
  InputNumber,
  Table,
  Typography,
} from 'antd';
import { ThunderboltOutlined } from '@ant-design/icons';
import type { AssignmentRun, SectorFeasibility, Shortfall } from '@api/contract';
import { LoadError } from '@shared/components/LoadError';
import { TaskProgress } from '@shared/components/TaskProgress';
import { sectorName } from '@shared/format';
import { useDebounced, useMessageText, useNotifyError, useSailQuery } from '@shared/hooks';
import { pick, useLang, useT } from '@shared/i18n';
import { useTask } from '@shared/useTask';
import { AssignmentTable } from './AssignmentTable';

const DEFAULT_PER_ENTRY = 5;

export function AssignmentTab({ round }: { round: string }) {
  const t = useT();
  const [perEntry, setPerEntry] = useState(DEFAULT_PER_ENTRY);
  const [seed, setSeed] = useState(1);
  const [redo, setRedo] = useState(false);
  const settled = useDebounced(perEntry, 300);
  const plan = useSailQuery('assignments.plan', { round, per_entry: settled });
  const { task, outcome, assign } = useAssign();

  return (
    <div data-testid="assignment-tab">
      <Flex gap={16} align="center" wrap style={{ marginBottom: 12 }}>
        <label>
          {t('assign.perEntry')}{' '}
          <InputNumber
            min={1}
            max={20}
            value={perEntry}
            onChange={(value) => setPerEntry(value ?? DEFAULT_PER_ENTRY)}
            data-testid="assign-per-entry"
          />
        </label>
        <label>
          {t('assign.seed')}{' '}
          <InputNumber
            min={0}
            value={seed}
            onChange={(value) => setSeed(value ?? 1)}
            data-testid="assign-seed"
          />
        </label>
        <Checkbox checked={redo} onChange={(event) => setRedo(event.target.checked)}>
          {t('assign.redo')}
        </Checkbox>
        <Button
          type="primary"
          icon={<ThunderboltOutlined />}
          loading={task.running}
          disabled={!plan.data || (plan.data.to_fill === 0 && !redo)}
          onClick={() => void assign({ round, per_entry: perEntry, seed, redo })}
          data-testid="assign-run"
        >
          {t('assign.run')}
        </Button>
      </Flex>
      {task.running && (
        <TaskProgress
          progress={task.progress}
          cancelling={task.cancelling}
          onCancel={task.cancel}
        />
      )}
      {outcome && <RunSummary outcome={outcome} />}
      {plan.error && <LoadError error={plan.error} onRetry={plan.reload} />}
      {plan.data && (
        <PlanSummary
          sectors={plan.data.sectors}
          shortfalls={plan.data.shortfalls}
          counts={plan.data}
        />
      )}
      <Typography.Title level={5}>{t('assign.byEntry')}</Typography.Title>
      <AssignmentTable round={round} />
    </div>
  );
}

function useAssign() {
  const task = useTask('assignments.run');
  const notifyError = useNotifyError();
  const messageText = useMessageText();
  const { message } = App.useApp();
  const [outcome, setOutcome] = useState<AssignmentRun | null>(null);
  const assign = async (input: {
    round: string;
    per_entry: number;
    seed: number;
    redo: boolean;
  }) => {
    setOutcome(null);
    const result = await task.run(input);
    if (result.ok) setOutcome(result.value);
    else if (result.error.code === 'cancelled') void message.warning(messageText(result.error));
    else notifyError(result.error);
  };
  return { task, outcome, assign };
}

function PlanSummary({
  sectors,
  shortfalls,
  counts,
}: {
  sectors: SectorFeasibility[];
  shortfalls: Shortfall[];
  counts: { panel: number; entries: number; kept: number; to_fill: number };
}) {
  const t = useT();
  const lang = useLang();
  return (
    <div data-testid="assign-plan" style={{ marginBottom: 16 }}>
      <Typography.Paragraph>
        {t('assign.planSummary', {
          panel: counts.panel,
          entries: counts.entries,
          kept: counts.kept,
          toFill: counts.to_fill,
        })}
      </Typography.Paragraph>
      <Table<SectorFeasibility>
        size="small"
        rowKey={(row) => row.sector ?? ''}
        pagination={false}
        dataSource={sectors}
        data-testid="assign-sectors"
        columns={[
          {
            title: t('col.sector'),
            dataIndex: 'sector',
            render: (sector: string | null) => sectorName(lang, sector),
          },
          { title: t('assign.col.entries'), dataIndex: 'entries', align: 'right' },
          { title: t('assign.col.experts'), dataIndex: 'experts', align: 'right' },
          {
            title: t('assign.col.feasible'),
            key: 'feasible',
            align: 'right',
            render: (_: unknown, row: SectorFeasibility) =>
              row.feasible === row.entries ? (
                row.feasible
              ) : (
                <Typography.Text type="danger">
                  {row.feasible} / {row.entries}
                </Typography.Text>
              ),
          },
        ]}
      />
      {shortfalls.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          data-testid="assign-shortfalls"
          title={t('assign.shortfalls', { n: shortfalls.length })}
          description={
            <ul className="sail-plain-list">
              {shortfalls.slice(0, 20).map((s) => (
                <li key={s.entry_id}>
                  {s.entry_id}：{pick(lang, s.reason_zh, s.reason_en)}
                </li>
              ))}
              {shortfalls.length > 20 && <li>{t('assign.more', { n: shortfalls.length - 20 })}</li>}
            </ul>
          }
        />
      )}
    </div>
  );
}

function RunSummary({ outcome }: { outcome: AssignmentRun }) {
  const t = useT();
  const lang = useLang();
  return (
    <Alert
      type={outcome.unassigned.length > 0 ? 'warning' : 'success'}
      showIcon
      closable
      style={{ marginBottom: 16 }}
      data-testid="assign-outcome"
      title={t('assign.done', { n: outcome.assignments.length, kept: outcome.kept })}
      description={
        <>
          <Descriptions size="small" column={3}>
            <Descriptions.Item label={t('assign.load')}>
              {t('assign.loadRange', {
                min: outcome.load.min,
                max: outcome.load.max,
                spread: outcome.load.spread,
              })}
            </Descriptions.Item>
            <Descriptions.Item label={t('assign.expertShare')}>
              {(outcome.sector_expert_share * 100).toFixed(1)}%
            </Descriptions.Item>
            <Descriptions.Item label={t('assign.seconds')}>
              {t('assign.secondsValue', { n: outcome.seconds.toFixed(2) })}
            </Descriptions.Item>
          </Descriptions>
          {outcome.unassigned.length > 0 && (
            <ul className="sail-plain-list" data-testid="assign-unassigned">
              {outcome.unassigned.slice(0, 20).map((u) => (
                <li key={u.entry_id}>
                  {u.entry_id}：{pick(lang, u.reason_zh, u.reason_en)}
                </li>
              ))}
              {outcome.unassigned.length > 20 && (
                <li>{t('assign.more', { n: outcome.unassigned.length - 20 })}</li>
              )}
            </ul>
          )}
        </>
      }
    />
  );
}
