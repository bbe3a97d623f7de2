// The rubric editor: names, criteria (add, remove, reorder, key, names, points, guides), gates
// and the tie-break order, with the sum of points and the guides' levels checked live and a
// preview of the scoring form. Saving changes the base version in place only while nothing uses
// it; otherwise it becomes the sector's newest version (the server decides and says which).
// Closing with unsaved changes asks first.
import { useEffect, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Drawer,
  Empty,
  Flex,
  Input,
  InputNumber,
  Select,
  Space,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  PlusOutlined,
  SaveOutlined,
} from '@ant-design/icons';
import type { StoredRubric } from '@api/contract';
import { RUBRIC_SECTORS, RUBRIC_TOTAL } from '@core/rubric';
import { sectorName } from '@shared/format';
import { useOperation } from '@shared/hooks';
import { pick, useLang, useT } from '@shared/i18n';
import { testId } from '@shared/testId';
import {
  draftProblems,
  draftWarnings,
  fromDraft,
  guidesOffMax,
  moved,
  newCriterion,
  newGate,
  pointsSum,
  rescaledGuides,
  sameRubric,
  sumsToTotal,
  type DraftCriterion,
  type DraftGate,
  type RubricDraft,
} from './draft';
import { RubricPreview } from './RubricPreview';

export interface EditorSession {
  draft: RubricDraft;
  /** The stored version this draft started from, if any (library templates have none). */
  base: StoredRubric | null;
}

interface RubricEditorProps {
  session: EditorSession | null;
  onClose: () => void;
  /** After a save, with the sector saved to. */
  onSaved: (sector: string) => void;
}

// Key and points keep their width beside the flexible name inputs ("stability", "17.5 分").
const KEY_INPUT = { flex: '0 0 160px' };
const MAX_INPUT = { flex: '0 0 112px' };

export function RubricEditor({ session, onClose, onSaved }: RubricEditorProps) {
  const t = useT();
  const { modal } = App.useApp();
  const [dirty, setDirty] = useState(false);
  // Esc, the close button and a click beside the drawer all come here.
  const close = () => {
    if (!dirty) {
      onClose();
      return;
    }
    modal.confirm({
      title: t('editor.discardTitle'),
      content: t('editor.discardText'),
      okText: t('editor.discard'),
      okButtonProps: { danger: true, ...testId('editor-discard') },
      cancelText: t('editor.keepEditing'),
      onOk: onClose,
    });
  };
  return (
    <Drawer
      open={session !== null}
      onClose={close}
      size={1080}
      destroyOnHidden
      title={t('editor.title')}
      data-testid="rubric-editor"
    >
      {session && (
        <EditorBody
          key={session.base?.id ?? 'new'}
          session={session}
          onDirty={setDirty}
          onDone={(sector) => {
            onSaved(sector);
            onClose();
          }}
        />
      )}
    </Drawer>
  );
}

