// A round in detail: its state and the step to take next (开始评审 / 锁定 / 重新开放 with a
// reason), its settings (editable in setup), the rubric version pinned for each sector (movable in
// setup until that sector has reviews, with a newer version pointed out), entries whose sector
// changed since the round was created (movable to it in setup), and the round's audit history.
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Switch,
  Table,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import {
  LockOutlined,
  PlayCircleOutlined,
  SettingOutlined,
  UnlockOutlined,
} from '@ant-design/icons';
import type { RoundDetail, RoundEvent } from '@api/contract';
import { STAGES, type AggregationSettings, type Stage } from '@core/domain';
import { LoadError } from '@shared/components/LoadError';
import { RoundStatusTag } from '@shared/components/StatusTag';
import { formatTime, programmeFullName, sectorName, stageName } from '@shared/format';
import { useOperation, useSailQuery } from '@shared/hooks';
import { pick, useLang, useT, type Translate } from '@shared/i18n';
import { testId } from '@shared/testId';
import { SettingsFields } from './CreateRoundModal';
import { PinSelect } from './PinSelect';
import { roundEventText } from './round-events';

type Pin = RoundDetail['pins'][number];

export function RoundDetailCard({ name }: { name: string }) {
  const t = useT();
  const lang = useLang();
  const detail = useSailQuery('rounds.get', { round: name });
  const round = detail.data?.name === name ? detail.data : undefined;

  return (
    <Card
      title={
        <Flex align="center" gap={8}>
          {name}
          {round && (
            <span data-testid="round-status" data-status={round.status}>
              <RoundStatusTag status={round.status} />
            </span>
          )}
        </Flex>
      }
      extra={round && <RoundActions round={round} />}
      style={{ marginTop: 16 }}
      loading={!round && !detail.error}
      data-testid="round-detail"
    >
      {detail.error && <LoadError error={detail.error} onRetry={detail.reload} />}
      {round && (
        <>
          <Descriptions
            size="small"
            column={{ xs: 1, lg: 3 }}
            items={[
              {
                key: 'programme',
                label: t('col.programme'),
                children: programmeFullName(lang, round.programme),
              },
              {
                key: 'stage',
                label: t('col.stage'),
                children: stageName(lang, round.stage) || '—',
              },
              { key: 'entries', label: t('col.entries'), children: round.entries },
              {
                key: 'reviews',
                label: t('col.reviewsSubmitted'),
                children: t('rounds.reviewCounts', {
                  submitted: round.reviews_submitted,
                  draft: round.reviews_draft,
                }),
              },
              ...(round.tracks.length > 0
                ? [
                    {
                      key: 'tracks',
                      label: t('col.track'),
                      span: 2,
                      children: round.tracks.join(pick(lang, '、', ', ')),
                    },
                  ]
                : []),
              {
                key: 'results',
                label: t('rounds.resultsForExperts'),
                span: 3,
                children: <ResultsForExperts round={round} />,
              },
              {
                key: 'settings',
                label: t('rounds.settings'),
                span: 3,
                children: (
                  <span data-testid="round-settings">{settingsText(t, round.settings)}</span>
                ),
              },
            ]}
          />
          <PinTable round={round} />
          <SectorChanges round={round} />
          <History events={round.history} />
        </>
      )}
    </Card>
  );
}

/** Whether experts at their desk see the round's ranking once it is locked (the organiser's call). */
function ResultsForExperts({ round }: { round: RoundDetail }) {
  const t = useT();
  const run = useOperation();
  const [saving, setSaving] = useState(false);
  return (
    <Flex align="center" gap={8}>
      <Switch
        size="small"
        checked={round.results_for_experts}
        loading={saving}
        onChange={(shown) => {
          setSaving(true);
          void run('rounds.shareResults', { round: round.name, shown }).finally(() =>
            setSaving(false),
          );
        }}
        data-testid="round-results-for-experts"
      />
      <Typography.Text type="secondary">{t('rounds.resultsForExpertsHint')}</Typography.Text>
    </Flex>
  );
}

