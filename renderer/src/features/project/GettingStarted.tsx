// The set-up path for an organiser, shown on the overview until a round exists: each step is
// done once the project holds its data, and clicking a step opens its screen.
import { Card, Steps } from 'antd';
import type { ProjectOverview } from '@api/contract';
import { useT, type MessageKey } from '@shared/i18n';
import { useApp, type View } from '@shared/store';

const STEPS: Array<{ view: View; title: MessageKey; done: (o: ProjectOverview) => boolean }> = [
  {
    view: 'entries',
    title: 'overview.step.entries',
    done: (o) => o.entries.bloom + o.entries.pioneer > 0,
  },
  { view: 'rubrics', title: 'overview.step.rubrics', done: (o) => o.rubrics > 0 },
  { view: 'reviewers', title: 'overview.step.reviewers', done: (o) => o.reviewers > 0 },
  { view: 'rounds', title: 'overview.step.rounds', done: (o) => o.rounds.length > 0 },
];

export function GettingStarted({ overview }: { overview: ProjectOverview }) {
  const t = useT();
  const setView = useApp((state) => state.setView);
  const done = STEPS.map((step) => step.done(overview));
  if (done.every(Boolean)) return null;
  const next = done.indexOf(false);
  return (
    <Card title={t('overview.start')} style={{ marginBottom: 16 }} data-testid="getting-started">
      <Steps
        // No step is antd's "current" (which ignores clicks on itself): each status is given,
        // and every step, the next one included, opens its screen.
        current={-1}
        onChange={(index) => {
          const step = STEPS[index];
          if (step) setView(step.view);
        }}
        items={STEPS.map((step, index) => ({
          title: t(step.title),
          status: done[index] ? 'finish' : index === next ? 'process' : 'wait',
        }))}
      />
    </Card>
  );
}
