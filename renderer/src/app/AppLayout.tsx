// The window: navigation on the left, the top bar, and the screen of the chosen task.
import { lazy, Suspense, useDeferredValue, useEffect, useState, type ComponentType } from 'react';
import { Layout, Segmented, Spin } from 'antd';
import { ExpertBanner } from '../features/desk/ExpertBanner';
import { LeaveDesk } from '../features/desk/LeaveDesk';
import { PanelResults } from '../features/desk/PanelResults';
import { SignIn } from '../features/desk/SignIn';
import { useIdleLock } from '../features/desk/useIdleLock';
import { GuideDrawer } from '../features/guide/GuideDrawer';
import { OverviewPage } from '../features/project/OverviewPage';
import { StartScreen } from '../features/project/StartScreen';
import { ScoringPage } from '../features/scoring/ScoringPage';
import type { DeskState } from '@api/contract';
import { call, forgetEarlyCalls } from '@shared/api';
import { sessionEvents } from '@shared/events';
import { revisionCheck } from '@shared/revision';
import { useSailQuery } from '@shared/hooks';
import { useT } from '@shared/i18n';
import { useApp, type View } from '@shared/store';
import { useProjectSwitch } from '@shared/useProjectSwitch';
import { FileDrop } from './FileDrop';
import { Navigation } from './Navigation';
import { ShortcutsOverlay, useGlobalShortcuts } from './ShortcutsOverlay';
import { TopBar } from './TopBar';

// Each screen's code is loaded when first shown, so the window starts with the first screen's
// only (the charts library, the editors and the tables come later, from disk).
const lazyScreen = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  lazy(() => load().then((module) => ({ default: module[name] })));
const EntriesPage = lazyScreen(() => import('../features/entries/EntriesPage'), 'EntriesPage');
const ExportPage = lazyScreen(() => import('../features/export/ExportPage'), 'ExportPage');
const PanelPage = lazyScreen(() => import('../features/panel/PanelPage'), 'PanelPage');
const ProgressPage = lazyScreen(() => import('../features/progress/ProgressPage'), 'ProgressPage');
const RankingPage = lazyScreen(() => import('../features/ranking/RankingPage'), 'RankingPage');
const ReviewersPage = lazyScreen(
  () => import('../features/reviewers/ReviewersPage'),
  'ReviewersPage',
);
const RoundsPage = lazyScreen(() => import('../features/rounds/RoundsPage'), 'RoundsPage');
const RubricsPage = lazyScreen(() => import('../features/rubrics/RubricsPage'), 'RubricsPage');

const SCREENS: Record<View, ComponentType> = {
  overview: OverviewPage,
  entries: EntriesPage,
  rubrics: RubricsPage,
  rounds: RoundsPage,
  reviewers: ReviewersPage,
  panel: PanelPage,
  scoring: ScoringPage,
  progress: ProgressPage,
  ranking: RankingPage,
  export: ExportPage,
};

export function AppLayout() {
  const project = useApp((state) => state.project);
  const view = useApp((state) => state.view);
  const booted = useReopenCurrentProject();
  useSessionChanges();
  useWritesElsewhere(project !== null);
  const desk = useExpertDesk(project !== null);
  // Declared after every first-screen query (children's effects run first): what the first
  // screen did not take from the early calls is dropped, never served later.
  useEffect(() => {
    if (booted) forgetEarlyCalls();
  }, [booted]);
  useGlobalShortcuts(!desk);
  // A screen whose code has not loaded yet leaves the one before on show until it has (a
  // deferred render), rather than a spinner that React then keeps for at least 300 ms.
  const shownView = useDeferredValue(view);
  const Screen = project ? SCREENS[shownView] : StartScreen;

  return (
    <Layout className="sail-shell">
      {!desk && <Navigation />}
      <Layout>
        <TopBar desk={desk} />
        <Layout.Content className="sail-content">
          {!booted ? (
            <Spin className="sail-boot" />
          ) : desk ? (
            <ExpertDesk key={project?.path ?? ''} desk={desk} />
          ) : (
            <Suspense fallback={<Spin className="sail-boot" />}>
              <Screen key={project?.path ?? ''} />
            </Suspense>
          )}
        </Layout.Content>
      </Layout>
      <ShortcutsOverlay view={!project ? null : desk ? 'scoring' : view} />
      <FileDrop enabled={!desk} />
      <GuideDrawer />
    </Layout>
  );
}

