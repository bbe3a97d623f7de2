// The scoring form exactly as a reviewer will see it, for a rubric being edited: the scoring
// feature's own form in preview mode, over a sample entry, saving nothing.
import type { ReviewForm } from '@api/contract';
import type { RubricDefinition } from '@core/domain';
import { Typography } from 'antd';
import { ScoreForm } from '../scoring/ScoreForm';
import { useT } from '@shared/i18n';

function previewForm(rubric: RubricDefinition, title: string): ReviewForm {
  return {
    rubric: { ...rubric, id: 0, version: 0, frozen: false, created_at: '' },
    entry: {
      id: 0,
      entry_id: '',
      programme: 'pioneer',
      title,
      applicant: '',
      province: null,
      city: null,
      sector: rubric.sector,
      sector_label: null,
      track: null,
      partners: null,
      summary: null,
      contact: null,
      fields: {},
      source: [],
      source_file: null,
      source_row: null,
      attachments: [],
      duplicate_decisions: [],
    },
    review: {
      round: '',
      entry_id: 0,
      reviewer_id: '',
      status: 'new',
      scores: Object.fromEntries(rubric.criteria.map((c) => [c.key, null])),
      gates: Object.fromEntries(rubric.gates.map((g) => [g.key, null])),
      comment: '',
      total: 0,
      complete: false,
      version: 0,
      updated_at: null,
    },
  };
}

export function RubricPreview({ rubric }: { rubric: RubricDefinition }) {
  const t = useT();
  // A new form per rubric content: criteria added or removed start empty again.
  const key = JSON.stringify(rubric);
  return (
    <div className="sail-rubric-preview" data-testid="rubric-preview">
      <Typography.Paragraph type="secondary">{t('editor.previewHint')}</Typography.Paragraph>
      <ScoreForm key={key} preview form={previewForm(rubric, t('editor.previewEntry'))} />
    </div>
  );
}
