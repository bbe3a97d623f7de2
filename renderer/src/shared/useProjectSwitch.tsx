// Opening, creating or closing a project while a task of this window still runs on the open
// one: the session refuses (it would close the project under the task), and the window asks
// whether to cancel the task or wait for it, then switches. An encrypted panel package asks for
// its passphrase, again after a wrong one.
import { useCallback } from 'react';
import { App, Button, Input, Space, Typography } from 'antd';
import type { OperationInput, OperationOutput } from '@api/contract';
import { call } from './api';
import { useMessageText, useNotifyError } from './hooks';
import { useT } from './i18n';
import { BUSY_CODE, endRunningTasks, hasRunningTasks } from './runningTasks';
import { testId } from './testId';

const PASSPHRASE_CODES = new Set(['passphrase_required', 'wrong_passphrase']);

type SwitchOperation = 'project.open' | 'project.create' | 'project.createSample' | 'project.close';

export function useProjectSwitch(): <N extends SwitchOperation>(
  name: N,
  input: OperationInput<N>,
) => Promise<OperationOutput<N> | undefined> {
  const t = useT();
  const text = useMessageText();
  const notifyError = useNotifyError();
  const { modal } = App.useApp();

  const ask = useCallback(
    (refusal: string) =>
      new Promise<'cancel' | 'wait' | null>((resolve) => {
        const dialog = modal.confirm({
          title: t('switch.busyTitle'),
          content: refusal,
          closable: true,
          onCancel: () => resolve(null),
          footer: (
            <Space style={{ display: 'flex', justifyContent: 'flex-end', marginTop: 16 }}>
              <Button
                {...testId('switch-back')}
                onClick={() => {
                  dialog.destroy();
                  resolve(null);
                }}
              >
                {t('switch.back')}
              </Button>
              <Button
                {...testId('switch-wait')}
                onClick={() => {
                  dialog.destroy();
                  resolve('wait');
                }}
              >
                {t('switch.wait')}
              </Button>
              <Button
                danger
                type="primary"
                {...testId('switch-cancel-task')}
                onClick={() => {
                  dialog.destroy();
                  resolve('cancel');
                }}
              >
                {t('switch.cancelTask')}
              </Button>
            </Space>
          ),
        });
      }),
    [modal, t],
  );

  const askPassphrase = useCallback(
    (refusal: string | null) =>
      new Promise<string | null>((resolve) => {
        let typed = '';
        modal.confirm({
          title: t('passphrase.title'),
          icon: null,
          okText: t('passphrase.open'),
          cancelText: t('common.cancel'),
          okButtonProps: testId('passphrase-ok'),
          content: (
            <>
              <Typography.Paragraph>{t('passphrase.hint')}</Typography.Paragraph>
              {refusal && <Typography.Paragraph type="danger">{refusal}</Typography.Paragraph>}
              <Input.Password
                autoFocus
                aria-label={t('passphrase.label')}
                onChange={(event) => (typed = event.target.value)}
                data-testid="passphrase-input"
              />
            </>
          ),
          onOk: () => resolve(typed),
          onCancel: () => resolve(null),
        });
      }),
    [modal, t],
  );

  return useCallback(
    async (name, input) => {
      let result = await call(name, input);
      if (!result.ok && result.error.code === BUSY_CODE && hasRunningTasks()) {
        const choice = await ask(text(result.error));
        if (choice === null) return undefined;
        await endRunningTasks(choice);
        result = await call(name, input);
      }
      // An encrypted package: its passphrase, asked again after a wrong one.
      while (!result.ok && name === 'project.open' && PASSPHRASE_CODES.has(result.error.code)) {
        const wrong = result.error.code === 'wrong_passphrase' ? text(result.error) : null;
        const passphrase = await askPassphrase(wrong);
        if (passphrase === null) return undefined;
        result = await call(name, { ...input, passphrase });
      }
      if (result.ok) return result.value;
      notifyError(result.error);
      return undefined;
    },
    [ask, askPassphrase, text, notifyError],
  );
}
