// The organiser prepares a shared laptop as an expert desk: their own PIN (to leave expert mode
// again), the idle minutes after which the desk locks, each expert's PIN, then "open the desk".
import { useState } from 'react';
import { Alert, App, Button, Flex, Input, InputNumber, Modal, Table, Tag, Typography } from 'antd';
import type { Reviewer } from '@api/contract';
import { useOperation, useSailQuery } from '@shared/hooks';
import { useT } from '@shared/i18n';
import { useApp } from '@shared/store';
import { testId } from '@shared/testId';

const PIN = /^\d{4,12}$/;

export function DeskSettings({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const run = useOperation();
  const { message } = App.useApp();
  const dataChanged = useApp((state) => state.dataChanged);
  const desk = useSailQuery('desk.state', open ? {} : null);
  const reviewers = useSailQuery('reviewers.list', open ? {} : null);
  const [organiserPin, setOrganiserPin] = useState('');
  const [pins, setPins] = useState<Record<string, string>>({});
  const withPin = new Set(desk.data?.experts.map((expert) => expert.reviewer_id));

  const saveOrganiserPin = async () => {
    if (await run('desk.settings', { organiser_pin: organiserPin })) {
      setOrganiserPin('');
      void message.success(t('desk.organiserPinSaved'));
    }
  };
  const saveIdle = (minutes: number | null) =>
    minutes !== null && void run('desk.settings', { idle_lock_minutes: minutes });
  const savePin = async (reviewer: Reviewer) => {
    const pin = pins[reviewer.reviewer_id] ?? '';
    if (await run('reviewers.setPin', { reviewer_id: reviewer.reviewer_id, pin })) {
      setPins((current) => ({ ...current, [reviewer.reviewer_id]: '' }));
    }
  };
  const openDesk = async () => {
    if (!(await run('desk.open', {}))) return;
    onClose();
    dataChanged();
  };

  return (
    <Modal
      open={open}
      title={t('desk.settingsTitle')}
      width={760}
      onCancel={onClose}
      footer={
        <Flex justify="space-between">
          <Button onClick={onClose}>{t('common.close')}</Button>
          <Button
            type="primary"
            disabled={!desk.data?.organiser_pin_set || withPin.size === 0}
            onClick={() => void openDesk()}
            data-testid="desk-open"
          >
            {t('desk.open')}
          </Button>
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary">{t('desk.settingsHint')}</Typography.Paragraph>
      <Flex gap={24} wrap align="end" style={{ marginBottom: 16 }}>
        <div>
          <Typography.Text strong>
            {t('desk.organiserPin')}{' '}
            {desk.data?.organiser_pin_set ? (
              <Tag color="green">{t('desk.pinSet')}</Tag>
            ) : (
              <Tag color="orange">{t('desk.pinNotSet')}</Tag>
            )}
          </Typography.Text>
          <Flex gap={8}>
            <Input.Password
              style={{ width: 180 }}
              inputMode="numeric"
              maxLength={12}
              value={organiserPin}
              onChange={(event) => setOrganiserPin(event.target.value)}
              data-testid="desk-organiser-pin-new"
            />
            <Button
              disabled={!PIN.test(organiserPin)}
              onClick={() => void saveOrganiserPin()}
              data-testid="desk-organiser-pin-save"
            >
              {t('common.save')}
            </Button>
          </Flex>
        </div>
        <label>
          <Typography.Text strong>{t('desk.idleMinutes')}</Typography.Text>
          <br />
          <InputNumber
            min={1}
            max={240}
            value={desk.data?.idle_lock_minutes}
            onChange={saveIdle}
            data-testid="desk-idle"
          />
        </label>
      </Flex>
      {withPin.size === 0 && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('desk.noExperts')} />
      )}
      <Table<Reviewer>
        size="small"
        rowKey="reviewer_id"
        pagination={{ pageSize: 8, hideOnSinglePage: true, showSizeChanger: false }}
        dataSource={reviewers.data}
        loading={reviewers.loading && !reviewers.data}
        columns={[
          { title: t('col.reviewerId'), dataIndex: 'reviewer_id', width: 110 },
          { title: t('col.reviewerName'), dataIndex: 'name', width: 110 },
          {
            title: 'PIN',
            key: 'pin',
            render: (_: unknown, reviewer: Reviewer) => (
              <Flex gap={8} align="center">
                {withPin.has(reviewer.reviewer_id) ? (
                  <Tag color="green">{t('desk.pinSet')}</Tag>
                ) : (
                  <Tag>{t('desk.pinNotSet')}</Tag>
                )}
                <Input.Password
                  size="small"
                  style={{ width: 140 }}
                  inputMode="numeric"
                  maxLength={12}
                  value={pins[reviewer.reviewer_id] ?? ''}
                  onChange={(event) =>
                    setPins((current) => ({
                      ...current,
                      [reviewer.reviewer_id]: event.target.value,
                    }))
                  }
                  {...testId(`desk-pin-${reviewer.reviewer_id}`)}
                />
                <Button
                  size="small"
                  disabled={!PIN.test(pins[reviewer.reviewer_id] ?? '')}
                  onClick={() => void savePin(reviewer)}
                  {...testId(`desk-pin-save-${reviewer.reviewer_id}`)}
                >
                  {t('desk.setPin')}
                </Button>
              </Flex>
            ),
          },
        ]}
      />
    </Modal>
  );
}
