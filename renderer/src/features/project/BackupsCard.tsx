// 备份: where the project's automatic backups are, the newest of them, and a backup on demand
// (before a risky bulk change, say). A backup is itself a project file that opens as one.
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Typography } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { LoadError } from '@shared/components/LoadError';
import { formatTime } from '@shared/format';
import { useOperation, useSailQuery } from '@shared/hooks';
import { pick, useLang, useT } from '@shared/i18n';

export function BackupsCard() {
  const t = useT();
  const lang = useLang();
  const { message } = App.useApp();
  const run = useOperation();
  const listed = useSailQuery('project.backups', {});
  const [running, setRunning] = useState(false);
  const newest = listed.data?.backups[0];

  const backUp = async () => {
    setRunning(true);
    try {
      const backup = await run('project.backup', {});
      if (backup) void message.success(t('backups.done', { path: backup.path }));
    } finally {
      setRunning(false);
      // Success or failure, the card shows where backups stand now.
      listed.reload();
    }
  };

  return (
    <Card
      title={t('backups.title')}
      style={{ marginTop: 16 }}
      data-testid="backups"
      extra={
        <Button
          icon={<SaveOutlined />}
          loading={running}
          onClick={() => void backUp()}
          data-testid="backup-now"
        >
          {t('backups.now')}
        </Button>
      }
    >
      {listed.error && <LoadError error={listed.error} onRetry={listed.reload} />}
      {listed.data?.last_failure && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('backups.failed', { time: formatTime(lang, listed.data.last_failure.at) })}
          description={pick(
            lang,
            listed.data.last_failure.message_zh,
            listed.data.last_failure.message_en,
          )}
          data-testid="backup-failed"
        />
      )}
      <Typography.Paragraph type="secondary">{t('backups.hint')}</Typography.Paragraph>
      {listed.data && (
        <Descriptions
          size="small"
          column={1}
          items={[
            {
              key: 'newest',
              label: t('backups.newest'),
              children: (
                <span data-testid="backup-newest" data-count={listed.data.backups.length}>
                  {newest
                    ? t('backups.newestText', {
                        time: formatTime(lang, newest.created_at),
                        n: listed.data.backups.length,
                      })
                    : t('backups.none')}
                </span>
              ),
            },
            {
              key: 'folder',
              label: t('backups.folder'),
              children: (
                <Typography.Text copyable data-testid="backup-folder">
                  {listed.data.folder}
                </Typography.Text>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
