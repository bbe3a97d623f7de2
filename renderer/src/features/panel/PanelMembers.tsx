// Which experts of the project take part in a round. Until the organiser narrows it, everyone
// does; assignment draws only on the panel.
import { useMemo, useState } from 'react';
import { Alert, App, Button, Flex, Input, Table, Tag } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import type { PanelMember } from '@api/contract';
import { LoadError } from '@shared/components/LoadError';
import { useOperation, useSailQuery } from '@shared/hooks';
import { useT } from '@shared/i18n';
import { useReviewerColumns } from '@shared/reviewerColumns';

export function PanelMembers({ round }: { round: string }) {
  const t = useT();
  const run = useOperation();
  const { message } = App.useApp();
  const panel = useSailQuery('panel.get', { round });
  const reviewerColumns = useReviewerColumns<PanelMember>();
  // The organiser's unsaved choice; null while it is the saved panel.
  const [choice, setChoice] = useState<string[] | null>(null);
  const [search, setSearch] = useState('');
  const [saving, setSaving] = useState(false);

  const needle = search.trim().toLowerCase();
  const rows = useMemo(
    () =>
      (panel.data?.members ?? []).filter(
        (member) =>
          !needle ||
          [member.reviewer_id, member.name, member.organisation ?? '']
            .join(' ')
            .toLowerCase()
            .includes(needle),
      ),
    [panel.data, needle],
  );
  const saved = useMemo(
    () => panel.data?.members.filter((m) => m.in_panel).map((m) => m.reviewer_id) ?? [],
    [panel.data],
  );
  const chosen = choice ?? saved;
  const changed = chosen.length !== saved.length || chosen.some((id) => !saved.includes(id));

  const save = async (reviewerIds: string[]) => {
    setSaving(true);
    const result = await run('panel.set', { round, reviewer_ids: reviewerIds });
    setSaving(false);
    if (!result) return;
    setChoice(null);
    void message.success(t('panel.saved', { n: result.members.filter((m) => m.in_panel).length }));
  };

  return (
    <div data-testid="panel-members">
      {panel.error && <LoadError error={panel.error} onRetry={panel.reload} />}
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={
          panel.data?.everyone
            ? t('panel.everyone', { n: panel.data.members.length })
            : t('panel.narrowed', { n: saved.length, total: panel.data?.members.length ?? 0 })
        }
      />
      <Flex gap={8} style={{ marginBottom: 12 }} wrap>
        <Input
          allowClear
          prefix={<SearchOutlined />}
          style={{ width: 260 }}
          placeholder={t('reviewers.search')}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
        <Button
          type="primary"
          disabled={!changed || chosen.length === 0}
          loading={saving}
          onClick={() => void save(chosen)}
          data-testid="panel-save"
        >
          {t('panel.save', { n: chosen.length })}
        </Button>
        <Button
          disabled={panel.data?.everyone ?? true}
          onClick={() => void save([])}
          data-testid="panel-everyone"
        >
          {t('panel.useEveryone')}
        </Button>
      </Flex>
      <Table<PanelMember>
        size="small"
        rowKey="reviewer_id"
        loading={panel.loading && !panel.data}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        rowSelection={{
          selectedRowKeys: chosen,
          preserveSelectedRowKeys: true,
          onChange: (keys) => setChoice(keys.map(String)),
        }}
        columns={[
          ...reviewerColumns,
          { title: t('panel.col.assigned'), dataIndex: 'assigned', width: 90, align: 'right' },
          { title: t('panel.col.submitted'), dataIndex: 'submitted', width: 90, align: 'right' },
          {
            title: t('panel.col.conflicts'),
            dataIndex: 'conflicts',
            width: 90,
            align: 'right',
            render: (n: number) => (n > 0 ? <Tag color="orange">{n}</Tag> : 0),
          },
        ]}
      />
    </div>
  );
}
