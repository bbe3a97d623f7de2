// Import rubric JSON into the editor, pasted or from a file: nothing is stored until the
// organiser saves it there, so a rubric whose points do not add up can still be fixed first.
import { useState } from 'react';
import { Alert, Button, Input, Modal, Typography } from 'antd';
import { FileOutlined } from '@ant-design/icons';
import { rubricSchema } from '@api/contract';
import type { RubricDefinition } from '@core/domain';
import { shell } from '@shared/api';
import { useNotifyError, useOperation } from '@shared/hooks';
import { useT } from '@shared/i18n';
import { testId } from '@shared/testId';

interface ImportRubricModalProps {
  open: boolean;
  onClose: () => void;
  onLoaded: (rubric: RubricDefinition) => void;
}

export function ImportRubricModal({ open, onClose, onLoaded }: ImportRubricModalProps) {
  const t = useT();
  const run = useOperation();
  const notifyError = useNotifyError();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const finish = (rubric: RubricDefinition) => {
    setText('');
    setProblem(null);
    onLoaded(rubric);
  };

  const fromText = () => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      setProblem(t('editor.import.notJson', { detail: String(error) }));
      return;
    }
    const parsed = rubricSchema.safeParse(json);
    if (parsed.success) finish(parsed.data);
    else {
      setProblem(
        t('editor.import.invalid', {
          detail: parsed.error.issues
            .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
            .join('; '),
        }),
      );
    }
  };

  const fromFile = async () => {
    try {
      const path = await shell.pickImportFile();
      if (!path) return;
      const rubric = await run('rubrics.read', { path });
      if (rubric) finish(rubric);
    } catch (error) {
      notifyError(error);
    }
  };

  return (
    <Modal
      open={open}
      title={t('editor.import.title')}
      onCancel={onClose}
      okText={t('editor.import.open')}
      cancelText={t('common.cancel')}
      onOk={fromText}
      okButtonProps={{ disabled: text.trim() === '', ...testId('rubric-import-ok') }}
      width={720}
    >
      <Typography.Paragraph type="secondary">{t('editor.import.hint')}</Typography.Paragraph>
      <Button
        icon={<FileOutlined />}
        onClick={() => void fromFile()}
        data-testid="rubric-import-file"
        style={{ marginBottom: 12 }}
      >
        {t('editor.import.file')}
      </Button>
      <Input.TextArea
        autoSize={{ minRows: 8, maxRows: 18 }}
        placeholder={t('editor.import.paste')}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setProblem(null);
        }}
        data-testid="rubric-import-text"
        className="sail-mono"
      />
      {problem && <Alert type="error" showIcon style={{ marginTop: 12 }} title={problem} />}
    </Modal>
  );
}
