// 关联附件文件夹: pick a folder of files named by entry id (a native folder dialog in the window,
// a path prompt in browser mode), link it to one programme's entries, and list what matched none.
import { useState } from 'react';
import { Alert, Button, Form, Modal, Spin, Typography } from 'antd';
import { FolderOpenOutlined, PaperClipOutlined } from '@ant-design/icons';
import type { AttachmentLinkSummary } from '@api/contract';
import type { Programme } from '@core/domain';
import { shell } from '@shared/api';
import { ProgrammePicker } from '@shared/components/ProgrammePicker';
import { useNotifyError, useOperation } from '@shared/hooks';
import { useT } from '@shared/i18n';

export function LinkAttachmentsButton() {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        icon={<PaperClipOutlined />}
        onClick={() => setOpen(true)}
        data-testid="attachments-link-button"
      >
        {t('attachments.link')}
      </Button>
      {open && <LinkAttachmentsModal onClose={() => setOpen(false)} />}
    </>
  );
}

function LinkAttachmentsModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const run = useOperation();
  const notifyError = useNotifyError();
  const [programme, setProgramme] = useState<Programme>('bloom');
  const [running, setRunning] = useState(false);
  const [summary, setSummary] = useState<AttachmentLinkSummary | null>(null);

  const chooseAndLink = async () => {
    setRunning(true);
    try {
      const folder = await shell.pickFolder();
      if (!folder) return;
      const result = await run('attachments.link', { folder, programme });
      if (result) {
        setSummary(result);
      }
    } catch (error) {
      notifyError(error);
    } finally {
      setRunning(false);
    }
  };

  return (
    <Modal
      open
      title={t('attachments.link')}
      width={720}
      onCancel={onClose}
      closable={!running}
      keyboard={!running}
      mask={{ closable: false }}
      footer={
        summary
          ? [
              <Button key="close" type="primary" onClick={onClose} data-testid="attachments-close">
                {t('common.close')}
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={onClose} disabled={running}>
                {t('common.cancel')}
              </Button>,
              <Button
                key="choose"
                type="primary"
                icon={<FolderOpenOutlined />}
                loading={running}
                onClick={() => void chooseAndLink()}
                data-testid="attachments-choose-folder"
              >
                {t('attachments.choose')}
              </Button>,
            ]
      }
    >
      {summary ? (
        <LinkResult summary={summary} />
      ) : (
        <Spin spinning={running} description={t('attachments.running')}>
          <Form layout="vertical">
            <Form.Item label={t('attachments.programme')}>
              <ProgrammePicker
                testId="attachments-programme"
                value={programme}
                onChange={setProgramme}
              />
            </Form.Item>
            <Alert type="info" showIcon title={t('attachments.linkHint')} />
          </Form>
        </Spin>
      )}
    </Modal>
  );
}

function LinkResult({ summary }: { summary: AttachmentLinkSummary }) {
  const t = useT();
  return (
    <div data-testid="attachments-result">
      <Alert
        type={summary.unmatched.length > 0 ? 'warning' : 'success'}
        showIcon
        title={t('attachments.linked', {
          linked: summary.linked,
          entries: summary.entries_with_attachments,
        })}
        description={
          summary.unmatched.length > 0
            ? t('attachments.unmatched', { n: summary.unmatched.length })
            : t('attachments.allMatched')
        }
        data-testid="attachments-linked"
        data-linked={summary.linked}
      />
      {summary.unmatched.length > 0 && (
        <Typography>
          <ul
            style={{ marginTop: 12, maxHeight: 320, overflow: 'auto' }}
            data-testid="attachments-unmatched"
          >
            {summary.unmatched.map((name) => (
              <li key={name}>{name}</li>
            ))}
          </ul>
        </Typography>
      )}
    </div>
  );
}
