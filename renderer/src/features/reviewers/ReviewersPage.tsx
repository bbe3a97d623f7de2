// 评审专家: the experts of the project, imported from a CSV/XLSX list (previewed before it is
// written) or added and edited one by one.
import { useMemo, useState } from 'react';
import { App, Button, Empty, Input, Modal, Table, Typography } from 'antd';
import { EditOutlined, PlusOutlined, SearchOutlined, UploadOutlined } from '@ant-design/icons';
import type { Reviewer, ReviewerImportSummary } from '@api/contract';
import { importFileName, shell } from '@shared/api';
import { ImportResult } from '@shared/components/ImportResult';
import { LoadError } from '@shared/components/LoadError';
import { Page } from '@shared/components/Page';
import { TaskProgress } from '@shared/components/TaskProgress';
import { useMessageText, useNotifyError, useSailQuery } from '@shared/hooks';
import { useT } from '@shared/i18n';
import { useReviewerColumns } from '@shared/reviewerColumns';
import { testId } from '@shared/testId';
import { useTask } from '@shared/useTask';
import { ReviewerForm } from './ReviewerForm';

function matches(reviewer: Reviewer, needle: string): boolean {
  return [reviewer.reviewer_id, reviewer.name, reviewer.organisation, reviewer.province]
    .filter((field): field is string => field !== null)
    .some((field) => field.toLowerCase().includes(needle));
}

export function ReviewersPage() {
  const t = useT();
  const reviewers = useSailQuery('reviewers.list', {});
  const columns = useReviewerColumns<Reviewer>();
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<Reviewer | 'new' | null>(null);
  const { importing, task, preview, summary, chooseAndImport, confirm, dismiss } =
    useReviewerImport();
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
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            data-testid="reviewer-add"
          >
            {t('reviewers.add')}
          </Button>
          <Button
            type="primary"
            icon={<UploadOutlined />}
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
          ...columns.slice(0, 3),
          { title: t('col.jobTitle'), dataIndex: 'title', width: 150 },
          { title: t('col.province'), dataIndex: 'province', width: 100 },
          ...columns.slice(3),
          {
            title: t('col.avoid'),
            dataIndex: 'avoid_organisations',
            ellipsis: true,
            render: (organisations: string[]) => organisations.join('、'),
          },
          {
            title: '',
            key: 'edit',
            width: 56,
            render: (_: unknown, reviewer: Reviewer) => (
              <Button
                type="text"
                icon={<EditOutlined />}
                aria-label={t('reviewers.edit', { name: reviewer.name })}
                onClick={() => setEditing(reviewer)}
                data-testid={`reviewer-edit-${reviewer.reviewer_id}`}
              />
            ),
          },
        ]}
      />
      <ReviewerForm editing={editing} onClose={() => setEditing(null)} />
      <Modal
        open={preview !== null}
        title={t('reviewers.previewTitle')}
        width={900}
        destroyOnHidden
        onCancel={dismiss}
        okText={t('reviewers.previewConfirm', {
          n: preview?.inserted ?? 0,
          m: preview?.updated ?? 0,
        })}
        cancelText={t('common.cancel')}
        confirmLoading={importing}
        okButtonProps={{
          disabled: !preview || preview.inserted + preview.updated === 0,
          ...testId('reviewers-import-confirm'),
        }}
        onOk={() => void confirm()}
      >
        {preview && (
          <>
            <ImportResult outcome={preview} />
            <Typography.Title level={5}>{t('reviewers.previewRows')}</Typography.Title>
            <Table<Reviewer>
              size="small"
              rowKey="reviewer_id"
              pagination={false}
              scroll={{ y: 240 }}
              dataSource={preview.preview}
              data-testid="reviewers-preview"
              columns={columns}
            />
          </>
        )}
      </Modal>
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
  const [file, setFile] = useState<string | null>(null);
  const [preview, setPreview] = useState<ReviewerImportSummary | null>(null);
  const [summary, setSummary] = useState<ReviewerImportSummary | null>(null);

  /** Reads the file without writing (dry run) or writes it; the outcome goes to `show`. */
  const importFile = async (
    path: string,
    dryRun: boolean,
    show: (outcome: ReviewerImportSummary) => void,
  ) => {
    setImporting(true);
    try {
      const result = await task.run({ path, file_name: importFileName(path), dry_run: dryRun });
      if (result.ok) {
        show(result.value);
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

  const chooseAndImport = async () => {
    const path = await shell.pickImportFile().catch((error: unknown) => {
      notifyError(error);
      return null;
    });
    if (!path) return;
    setFile(path);
    await importFile(path, true, setPreview);
  };

  const confirm = async () => {
    if (!file) return;
    await importFile(file, false, (outcome) => {
      setPreview(null);
      setSummary(outcome);
    });
  };

  const dismiss = () => {
    setPreview(null);
    setSummary(null);
  };

  return { importing, task, preview, summary, chooseAndImport, confirm, dismiss };
}
