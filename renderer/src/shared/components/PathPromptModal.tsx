// Browser mode's stand-in for the native new/open project dialogs (see pathPrompt.ts).
import { useState } from 'react';
import { Form, Input, Modal, Typography } from 'antd';
import { useT } from '../i18n';
import { answerPathPrompt, usePathPrompt, type PathRequest } from '../pathPrompt';
import { testId } from '../testId';

export function PathPromptModal() {
  const request = usePathPrompt((state) => state.request);
  // Keyed by the request so each prompt starts from its own default path.
  return request && <PathPrompt key={request.kind + request.defaultPath} request={request} />;
}

function PathPrompt({ request }: { request: PathRequest }) {
  const t = useT();
  const [path, setPath] = useState(request.defaultPath);
  const isNew = request.kind === 'new';
  const submit = () => {
    if (path.trim()) answerPathPrompt(path.trim());
  };
  return (
    <Modal
      open
      title={t(isNew ? 'prompt.newTitle' : 'prompt.openTitle')}
      okText={t(isNew ? 'start.new' : 'start.open')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !path.trim(), ...testId('path-prompt-ok') }}
      onOk={submit}
      onCancel={() => answerPathPrompt(null)}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t(isNew ? 'prompt.newHint' : 'prompt.openHint')}
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('prompt.path')} required>
          <Input
            autoFocus
            value={path}
            onChange={(event) => setPath(event.target.value)}
            onPressEnter={submit}
            data-testid="path-prompt-input"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
