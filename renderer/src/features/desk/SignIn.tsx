// The locked expert desk: each expert picks their name and types the PIN the organiser gave
// them. Nothing of the project shows until one signs in.
import { useState } from 'react';
import { Button, Card, Form, Input, Select, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import type { DeskState } from '@api/contract';
import { useOperation } from '@shared/hooks';
import { useT } from '@shared/i18n';
import { useApp } from '@shared/store';

export function SignIn({ desk, onLeave }: { desk: DeskState; onLeave: () => void }) {
  const t = useT();
  const run = useOperation();
  const dataChanged = useApp((state) => state.dataChanged);
  const [reviewer, setReviewer] = useState<string | undefined>(undefined);
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);

  const signIn = async () => {
    if (!reviewer) return;
    setBusy(true);
    const state = await run('desk.signIn', { reviewer_id: reviewer, pin });
    setBusy(false);
    setPin('');
    if (state) dataChanged();
  };

  return (
    <Card className="sail-chooser" data-testid="desk-sign-in">
      <Typography.Title level={4}>
        <LockOutlined /> {t('desk.signInTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('desk.signInHint')}</Typography.Paragraph>
      <Form layout="vertical" onFinish={() => void signIn()}>
        <Form.Item label={t('desk.expert')}>
          <Select
            autoFocus
            showSearch={{ optionFilterProp: 'label' }}
            value={reviewer}
            onChange={setReviewer}
            placeholder={t('top.reviewerPlaceholder')}
            options={desk.experts.map((expert) => ({
              value: expert.reviewer_id,
              label: `${expert.name}（${expert.reviewer_id}）`,
            }))}
            notFoundContent={t('desk.noExperts')}
            data-testid="desk-expert"
          />
        </Form.Item>
        <Form.Item label={t('desk.pinLabel')}>
          <Input.Password
            inputMode="numeric"
            autoComplete="off"
            maxLength={12}
            value={pin}
            onChange={(event) => setPin(event.target.value)}
            data-testid="desk-pin"
          />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          block
          loading={busy}
          disabled={!reviewer || pin.length < 4}
          data-testid="desk-sign-in-button"
        >
          {t('desk.signIn')}
        </Button>
      </Form>
      <Button type="link" onClick={onLeave} style={{ marginTop: 12 }} data-testid="desk-leave">
        {t('desk.leave')}
      </Button>
    </Card>
  );
}
