// 评审专家: the experts of the project, imported from a CSV/XLSX list.
import { useMemo, useState } from 'react';
import { App, Button, Empty, Input, Modal, Table, Tag, Typography } from 'antd';
import { SearchOutlined, UserAddOutlined } from '@ant-design/icons';
import type { Reviewer, ReviewerImportSummary } from '@api/contract';
import { importFileName, shell } from '@shared/api';
import { ImportResult } from '@shared/components/ImportResult';
import { LoadError } from '@shared/components/LoadError';
import { Page } from '@shared/components/Page';
import { TaskProgress } from '@shared/components/TaskProgress';
import { sectorName } from '@shared/format';
import { useMessageText, useNotifyError, useSailQuery } from '@shared/hooks';
import { useLang, useT } from '@shared/i18n';
import { useTask } from '@shared/useTask';

function matches(reviewer: Reviewer, needle: string): boolean {
  return [reviewer.reviewer_id, reviewer.name, reviewer.organisation, reviewer.province]
    .filter((field): field is string => field !== null)
    .some((field) => field.toLowerCase().includes(needle));
}

export function ReviewersPage() {
  const t = useT();
  const lang = useLang();
  const reviewers = useSailQuery('reviewers.list', {});
  const [search, setSearch] = useState('');
  const { importing, task, summary, chooseAndImport, dismiss } = useReviewerImport();
  const needle = search.trim().toLowerCase();
  const rows = useMemo(
    () => (reviewers.data ?? []).filter((r) => !needle || matches(r, needle)),
    [reviewers.data, needle],
  );

  return (
    <Page
      title={t('nav.reviewers')}
      extra={
        <>
          <Input
            allowClear
            prefix={<SearchOutlined />}
            style={{ width: 260 }}
            placeholder={t('reviewers.search')}
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            data-testid="reviewers-search"
          />
          <Button
            type="primary"
            icon={<UserAddOutlined />}
            loading={importing}
            onClick={() => void chooseAndImport()}
            data-testid="reviewers-import"
          >
            {t('reviewers.import')}
          </Button>
        </>
      }
    >
      <Typography.Paragraph type="secondary">{t('reviewers.formats')}</Typography.Paragraph>
      {task.running && (
        <TaskProgress
          progress={task.progress}
          cancelling={task.cancelling}
          onCancel={task.cancel}
        />
      )}
      {reviewers.error && <LoadError error={reviewers.error} onRetry={reviewers.reload} />}
      <Table<Reviewer>
        data-testid="reviewers-table"
        size="middle"
        rowKey="id"
        loading={reviewers.loading && !reviewers.data}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: <Empty description={t('reviewers.empty')} /> }}
        columns={[
          { title: t('col.reviewerId'), dataIndex: 'reviewer_id', width: 110 },
          { title: t('col.reviewerName'), dataIndex: 'name', width: 110 },
          { title: t('col.organisation'), dataIndex: 'organisation', ellipsis: true },
          { title: t('col.jobTitle'), dataIndex: 'title', width: 150 },
          { title: t('col.province'), dataIndex: 'province', width: 100 },
          {
            title: t('col.expertise'),
            dataIndex: 'sectors',
            render: (sectors: string[]) =>
              sectors.map((sector) => (
                <Tag key={sector} color="blue">
                  {sectorName(lang, sector)}
                </Tag>
              )),
          },
          {
            title: t('col.avoid'),
            dataIndex: 'avoid_organisations',
            ellipsis: true,
            render: (organisations: string[]) => organisations.join('、'),
          },
        ]}
      />
      <Modal
        open={summary !== null}
        title={t('reviewers.importTitle')}
        width={820}
        onCancel={dismiss}
        footer={
          <Button type="primary" onClick={dismiss} data-testid="import-close">
            {t('common.close')}
          </Button>
        }
      >
        {summary && <ImportResult outcome={summary} />}
      </Modal>
    </Page>
  );
}

function useReviewerImport() {
  const task = useTask('reviewers.import');
  const notifyError = useNotifyError();
  const messageText = useMessageText();
  const { message } = App.useApp();
  const [importing, setImporting] = useState(false);
  const [summary, setSummary] = useState<ReviewerImportSummary | null>(null);

  const chooseAndImport = async () => {
    setImporting(true);
    try {
      const path = await shell.pickImportFile();
      if (!path) return;
      const result = await task.run({ path, file_name: importFileName(path) });
      if (result.ok) {
        setSummary(result.value);
      } else if (result.error.code === 'cancelled') {
        void message.warning(messageText(result.error));
      } else {
        notifyError(result.error);
      }
    } catch (error) {
      notifyError(error);
    } finally {
      setImporting(false);
    }
  };

  return { importing, task, summary, chooseAndImport, dismiss: () => setSummary(null) };
}
