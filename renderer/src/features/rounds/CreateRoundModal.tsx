// New round: name, programme, stage and sectors, plus the aggregation settings (defaults of
// SCORING.md). The round pins the newest rubric version of each of its sectors.
import { useState } from 'react';
import { App, Divider, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import type { OperationInput } from '@api/contract';
import { AGGREGATION_METHODS, DEFAULT_AGGREGATION, PROGRAMMES, STAGES } from '@core/domain';
import { SECTOR_KEYS } from '@core/sectors';
import { programmeFullName, sectorName, stageName } from '@shared/format';
import { useOperation } from '@shared/hooks';
import { useLang, useT } from '@shared/i18n';
import { useApp } from '@shared/store';
import { testId } from '@shared/testId';

type RoundForm = OperationInput<'rounds.create'>;

const INITIAL: Partial<RoundForm> = {
  programme: 'bloom',
  method: DEFAULT_AGGREGATION.method,
  trim_k: DEFAULT_AGGREGATION.trim_k,
  min_reviews: DEFAULT_AGGREGATION.min_reviews,
  disagreement_threshold: DEFAULT_AGGREGATION.disagreement_threshold,
};

export function CreateRoundModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const lang = useLang();
  const run = useOperation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RoundForm>();
  const method = Form.useWatch('method', form);
  const [saving, setSaving] = useState(false);
  const setRound = useApp((state) => state.setRound);
  const dataChanged = useApp((state) => state.dataChanged);

  const create = async (values: RoundForm) => {
    setSaving(true);
    const round = await run('rounds.create', {
      ...values,
      name: values.name.trim(),
      sectors: values.sectors?.length ? values.sectors : undefined,
    });
    setSaving(false);
    if (!round) return;
    dataChanged();
    setRound(round.name);
    void message.success(t('rounds.created', { name: round.name }));
    form.resetFields();
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('rounds.create')}
      width={640}
      okText={t('rounds.create')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={{ htmlType: 'submit', ...testId('round-submit') }}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      <Form<RoundForm>
        form={form}
        layout="vertical"
        initialValues={INITIAL}
        onFinish={(values) => void create(values)}
        data-testid="round-form"
      >
        <Form.Item
          name="name"
          label={t('rounds.form.name')}
          rules={[{ required: true, whitespace: true, message: t('rounds.form.nameRequired') }]}
        >
          <Input
            maxLength={100}
            placeholder={t('rounds.form.namePlaceholder')}
            data-testid="round-name"
          />
        </Form.Item>
        <Form.Item name="programme" label={t('rounds.form.programme')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            data-testid="round-programme"
            options={PROGRAMMES.map((value) => ({
              value,
              label: programmeFullName(lang, value),
            }))}
          />
        </Form.Item>
        <Form.Item name="stage" label={t('rounds.form.stage')}>
          <Radio.Group
            optionType="button"
            data-testid="round-stage"
            options={STAGES.map((value) => ({ value, label: stageName(lang, value) }))}
          />
        </Form.Item>
        <Form.Item
          name="sectors"
          label={t('rounds.form.sectors')}
          extra={t('rounds.form.sectorsHint')}
        >
          <Select
            mode="multiple"
            allowClear
            data-testid="round-sectors"
            options={SECTOR_KEYS.map((value) => ({ value, label: sectorName(lang, value) }))}
          />
        </Form.Item>
        <Divider titlePlacement="start" plain>
          {t('rounds.form.aggregation')}
        </Divider>
        <Form.Item name="method" label={t('col.method')}>
          <Select
            data-testid="round-method"
            options={AGGREGATION_METHODS.map((value) => ({
              value,
              label: t(`method.${value}`),
            }))}
          />
        </Form.Item>
        <div className="sail-form-row">
          <Form.Item name="trim_k" label={t('rounds.form.trimK')}>
            <InputNumber min={1} max={10} precision={0} disabled={method !== 'trimmed'} />
          </Form.Item>
          <Form.Item name="min_reviews" label={t('rounds.form.minReviews')}>
            <InputNumber min={1} max={50} precision={0} />
          </Form.Item>
          <Form.Item name="disagreement_threshold" label={t('rounds.form.threshold')}>
            <InputNumber min={0} max={100} step={1} />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}
