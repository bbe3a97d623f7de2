import { Alert, Button } from 'antd';
import type { UserMessage } from '@core/errors';
import { useMessageText } from '../hooks';
import { useT } from '../i18n';

/** A failed load, said in the user's language, with a retry. */
export function LoadError({ error, onRetry }: { error: UserMessage; onRetry: () => void }) {
  const t = useT();
  const text = useMessageText();
  return (
    <Alert
      type="error"
      showIcon
      title={t('common.loadFailed')}
      description={text(error)}
      action={<Button onClick={onRetry}>{t('common.retry')}</Button>}
      style={{ marginBottom: 16 }}
    />
  );
}
