// What an expert can do with an entry besides scoring it: put it off to the end of their queue
// (稍后再评), or declare a conflict of interest (回避) with the reason, which gives it back to
// the organiser. Both act on the queue, so the screen moves on to the next open entry.
import { useState } from 'react';
import { Button, Flex, Tooltip } from 'antd';
import { ClockCircleOutlined, StopOutlined, UndoOutlined } from '@ant-design/icons';
import type { QueueItem } from '@api/contract';
import { useOperation } from '@shared/hooks';
import { useT } from '@shared/i18n';
import { ReasonModal } from './ReasonModal';

export function EntryActions({
  item,
  target,
  onQueueChange,
}: {
  item: QueueItem;
  target: { round: string; reviewer: string; entry: number };
  /** Saves what is typed, runs `change`, and moves on when it was done. */
  onQueueChange: (change: () => Promise<boolean>) => Promise<boolean>;
}) {
  const t = useT();
  const run = useOperation();
  const [recusing, setRecusing] = useState(false);
  const submitted = item.status === 'submitted';

  const defer = () =>
    void onQueueChange(
      async () =>
        (await run('scoring.defer', { ...target, deferred: !item.deferred })) !== undefined,
    );

  return (
    <Flex gap={8}>
      {!submitted && (
        <Tooltip title={item.deferred ? t('scoring.undeferHint') : t('scoring.deferHint')}>
          <Button
            size="small"
            icon={item.deferred ? <UndoOutlined /> : <ClockCircleOutlined />}
            onClick={defer}
            data-testid="entry-defer"
          >
            {item.deferred ? t('scoring.undefer') : t('scoring.defer')}
          </Button>
        </Tooltip>
      )}
      <Tooltip title={submitted ? t('scoring.recuseSubmitted') : t('scoring.recuseHint')}>
        <Button
          size="small"
          danger
          icon={<StopOutlined />}
          disabled={submitted}
          onClick={() => setRecusing(true)}
          data-testid="entry-recuse"
        >
          {t('scoring.recuse')}
        </Button>
      </Tooltip>
      <ReasonModal
        open={recusing}
        danger
        title={t('scoring.recuseTitle')}
        okText={t('scoring.recuse')}
        placeholder={t('scoring.recuseReason')}
        hint={t('scoring.recuseHint')}
        testIdPrefix="entry-recuse"
        onClose={() => setRecusing(false)}
        onConfirm={(reason) =>
          onQueueChange(async () => {
            const done = (await run('scoring.recuse', { ...target, reason })) !== undefined;
            if (done) setRecusing(false);
            return done;
          })
        }
      />
    </Flex>
  );
}
