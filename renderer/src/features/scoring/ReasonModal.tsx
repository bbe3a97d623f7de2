// Asks the expert why before a step that is recorded with its reason: reopening a submitted
// review, declaring a conflict of interest (回避). The reason goes to the audit trail.
import { useState, type ReactNode } from 'react';
import { Input, Modal, Typography } from 'antd';
import { useT } from '@shared/i18n';
import { testId } from '@shared/testId';

export function ReasonModal({
  open,
  title,
  okText,
  placeholder,
  hint,
  danger = false,
  testIdPrefix,
  onClose,
  onConfirm,
}: {
  open: boolean;
  title: string;
  okText: string;
  placeholder: string;
  hint?: ReactNode;
  danger?: boolean;
  /** `<prefix>-reason` on the field, `<prefix>-ok` on the button. */
  testIdPrefix: string;
  onClose: () => void;
  /** Resolves to true when done; the reason is then cleared. */
  onConfirm: (reason: string) => Promise<boolean>;
}) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const confirm = async () => {
    setSaving(true);
    if (await onConfirm(reason.trim())) setReason('');
    setSaving(false);
  };
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ disabled: !reason.trim(), danger, ...testId(`${testIdPrefix}-ok`) }}
      onOk={() => void confirm()}
      onCancel={onClose}
      destroyOnHidden
    >
      {hint && <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>}
      <Input.TextArea
        autoFocus
        rows={3}
        maxLength={500}
        value={reason}
        placeholder={placeholder}
        onChange={(event) => setReason(event.target.value)}
        data-testid={`${testIdPrefix}-reason`}
      />
    </Modal>
  );
}
