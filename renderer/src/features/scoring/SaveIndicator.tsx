// "已保存" feedback after each change; a failed save says why and offers an immediate retry.
import { Button, Typography } from 'antd';
import { CheckCircleFilled, ExclamationCircleFilled, LoadingOutlined } from '@ant-design/icons';
import { useMessageText } from '@shared/hooks';
import { useLang, useT } from '@shared/i18n';
import type { SaveStatus } from './useAutosave';

interface SaveIndicatorProps {
  status: SaveStatus;
  /** Scores typed but not valid, which were therefore not saved. */
  invalid: number;
  onRetry: () => void;
}

export function SaveIndicator({ status, invalid, onRetry }: SaveIndicatorProps) {
  const t = useT();
  const lang = useLang();
  const text = useMessageText();
  return (
    <div className="sail-save" data-testid="save-state" data-state={status.kind} aria-live="polite">
      {status.kind === 'idle' && (
        <Typography.Text type="secondary">{t('save.idle')}</Typography.Text>
      )}
      {status.kind === 'saving' && (
        <Typography.Text type="secondary">
          <LoadingOutlined /> {t('save.saving')}
        </Typography.Text>
      )}
      {status.kind === 'saved' && (
        <Typography.Text type="success">
          <CheckCircleFilled /> {t('save.saved', { time: status.at.toLocaleTimeString(lang) })}
        </Typography.Text>
      )}
      {status.kind === 'error' && (
        <>
          <Typography.Text type="danger">
            <ExclamationCircleFilled /> {t('save.error')}
          </Typography.Text>
          <div>
            <Typography.Text type="secondary">{text(status.error)}</Typography.Text>
            <Button size="small" type="link" onClick={onRetry} data-testid="save-retry">
              {t('save.retry')}
            </Button>
          </div>
        </>
      )}
      {invalid > 0 && (
        <div>
          <Typography.Text type="warning">{t('save.invalid', { n: invalid })}</Typography.Text>
        </div>
      )}
    </div>
  );
}