function settingsText(t: Translate, settings: AggregationSettings): string {
  return [
    t(`method.${settings.method}`),
    ...(settings.method === 'trimmed' ? [t('rounds.trimK', { k: settings.trim_k })] : []),
    t('rounds.minReviews', { n: settings.min_reviews }),
    t('rounds.threshold', { n: settings.disagreement_threshold }),
  ].join(' · ');
}

function RoundActions({ round }: { round: RoundDetail }) {
  const t = useT();
  const run = useOperation();
  const { message } = App.useApp();
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [reopenOpen, setReopenOpen] = useState(false);

  const step = async (op: 'rounds.start' | 'rounds.lock') => {
    const changed = await run(op, { round: round.name });
    if (!changed) return;
    void message.success(
      t(op === 'rounds.start' ? 'rounds.started' : 'rounds.locked', { name: round.name }),
    );
  };

  return (
    <Flex gap={8}>
      {round.status === 'setup' && (
        <>
          <Button
            icon={<SettingOutlined />}
            onClick={() => setSettingsOpen(true)}
            data-testid="round-edit-settings"
          >
            {t('rounds.editSettings')}
          </Button>
          <Popconfirm
            title={t('rounds.startConfirm', { name: round.name })}
            description={t('rounds.startHint')}
            okText={t('rounds.start')}
            cancelText={t('common.cancel')}
            onConfirm={() => void step('rounds.start')}
            okButtonProps={testId('round-start-confirm')}
          >
            <Button type="primary" icon={<PlayCircleOutlined />} data-testid="round-start">
              {t('rounds.start')}
            </Button>
          </Popconfirm>
        </>
      )}
      {round.status === 'scoring' && (
        <Popconfirm
          title={t('rounds.lockConfirm', { name: round.name })}
          description={
            round.reviews_draft > 0
              ? t('rounds.lockDrafts', { n: round.reviews_draft })
              : t('rounds.lockHint')
          }
          okText={t('rounds.lock')}
          cancelText={t('common.cancel')}
          onConfirm={() => void step('rounds.lock')}
          okButtonProps={testId('round-lock-confirm')}
        >
          <Button type="primary" danger icon={<LockOutlined />} data-testid="round-lock">
            {t('rounds.lock')}
          </Button>
        </Popconfirm>
      )}
      {round.status === 'locked' && (
        <Button
          icon={<UnlockOutlined />}
          onClick={() => setReopenOpen(true)}
          data-testid="round-reopen"
        >
          {t('rounds.reopen')}
        </Button>
      )}
      <SettingsModal round={round} open={settingsOpen} onClose={() => setSettingsOpen(false)} />
      <ReopenModal round={round} open={reopenOpen} onClose={() => setReopenOpen(false)} />
    </Flex>
  );
}

interface SettingsForm extends AggregationSettings {
  /** Unset only on a round created before every round had one: the organiser chooses it. */
  stage: Stage | undefined;
}

function SettingsModal(props: { round: RoundDetail; open: boolean; onClose: () => void }) {
  const { round, open, onClose } = props;
  const t = useT();
  const lang = useLang();
  const run = useOperation();
  const [form] = Form.useForm<SettingsForm>();
  const method = Form.useWatch('method', form);
  const save = async (values: SettingsForm) => {
    const updated = await run('rounds.update', { round: round.name, ...values });
    if (!updated) return;
    onClose();
  };
  return (
    <Modal
      open={open}
      title={t('rounds.editSettings')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('rounds.saveSettings')}
      cancelText={t('common.cancel')}
      okButtonProps={testId('round-settings-save')}
      destroyOnHidden
    >
      <Form<SettingsForm>
        // Named, so its field ids differ from the new-round form's (labels find their inputs).
        name="round-settings"
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          stage: (round.stage ?? undefined) as Stage | undefined,
          ...round.settings,
        }}
        onFinish={(values) => void save(values)}
      >
        <Form.Item
          name="stage"
          label={t('rounds.form.stage')}
          rules={[{ required: true, message: t('rounds.form.stageRequired') }]}
        >
          <Radio.Group
            optionType="button"
            data-testid="round-settings-stage"
            options={STAGES.map((value) => ({ value, label: stageName(lang, value) }))}
          />
        </Form.Item>
        <SettingsFields method={method} />
      </Form>
    </Modal>
  );
}

