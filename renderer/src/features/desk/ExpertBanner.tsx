// Always on screen at the expert desk: who is scoring, and the way to lock the desk when
// stepping away (it also locks by itself when idle).
import { Alert, Button } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import type { DeskExpert } from '@api/contract';
import { useOperation } from '@shared/hooks';
import { useT } from '@shared/i18n';
import { useApp } from '@shared/store';

export function ExpertBanner({ expert, idleMinutes }: { expert: DeskExpert; idleMinutes: number }) {
  const t = useT();
  const run = useOperation();
  const dataChanged = useApp((state) => state.dataChanged);
  return (
    <Alert
      className="sail-expert-banner"
      type="info"
      icon={<UserOutlined />}
      showIcon
      title={t('desk.banner', { name: expert.name, id: expert.reviewer_id, minutes: idleMinutes })}
      action={
        <Button
          size="small"
          icon={<LockOutlined />}
          onClick={() => void run('desk.lock', {}).then(dataChanged)}
          data-testid="desk-lock"
        >
          {t('desk.lock')}
        </Button>
      }
      data-testid="expert-banner"
    />
  );
}
