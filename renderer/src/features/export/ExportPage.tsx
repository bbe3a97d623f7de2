// 导出: write the round's ranking to a file with the settings used and a SHA-256 to verify it.
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Radio,
  Skeleton,
  Typography,
} from 'antd';
import { DownloadOutlined, ExportOutlined } from '@ant-design/icons';
import type { ExportRecord } from '@api/contract';
import { baseName, downloadUrl, shell } from '@shared/api';
import { LoadError } from '@shared/components/LoadError';
import { Page } from '@shared/components/Page';
import { RankSettingsBar } from '@shared/components/RankSettingsBar';
import { TaskProgress } from '@shared/components/TaskProgress';
import { useMessageText, useNotifyError } from '@shared/hooks';
import { useT } from '@shared/i18n';
import { useApp } from '@shared/store';
import { rankInput, useRankSettings } from '@shared/useRankSettings';
import { useTask } from '@shared/useTask';

const FORMATS = [
  { value: 'csv', label: 'CSV', ready: true },
  { value: 'xlsx', label: 'XLSX', ready: false },
  { value: 'pdf', label: 'PDF', ready: false },
] as const;

/** A file name without characters Windows or macOS refuse. */
function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|]/g, '_');
}

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
  const [exporting, setExporting] = useState(false);
  const [record, setRecord] = useState<ExportRecord | null>(null);

  const exportRanking = async () => {
    if (!settings) return;
    setExporting(true);
    try {
      const path = await shell.pickSavePath(safeFileName(`${round}-排名.csv`));
      if (!path) return;
      const written = await exportTask.run({
        ...rankInput(round, settings),
        format: 'csv',
        path,
      });
      if (written.ok) setRecord(written.value);
      else if (written.error.code === 'cancelled') void message.warning(messageText(written.error));
      else notifyError(written.error);
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
            <Form.Item label={t('export.format')}>
              <Radio.Group value="csv" data-testid="export-format">
                {FORMATS.map((format) => (
                  <Radio.Button key={format.value} value={format.value} disabled={!format.ready}>
                    {format.label}
                    {!format.ready && t('export.later')}
                  </Radio.Button>
                ))}
              </Radio.Group>
            </Form.Item>
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
              onClick={() => void exportRanking()}
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
    </Page>
  );
}

function ExportDone({ record }: { record: ExportRecord }) {
  const t = useT();
  const url = downloadUrl(record.path);
  return (
    <Card style={{ marginTop: 16 }} data-testid="export-result">
      <Alert type="success" showIcon title={t('export.done')} style={{ marginBottom: 16 }} />
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
      {url && (
        <Button
          style={{ marginTop: 16 }}
          icon={<DownloadOutlined />}
          href={url}
          download={baseName(record.path)}
          data-testid="export-download"
        >
          {t('export.download')}
        </Button>
      )}
    </Card>
  );
}
