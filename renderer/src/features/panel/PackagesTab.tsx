// 评审包与评分包: work that travels as files. The organiser writes a panel package (.sailpanel)
// for one expert or for every expert of the round (one file each, into a folder), optionally
// encrypted with a passphrase given to the expert separately; imports the signed score packets
// (.sailscores) the experts send back; and settles each clash — a review changed both here and in
// the packet — by looking at both sides.
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import { ExportOutlined, ImportOutlined, LockOutlined } from '@ant-design/icons';
import type { PackageIssued, PacketClash, PacketImported, ClashSide } from '@api/contract';
import { PacketImportedModal } from './PacketImportedModal';
import { importFileName, shell } from '@shared/api';
import { LoadError } from '@shared/components/LoadError';
import { TaskProgress } from '@shared/components/TaskProgress';
import { formatTime } from '@shared/format';
import { useMessageText, useNotifyError, useOperation, useSailQuery } from '@shared/hooks';
import { pick, useLang, useT } from '@shared/i18n';
import { testId } from '@shared/testId';
import { useTask } from '@shared/useTask';

export function PackagesTab({ round }: { round: string }) {
  const t = useT();
  const [exporting, setExporting] = useState(false);
  const issued = useSailQuery('packages.list', { round });
  return (
    <Flex vertical gap={16} data-testid="packages-tab">
      <Flex gap={8} wrap>
        <Button
          type="primary"
          icon={<ExportOutlined />}
          onClick={() => setExporting(true)}
          data-testid="package-export"
        >
          {t('packages.export')}
        </Button>
        <ImportPacket />
      </Flex>
      <Clashes round={round} />
      <Card size="small" title={t('packages.issued')}>
        {issued.error && <LoadError error={issued.error} onRetry={issued.reload} />}
        <IssuedTable packages={issued.data ?? []} loading={issued.loading} />
      </Card>
      <ExportModal round={round} open={exporting} onClose={() => setExporting(false)} />
    </Flex>
  );
}

function IssuedTable({ packages, loading }: { packages: PackageIssued[]; loading: boolean }) {
  const t = useT();
  const lang = useLang();
  return (
    <Table<PackageIssued>
      size="small"
      rowKey="package_uuid"
      loading={loading}
      dataSource={packages}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: <Empty description={t('packages.none')} /> }}
      onRow={(row) => testId('package-row', { 'reviewer-id': row.reviewer_id })}
      columns={[
        { title: t('packages.expert'), dataIndex: 'reviewer_id', width: 120 },
        {
          title: t('packages.created'),
          dataIndex: 'created_at',
          width: 150,
          render: (at: string) => formatTime(lang, at),
        },
        { title: t('packages.entries'), dataIndex: 'entries', width: 90, align: 'right' },
        {
          title: t('packages.protection'),
          key: 'protection',
          render: (_, row) => (
            <>
              {row.encrypted && <Tag icon={<LockOutlined />}>{t('packages.encrypted')}</Tag>}
              {row.include_contacts && <Tag color="orange">{t('packages.withContacts')}</Tag>}
            </>
          ),
        },
        {
          title: t('packages.lastPacket'),
          dataIndex: 'last_packet',
          width: 110,
          align: 'right',
          render: (n: number) => (n === 0 ? '—' : t('packages.packetNo', { n })),
        },
        {
          title: t('packages.clashes'),
          dataIndex: 'open_clashes',
          width: 90,
          align: 'right',
          render: (n: number) => (n > 0 ? <Tag color="red">{n}</Tag> : 0),
        },
      ]}
    />
  );
}

interface ExportForm {
  who: 'all' | 'one';
  reviewer?: string;
  include_contacts: boolean;
  encrypt: boolean;
  passphrase?: string;
  confirm?: string;
}

