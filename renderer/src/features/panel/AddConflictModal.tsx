// A conflict no organisation name shows (a relative, a former employer): the organiser names
// the expert, the entry and the reason, and the pair is confirmed at once.
import { useState } from 'react';
import { Form, Input, Modal, Select } from 'antd';
import { useOperation, useSailQuery } from '@shared/hooks';
import { useT } from '@shared/i18n';
import { testId } from '@shared/testId';

interface AddFields {
  reviewer_id: string;
  entry_id: string;
  reason: string;
}

export function AddConflictModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const run = useOperation();
  const [form] = Form.useForm<AddFields>();
  const [saving, setSaving] = useState(false);
  const reviewers = useSailQuery('reviewers.list', open ? {} : null);

  const add = async (fields: AddFields) => {
    setSaving(true);
    const added = await run('conflicts.add', {
      reviewer_id: fields.reviewer_id,
      entry_id: fields.entry_id.trim(),
      reason: fields.reason.trim(),
    });
    setSaving(false);
    if (added) {
      form.resetFields();
      onClose();
    }
  };

  return (
    <Modal
      open={open}
      title={t('conflicts.add')}
      okText={t('conflicts.add')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={testId('conflict-add-ok')}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      <Form<AddFields> form={form} layout="vertical" onFinish={(fields) => void add(fields)}>
        <Form.Item
          name="reviewer_id"
          label={t('conflicts.col.reviewer')}
          rules={[{ required: true, message: t('conflicts.reviewerRequired') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={reviewers.loading}
            options={reviewers.data?.map((r) => ({
              value: r.reviewer_id,
              label: `${r.name}（${r.reviewer_id}）${r.organisation ?? ''}`,
            }))}
            data-testid="conflict-add-reviewer"
          />
        </Form.Item>
        <Form.Item
          name="entry_id"
          label={t('conflicts.entryId')}
          rules={[{ required: true, whitespace: true, message: t('conflicts.entryRequired') }]}
        >
          <Input maxLength={64} data-testid="conflict-add-entry" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('conflicts.reason')}
          rules={[{ required: true, whitespace: true, message: t('conflicts.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} data-testid="conflict-add-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
