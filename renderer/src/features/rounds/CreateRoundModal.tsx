// New round: name, programme and stage; its entries by filter (sectors, tracks, provinces,
// search) or by a pasted or imported list of ids; the rubric version each sector pins (newest by
// default); the aggregation settings (defaults of SCORING.md). A live preview counts the entries
// and names the listed ids that match none.
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Divider,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { Facet, OperationInput, RoundPreview } from '@api/contract';
import {
  AGGREGATION_METHODS,
  DEFAULT_AGGREGATION,
  DEFAULT_STAGE,
  PROGRAMMES,
  STAGES,
  type AggregationMethod,
  type Programme,
  type Stage,
} from '@core/domain';
import { parseEntryIdList } from '@core/entry-id-list';
import { programmeName, sectorName, stageName } from '@shared/format';
import { useDebounced, useOperation, useSailQuery } from '@shared/hooks';
import { pick, useLang, useT } from '@shared/i18n';
import { useApp } from '@shared/store';
import { testId } from '@shared/testId';
import { PinSelect } from './PinSelect';

interface RoundForm {
  name: string;
  programme: Programme;
  stage: Stage;
  mode: 'filter' | 'list';
  sectors?: string[];
  tracks?: string[];
  provinces?: string[];
  search?: string;
  ids?: string;
  method: AggregationMethod;
  trim_k: number;
  min_reviews: number;
  disagreement_threshold: number;
}

type Selection = OperationInput<'rounds.preview'>;

const INITIAL: Partial<RoundForm> = {
  programme: 'bloom',
  stage: DEFAULT_STAGE,
  mode: 'filter',
  method: DEFAULT_AGGREGATION.method,
  trim_k: DEFAULT_AGGREGATION.trim_k,
  min_reviews: DEFAULT_AGGREGATION.min_reviews,
  disagreement_threshold: DEFAULT_AGGREGATION.disagreement_threshold,
};

function selectionOf(values: Partial<RoundForm>): Selection {
  const programme = values.programme ?? 'bloom';
  if (values.mode === 'list') {
    return { programme, entry_ids: parseEntryIdList(values.ids ?? '') };
  }
  const list = (items?: string[]) => (items?.length ? items : undefined);
  return {
    programme,
    sectors: list(values.sectors),
    tracks: list(values.tracks),
    provinces: list(values.provinces),
    search: values.search?.trim() || undefined,
  };
}

export function CreateRoundModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const lang = useLang();
  const run = useOperation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RoundForm>();
  const values = Form.useWatch([], form) as Partial<RoundForm> | undefined;
  const [pins, setPins] = useState<Record<string, number>>({});
  const [saving, setSaving] = useState(false);
  const setRound = useApp((state) => state.setRound);
  const selection = useDebounced(selectionOf(values ?? INITIAL), 300);
  const preview = useSailQuery('rounds.preview', open ? selection : null);
  const shown = preview.data;

  const create = async (submitted: RoundForm) => {
    setSaving(true);
    const groups = new Set(shown?.groups.map((group) => group.sector));
    const round = await run('rounds.create', {
      ...selectionOf(submitted),
      name: submitted.name.trim(),
      stage: submitted.stage,
      pins: Object.fromEntries(Object.entries(pins).filter(([sector]) => groups.has(sector))),
      method: submitted.method,
      trim_k: submitted.trim_k,
      min_reviews: submitted.min_reviews,
      disagreement_threshold: submitted.disagreement_threshold,
    });
    setSaving(false);
    if (!round) return;
    setRound(round.name);
    void message.success(t('rounds.created', { name: round.name }));
    if (round.missing_ids.length > 0) {
      void message.warning(
        t('rounds.form.missingIds', {
          n: round.missing_ids.length,
          programme: programmeName(lang, round.programme),
          ids: round.missing_ids.join(pick(lang, '、', ', ')),
        }),
      );
    }
    form.resetFields();
    setPins({});
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('rounds.create')}
      width={820}
      okText={t('rounds.create')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      okButtonProps={{
        htmlType: 'submit',
        disabled: shown !== undefined && shown.entries === 0,
        ...testId('round-submit'),
      }}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      <Form<RoundForm>
        form={form}
        layout="vertical"
        initialValues={INITIAL}
        onFinish={(submitted) => void create(submitted)}
        data-testid="round-form"
      >
        <RoundBasics />
        <Divider titlePlacement="start" plain>
          {t('rounds.form.entries')}
        </Divider>
        <EntryChoice options={shown?.options} />
        <SelectionSummary
          preview={shown}
          programme={selection.programme}
          loading={preview.loading}
        />
        {shown && shown.groups.length > 0 && (
          <PinTable
            preview={shown}
            pins={pins}
            onPin={(sector, id) => setPins((current) => ({ ...current, [sector]: id }))}
          />
        )}
        <Divider titlePlacement="start" plain>
          {t('rounds.form.aggregation')}
        </Divider>
        <SettingsFields method={values?.method} />
      </Form>
    </Modal>
  );
}

