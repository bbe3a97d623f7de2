// Reviewers (专家): the list, adding and editing one, and a round's panel (round_panel; a round
// without one has every reviewer of the project).
import { SailError } from '../../core/errors';
import type { ProjectStore } from '../../store/project-store';
import type { ReviewerRecord, ReviewerValues } from '../../store/repos/reviewers';
import type { RoundRecord } from '../../store/repos/rounds';
import type { Reviewer, RoundPanel } from '../contract';
import type { reviewerInput } from '../contract/reviewers';
import type { z } from 'zod';
import { requireRound } from './rounds';

export function toReviewer(record: ReviewerRecord): Reviewer {
  return {
    id: record.id,
    reviewer_id: record.external_id,
    name: record.name,
    organisation: record.organisation,
    title: record.title,
    province: record.province,
    sectors: JSON.parse(record.sectors_json) as string[],
    avoid_organisations: JSON.parse(record.avoid_json) as string[],
    phone: record.phone,
    email: record.email,
  };
}

export function requireReviewer(store: ProjectStore, reviewerId: string): ReviewerRecord {
  const reviewer = store.reviewers.byExternalId(reviewerId);
  if (!reviewer) {
    throw new SailError(
      'reviewer_not_found',
      `找不到专家 ${reviewerId}，请检查专家编号。`,
      `Reviewer ${reviewerId} not found; check the reviewer id.`,
    );
  }
  return reviewer;
}

/** Adds a reviewer or edits one; an id another reviewer uses is refused. */
export function saveReviewer(store: ProjectStore, input: z.output<typeof reviewerInput>): Reviewer {
  return store.atomically(() => {
    const existing = input.id === undefined ? undefined : store.reviewers.byId(input.id);
    if (input.id !== undefined && !existing) {
      throw new SailError(
        'reviewer_not_found',
        `要修改的专家不存在（可能已被其他窗口删除），请刷新列表。`,
        `The reviewer being edited no longer exists; refresh the list.`,
      );
    }
    const holder = store.reviewers.byExternalId(input.reviewer_id);
    if (holder && holder.id !== existing?.id) {
      throw new SailError(
        'reviewer_id_taken',
        `专家编号 ${input.reviewer_id} 已被专家“${holder.name}”使用，请换一个编号。`,
        `Reviewer id ${input.reviewer_id} is already used by ${holder.name}; choose another id.`,
      );
    }
    const values: ReviewerValues = {
      external_id: input.reviewer_id,
      name: input.name,
      organisation: input.organisation ?? null,
      title: input.title ?? null,
      province: input.province ?? null,
      sectors_json: JSON.stringify([...new Set(input.sectors)]),
      avoid_json: JSON.stringify([...new Set(input.avoid_organisations)]),
      phone: input.phone ?? null,
      email: input.email ?? null,
      source_json: existing?.source_json ?? null,
    };
    const now = new Date().toISOString();
    const id = store.write(
      {
        action: 'reviewer.save',
        subject: input.reviewer_id,
        payload: { edited: existing ? existing.external_id : null, name: input.name },
      },
      () => {
        if (!existing) return store.reviewers.insert(values, now);
        store.reviewers.update(existing.id, values, now);
        return existing.id;
      },
    );
    const saved = store.reviewers.byId(id);
    if (!saved) throw new Error('saved reviewer missing');
    return toReviewer(saved);
  });
}

/** The reviewer row ids of a round's panel: its members, or every reviewer when none are named. */
export function panelIds(store: ProjectStore, round: RoundRecord): Set<number> {
  const named = store.assignments.panel(round.id);
  return new Set(named.length > 0 ? named : store.reviewers.list().map((r) => r.id));
}

export function roundPanel(store: ProjectStore, round: RoundRecord): RoundPanel {
  const named = new Set(store.assignments.panel(round.id));
  const counts = new Map(store.assignments.panelCounts(round.id).map((c) => [c.reviewer_id, c]));
  return {
    round: round.name,
    everyone: named.size === 0,
    members: store.reviewers.list().map((record) => {
      const count = counts.get(record.id);
      return {
        ...toReviewer(record),
        in_panel: named.size === 0 || named.has(record.id),
        assigned: count?.assigned ?? 0,
        submitted: count?.submitted ?? 0,
        conflicts: count?.conflicts ?? 0,
      };
    }),
  };
}

/** Narrows a round's panel to these reviewers (none: every reviewer again). */
export function setPanel(
  store: ProjectStore,
  roundName: string,
  reviewerIds: string[],
): RoundPanel {
  return store.atomically(() => {
    const round = requireRound(store, roundName);
    const ids = [...new Set(reviewerIds)].map((id) => requireReviewer(store, id).id);
    store.write(
      {
        action: 'panel.set',
        subject: round.uuid,
        payload: { round: round.name, reviewers: [...new Set(reviewerIds)].sort() },
      },
      () => store.assignments.setPanel(round.id, ids),
    );
    return roundPanel(store, round);
  });
}
