// Shown while no project is open: create, open, or pick a recent project.
import { useEffect, useState } from 'react';
import { App, Button, Card, Empty, Flex, Spin, Typography } from 'antd';
import {
  ExperimentOutlined,
  FileAddOutlined,
  FolderOpenOutlined,
  ReadOutlined,
} from '@ant-design/icons';
import { hostWorkspace, isWebMode } from '@shared/api';
import { LoadError } from '@shared/components/LoadError';
import { formatTime } from '@shared/format';
import { useSailQuery } from '@shared/hooks';
import { useLang, useT } from '@shared/i18n';
import { useApp } from '@shared/store';
import { useProjectSwitch } from '@shared/useProjectSwitch';
import { useOpenProject } from './useOpenProject';

export function StartScreen() {
  const t = useT();
  const lang = useLang();
  const open = useOpenProject();
  const [busy, setBusy] = useState(false);
  const recent = useSailQuery('project.recent', {});
  const run = useProjectSwitch();
  const openProject = useApp((state) => state.openProject);
  const showGuide = useApp((state) => state.showGuide);
  const { message } = App.useApp();

  const act = async (how: Parameters<typeof open>[0]) => {
    setBusy(true);
    try {
      await open(how);
    } finally {
      setBusy(false);
    }
  };

  const openSample = async () => {
    setBusy(true);
    try {
      const project = await run('project.createSample', {});
      if (project) {
        openProject(project);
        void message.success(t('project.opened', { name: project.name }));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex justify="center" className="sail-start">
      <Card className="sail-start-card">
        <div className="sail-start-brand">
          <span className="sail-brand-mark sail-brand-mark-large" aria-hidden>
            {t('app.mark')}
          </span>
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('app.name')}{' '}
              <Typography.Text type="secondary">{t('app.latinName')}</Typography.Text>
            </Typography.Title>
            <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
          </div>
        </div>
        <Typography.Paragraph className="sail-start-welcome">
          {t('start.welcome')}
        </Typography.Paragraph>
        <Flex gap={12} wrap className="sail-start-actions">
          <Button
            type="primary"
            size="large"
            icon={<ExperimentOutlined />}
            loading={busy}
            onClick={() => void openSample()}
            data-testid="project-sample"
          >
            {t('start.sample')}
          </Button>
          <Button
            size="large"
            icon={<FileAddOutlined />}
            loading={busy}
            onClick={() => void act('create')}
            data-testid="project-new"
          >
            {t('start.new')}
          </Button>
          <Button
            size="large"
            icon={<FolderOpenOutlined />}
            disabled={busy}
            onClick={() => void act('open')}
            data-testid="project-open"
          >
            {t('start.open')}
          </Button>
          <Button
            size="large"
            type="link"
            icon={<ReadOutlined />}
            onClick={() => showGuide(true)}
            data-testid="start-guide"
          >
            {t('guide.open')}
          </Button>
        </Flex>
        {/* In a browser, a page opened without the host's link (its token) learns why here. */}
        {recent.error && <LoadError error={recent.error} onRetry={recent.reload} />}
        <Typography.Title level={5}>{t('start.recent')}</Typography.Title>
        <Spin spinning={recent.loading && !recent.data}>
          {recent.data?.length ? (
            <ul className="sail-recent" data-testid="recent-projects">
              {recent.data.map((project) => (
                <li key={project.path}>
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => void act({ path: project.path })}
                    data-testid="recent-project"
                  >
                    <Flex justify="space-between" gap={12}>
                      <Typography.Text strong ellipsis>
                        {project.name}
                      </Typography.Text>
                      <Typography.Text type="secondary">
                        {formatTime(lang, project.opened_at)}
                      </Typography.Text>
                    </Flex>
                    <Typography.Text type="secondary" ellipsis className="sail-recent-path">
                      {project.path}
                    </Typography.Text>
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('start.recentEmpty')} />
          )}
        </Spin>
        {isWebMode && <WorkspaceNote />}
      </Card>
    </Flex>
  );
}

function WorkspaceNote() {
  const t = useT();
  const [workspace, setWorkspace] = useState<string | null>(null);
  useEffect(() => {
    hostWorkspace().then(setWorkspace, () => setWorkspace(null));
  }, []);
  return (
    workspace && (
      <Typography.Paragraph type="secondary" className="sail-start-note">
        {t('start.webMode', { path: workspace })}
      </Typography.Paragraph>
    )
  );
}