function EditorBody({
  session,
  onDirty,
  onDone,
}: {
  session: EditorSession;
  onDirty: (dirty: boolean) => void;
  onDone: (sector: string) => void;
}) {
  const t = useT();
  const lang = useLang();
  const run = useOperation();
  const { message } = App.useApp();
  const [draft, setDraft] = useState<RubricDraft>(session.draft);
  const [saving, setSaving] = useState(false);
  const { base } = session;
  const sum = pointsSum(draft);
  const problems = draftProblems(draft, lang);
  const warnings = draftWarnings(draft, lang);
  const dirty = useMemo(() => !sameRubric(draft, session.draft), [draft, session.draft]);
  useEffect(() => onDirty(dirty), [dirty, onDirty]);
  useEffect(() => () => onDirty(false), [onDirty]);
  const editsInPlace =
    base !== null && !base.frozen && base.rounds.length === 0 && base.sector === draft.sector;

  const change = (patch: Partial<RubricDraft>) => setDraft((current) => ({ ...current, ...patch }));
  const changeCriterion = (uid: string, patch: Partial<DraftCriterion>) =>
    setDraft((current) => {
      const before = current.criteria.find((c) => c.uid === uid);
      const renamed = patch.key !== undefined && before ? before.key : null;
      return {
        ...current,
        criteria: current.criteria.map((c) => (c.uid === uid ? { ...c, ...patch } : c)),
        // A renamed criterion keeps its place in the tie-break order.
        tie_break:
          renamed !== null
            ? current.tie_break.map((key) => (key === renamed ? (patch.key ?? key) : key))
            : current.tie_break,
      };
    });
  const removeCriterion = (criterion: DraftCriterion) =>
    setDraft((current) => ({
      ...current,
      criteria: current.criteria.filter((c) => c.uid !== criterion.uid),
      tie_break: current.tie_break.filter((key) => key !== criterion.key),
    }));
  const changeGate = (uid: string, patch: Partial<DraftGate>) =>
    change({ gates: draft.gates.map((g) => (g.uid === uid ? { ...g, ...patch } : g)) });

  const save = async () => {
    setSaving(true);
    const saved = await run('rubrics.save', {
      rubric: fromDraft(draft),
      ...(base ? { base_id: base.id } : {}),
    });
    setSaving(false);
    if (!saved) return;
    const vars = {
      name: pick(lang, saved.rubric.name_zh, saved.rubric.name_en),
      n: saved.rubric.version,
    };
    if (saved.unchanged) {
      void message.info(t(saved.in_place ? 'editor.noChanges' : 'rubrics.unchanged', vars));
    } else {
      void message.success(t(saved.in_place ? 'editor.updated' : 'editor.savedNew', vars));
    }
    onDone(saved.rubric.sector);
  };

  const criterionName = (key: string) => {
    const criterion = draft.criteria.find((c) => c.key === key);
    return criterion ? `${pick(lang, criterion.name_zh, criterion.name_en) || key} (${key})` : key;
  };

  const editTab = (
    <Flex vertical gap={16}>
      <Flex gap={12} wrap>
        <Select
          style={{ width: 180 }}
          value={draft.sector}
          onChange={(sector) => change({ sector })}
          options={RUBRIC_SECTORS.map((value) => ({ value, label: sectorName(lang, value) }))}
          data-testid="editor-sector"
        />
        <Input
          style={{ flex: 2, minWidth: 240 }}
          placeholder={t('editor.nameZh')}
          aria-label={t('editor.nameZh')}
          prefix={<Typography.Text type="secondary">{t('editor.nameZh')}</Typography.Text>}
          value={draft.name_zh}
          onChange={(event) => change({ name_zh: event.target.value })}
          data-testid="editor-name-zh"
        />
        <Input
          style={{ flex: 2, minWidth: 240 }}
          placeholder={t('editor.nameEn')}
          aria-label={t('editor.nameEn')}
          prefix={<Typography.Text type="secondary">{t('editor.nameEn')}</Typography.Text>}
          value={draft.name_en}
          onChange={(event) => change({ name_en: event.target.value })}
          data-testid="editor-name-en"
        />
      </Flex>

      <section>
        <Typography.Title level={5}>{t('editor.criteria')}</Typography.Title>
        <Flex vertical gap={8} data-testid="editor-criteria">
          {draft.criteria.map((criterion, index) => (
            <CriterionEditor
              key={criterion.uid}
              criterion={criterion}
              index={index}
              count={draft.criteria.length}
              onChange={(patch) => changeCriterion(criterion.uid, patch)}
              onMove={(step) => change({ criteria: moved(draft.criteria, index, step) })}
              onRemove={() => removeCriterion(criterion)}
            />
          ))}
        </Flex>
        <Button
          icon={<PlusOutlined />}
          type="dashed"
          style={{ marginTop: 8 }}
          onClick={() => change({ criteria: [...draft.criteria, newCriterion()] })}
          data-testid="editor-add-criterion"
        >
          {t('editor.addCriterion')}
        </Button>
      </section>

      <section>
        <Typography.Title level={5}>{t('rubrics.gates')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('editor.gatesHint')}</Typography.Paragraph>
        <Flex vertical gap={8}>
          {draft.gates.map((gate, index) => (
            <Flex key={gate.uid} gap={8} data-testid={`editor-gate-${index}`}>
              <Input
                style={KEY_INPUT}
                placeholder={t('editor.key')}
                value={gate.key}
                onChange={(event) => changeGate(gate.uid, { key: event.target.value })}
                data-testid={`editor-gate-key-${index}`}
              />
              <Input
                placeholder={t('editor.nameZh')}
                value={gate.name_zh}
                onChange={(event) => changeGate(gate.uid, { name_zh: event.target.value })}
                data-testid={`editor-gate-name-zh-${index}`}
              />
              <Input
                placeholder={t('editor.nameEn')}
                value={gate.name_en}
                onChange={(event) => changeGate(gate.uid, { name_en: event.target.value })}
                data-testid={`editor-gate-name-en-${index}`}
              />
              <Tooltip title={t('editor.remove')}>
                <Button
                  icon={<DeleteOutlined />}
                  aria-label={t('editor.remove')}
                  onClick={() => change({ gates: draft.gates.filter((g) => g.uid !== gate.uid) })}
                />
              </Tooltip>
            </Flex>
          ))}
        </Flex>
        <Button
          icon={<PlusOutlined />}
          type="dashed"
          style={{ marginTop: 8 }}
          onClick={() => change({ gates: [...draft.gates, newGate()] })}
          data-testid="editor-add-gate"
        >
          {t('editor.addGate')}
        </Button>
      </section>

      <section>
        <Typography.Title level={5}>{t('rubrics.tieBreak')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('editor.tieBreakHint')}</Typography.Paragraph>
        <ol className="sail-tie-break-list" data-testid="editor-tie-break">
          {/* By position: a pasted rubric may list a key twice (a problem shown above). */}
          {draft.tie_break.map((key, index) => (
            <li key={`${index}:${key}`}>
              <span>{criterionName(key)}</span>
              <Button
                size="small"
                type="text"
                icon={<ArrowUpOutlined />}
                aria-label={t('editor.up')}
                disabled={index === 0}
                onClick={() => change({ tie_break: moved(draft.tie_break, index, -1) })}
              />
              <Button
                size="small"
                type="text"
                icon={<ArrowDownOutlined />}
                aria-label={t('editor.down')}
                disabled={index === draft.tie_break.length - 1}
                onClick={() => change({ tie_break: moved(draft.tie_break, index, 1) })}
              />
              <Button
                size="small"
                type="text"
                icon={<DeleteOutlined />}
                aria-label={t('editor.remove')}
                onClick={() => change({ tie_break: draft.tie_break.filter((_, i) => i !== index) })}
              />
            </li>
          ))}
        </ol>
        <Select
          style={{ width: 320 }}
          placeholder={t('editor.addTieBreak')}
          value={null}
          onChange={(key: string) => change({ tie_break: [...draft.tie_break, key] })}
          options={draft.criteria
            .filter((c) => c.key.trim() && !draft.tie_break.includes(c.key))
            .map((c) => ({ value: c.key, label: criterionName(c.key) }))}
          data-testid="editor-tie-break-add"
        />
      </section>
    </Flex>
  );

  return (
    <Flex vertical gap={16}>
      <Flex align="center" gap={16} wrap className="sail-editor-status">
        <div
          className={sumsToTotal(draft) ? 'sail-points-sum is-valid' : 'sail-points-sum is-invalid'}
          data-testid="editor-sum"
          data-sum={sum}
          role="status"
        >
          {t('editor.sum', { sum, total: RUBRIC_TOTAL })}
        </div>
        {base && (
          <Tag data-testid="editor-base">
            {t(editsInPlace ? 'editor.editsInPlace' : 'editor.newVersion', {
              n: base.version,
            })}
          </Tag>
        )}
        <Space style={{ marginLeft: 'auto' }}>
          <Button
            type="primary"
            icon={<SaveOutlined />}
            disabled={problems.length > 0}
            loading={saving}
            onClick={() => void save()}
            data-testid="editor-save"
          >
            {t('editor.save')}
          </Button>
        </Space>
      </Flex>
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={t('editor.problems')}
          description={
            <ul className="sail-problem-list" data-testid="editor-problems">
              {problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          }
        />
      )}
      {warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('editor.warnings')}
          description={
            <ul className="sail-problem-list" data-testid="editor-warnings">
              {warnings.map((warning) => (
                <li key={warning}>{warning}</li>
              ))}
            </ul>
          }
        />
      )}
      <Tabs
        items={[
          {
            key: 'edit',
            label: <span data-testid="editor-tab-edit">{t('editor.tabEdit')}</span>,
            children: editTab,
          },
          {
            key: 'preview',
            label: <span data-testid="editor-tab-preview">{t('editor.tabPreview')}</span>,
            children:
              draft.criteria.length > 0 ? (
                <RubricPreview rubric={fromDraft(draft)} />
              ) : (
                <Empty description={t('editor.problem.noCriteria')} />
              ),
          },
        ]}
      />
    </Flex>
  );
}

