// Import rubric JSON into the editor, pasted or from a file: nothing is stored until the
// organiser saves it there, so a rubric whose points do not add up can still be fixed first.
import { useState } from 'react';
import { Alert, Button, Input, Modal, Typography } from 'antd';
import { FileOutlined } from '@ant-design/icons';
import { describeRubricIssues, rubricSchema } from '@api/contract';
import type { RubricDefinition } from '@core/domain';
import { parseJsonText } from '@core/json-syntax';
import type { RubricProblem } from '@core/rubric';
import { call, importFileName, shell } from '@shared/api';
import { toUserMessage } from '@shared/userMessage';
import { pick, translate, useLang, useT, type MessageKey } from '@shared/i18n';
import { testId } from '@shared/testId';

/** A message with its detail, in both languages. */
const bilingual = (key: MessageKey, detail: RubricProblem): RubricProblem => ({
  zh: translate('zh-CN', key, { detail: detail.zh }),
  en: translate('en-US', key, { detail: detail.en }),
});

interface ImportRubricModalProps {
  open: boolean;
  onClose: () => void;
  onLoaded: (rubric: RubricDefinition) => void;
}

export function ImportRubricModal({ open, onClose, onLoaded }: ImportRubricModalProps) {
  const t = useT();
  const lang = useLang();
  const [text, setText] = useState('');
  // Kept in both languages, so switching the UI language switches the message too.
  const [problem, setProblem] = useState<RubricProblem | null>(null);

  const finish = (rubric: RubricDefinition) => {
    setText('');
    setProblem(null);
    onLoaded(rubric);
  };

  // The same checks and words as `sail-review rubric import` and the rubrics.read operation.
  const fromText = () => {
    const parsed = parseJsonText(text);
    if (!parsed.ok) {
      setProblem(bilingual('editor.import.notJson', parsed.reason));
      return;
    }
    const rubric = rubricSchema.safeParse(parsed.json);
    if (rubric.success) finish(rubric.data);
    else {
      const detail = describeRubricIssues(rubric.error.issues, parsed.json);
      setProblem(bilingual('editor.import.invalid', detail));
    }
  };

  const fromFile = async () => {
    try {
      const path = await shell.pickImportFile();
      if (!path) return;
      const result = await call('rubrics.read', { path, file_name: importFileName(path) });
      if (result.ok) finish(result.value);
      else setProblem({ zh: result.error.message_zh, en: result.error.message_en });
    } catch (error) {
      const message = toUserMessage(error);
      setProblem({ zh: message.message_zh, en: message.message_en });
    }
  };

  return (
    <Modal
      open={open}
      title={t('editor.import.title')}
      // As in the library: the editor takes over, focus stays in it.
      focusable={{ focusTriggerAfterClose: false }}
      onCancel={() => {
        setProblem(null);
        onClose();
      }}
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
      {problem && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          title={pick(lang, problem.zh, problem.en)}
          data-testid="rubric-import-problem"
        />
      )}
    </Modal>
  );
}
