// Leaving expert mode asks for the organiser's PIN.
import { useState } from 'react';
import { Input, Modal } from 'antd';
import { useOperation } from '@shared/hooks';
import { useT } from '@shared/i18n';
import { useApp } from '@shared/store';
import { testId } from '@shared/testId';

export function LeaveDesk({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const run = useOperation();
  const dataChanged = useApp((state) => state.dataChanged);
  const [pin, setPin] = useState('');
  const leave = async () => {
    const state = await run('desk.close', { organiser_pin: pin });
    setPin('');
    if (!state) return;
    onClose();
    dataChanged();
  };
  return (
    <Modal
      open={open}
      title={t('desk.leaveTitle')}
      okText={t('desk.leave')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: pin.length < 4, ...testId('desk-leave-ok') }}
      onOk={() => void leave()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Input.Password
        autoFocus
        inputMode="numeric"
        maxLength={12}
        placeholder={t('desk.organiserPin')}
        value={pin}
        onChange={(event) => setPin(event.target.value)}
        onPressEnter={() => void leave()}
        data-testid="desk-organiser-pin"
      />
    </Modal>
  );
}
