// 附件 of an entry, viewable offline: images inline, PDFs in the browser's viewer, both from blob
// URLs made of the bytes `attachments.read` sends once it has checked the file is the one linked.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Flex, Spin, Typography } from 'antd';
import { DownloadOutlined, PaperClipOutlined } from '@ant-design/icons';
import type { AttachmentInfo } from '@api/contract';
import type { UserMessage } from '@core/errors';
import { baseName, call, isWebMode } from '@shared/api';
import { useMessageText, useNotifyError } from '@shared/hooks';
import { useT } from '@shared/i18n';

type Kind = 'image' | 'pdf' | 'other';

// The MIME type comes from the file's extension (core/attachments), never from its content.
const kindOf = (mime: string): Kind =>
  mime.startsWith('image/') ? 'image' : mime === 'application/pdf' ? 'pdf' : 'other';

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

async function readBlob(id: number): Promise<{ blob: Blob } | { error: UserMessage }> {
  const result = await call('attachments.read', { id });
  if (!result.ok) return { error: result.error };
  const binary = atob(result.value.base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return { blob: new Blob([bytes], { type: result.value.mime }) };
}

export function EntryAttachments({ attachments }: { attachments: AttachmentInfo[] }) {
  const t = useT();
  return (
    <section data-testid="entry-attachments">
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('attachments.title')}
      </Typography.Title>
      {attachments.length === 0 ? (
        <Typography.Text type="secondary">{t('attachments.none')}</Typography.Text>
      ) : (
        <Flex vertical gap={12}>
          {attachments.map((attachment) => (
            <AttachmentCard key={attachment.id} attachment={attachment} />
          ))}
        </Flex>
      )}
    </section>
  );
}

function AttachmentCard({ attachment }: { attachment: AttachmentInfo }) {
  const t = useT();
  const kind = kindOf(attachment.mime);
  return (
    <Card
      size="small"
      data-testid="attachment"
      data-file-name={attachment.file_name}
      title={
        <span>
          <PaperClipOutlined /> {attachment.file_name}
        </span>
      }
      extra={<Typography.Text type="secondary">{formatSize(attachment.size)}</Typography.Text>}
    >
      {kind === 'other' ? (
        isWebMode ? (
          <DownloadButton attachment={attachment} />
        ) : (
          <Typography.Text type="secondary">{t('attachments.noPreview')}</Typography.Text>
        )
      ) : (
        <Preview attachment={attachment} kind={kind} />
      )}
    </Card>
  );
}

interface Loaded {
  url: string | null;
  error: UserMessage | null;
}

function Preview({ attachment, kind }: { attachment: AttachmentInfo; kind: 'image' | 'pdf' }) {
  const t = useT();
  const text = useMessageText();
  const [loaded, setLoaded] = useState<Loaded>({ url: null, error: null });

  useEffect(() => {
    let live = true;
    let url: string | null = null;
    void readBlob(attachment.id).then((read) => {
      if (!live) return;
      if ('error' in read) {
        setLoaded({ url: null, error: read.error });
        return;
      }
      url = URL.createObjectURL(read.blob);
      setLoaded({ url, error: null });
    });
    // The bytes stay in memory until the URL is revoked: do it as soon as the preview goes.
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [attachment.id]);

  if (loaded.error) {
    return (
      <Alert type="error" showIcon title={text(loaded.error)} data-testid="attachment-error" />
    );
  }
  if (!loaded.url) return <Spin size="small" description={t('attachments.loading')} />;
  return kind === 'image' ? (
    <img
      src={loaded.url}
      alt={attachment.file_name}
      style={{ display: 'block', maxWidth: '100%' }}
      data-testid="attachment-image"
    />
  ) : (
    // Not sandboxed: Chromium's PDF viewer does not run in a sandboxed frame. The blob is typed
    // application/pdf, so this frame can only ever hold the viewer, never a page.
    <iframe
      src={loaded.url}
      title={attachment.file_name}
      style={{ display: 'block', width: '100%', height: '70vh', border: 0 }}
      data-testid="attachment-pdf"
    />
  );
}

function DownloadButton({ attachment }: { attachment: AttachmentInfo }) {
  const t = useT();
  const notifyError = useNotifyError();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    const read = await readBlob(attachment.id);
    setBusy(false);
    if ('error' in read) {
      notifyError(read.error);
      return;
    }
    const url = URL.createObjectURL(read.blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = baseName(attachment.file_name);
    link.click();
    // Revoking at once can cancel the download before the browser has read the blob.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={busy}
      onClick={() => void download()}
      data-testid="attachment-download"
    >
      {t('attachments.download')}
    </Button>
  );
}
