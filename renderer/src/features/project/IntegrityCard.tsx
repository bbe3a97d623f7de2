// 完整性检查: when every page of the project file was last checked and what was found. Opening
// reads only the file's header (a national project is gigabytes); the session checks the pages
// in the background, and the organiser can check again at any time.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { call } from '@shared/api';
import { LoadError } from '@shared/components/LoadError';
import { formatTime } from '@shared/format';
import { useOperation, useSailQuery } from '@shared/hooks';
import { pick, useLang, useT } from '@shared/i18n';

export function IntegrityCard() {
  const t = useT();
  const lang = useLang();
  const run = useOperation();
  const status = useSailQuery('project.integrity', {});
  const [checking, setChecking] = useState(false);
  const running = checking || status.data?.running === true;
  const last = status.data?.last ?? null;
  const { reload } = status;

  // A check under way (the one after opening): shown once it ends, without polling.
  const background = status.data?.running === true;
  useEffect(() => {
    if (!background) return;
    let live = true;
    void call('project.integrity', { wait: true }).then(() => {
      if (live) reload();
    });
    return () => {
      live = false;
    };
  }, [background, reload]);

  const checkNow = async () => {
    setChecking(true);
    try {
      await run('project.checkIntegrity', {});
    } finally {
      setChecking(false);
      reload();
    }
  };

  const time = last ? formatTime(lang, last.checked_at) : '';
  const summary = last
    ? last.ok
      ? t('integrity.ok', { time, seconds: last.seconds.toFixed(1) })
      : t('integrity.problem', { time })
    : running
      ? ''
      : t('integrity.none');

  return (
    <Card
      title={t('integrity.title')}
      style={{ marginTop: 16 }}
      data-testid="integrity"
      extra={
        <Button
          icon={<SafetyCertificateOutlined />}
          loading={running}
          onClick={() => void checkNow()}
          data-testid="integrity-now"
        >
          {t('integrity.now')}
        </Button>
      }
    >
      {status.error && <LoadError error={status.error} onRetry={reload} />}
      {last?.problem && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('integrity.problem', { time })}
          description={pick(lang, last.problem.message_zh, last.problem.message_en)}
          data-testid="integrity-problem"
        />
      )}
      <Typography.Paragraph type="secondary">{t('integrity.hint')}</Typography.Paragraph>
      {status.data && (
        <Descriptions
          size="small"
          column={1}
          items={[
            {
              key: 'last',
              label: t('integrity.last'),
              children: (
                <span
                  data-testid="integrity-last"
                  data-state={last ? (last.ok ? 'ok' : 'problem') : 'none'}
                  data-running={running ? 'yes' : 'no'}
                  data-checked-at={last?.checked_at ?? ''}
                >
                  {[summary, running ? t('integrity.running') : '']
                    .filter((part) => part !== '')
                    .join(' · ')}
                </span>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