function ReopenModal(props: { round: RoundDetail; open: boolean; onClose: () => void }) {
  const { round, open, onClose } = props;
  const t = useT();
  const run = useOperation();
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const reopen = async () => {
    setSaving(true);
    const reopened = await run('rounds.reopen', { round: round.name, reason: reason.trim() });
    setSaving(false);
    if (!reopened) return;
    setReason('');
    void message.success(t('rounds.reopened', { name: round.name }));
    onClose();
  };
  return (
    <Modal
      open={open}
      title={t('rounds.reopenTitle', { name: round.name })}
      onCancel={onClose}
      onOk={() => void reopen()}
      okText={t('rounds.reopen')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ disabled: reason.trim() === '', ...testId('round-reopen-confirm') }}
    >
      <Typography.Paragraph>{t('rounds.reopenHint')}</Typography.Paragraph>
      <Input.TextArea
        autoSize={{ minRows: 3, maxRows: 8 }}
        maxLength={1000}
        placeholder={t('rounds.reopenReason')}
        aria-label={t('rounds.reopenReason')}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        data-testid="round-reopen-reason"
      />
    </Modal>
  );
}

/** Moves a sector's pin (setup only); the round's detail then shows the new version. */
function useMovePin(round: RoundDetail) {
  const run = useOperation();
  return async (sector: string, rubricId: number) => {
    await run('rounds.pin', { round: round.name, sector, rubric_id: rubricId });
  };
}

function PinTable({ round }: { round: RoundDetail }) {
  const t = useT();
  const lang = useLang();
  const versions = useSailQuery('rubrics.list', round.status === 'setup' ? {} : null);
  const move = useMovePin(round);
  return (
    <Table<Pin>
      data-testid="round-pins"
      style={{ marginTop: 12 }}
      size="small"
      rowKey="sector"
      pagination={false}
      dataSource={round.pins}
      locale={{ emptyText: t('rounds.noPins') }}
      title={() => t('rounds.pins')}
      columns={[
        {
          title: t('col.sector'),
          dataIndex: 'sector',
          width: 140,
          render: (sector: string) => <Tag color="blue">{sectorName(lang, sector)}</Tag>,
        },
        {
          title: t('col.rubric'),
          key: 'rubric',
          render: (_, pin) =>
            round.status === 'setup' && pin.reviews === 0 ? (
              <Flex align="center" gap={8} wrap>
                <div style={{ flex: 1 }}>
                  <PinSelect
                    versions={versions.data ?? []}
                    sector={pin.sector}
                    value={pin.rubric.id}
                    onChange={(id) => void move(pin.sector, id)}
                  />
                </div>
                {pin.newer && (
                  <NewerVersion
                    sector={pin.sector}
                    newer={pin.newer}
                    onUse={(id) => void move(pin.sector, id)}
                  />
                )}
              </Flex>
            ) : (
              <span data-testid={`round-pin-${pin.sector}`}>
                {pick(lang, pin.rubric.name_zh, pin.rubric.name_en)}{' '}
                <Tag>{t('rubrics.version', { n: pin.rubric.version })}</Tag>
                {pin.rubric.frozen && (
                  <Tooltip title={t('rubrics.frozenHint')}>
                    <LockOutlined />
                  </Tooltip>
                )}
              </span>
            ),
        },
        { title: t('col.entries'), dataIndex: 'entries', width: 90, align: 'right' },
        { title: t('col.reviews'), dataIndex: 'reviews', width: 90, align: 'right' },
      ]}
    />
  );
}