interface CriterionEditorProps {
  criterion: DraftCriterion;
  index: number;
  count: number;
  onChange: (patch: Partial<DraftCriterion>) => void;
  onMove: (step: -1 | 1) => void;
  onRemove: () => void;
}

function CriterionEditor(props: CriterionEditorProps) {
  const { criterion, index, count, onChange, onMove, onRemove } = props;
  const t = useT();
  return (
    <div className="sail-criterion-editor" data-testid={`editor-criterion-${index}`}>
      <Flex gap={8} align="center">
        <Typography.Text type="secondary" className="sail-criterion-index">
          {index + 1}
        </Typography.Text>
        <Input
          style={KEY_INPUT}
          placeholder={t('editor.key')}
          value={criterion.key}
          onChange={(event) => onChange({ key: event.target.value })}
          data-testid={`editor-key-${index}`}
        />
        <Input
          placeholder={t('editor.nameZh')}
          value={criterion.name_zh}
          onChange={(event) => onChange({ name_zh: event.target.value })}
          data-testid={`editor-name-zh-${index}`}
        />
        <Input
          placeholder={t('editor.nameEn')}
          value={criterion.name_en}
          onChange={(event) => onChange({ name_en: event.target.value })}
          data-testid={`editor-name-en-${index}`}
        />
        <InputNumber<number>
          style={MAX_INPUT}
          min={0.5}
          max={100}
          // Whole points by the arrows; halves typed (a step of 0.5 would show 25 as "25.0").
          step={1}
          // Cleared stays empty (NaN in the draft, a problem) instead of snapping to the minimum.
          value={Number.isNaN(criterion.max) ? null : criterion.max}
          onChange={(max) => onChange({ max: max ?? Number.NaN })}
          suffix={t('editor.points')}
          aria-label={t('col.max')}
          data-testid={`editor-max-${index}`}
        />
        <Button
          icon={<ArrowUpOutlined />}
          aria-label={t('editor.up')}
          disabled={index === 0}
          onClick={() => onMove(-1)}
          data-testid={`editor-up-${index}`}
        />
        <Button
          icon={<ArrowDownOutlined />}
          aria-label={t('editor.down')}
          disabled={index === count - 1}
          onClick={() => onMove(1)}
          data-testid={`editor-down-${index}`}
        />
        <Button
          danger
          icon={<DeleteOutlined />}
          aria-label={t('editor.remove')}
          onClick={onRemove}
          data-testid={`editor-remove-${index}`}
        />
      </Flex>
      <Flex gap={8} className="sail-criterion-guides">
        <Input.TextArea
          autoSize={{ minRows: 1, maxRows: 6 }}
          placeholder={t('editor.guideZh')}
          value={criterion.guide_zh}
          onChange={(event) => onChange({ guide_zh: event.target.value })}
          data-testid={`editor-guide-zh-${index}`}
        />
        <Input.TextArea
          autoSize={{ minRows: 1, maxRows: 6 }}
          placeholder={t('editor.guideEn')}
          value={criterion.guide_en}
          onChange={(event) => onChange({ guide_en: event.target.value })}
          data-testid={`editor-guide-en-${index}`}
        />
      </Flex>
      {guidesOffMax(criterion) && (
        <Flex gap={8} align="center" className="sail-criterion-guides">
          <Typography.Text type="warning">
            {t('editor.guideMismatch', { max: criterion.max })}
          </Typography.Text>
          <Button
            size="small"
            onClick={() => onChange(rescaledGuides(criterion))}
            data-testid={`editor-rescale-${index}`}
          >
            {t('editor.rescaleGuides')}
          </Button>
        </Flex>
      )}
    </div>
  );
}