function ExportModal({
  round,
  open,
  onClose,
}: {
  round: string;
  open: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<ExportForm>();
  const who = Form.useWatch('who', form);
  const encrypt = Form.useWatch('encrypt', form);
  const panel = useSailQuery('panel.progress', open ? { round } : null);
  const task = useTask('packages.export');
  const notifyError = useNotifyError();
  const messageText = useMessageText();
  const { message } = App.useApp();

  const write = async (values: ExportForm) => {
    const destination =
      values.who === 'one'
        ? { path: await shell.pickSavePath(`${round}-${values.reviewer ?? ''}.sailpanel`) }
        : { folder: await shell.pickFolder() };
    if ((destination.path ?? destination.folder ?? null) === null) return;
    const result = await task.run({
      round,
      ...(values.who === 'one' ? { reviewer: values.reviewer } : {}),
      ...('path' in destination ? { path: destination.path ?? '' } : {}),
      ...('folder' in destination ? { folder: destination.folder ?? '' } : {}),
      include_contacts: values.include_contacts,
      ...(values.encrypt && values.passphrase ? { passphrase: values.passphrase } : {}),
    });
    if (result.ok) {
      void message.success(t('packages.written', { n: result.value.packages.length }));
      form.resetFields();
      onClose();
    } else if (result.error.code === 'cancelled') void message.warning(messageText(result.error));
    else notifyError(result.error);
  };

  return (
    <Modal
      open={open}
      title={t('packages.exportTitle', { round })}
      okText={t('packages.chooseDestination')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ loading: task.running, ...testId('package-export-ok') }}
      destroyOnHidden
    >
      <Form<ExportForm>
        form={form}
        layout="vertical"
        initialValues={{ who: 'one', include_contacts: false, encrypt: true }}
        onFinish={(values) => void write(values)}
      >
        <Form.Item name="who" label={t('packages.who')}>
          <Radio.Group
            options={[
              { value: 'one', label: t('packages.oneExpert') },
              { value: 'all', label: t('packages.allExperts') },
            ]}
            data-testid="package-who"
          />
        </Form.Item>
        {who !== 'all' && (
          <Form.Item
            name="reviewer"
            label={t('packages.expert')}
            rules={[{ required: true, message: t('packages.expertRequired') }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={panel.loading}
              options={panel.data?.experts
                .filter((expert) => expert.assigned > 0)
                .map((expert) => ({
                  value: expert.reviewer_id,
                  label: `${expert.name} (${expert.reviewer_id})`,
                }))}
              data-testid="package-reviewer"
            />
          </Form.Item>
        )}
        <Form.Item
          name="include_contacts"
          valuePropName="checked"
          extra={t('packages.contactsHint')}
        >
          <Checkbox data-testid="package-contacts">{t('packages.includeContacts')}</Checkbox>
        </Form.Item>
        <Form.Item name="encrypt" valuePropName="checked" extra={t('packages.encryptHint')}>
          <Checkbox data-testid="package-encrypt">{t('packages.encrypt')}</Checkbox>
        </Form.Item>
        {encrypt && (
          <>
            <Form.Item
              name="passphrase"
              label={t('packages.passphrase')}
              rules={[{ required: true, min: 8, message: t('packages.passphraseRule') }]}
            >
              <Input.Password autoComplete="new-password" data-testid="package-passphrase" />
            </Form.Item>
            <Form.Item
              name="confirm"
              label={t('packages.passphraseAgain')}
              dependencies={['passphrase']}
              rules={[
                { required: true, message: t('packages.passphraseRule') },
                ({ getFieldValue }) => ({
                  validator: (_, value) =>
                    value === getFieldValue('passphrase')
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('packages.passphraseMismatch'))),
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" data-testid="package-passphrase-again" />
            </Form.Item>
          </>
        )}
      </Form>
      {task.running && (
        <TaskProgress
          progress={task.progress}
          cancelling={task.cancelling}
          onCancel={task.cancel}
        />
      )}
    </Modal>
  );
}

function ImportPacket() {
  const t = useT();
  const task = useTask('packets.import');
  const notifyError = useNotifyError();
  const [outcome, setOutcome] = useState<PacketImported | null>(null);
  const importFile = async () => {
    const path = await shell.pickImportFile();
    if (path === null) return;
    const result = await task.run({ path, file_name: importFileName(path) });
    if (result.ok) setOutcome(result.value);
    else notifyError(result.error);
  };
  return (
    <>
      <Button
        icon={<ImportOutlined />}
        loading={task.running}
        onClick={() => void importFile()}
        data-testid="packet-import"
      >
        {t('packets.import')}
      </Button>
      <PacketImportedModal outcome={outcome} onClose={() => setOutcome(null)} />
    </>
  );
}

function Clashes({ round }: { round: string }) {
  const t = useT();
  const clashes = useSailQuery('packets.clashes', { round });
  const open = (clashes.data ?? []).filter((clash) => clash.status === 'open');
  if (clashes.error) return <LoadError error={clashes.error} onRetry={clashes.reload} />;
  if (open.length === 0) return null;
  return (
    <Card
      size="small"
      title={t('packets.clashTitle', { n: open.length })}
      data-testid="packet-clashes"
    >
      <Alert type="warning" showIcon title={t('packets.clashHint')} style={{ marginBottom: 12 }} />
      <Flex vertical gap={12}>
        {open.map((clash) => (
          <ClashCard key={clash.id} clash={clash} />
        ))}
      </Flex>
    </Card>
  );
}

/** One clash, side by side: the review as the project holds it and as the packet brings it. */
function ClashCard({ clash }: { clash: PacketClash }) {
  const t = useT();
  const lang = useLang();
  const run = useOperation();
  const form = useSailQuery('scoring.get', {
    round: clash.round,
    reviewer: clash.reviewer_id,
    entry: clash.entry,
  });
  const criteria = form.data?.rubric.criteria ?? [];
  const keys = criteria.length
    ? criteria.map((c) => c.key)
    : [...new Set([...Object.keys(clash.project.scores), ...Object.keys(clash.packet.scores)])];
  const name = (key: string) => {
    const criterion = criteria.find((c) => c.key === key);
    return criterion ? pick(lang, criterion.name_zh, criterion.name_en) : key;
  };
  const rows = [
    ...keys.map((key) => ({
      key,
      what: name(key),
      project: clash.project.scores[key] ?? '—',
      packet: clash.packet.scores[key] ?? '—',
    })),
    {
      key: '#status',
      what: t('packets.status'),
      project: status(t, clash.project),
      packet: status(t, clash.packet),
    },
    {
      key: '#comment',
      what: t('scoring.comment'),
      project: clash.project.comment,
      packet: clash.packet.comment,
    },
    {
      key: '#updated',
      what: t('packets.updated'),
      project: formatTime(lang, clash.project.updated_at),
      packet: formatTime(lang, clash.packet.updated_at),
    },
  ];
  const resolve = (keep: 'project' | 'packet') =>
    void run('packets.resolve', { clash_id: clash.id, keep });
  return (
    <Card
      size="small"
      type="inner"
      title={`${clash.entry_id} ${clash.title} · ${clash.reviewer_id}`}
      {...testId('packet-clash', { 'entry-id': clash.entry_id })}
      extra={
        <Flex gap={8}>
          <Button size="small" onClick={() => resolve('project')} data-testid="clash-keep-project">
            {t('packets.keepProject')}
          </Button>
          <Button
            size="small"
            type="primary"
            onClick={() => resolve('packet')}
            data-testid="clash-take-packet"
          >
            {t('packets.takePacket')}
          </Button>
        </Flex>
      }
    >
      <Table
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={rows}
        rowClassName={(row) =>
          String(row.project) !== String(row.packet) ? 'sail-row-differs' : ''
        }
        columns={[
          { title: '', dataIndex: 'what', width: 160 },
          { title: t('packets.projectSide'), dataIndex: 'project' },
          { title: t('packets.packetSide', { n: clash.packet_sequence }), dataIndex: 'packet' },
        ]}
      />
      <Typography.Text type="secondary">
        {t('packets.found', { at: formatTime(lang, clash.found_at) })}
      </Typography.Text>
    </Card>
  );
}

function status(t: ReturnType<typeof useT>, side: ClashSide): string {
  return t(`reviewStatus.${side.status}`);
}
