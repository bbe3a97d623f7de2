// Always on screen at the expert desk: who is scoring, and the way to lock the desk when
// stepping away (it also locks by itself when idle). In a panel package — the expert's own
// laptop — there is no one else to lock out: the banner sends the scores (a signed score packet
// for the organiser) and closes the package instead.
import { Alert, App, Button, Flex, Tooltip } from 'antd';
import { LockOutlined, LogoutOutlined, SendOutlined, UserOutlined } from '@ant-design/icons';
import type { DeskExpert } from '@api/contract';
import { shell } from '@shared/api';
import { useOperation, useSailQuery } from '@shared/hooks';
import { useT } from '@shared/i18n';
import { useApp } from '@shared/store';
import { useProjectSwitch } from '@shared/useProjectSwitch';

export function ExpertBanner({ expert, idleMinutes }: { expert: DeskExpert; idleMinutes: number }) {
  const t = useT();
  const run = useOperation();
  const dataChanged = useApp((state) => state.dataChanged);
  const inPackage = useSailQuery('packages.current', {}).data ?? null;
  return (
    <Alert
      className="sail-expert-banner"
      type="info"
      icon={<UserOutlined />}
      showIcon
      title={
        inPackage
          ? t('desk.packageBanner', {
              name: expert.name,
              id: expert.reviewer_id,
              round: inPackage.round,
            })
          : t('desk.banner', { name: expert.name, id: expert.reviewer_id, minutes: idleMinutes })
      }
      action={
        inPackage ? (
          <PackageActions round={inPackage.round} reviewer={expert.reviewer_id} />
        ) : (
          <Button
            size="small"
            icon={<LockOutlined />}
            onClick={() => void run('desk.lock', {}).then(dataChanged)}
            data-testid="desk-lock"
          >
            {t('desk.lock')}
          </Button>
        )
      }
      data-testid="expert-banner"
    />
  );
}

function PackageActions({ round, reviewer }: { round: string; reviewer: string }) {
  const t = useT();
  const run = useOperation();
  const switchProject = useProjectSwitch();
  const closeProject = useApp((state) => state.closeProject);
  const { message } = App.useApp();
  const send = async () => {
    const path = await shell.pickSavePath(`${round}-${reviewer}-评分包.sailscores`);
    if (path === null) return;
    const written = await run('packets.export', { path });
    if (written) {
      void message.success(
        t('packets.sent', { path: written.path, n: written.reviews, submitted: written.submitted }),
      );
    }
  };
  return (
    <Flex gap={8}>
      <Tooltip title={t('packets.sendHint')}>
        <Button
          size="small"
          type="primary"
          icon={<SendOutlined />}
          onClick={() => void send()}
          data-testid="packet-send"
        >
          {t('packets.send')}
        </Button>
      </Tooltip>
      <Button
        size="small"
        icon={<LogoutOutlined />}
        onClick={() =>
          void switchProject('project.close', {}).then(
            (closed) => closed !== undefined && closeProject(),
          )
        }
        data-testid="package-close"
      >
        {t('top.closeProject')}
      </Button>
    </Flex>
  );
}
