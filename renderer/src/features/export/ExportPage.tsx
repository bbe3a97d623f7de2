// 导出: the round's ranking as PDF (signed), XLSX or CSV, or score sheets as PDF, cut by a
// shortlist rule, previewed before writing; each export is recorded with its SHA-256 and the
// digest of the data it came from.
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Form, Skeleton, Typography } from 'antd';
import { DownloadOutlined, ExportOutlined } from '@ant-design/icons';
import type { ExportRecord, OperationInput } from '@api/contract';
import type { Result } from '@api/result';
import { baseName, saveDialogAsksToReplace, shell } from '@shared/api';
import { ExportHistory } from '@shared/components/ExportHistory';
import { LoadError } from '@shared/components/LoadError';
import { Page } from '@shared/components/Page';
import { RankSettingsBar } from '@shared/components/RankSettingsBar';
import { TaskProgress } from '@shared/components/TaskProgress';
import {
  useDebounced,
  useDownload,
  useMessageText,
  useNotifyError,
  useSailQuery,
} from '@shared/hooks';
import { useT } from '@shared/i18n';
import { useApp } from '@shared/store';
import { useRankSettings } from '@shared/useRankSettings';
import { useTask } from '@shared/useTask';
import { ExportChoicesForm } from './ExportChoicesForm';
import { ExportPreviewCard } from './ExportPreviewCard';
import { numberedPath, useReplaceQuestion } from './useReplaceQuestion';
import {
  exportInput,
  FILE_EXTENSIONS,
  INITIAL_CHOICES,
  safeFileName,
  type ExportChoices,
} from './exportSpec';

/** How many numbered names ("排名 (2).csv" …) keeping both files tries before giving up. */
const MAX_NUMBERED = 99;

export function ExportPage() {
  const t = useT();
  const round = useApp((state) => state.round);
  const setView = useApp((state) => state.setView);
  if (!round) {
    return (
      <Page title={t('nav.export')}>
        <Empty className="sail-empty" description={t('export.needRound')}>
          <Button type="primary" onClick={() => setView('rounds')}>
            {t('nav.rounds')}
          </Button>
        </Empty>
      </Page>
    );
  }
  return <RoundExport key={round} round={round} />;
}