/** A version of the pinned rubric saved since it was pinned, and the step to use it. */
function NewerVersion(props: {
  sector: string;
  newer: NonNullable<Pin['newer']>;
  onUse: (rubricId: number) => void;
}) {
  const { sector, newer, onUse } = props;
  const t = useT();
  return (
    <span data-testid={`round-pin-newer-${sector}`}>
      <Tag color="gold">{t('rounds.newer', { n: newer.version })}</Tag>
      <Button
        size="small"
        onClick={() => onUse(newer.id)}
        data-testid={`round-pin-use-newer-${sector}`}
      >
        {t('rounds.useNewer', { n: newer.version })}
      </Button>
    </span>
  );
}

/**
 * Entries whose sector changed in a re-import after the round was created: the round still ranks
 * them in the sector group they joined and scores them with its rubric. In setup they can move to
 * their sector now; once scoring has started they stay where they are scored.
 */
function SectorChanges({ round }: { round: RoundDetail }) {
  const t = useT();
  const lang = useLang();
  const run = useOperation();
  const changes = round.sector_changes;
  if (changes.length === 0) return null;
  const setup = round.status === 'setup';
  const unpinned = [
    ...new Set(changes.filter((change) => !change.sector_pinned).map((change) => change.sector)),
  ];
  const regroup = async () => {
    await run('rounds.regroup', { round: round.name });
  };
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginTop: 12 }}
      data-testid="round-sector-changes"
      title={t('rounds.sectorChanges', { n: changes.length })}
      description={
        <>
          <Typography.Paragraph style={{ marginBottom: 4 }}>
            {t(setup ? 'rounds.sectorChangesHint' : 'rounds.sectorChangesKept')}
          </Typography.Paragraph>
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {changes.map((change) => (
              <li key={change.entry_id}>
                {t('rounds.sectorChange', {
                  entry: `${change.entry_id} ${change.title}`,
                  sector: sectorName(lang, change.sector),
                  group: sectorName(lang, change.ranked_in),
                  rubric: `${pick(lang, change.rubric.name_zh, change.rubric.name_en)} ${t('rubrics.version', { n: change.rubric.version })}`,
                })}
              </li>
            ))}
          </ul>
          {setup && (
            <Flex gap={8} align="center" wrap style={{ marginTop: 8 }}>
              <Popconfirm
                title={t('rounds.regroupConfirm', { n: changes.length })}
                description={t('rounds.regroupHint')}
                okText={t('rounds.regroup')}
                cancelText={t('common.cancel')}
                onConfirm={() => void regroup()}
                okButtonProps={testId('round-regroup-confirm')}
              >
                <Button size="small" data-testid="round-regroup">
                  {t('rounds.regroup')}
                </Button>
              </Popconfirm>
              {unpinned.length > 0 && (
                <Typography.Text type="secondary">
                  {t('rounds.regroupNewPins', {
                    sectors: unpinned
                      .map((sector) => sectorName(lang, sector))
                      .join(pick(lang, '、', ', ')),
                  })}
                </Typography.Text>
              )}
            </Flex>
          )}
        </>
      }
    />
  );
}

/** The round's audit events, newest last, each said in words. */
function History({ events }: { events: RoundEvent[] }) {
  const t = useT();
  const lang = useLang();
  return (
    <section style={{ marginTop: 16 }}>
      <Typography.Title level={5}>{t('rounds.history')}</Typography.Title>
      <Timeline
        data-testid="round-history"
        items={events.map((event) => ({
          key: event.seq,
          content: (
            <div data-testid="round-event" data-action={event.action}>
              <Typography.Text type="secondary">{formatTime(lang, event.at)}</Typography.Text>{' '}
              {roundEventText(t, lang, event)}
            </div>
          ),
        }))}
      />
    </section>
  );
}
