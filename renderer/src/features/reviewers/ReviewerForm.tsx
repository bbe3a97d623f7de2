// Adding or editing one expert: identity, organisation (conflicts are found from it), expertise
// (assignment prefers sector experts) and the organisations they declared to avoid (回避单位).
import { useEffect, useState } from 'react';
import { App, Form, Input, Modal, Select } from 'antd';
import type { Reviewer } from '@api/contract';
import { SECTOR_KEYS } from '@core/sectors';
import { sectorName } from '@shared/format';
import { useOperation } from '@shared/hooks';
import { useLang, useT } from '@shared/i18n';
import { testId } from '@shared/testId';

interface ReviewerFields {
  reviewer_id: string;
  name: string;
  organisation?: string;
  title?: string;
  province?: string;
  sectors: string[];
  avoid_organisations: string[];
  phone?: string;
  email?: string;
}

/** The list separators an organiser types or pastes between organisations, as in the import. */
const LIST_SEPARATORS = ['、', '，', ',', '；', ';', '\n'];

function fieldsOf(reviewer: Reviewer | null): Partial<ReviewerFields> {
  if (!reviewer) return { sectors: [], avoid_organisations: [] };
  return {
    reviewer_id: reviewer.reviewer_id,
    name: reviewer.name,
    organisation: reviewer.organisation ?? undefined,
    title: reviewer.title ?? undefined,
    province: reviewer.province ?? undefined,
    sectors: reviewer.sectors,
    avoid_organisations: reviewer.avoid_organisations,
    phone: reviewer.phone ?? undefined,
    email: reviewer.email ?? undefined,
  };
}

/** `editing`: the expert to edit, 'new' to add one, null when closed. */
export function ReviewerForm({
  editing,
  onClose,
}: {
  editing: Reviewer | 'new' | null;
  onClose: () => void;
}) {
  const t = useT();
  const lang = useLang();
  const run = useOperation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ReviewerFields>();
  const [saving, setSaving] = useState(false);
  const reviewer = editing === 'new' ? null : editing;

  useEffect(() => {
    if (editing !== null) form.setFieldsValue({ ...EMPTY, ...fieldsOf(reviewer) });
  }, [editing, reviewer, form]);

  const save = async (fields: ReviewerFields) => {
    setSaving(true);
    const saved = await run('reviewers.save', {
      ...(reviewer ? { id: reviewer.id } : {}),
      ...fields,
      organisation: fields.organisation ?? null,
      title: fields.title ?? null,
      province: fields.province ?? null,
      phone: fields.phone ?? null,
      email: fields.email ?? null,
    });
    setSaving(false);
    if (!saved) return;
    void message.success(t('reviewers.saved', { name: saved.name }));
    onClose();
  };

  return (
    <Modal
      open={editing !== null}
      title={reviewer ? t('reviewers.edit', { name: reviewer.name }) : t('reviewers.add')}
      width={640}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={testId('reviewer-save')}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      <Form<ReviewerFields>
        form={form}
        layout="vertical"
        onFinish={(fields) => void save(fields)}
        data-testid="reviewer-form"
      >
        <div className="sail-form-row">
          <Form.Item
            name="reviewer_id"
            label={t('col.reviewerId')}
            rules={[{ required: true, whitespace: true, message: t('reviewers.idRequired') }]}
          >
            <Input maxLength={64} data-testid="reviewer-id" />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('col.reviewerName')}
            rules={[{ required: true, whitespace: true, message: t('reviewers.nameRequired') }]}
          >
            <Input maxLength={100} data-testid="reviewer-name" />
          </Form.Item>
        </div>
        <Form.Item
          name="organisation"
          label={t('col.organisation')}
          extra={t('reviewers.organisationHint')}
        >
          <Input maxLength={200} data-testid="reviewer-organisation" />
        </Form.Item>
        <div className="sail-form-row">
          <Form.Item name="title" label={t('col.jobTitle')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="province" label={t('col.province')}>
            <Input maxLength={200} />
          </Form.Item>
        </div>
        <Form.Item name="sectors" label={t('col.expertise')}>
          <Select
            mode="multiple"
            options={SECTOR_KEYS.map((key) => ({ value: key, label: sectorName(lang, key) }))}
            data-testid="reviewer-sectors"
          />
        </Form.Item>
        <Form.Item
          name="avoid_organisations"
          label={t('col.avoid')}
          extra={t('reviewers.avoidHint')}
        >
          <Select
            mode="tags"
            open={false}
            tokenSeparators={LIST_SEPARATORS}
            data-testid="reviewer-avoid"
          />
        </Form.Item>
        <div className="sail-form-row">
          <Form.Item name="phone" label={t('col.phone')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item
            name="email"
            label={t('col.email')}
            rules={[{ type: 'email', message: t('reviewers.emailInvalid') }]}
          >
            <Input maxLength={200} />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}

const EMPTY: Partial<ReviewerFields> = {
  reviewer_id: undefined,
  name: undefined,
  organisation: undefined,
  title: undefined,
  province: undefined,
  sectors: [],
  avoid_organisations: [],
  phone: undefined,
  email: undefined,
};