function RoundExport({ round }: { round: string }) {
  const t = useT();
  const exportTask = useTask('export.ranking');
  const notifyError = useNotifyError();
  const messageText = useMessageText();
  const { message } = App.useApp();
  const { round: detail, settings, sectors, change } = useRankSettings(round);
  const [choices, setChoices] = useState<ExportChoices>(INITIAL_CHOICES);
  const [exporting, setExporting] = useState(false);
  const [record, setRecord] = useState<ExportRecord | null>(null);
  const [exportsDone, setExportsDone] = useState(0);
  const input = settings ? exportInput(round, settings, choices) : null;
  // Typing a number should not rebuild the preview on every key.
  const preview = useSailQuery('export.preview', useDebounced(input, 300));

  const askReplace = useReplaceQuestion();

  /**
   * Writes the export to `path`, asking first before it takes the place of a file there; null
   * when the organiser chose not to. The export refuses to replace a file unless told to, so
   * nothing is lost between the question and the write.
   */
  const writeTo = async (
    spec: OperationInput<'export.preview'>,
    path: string,
  ): Promise<Result<ExportRecord> | null> => {
    const first = await exportTask.run({ ...spec, path, replace: saveDialogAsksToReplace });
    if (first.ok || first.error.code !== 'file_exists') return first;
    const answer = await askReplace(path);
    if (answer === 'cancel') return null;
    if (answer === 'replace') return exportTask.run({ ...spec, path, replace: true });
    // Keep both: this export under the first numbered name not taken.
    for (let n = 2; n <= MAX_NUMBERED; n++) {
      const numbered = await exportTask.run({
        ...spec,
        path: numberedPath(path, n),
        replace: false,
      });
      if (numbered.ok || numbered.error.code !== 'file_exists') return numbered;
    }
    return first;
  };

  const runExport = async () => {
    if (!input) return;
    setExporting(true);
    try {
      const name =
        choices.format === 'pdf' && choices.kind !== 'ranking'
          ? t(`export.kind.${choices.kind}`)
          : '排名';
      const path = await shell.pickSavePath(
        safeFileName(`${round}-${name}.${FILE_EXTENSIONS[choices.format]}`),
      );
      if (!path) return;
      const written = await writeTo(input, path);
      if (!written) return;
      if (written.ok) {
        setRecord(written.value);
        setExportsDone((n) => n + 1);
      } else if (written.error.code === 'cancelled') {
        void message.warning(messageText(written.error));
      } else notifyError(written.error);
    } catch (error) {
      notifyError(error);
    } finally {
      setExporting(false);
    }
  };

  return (
    <Page title={`${t('nav.export')} · ${round}`}>
      {detail.error && <LoadError error={detail.error} onRetry={detail.reload} />}
      <Card>
        {settings ? (
          <Form layout="vertical">
            <ExportChoicesForm
              choices={choices}
              sectors={sectors}
              onChange={(update) => setChoices((current) => ({ ...current, ...update }))}
            />
            <Form.Item>
              <RankSettingsBar
                settings={settings}
                sectors={sectors}
                onChange={change}
                idPrefix="export"
              />
            </Form.Item>
            <Typography.Paragraph type="secondary">{t('export.hint')}</Typography.Paragraph>
            <Button
              type="primary"
              size="large"
              icon={<ExportOutlined />}
              loading={exporting}
              disabled={preview.error !== null}
              onClick={() => void runExport()}
              data-testid="export-button"
            >
              {t('export.run')}
            </Button>
            {exportTask.running && (
              <div style={{ marginTop: 16 }}>
                <TaskProgress
                  progress={exportTask.progress}
                  cancelling={exportTask.cancelling}
                  onCancel={exportTask.cancel}
                />
              </div>
            )}
          </Form>
        ) : (
          !detail.error && <Skeleton active />
        )}
      </Card>
      {record && <ExportDone record={record} />}
      <div style={{ marginTop: 16 }}>
        {preview.error ? (
          <Alert type="warning" showIcon title={messageText(preview.error)} />
        ) : (
          <ExportPreviewCard preview={preview.data} loading={preview.loading} />
        )}
      </div>
      <ExportHistory key={exportsDone} round={round} limit={50} title={t('export.history')} />
    </Page>
  );
}

function ExportDone({ record }: { record: ExportRecord }) {
  const t = useT();
  const text = useMessageText();
  const download = useDownload();
  return (
    <Card style={{ marginTop: 16 }} data-testid="export-result">
      <Alert
        type="success"
        showIcon
        title={t('export.done')}
        description={record.replaced && t('export.replaced', { name: baseName(record.path) })}
        style={{ marginBottom: 16 }}
      />
      {record.warnings.map((warning) => (
        <Alert
          key={warning.code}
          type="warning"
          showIcon
          title={text(warning)}
          style={{ marginBottom: 16 }}
          data-testid="export-warning"
        />
      ))}
      <Descriptions
        bordered
        size="small"
        column={1}
        items={[
          {
            key: 'path',
            label: t('export.path'),
            children: (
              <Typography.Text copyable data-testid="export-path">
                {record.path}
              </Typography.Text>
            ),
          },
          { key: 'rows', label: t('export.rows'), children: record.rows },
          {
            key: 'sha',
            label: t('export.sha256'),
            children: (
              <Typography.Text code copyable data-testid="export-sha256">
                {record.sha256}
              </Typography.Text>
            ),
          },
          {
            key: 'digest',
            label: t('export.digest'),
            children: <Typography.Text code>{record.data_digest}</Typography.Text>,
          },
        ]}
      />
      {download && (
        <Button
          style={{ marginTop: 16 }}
          icon={<DownloadOutlined />}
          onClick={() => download(record.path)}
          data-testid="export-download"
        >
          {t('export.download')}
        </Button>
      )}
    </Card>
  );
}