/** The open project as an expert desk (its state), or null when it is not one. */
function useExpertDesk(open: boolean): DeskState | null {
  const desk = useSailQuery('desk.state', open ? {} : null).data;
  const expert = open && desk?.mode === 'expert' ? desk : null;
  const signedIn = expert?.reviewer?.reviewer_id ?? null;
  useIdleLock(signedIn === null ? null : (expert?.idle_lock_minutes ?? null));
  // The signed-in expert is the desk's reviewer, on the scoring screen.
  useEffect(() => {
    if (signedIn === null) return;
    useApp.getState().setReviewer(signedIn);
    useApp.getState().setView('scoring');
  }, [signedIn]);
  return expert;
}

/** At an expert desk: the sign-in screen, or the signed-in expert's scoring under a banner. */
function ExpertDesk({ desk }: { desk: DeskState }) {
  const [leaving, setLeaving] = useState(false);
  return (
    <>
      {desk.reviewer ? (
        <div className="sail-expert-desk">
          <ExpertBanner expert={desk.reviewer} idleMinutes={desk.idle_lock_minutes} />
          <ExpertWork />
        </div>
      ) : (
        <SignIn desk={desk} onLeave={() => setLeaving(true)} />
      )}
      <LeaveDesk open={leaving} onClose={() => setLeaving(false)} />
    </>
  );
}

/** The signed-in expert's queue; and the panel's results once the round is locked and shared. */
function ExpertWork() {
  const t = useT();
  const round = useApp((state) => state.round);
  const rounds = useSailQuery('rounds.list', {});
  const current = rounds.data?.find((item) => item.name === round);
  const [tab, setTab] = useState<'scoring' | 'results'>('scoring');
  if (!round || current?.status !== 'locked' || !current.results_for_experts) {
    return <ScoringPage />;
  }
  return (
    <>
      <Segmented<'scoring' | 'results'>
        className="sail-desk-tabs"
        value={tab}
        onChange={setTab}
        options={[
          { value: 'scoring', label: t('desk.tabScoring') },
          {
            value: 'results',
            label: <span data-testid="desk-tab-results">{t('desk.tabResults')}</span>,
          },
        ]}
      />
      {tab === 'scoring' ? <ScoringPage /> : <PanelResults round={round} />}
    </>
  );
}

/**
 * After a reload the host (or main process) may still hold a project open: pick it up rather
 * than showing the start screen. Resolves to true once known.
 */
function useReopenCurrentProject(): boolean {
  const [booted, setBooted] = useState(false);
  useEffect(() => {
    void call('project.current', {}).then((result) => {
      if (result.ok && result.value) useApp.getState().openProject(result.value);
      setBooted(true);
    });
  }, []);
  return booted;
}

/**
 * Every change the session announces makes the loaded lists fetch again; a file the user opened
 * outside the window that needs it (an encrypted package's passphrase) opens here.
 */
function useSessionChanges(): void {
  const switchProject = useProjectSwitch();
  useEffect(
    () =>
      sessionEvents.subscribe((event) => {
        if (event.type === 'changed') useApp.getState().dataChanged();
        if (event.type === 'open_requested') {
          void switchProject('project.open', { path: event.path }).then(
            (project) => project && useApp.getState().openProject(project),
          );
        }
      }),
    [switchProject],
  );
}

/**
 * Another process may write to the open file (a CLI import, a packet merged on the same
 * laptop): when the window regains focus it asks for the last write, and a new one makes every
 * loaded list fetch again.
 */
function useWritesElsewhere(open: boolean): void {
  useEffect(() => {
    if (!open) return;
    const check = revisionCheck();
    check();
    window.addEventListener('focus', check);
    return () => window.removeEventListener('focus', check);
  }, [open]);
}
