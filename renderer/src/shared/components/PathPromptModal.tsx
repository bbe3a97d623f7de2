// Browser mode's stand-in for the native new/open project and folder dialogs (see pathPrompt.ts).
import { useState } from 'react';
import { Form, Input, Modal, Typography } from 'antd';
import { useT, type MessageKey } from '../i18n';
import { answerPathPrompt, usePathPrompt, type PathRequest } from '../pathPrompt';
import { testId } from '../testId';

export function PathPromptModal() {
  const request = usePathPrompt((state) => state.request);
  // Keyed by the request so each prompt starts from its own default path.
  return request && <PathPrompt key={request.kind + request.defaultPath} request={request} />;
}

const TEXTS: Record<
  PathRequest['kind'],
  { title: MessageKey; ok: MessageKey; hint: MessageKey; label: MessageKey }
> = {
  new: { title: 'prompt.newTitle', ok: 'start.new', hint: 'prompt.newHint', label: 'prompt.path' },
  open: {
    title: 'prompt.openTitle',
    ok: 'start.open',
    hint: 'prompt.openHint',
    label: 'prompt.path',
  },
  folder: {
    title: 'prompt.folderTitle',
    ok: 'prompt.choose',
    hint: 'prompt.folderHint',
    label: 'prompt.folderPath',
  },
};

function PathPrompt({ request }: { request: PathRequest }) {
  const t = useT();
  const [path, setPath] = useState(request.defaultPath);
  const texts = TEXTS[request.kind];
  const submit = () => {
    if (path.trim()) answerPathPrompt(path.trim());
  };
  return (
    <Modal
      open
      title={t(texts.title)}
      okText={t(texts.ok)}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !path.trim(), ...testId('path-prompt-ok') }}
      onOk={submit}
      onCancel={() => answerPathPrompt(null)}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t(texts.hint)}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t(texts.label)} required>
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
