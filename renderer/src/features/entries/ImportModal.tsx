// Import entries: choose the programme (and encoding if auto-detection guesses wrong), pick the
// file, then see what was inserted, updated, unchanged and which rows were rejected and why.
import { useState } from 'react';
import { Alert, Button, Form, Modal, Radio, Select, Spin } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { ImportSummary, OperationInput } from '@api/contract';
import { PROGRAMMES, type Programme } from '@core/domain';
import { baseName, importFileName, shell } from '@shared/api';
import { ImportResult } from '@shared/components/ImportResult';
import { programmeFullName } from '@shared/format';
import { useNotifyError, useOperation } from '@shared/hooks';
import { useLang, useT } from '@shared/i18n';
import { useApp } from '@shared/store';

type Encoding = NonNullable<OperationInput<'entries.import'>['encoding']>;
const ENCODINGS: Encoding[] = ['auto', 'utf8', 'gbk'];

export function ImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const lang = useLang();
  const run = useOperation();
  const notifyError = useNotifyError();
  const dataChanged = useApp((state) => state.dataChanged);
  const [programme, setProgramme] = useState<Programme>('bloom');
  const [encoding, setEncoding] = useState<Encoding>('auto');
  const [running, setRunning] = useState(false);
  const [summary, setSummary] = useState<ImportSummary | null>(null);

  const chooseAndImport = async () => {
    setRunning(true);
    try {
      const path = await shell.pickImportFile();
      if (!path) return;
      const result = await run('entries.import', {
        path,
        programme,
        encoding,
        file_name: importFileName(path),
      });
      if (result) {
        setSummary(result);
        dataChanged();
      }
    } catch (error) {
      notifyError(error);
    } finally {
      setRunning(false);
    }
  };

  const close = () => {
    setSummary(null);
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('import.title')}
      width={820}
      onCancel={close}
      // An import under way finishes in the store either way; keep its result on screen.
      closable={!running}
      keyboard={!running}
      mask={{ closable: false }}
      footer={
        summary
          ? [
              <Button key="again" onClick={() => setSummary(null)} data-testid="import-again">
                {t('import.again')}
              </Button>,
              <Button key="close" type="primary" onClick={close} data-testid="import-close">
                {t('common.close')}
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={close} disabled={running}>
                {t('common.cancel')}
              </Button>,
              <Button
                key="choose"
                type="primary"
                icon={<UploadOutlined />}
                loading={running}
                onClick={() => void chooseAndImport()}
                data-testid="import-choose-file"
              >
                {t('import.choose')}
              </Button>,
            ]
      }
    >
      {summary ? (
        <ImportResult outcome={{ ...summary, file: baseName(summary.file) }} />
      ) : (
        <Spin spinning={running} description={t('import.running')}>
          <Form layout="vertical">
            <Form.Item label={t('import.programme')}>
              <Radio.Group
                data-testid="programme-select"
                optionType="button"
                buttonStyle="solid"
                value={programme}
                onChange={(event) => setProgramme(event.target.value as Programme)}
                options={PROGRAMMES.map((value) => ({
                  value,
                  label: programmeFullName(lang, value),
                }))}
              />
            </Form.Item>
            <Form.Item label={t('import.encoding')}>
              <Select<Encoding>
                data-testid="import-encoding"
                style={{ width: 280 }}
                value={encoding}
                onChange={setEncoding}
                options={ENCODINGS.map((value) => ({
                  value,
                  label: t(`import.encoding.${value}`),
                }))}
              />
            </Form.Item>
            <Alert type="info" showIcon title={t('import.formats')} />
          </Form>
        </Spin>
      )}
    </Modal>
  );
}
