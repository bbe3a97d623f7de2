// The progress of a running task (see useTask): a bar, what it is doing, and a cancel button.
import { Button, Flex, Progress, Typography } from 'antd';
import type { TaskProgress as Progressed } from '@api/contract';
import { useLang, useT, type Lang, type Translate } from '@shared/i18n';

const MB = 1024 * 1024;

/** What the task is doing, its counts written the language's way (12,345). */
function describe(t: Translate, lang: Lang, progress: Progressed | null): string {
  if (!progress) return t('task.phase.start');
  const parts = [t(`task.phase.${progress.phase}`)];
  const { done, total, unit, rows } = progress;
  if (unit === 'bytes') {
    const size = (n: number) => `${(n / MB).toFixed(1)} MB`;
    parts.push(total === null ? size(done) : `${size(done)} / ${size(total)}`);
  } else if (unit === 'rows' && total !== null) {
    parts.push(
      t('task.rowsOf', { done: done.toLocaleString(lang), total: total.toLocaleString(lang) }),
    );
  }
  if (rows !== null && rows > 0) parts.push(t('task.rowsRead', { n: rows.toLocaleString(lang) }));
  return parts.join(' · ');
}

export function TaskProgress({
  progress,
  cancelling,
  onCancel,
}: {
  progress: Progressed | null;
  cancelling: boolean;
  onCancel: () => void;
}) {
  const t = useT();
  const lang = useLang();
  const percent =
    progress?.total && progress.total > 0
      ? Math.min(100, Math.floor((progress.done / progress.total) * 100))
      : 0;
  return (
    <div data-testid="task-progress" data-percent={percent} data-phase={progress?.phase ?? ''}>
      <Flex align="center" gap={12}>
        <Progress percent={percent} status="active" style={{ flex: 1, margin: 0 }} />
        <Button onClick={onCancel} loading={cancelling} data-testid="task-cancel">
          {t('task.cancel')}
        </Button>
      </Flex>
      <Typography.Text type="secondary" data-testid="task-progress-text">
        {describe(t, lang, progress)}
      </Typography.Text>
    </div>
  );
}
