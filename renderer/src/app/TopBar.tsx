// Top bar: the open project file, the current round, the current expert, the language and the
// light or dark look.
import { useEffect, type ReactNode } from 'react';
import { useState } from 'react';
import { Button, Flex, Layout, Segmented, Select, Tooltip, Typography } from 'antd';
import {
  DesktopOutlined,
  FileTextOutlined,
  LogoutOutlined,
  MoonOutlined,
  SunOutlined,
  SyncOutlined,
  UserOutlined,
  ReadOutlined,
} from '@ant-design/icons';
import type { DeskState } from '@api/contract';
import { DeskSettings } from '../features/desk/DeskSettings';
import { baseName } from '@shared/api';
import { useSailQuery } from '@shared/hooks';
import { stageName } from '@shared/format';
import { useLang, useLanguage, useT, type Lang } from '@shared/i18n';
import { useApp } from '@shared/store';
import { useThemeChoice, type ThemeChoice } from '@shared/theme';
import { useProjectSwitch } from '@shared/useProjectSwitch';

const LANGUAGES: Array<{ value: Lang; label: string }> = [
  { value: 'zh-CN', label: '中文' },
  { value: 'en-US', label: 'EN' },
];

/** `desk`: the open project as an expert desk, where the expert is fixed and the file stays open. */
export function TopBar({ desk }: { desk: DeskState | null }) {
  const t = useT();
  const project = useApp((state) => state.project);
  const showGuide = useApp((state) => state.showGuide);
  const { lang, setLang } = useLanguage();
  const [preparing, setPreparing] = useState(false);
  const organiser = project !== null && desk === null;

  return (
    <Layout.Header className="sail-topbar">
      <Flex align="center" gap={16} style={{ minWidth: 0, flex: 1 }}>
        {project && (
          <Tooltip title={project.path}>
            <Typography.Text
              strong
              ellipsis
              className="sail-project-name"
              data-testid="project-name"
            >
              <FileTextOutlined /> {project.name || baseName(project.path)}
            </Typography.Text>
          </Tooltip>
        )}
        {project && (organiser || desk?.reviewer) && <RoundPicker />}
        {organiser && <ReviewerPicker />}
      </Flex>
      <Flex align="center" gap={12}>
        <Tooltip title={t('guide.open')}>
          <Button
            type="text"
            icon={<ReadOutlined />}
            aria-label={t('guide.open')}
            onClick={() => showGuide(true)}
            data-testid="guide-open"
          />
        </Tooltip>
        <ThemeSwitch />
        <Tooltip title={t('top.languageHint')}>
          <Segmented<Lang>
            size="small"
            options={LANGUAGES}
            value={lang}
            onChange={setLang}
            data-testid="lang-switch"
          />
        </Tooltip>
        {organiser && (
          <Tooltip title={t('desk.settingsTitle')}>
            <Button
              icon={<DesktopOutlined />}
              onClick={() => setPreparing(true)}
              data-testid="desk-settings"
            >
              {t('desk.button')}
            </Button>
          </Tooltip>
        )}
        {organiser && <CloseProjectButton />}
      </Flex>
      {organiser && <DeskSettings open={preparing} onClose={() => setPreparing(false)} />}
    </Layout.Header>
  );
}

function ThemeSwitch() {
  const t = useT();
  const { choice, setChoice } = useThemeChoice();
  const options: Array<{ value: ThemeChoice; icon: ReactNode; title: string }> = [
    { value: 'system', icon: <SyncOutlined />, title: t('top.themeSystem') },
    { value: 'light', icon: <SunOutlined />, title: t('top.themeLight') },
    { value: 'dark', icon: <MoonOutlined />, title: t('top.themeDark') },
  ];
  return (
    <Segmented<ThemeChoice>
      size="small"
      aria-label={t('top.theme')}
      value={choice}
      onChange={setChoice}
      options={options.map((option) => ({
        value: option.value,
        icon: option.icon,
        title: option.title,
        label: <span data-testid={`theme-${option.value}`} aria-label={option.title} />,
      }))}
    />
  );
}

function RoundPicker() {
  const t = useT();
  const lang = useLang();
  const round = useApp((state) => state.round);
  const setRound = useApp((state) => state.setRound);
  const rounds = useSailQuery('rounds.list', {});
  // Only judged on a fresh list: a stale one may lack a round created a moment ago.
  const fresh = rounds.loading ? undefined : rounds.data;
  const scoring = fresh?.filter((r) => r.status === 'scoring');
  useOnlyChoice(
    round,
    fresh?.map((r) => r.name),
    setRound,
    // Several rounds and none chosen yet: the one being scored, when just one is.
    scoring?.length === 1 ? scoring[0]?.name : undefined,
  );
  return (
    <Flex align="center" gap={6}>
      <Typography.Text type="secondary" className="sail-top-label">
        {t('top.round')}
      </Typography.Text>
      <Select
        data-testid="round-select"
        aria-label={t('top.round')}
        style={{ width: 200 }}
        placeholder={t('top.roundPlaceholder')}
        loading={rounds.loading}
        value={round}
        onChange={setRound}
        options={rounds.data?.map((r) => ({
          value: r.name,
          // A round named after its stage (初赛) is not called 初赛 · 初赛.
          label: r.stage && r.stage !== r.name ? `${r.name} · ${stageName(lang, r.stage)}` : r.name,
        }))}
      />
    </Flex>
  );
}

function ReviewerPicker() {
  const t = useT();
  const reviewer = useApp((state) => state.reviewer);
  const setReviewer = useApp((state) => state.setReviewer);
  const reviewers = useSailQuery('reviewers.list', {});
  useOnlyChoice(
    reviewer,
    reviewers.loading ? undefined : reviewers.data?.map((r) => r.reviewer_id),
    setReviewer,
  );
  return (
    <Flex align="center" gap={6}>
      <UserOutlined />
      <Typography.Text type="secondary" className="sail-top-label">
        {t('top.reviewer')}
      </Typography.Text>
      <Select
        data-testid="reviewer-select"
        aria-label={t('top.reviewer')}
        style={{ width: 200 }}
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('top.reviewerPlaceholder')}
        loading={reviewers.loading}
        value={reviewer}
        onChange={setReviewer}
        options={reviewers.data?.map((r) => ({
          value: r.reviewer_id,
          label: `${r.name} (${r.reviewer_id})`,
        }))}
      />
    </Flex>
  );
}

/**
 * Keeps a selection valid: drops one that no longer exists, and picks the only option when
 * there is just one (a panel package holds one round and one expert), else `preferred`.
 */
function useOnlyChoice(
  value: string | null,
  options: string[] | undefined,
  choose: (value: string | null) => void,
  preferred?: string,
) {
  useEffect(() => {
    if (!options) return;
    if (value !== null && !options.includes(value)) choose(null);
    else if (value === null && options.length === 1) choose(options[0] ?? null);
    else if (value === null && preferred !== undefined) choose(preferred);
  }, [value, options, choose, preferred]);
}

function CloseProjectButton() {
  const t = useT();
  const run = useProjectSwitch();
  const closeProject = useApp((state) => state.closeProject);
  return (
    <Tooltip title={t('top.closeProject')}>
      <Button
        icon={<LogoutOutlined />}
        data-testid="project-close"
        aria-label={t('top.closeProject')}
        onClick={() =>
          void run('project.close', {}).then((closed) => closed !== undefined && closeProject())
        }
      />
    </Tooltip>
  );
}
