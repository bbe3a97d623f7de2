// Import entries in three steps: choose the programme and pick the file; check the preview and
// the column mapping (encoding, sheet, a field per column); then see what was inserted, updated
// (field by field), unchanged and which rows were rejected and why.
import { useState } from 'react';
import { Alert, Button, Form, Modal, Spin } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { ImportSummary } from '@api/contract';
import type { Programme } from '@core/domain';
import type { UserMessage } from '@core/errors';
import { importFileName, shell } from '@shared/api';
import { TaskProgress } from '@shared/components/TaskProgress';
import { ProgrammePicker } from '@shared/components/ProgrammePicker';
import { useMessageText, useNotifyError } from '@shared/hooks';
import { useT } from '@shared/i18n';
import { useTask } from '@shared/useTask';
import { EntryImportResult } from './EntryImportResult';
import { MappingStep, type ImportChoice } from './MappingStep';

/** The file picked: its path (a temporary upload in browser mode) and its own name. */
interface Source {
  path: string;
  fileName: string | undefined;
}

export function ImportModal({
  open,
  dropped,
  onClose,
}: {
  open: boolean;
  /** A file dropped on the window: offered instead of a pick, once the programme is chosen. */
  dropped: Source | null;
  onClose: () => void;
}) {
  const t = useT();
  const importTask = useTask('entries.import');
  const notifyError = useNotifyError();
  const messageText = useMessageText();
  const [programme, setProgramme] = useState<Programme>('bloom');
  const [source, setSource] = useState<Source | null>(null);
  const [running, setRunning] = useState(false);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [cancelled, setCancelled] = useState<UserMessage | null>(null);
  const [offered, setOffered] = useState(dropped);

  const chooseFile = async () => {
    setRunning(true);
    try {
      const path = await shell.pickImportFile();
      if (path) {
        setOffered(null);
        setSource({ path, fileName: importFileName(path) });
      }
    } catch (error) {
      notifyError(error);
    } finally {
      setRunning(false);
    }
  };

  const importWith = async ({ path, fileName }: Source, choice: ImportChoice) => {
    setRunning(true);
    setCancelled(null);
    try {
      const result = await importTask.run({
        path,
        programme,
        encoding: choice.encoding,
        sheet: choice.sheet,
        mapping: choice.mapping,
        file_name: fileName,
      });
      if (result.ok) {
        setSummary(result.value);
      } else if (result.error.code === 'cancelled') {
        // Asked for, so no error notification: the modal says nothing was written.
        setCancelled(result.error);
      } else {
        notifyError(result.error);
      }
    } catch (error) {
      notifyError(error);
    } finally {
      setRunning(false);
    }
  };

  const restart = () => {
    setSummary(null);
    setSource(null);
    setCancelled(null);
  };

  const close = () => {
    restart();
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('import.title')}
      // The preview table and the changes need room once a file is chosen.
      width={source ? 1100 : 820}
      onCancel={close}
      // An import under way finishes in the store either way; keep its result on screen.
      closable={!running}
      keyboard={!running}
      mask={{ closable: false }}
      footer={
        summary
          ? [
              <Button
                key="again"
                onClick={() => {
                  setOffered(null);
                  restart();
                }}
                data-testid="import-again"
              >
                {t('import.again')}
              </Button>,
              <Button key="close" type="primary" onClick={close} data-testid="import-close">
                {t('common.close')}
              </Button>,
            ]
          : source
            ? null
            : [
                <Button key="cancel" onClick={close} disabled={running}>
                  {t('common.cancel')}
                </Button>,
                <Button
                  key="choose"
                  type={offered ? 'default' : 'primary'}
                  icon={<UploadOutlined />}
                  loading={running}
                  onClick={() => void chooseFile()}
                  data-testid="import-choose-file"
                >
                  {offered ? t('import.chooseOther') : t('import.choose')}
                </Button>,
                ...(offered
                  ? [
                      <Button
                        key="dropped"
                        type="primary"
                        onClick={() => setSource(offered)}
                        data-testid="import-dropped-next"
                      >
                        {t('import.droppedNext')}
                      </Button>,
                    ]
                  : []),
              ]
      }
    >
      {summary ? (
        <EntryImportResult summary={summary} />
      ) : source ? (
        <>
          {importTask.running && (
            <div style={{ marginBottom: 12 }}>
              <TaskProgress
                progress={importTask.progress}
                cancelling={importTask.cancelling}
                onCancel={importTask.cancel}
              />
            </div>
          )}
          {cancelled && (
            <Alert
              type="warning"
              showIcon
              title={messageText(cancelled)}
              data-testid="import-cancelled"
              style={{ marginBottom: 12 }}
            />
          )}
          <MappingStep
            path={source.path}
            fileName={source.fileName}
            programme={programme}
            importing={running}
            onBack={restart}
            onImport={(choice) => void importWith(source, choice)}
          />
        </>
      ) : (
        // The spinner covers picking (and uploading) the file.
        <Spin spinning={running} description={t('import.running')}>
          <Form layout="vertical">
            <Form.Item label={t('import.programme')}>
              <ProgrammePicker
                testId="programme-select"
                value={programme}
                onChange={setProgramme}
              />
            </Form.Item>
            {offered ? (
              <Alert
                type="success"
                showIcon
                title={t('import.dropped', { name: offered.fileName ?? offered.path })}
                data-testid="import-dropped"
              />
            ) : (
              <Alert type="info" showIcon title={t('import.formats')} />
            )}
          </Form>
        </Spin>
      )}
    </Modal>
  );
}