function RoundBasics() {
  const t = useT();
  const lang = useLang();
  return (
    <>
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
      <div className="sail-form-row">
        <Form.Item name="programme" label={t('rounds.form.programme')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            data-testid="round-programme"
            options={PROGRAMMES.map((value) => ({
              value,
              label: programmeName(lang, value),
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
      </div>
    </>
  );
}

function facetOptions(facets: Facet[] | undefined, label: (value: string) => string) {
  return (facets ?? []).map((facet) => ({
    value: facet.value,
    label: `${label(facet.value)} (${facet.count})`,
  }));
}

/** Filters over the programme's entries, or a list of entry ids (pasted or read from a file). */
function EntryChoice({ options }: { options: RoundPreview['options'] | undefined }) {
  const t = useT();
  const lang = useLang();
  const form = Form.useFormInstance<RoundForm>();
  const mode = Form.useWatch('mode', form);
  return (
    <>
      <Form.Item name="mode">
        <Radio.Group
          data-testid="round-mode"
          options={[
            { value: 'filter', label: t('rounds.form.byFilter') },
            { value: 'list', label: t('rounds.form.byList') },
          ]}
        />
      </Form.Item>
      {mode === 'list' ? (
        <>
          <Form.Item name="ids" extra={t('rounds.form.idsHint')}>
            <Input.TextArea
              autoSize={{ minRows: 4, maxRows: 10 }}
              placeholder={t('rounds.form.idsPlaceholder')}
              data-testid="round-ids"
            />
          </Form.Item>
          <Upload
            accept=".txt,.csv"
            showUploadList={false}
            beforeUpload={(file) => {
              void file.text().then((text) => form.setFieldValue('ids', text));
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} data-testid="round-ids-file">
              {t('rounds.form.idsFile')}
            </Button>
          </Upload>
        </>
      ) : (
        <>
          <div className="sail-form-row">
            <Form.Item name="sectors" label={t('rounds.form.sectors')} style={{ flex: 1 }}>
              <Select
                mode="multiple"
                allowClear
                data-testid="round-sectors"
                options={facetOptions(options?.sectors, (value) => sectorName(lang, value))}
              />
            </Form.Item>
            <Form.Item name="tracks" label={t('rounds.form.tracks')} style={{ flex: 1 }}>
              <Select
                mode="multiple"
                allowClear
                data-testid="round-tracks"
                options={facetOptions(options?.tracks, (value) => value)}
              />
            </Form.Item>
          </div>
          <div className="sail-form-row">
            <Form.Item name="provinces" label={t('rounds.form.provinces')} style={{ flex: 1 }}>
              <Select
                mode="multiple"
                allowClear
                data-testid="round-provinces"
                options={facetOptions(options?.provinces, (value) => value)}
              />
            </Form.Item>
            <Form.Item name="search" label={t('rounds.form.search')} style={{ flex: 1 }}>
              <Input allowClear data-testid="round-search" />
            </Form.Item>
          </div>
          <Typography.Paragraph type="secondary">
            {t('rounds.form.sectorsHint')}
          </Typography.Paragraph>
        </>
      )}
    </>
  );
}

function SelectionSummary(props: {
  preview?: RoundPreview;
  /** The programme whose entries the preview looked in. */
  programme: Programme;
  loading: boolean;
}) {
  const { preview, programme, loading } = props;
  const t = useT();
  const lang = useLang();
  if (!preview) return null;
  return (
    <>
      <Alert
        type={preview.entries > 0 ? 'info' : 'warning'}
        showIcon
        style={{ margin: '12px 0' }}
        title={
          <span
            data-testid="round-preview-count"
            data-count={loading ? '' : String(preview.entries)}
          >
            {t('rounds.form.willHold', { n: preview.entries })}
          </span>
        }
      />
      {preview.missing_ids.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="round-missing-ids"
          title={t('rounds.form.missingIds', {
            n: preview.missing_ids.length,
            programme: programmeName(lang, programme),
            ids: preview.missing_ids.join(pick(lang, '、', ', ')),
          })}
        />
      )}
    </>
  );
}

type Group = RoundPreview['groups'][number];

function PinTable(props: {
  preview: RoundPreview;
  pins: Record<string, number>;
  onPin: (sector: string, rubricId: number) => void;
}) {
  const { preview, pins, onPin } = props;
  const t = useT();
  const lang = useLang();
  const versions = useSailQuery('rubrics.list', {});
  return (
    <Table<Group>
      size="small"
      rowKey="sector"
      pagination={false}
      dataSource={preview.groups}
      title={() => t('rounds.pins')}
      data-testid="round-form-pins"
      columns={[
        {
          title: t('col.sector'),
          dataIndex: 'sector',
          width: 140,
          render: (sector: string) => <Tag color="blue">{sectorName(lang, sector)}</Tag>,
        },
        { title: t('col.entries'), dataIndex: 'entries', width: 90, align: 'right' },
        {
          title: t('col.rubric'),
          key: 'rubric',
          render: (_, group) => (
            <PinSelect
              versions={versions.data ?? []}
              sector={group.sector}
              value={pins[group.sector] ?? group.default_rubric_id}
              onChange={(id) => onPin(group.sector, id)}
            />
          ),
        },
      ]}
    />
  );
}

export function SettingsFields({ method }: { method: AggregationMethod | undefined }) {
  const t = useT();
  return (
    <>
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
    </>
  );
}
