// Panel packages out, signed score packets back (issue 14). A package is a project file of one
// expert's part of a round (store/panel-image.ts), plain or encrypted (io/packets); the
// organiser's project records each package's public key and the versions it packaged. A packet
// is verified whole before anything is written, then merged in one transaction with one audit
// event, review by review by core/packet-merge.ts.
import { createHash, generateKeyPairSync, randomUUID } from 'node:crypto';
import { basename, join } from 'node:path';
import type { RubricVersion } from '../../core/domain';
import { SailError } from '../../core/errors';
import {
  mergeDecision,
  type MergeDecision,
  type PacketBody,
  type PacketRecusal,
  type PacketReview,
  type ReviewSide,
} from '../../core/packet-merge';
import { isReviewComplete } from '../../core/review';
import { assertCanScore } from '../../core/round-lifecycle';
import { scoreProblem } from '../../core/rubric';
import { readLinkedFile } from '../../io/attachments';
import { pathExists } from '../../io/export/atomic-file';
import { fileExists } from '../../io/export/atomic-file';
import { deriveKey } from '../../io/packets/crypto';
import { packageBytes, writeFileWhole } from '../../io/packets/package';
import { readPacket, signatureHolds, writePacket } from '../../io/packets/packet';
import { openRoundForScores } from '../../io/import-scores';
import type { TaskControl } from '../../io/import-types';
import type { ProjectStore } from '../../store/project-store';
import type { ClashRecord, PackageRecord } from '../../store/repos/packages';
import type { ReviewContent } from '../../store/repos/reviews';
import type { ReviewerRecord } from '../../store/repos/reviewers';
import type { RoundRecord } from '../../store/repos/rounds';
import type {
  ClashSide,
  CurrentPackage,
  PackageIssued,
  PackagesExported,
  PacketClash,
  PacketImported,
  PacketWritten,
} from '../contract';
import { requireRound } from './rounds';
import { ATTACHMENT_VIEW_MAX_BYTES } from './attachments';
import {
  recordRecusal,
  recusalApplied,
  recusalBefore,
  requireReviewer,
  type RecusalPair,
} from './scoring';

function notHere(zh: string, en: string): SailError {
  return new SailError('panel_package', zh, en);
}

/** Refuses an organiser's operation on a panel package. */
function assertOrganiserProject(store: ProjectStore): void {
  if (store.project.kind !== 'panel') return;
  throw notHere(
    '这是专家的评审包，不是主办方的项目：请在主办方的项目中进行此操作。',
    'This is an expert’s panel package, not the organiser’s project: do this in the organiser’s project.',
  );
}

/** A file name part without the characters file systems refuse. */
const fileNamePart = (text: string) => text.replace(/[\\/:*?"<>|\s]+/g, '_');

export interface PackageExportRequest {
  round: string;
  reviewer?: string | undefined;
  path?: string | undefined;
  folder?: string | undefined;
  include_contacts: boolean;
  passphrase?: string | undefined;
}

/** Writes one package per reviewer (each written and recorded in its own transaction). */
export async function exportPackages(
  store: ProjectStore,
  request: PackageExportRequest,
  control: TaskControl & { nativeBinding?: string | undefined } = {},
): Promise<PackagesExported> {
  assertOrganiserProject(store);
  const round = requireRound(store, request.round);
  const reviewers: ReviewerRecord[] = request.reviewer
    ? [requireReviewer(store, request.reviewer)]
    : [...new Set(store.assignments.forRound(round.id).map((a) => a.reviewer_id))]
        .map((id) => store.reviewers.byId(id))
        .filter((reviewer): reviewer is ReviewerRecord => reviewer !== undefined)
        .sort((a, b) => a.external_id.localeCompare(b.external_id));
  if (reviewers.length === 0) {
    throw new SailError(
      'nothing_to_package',
      `评审批次“${round.name}”还没有分配专家，无法生成评审包。请先分配。`,
      `Round "${round.name}" has no assignments yet: there is nothing to package. Assign it first.`,
    );
  }
  const targets = reviewers.map((reviewer) =>
    request.path !== undefined
      ? request.path
      : join(
          request.folder ?? '.',
          `${fileNamePart(round.name)}-${fileNamePart(reviewer.external_id)}.sailpanel`,
        ),
  );
  // Into a folder nothing is replaced: every name is checked before the first file is written.
  if (request.folder !== undefined) {
    for (const target of targets) if (await pathExists(target)) throw fileExists(target);
  }
  const written: PackagesExported['packages'] = [];
  for (const [index, reviewer] of reviewers.entries()) {
    control.signal?.throwIfAborted();
    control.onProgress?.({ phase: 'write', done: index, total: reviewers.length });
    const target = targets[index] ?? '';
    written.push(
      await exportPackage(store, round, reviewer, target, request, control.nativeBinding),
    );
  }
  control.onProgress?.({ phase: 'write', done: reviewers.length, total: reviewers.length });
  return { round: round.name, packages: written };
}

async function exportPackage(
  store: ProjectStore,
  round: RoundRecord,
  reviewer: ReviewerRecord,
  path: string,
  request: PackageExportRequest,
  nativeBinding: string | undefined,
): Promise<PackagesExported['packages'][number]> {
  const entryIds = new Set([
    ...store.assignments.entriesOf(round.id, reviewer.id),
    ...store.reviews.statusByEntry(round.id, reviewer.id).keys(),
  ]);
  // Attachments are read (and checked against their hashes) before the transaction.
  const attachments = new Map<number, Uint8Array>();
  for (const entryId of entryIds) {
    for (const listed of store.attachments.listForEntry(entryId)) {
      const attachment = store.attachments.get(listed.id);
      if (attachment) {
        attachments.set(attachment.id, await readLinkedFile(attachment, ATTACHMENT_VIEW_MAX_BYTES));
      }
    }
  }
  const keys = generateKeyPairSync('ed25519');
  const publicKey = keys.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  const privateKey = keys.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
  const fileKey = request.passphrase ? deriveKey(request.passphrase) : null;
  const record: PackageRecord = {
    uuid: randomUUID(),
    round_id: round.id,
    reviewer_id: reviewer.id,
    public_key: publicKey,
    private_key: privateKey,
    include_contacts: request.include_contacts ? 1 : 0,
    encrypted: fileKey ? 1 : 0,
    sequence: 0,
    created_at: new Date().toISOString(),
    certified_by: null,
    certificate: null,
  };
  // One snapshot: what the package copies is what the project records as its baseline, and
  // the file is in place before the record commits (a failed write records nothing).
  return store.atomically(() => {
    const { image, baselines, certificate } = store.panelImage(
      {
        file: path,
        round_id: round.id,
        round_uuid: round.uuid,
        reviewer_id: reviewer.id,
        reviewer_external_id: reviewer.external_id,
        package: record,
        attachments,
      },
      { nativeBinding },
    );
    const bytes = packageBytes(image, fileKey);
    const reviews = [...baselines.values()].filter((version) => version > 0).length;
    store.write(
      {
        action: 'panel.export',
        subject: record.uuid,
        payload: {
          round: round.uuid,
          reviewer: reviewer.external_id,
          entries: baselines.size,
          reviews,
          attachments: attachments.size,
          include_contacts: request.include_contacts,
          encrypted: fileKey !== null,
          public_key: publicKey,
        },
      },
      () => {
        store.packages.insert({ ...record, ...certificate, private_key: null }, baselines);
        writeFileWhole(path, bytes, request.folder === undefined);
      },
    );
    return {
      reviewer_id: reviewer.external_id,
      path,
      package_uuid: record.uuid,
      entries: baselines.size,
      reviews,
      attachments: attachments.size,
      bytes: bytes.length,
      encrypted: fileKey !== null,
    };
  });
}

export function listPackages(store: ProjectStore, roundName?: string): PackageIssued[] {
  const round = roundName === undefined ? null : requireRound(store, roundName);
  return store.packages.list(round?.id ?? null).map((row) => ({
    package_uuid: row.uuid,
    round: store.rounds.byId(row.round_id)?.name ?? '',
    reviewer_id: row.reviewer_external_id,
    created_at: row.created_at,
    entries: row.reviews,
    encrypted: row.encrypted === 1,
    include_contacts: row.include_contacts === 1,
    last_packet: row.sequence,
    open_clashes: row.open_clashes,
  }));
}

interface OwnPackage {
  record: PackageRecord & { private_key: string };
  round: RoundRecord;
  reviewer: ReviewerRecord;
}

function ownPackage(store: ProjectStore): OwnPackage | null {
  if (store.project.kind !== 'panel') return null;
  const record = store.packages.own();
  const round = record && store.rounds.byId(record.round_id);
  const reviewer = record && store.reviewers.byId(record.reviewer_id);
  if (!record?.private_key || !round || !reviewer) return null;
  return { record: { ...record, private_key: record.private_key }, round, reviewer };
}

export function currentPackage(store: ProjectStore): CurrentPackage | null {
  const own = ownPackage(store);
  if (!own) return null;
  const statuses = [...store.reviews.statusByEntry(own.round.id, own.reviewer.id).values()];
  return {
    package_uuid: own.record.uuid,
    round: own.round.name,
    reviewer_id: own.reviewer.external_id,
    reviewer_name: own.reviewer.name,
    created_at: own.record.created_at,
    encrypted: store.inMemory,
    packets_sent: own.record.sequence,
    reviews: {
      entries: store.rounds.entryKeys(own.round.id).size,
      submitted: statuses.filter((s) => s.status === 'submitted').length,
      draft: statuses.filter((s) => s.status === 'draft').length,
    },
  };
}

function gatesOf(content: ReviewContent): Record<string, 'pass' | 'fail'> {
  return Object.fromEntries(
    [...content.gates].map(([key, passed]) => [key, passed ? 'pass' : 'fail'] as const),
  );
}

/** "Send my scores": every review of the package's expert, signed, written to `path`. */
export function exportPacket(store: ProjectStore, path: string): PacketWritten {
  const own = ownPackage(store);
  if (!own) {
    throw new SailError(
      'not_a_package',
      '只能从专家的评审包导出评分包；当前打开的是主办方的项目。',
      'A score packet is written from an expert’s panel package; the open file is an organiser’s project.',
    );
  }
  return store.atomically(() => {
    const { record, round, reviewer } = own;
    const tracks = store.packages.tracks(record.uuid);
    const rubrics = new Map<number, RubricVersion>();
    const reviews: PacketReview[] = [];
    for (const entry of store.rounds.entries(round.id)) {
      const review = store.reviews.get(round.id, entry.id, reviewer.id);
      if (!review) continue;
      let rubric = rubrics.get(review.rubric_id);
      if (!rubric) {
        rubric = store.rubrics.require(review.rubric_id);
        rubrics.set(rubric.id, rubric);
      }
      reviews.push({
        entry_id: entry.entry_id,
        rubric: { sector: rubric.sector, version: rubric.version },
        status: review.status,
        version: review.version,
        base_version: tracks.get(entry.id)?.base_version ?? 0,
        comment: review.comment,
        scores: Object.fromEntries(review.scores),
        gates: gatesOf(review),
        updated_at: review.updated_at,
        submitted_at: review.submitted_at,
      });
    }
    // In a package every conflict is its expert's own recusal (the organiser's are not copied).
    const recusals: PacketRecusal[] = store.conflicts
      .list({ reviewerId: reviewer.external_id, status: 'confirmed' })
      .map((conflict) => ({
        entry_id: conflict.entry_external_id,
        reason: conflict.decision_reason ?? '',
        declared_at: conflict.decided_at ?? conflict.found_at,
      }));
    const sequence = (store.packages.get(record.uuid)?.sequence ?? record.sequence) + 1;
    const body: PacketBody = {
      format: 'sailscores',
      format_version: 2,
      project_uuid: store.project.uuid,
      round_uuid: round.uuid,
      round: round.name,
      reviewer_id: reviewer.external_id,
      package_uuid: record.uuid,
      sequence,
      created_at: new Date().toISOString(),
      reviews,
      recusals,
    };
    const text = writePacket(body, record.private_key);
    store.write(
      {
        action: 'packet.export',
        actor: reviewer.external_id,
        subject: record.uuid,
        payload: {
          sequence,
          reviews: reviews.length,
          recusals: recusals.length,
          sha256: createHash('sha256').update(text).digest('hex'),
        },
      },
      () => {
        store.packages.setSequence(record.uuid, sequence);
        writeFileWhole(path, Buffer.from(text, 'utf8'), true);
      },
    );
    return {
      path,
      sequence,
      recusals: recusals.length,
      reviews: reviews.length,
      submitted: reviews.filter((r) => r.status === 'submitted').length,
    };
  });
}

function packetRefused(code: string, zh: string, en: string): SailError {
  return new SailError(
    code,
    `评分包无法导入：${zh}。未写入任何内容。`,
    `The score packet cannot be imported: ${en}. Nothing was written.`,
  );
}

const sideOf = (review: PacketReview): ReviewSide => ({
  status: review.status,
  comment: review.comment,
  scores: review.scores,
  gates: review.gates,
});

/** A review as the audit trail keeps it for its history: gates as pass = true. */
const historyOf = (side: ReviewSide) => ({
  status: side.status,
  scores: side.scores,
  gates: Object.fromEntries(
    Object.entries(side.gates).map(([key, answer]) => [key, answer === 'pass']),
  ),
  comment: side.comment,
});

function contentOf(side: ReviewSide): ReviewContent {
  return {
    scores: new Map(Object.entries(side.scores)),
    gates: new Map(Object.entries(side.gates).map(([key, answer]) => [key, answer === 'pass'])),
    comment: side.comment,
  };
}

/** What is wrong with a review for its rubric (scores, gates, completeness), or null. */
function reviewProblem(side: ReviewSide, rubric: RubricVersion): [zh: string, en: string] | null {
  for (const [key, points] of Object.entries(side.scores)) {
    const criterion = rubric.criteria.find((c) => c.key === key);
    if (!criterion) return [`没有评分项 ${key}`, `no criterion ${key}`];
    const problem = scoreProblem(points, criterion.max);
    if (problem)
      return [`${criterion.name_zh}：${problem.zh}`, `${criterion.name_en}: ${problem.en}`];
  }
  for (const key of Object.keys(side.gates)) {
    if (!rubric.gates.some((g) => g.key === key)) return [`没有门槛项 ${key}`, `no gate ${key}`];
  }
  if (side.status === 'submitted' && !isReviewComplete(rubric, contentOf(side))) {
    return ['已提交但未评完', 'submitted but not complete'];
  }
  return null;
}

interface VerifiedPacket {
  body: PacketBody;
  sha256: string;
  record: PackageRecord;
  round: RoundRecord;
  reviewer: ReviewerRecord;
}

/** Checks that a packet is whole, signed by its package's key and meant for this project. */
function verifyPacket(
  store: ProjectStore,
  packet: Awaited<ReturnType<typeof readPacket>>,
): VerifiedPacket {
  const { body } = packet;
  if (body.project_uuid !== store.project.uuid) {
    throw packetRefused('packet_foreign', '它属于另一个项目', 'it belongs to another project');
  }
  const record = store.packages.get(body.package_uuid);
  if (!record || record.private_key !== null) {
    throw packetRefused(
      'packet_foreign',
      '本项目没有发出过它所属的评审包',
      'this project never issued the panel package it comes from',
    );
  }
  if (!signatureHolds(packet.signed, packet.signature, record.public_key)) {
    throw packetRefused(
      'packet_forged',
      '签名不符，评分包被改动过或并非由该评审包生成',
      'its signature does not hold: it was altered, or not written by its panel package',
    );
  }
  const round = store.rounds.byId(record.round_id);
  const reviewer = store.reviewers.byId(record.reviewer_id);
  if (!round || body.round_uuid !== round.uuid) {
    throw packetRefused(
      'packet_foreign',
      `它属于另一个评审批次（${body.round}）`,
      `it belongs to another round (${body.round})`,
    );
  }
  if (!reviewer || body.reviewer_id !== reviewer.external_id) {
    throw packetRefused(
      'packet_foreign',
      `它属于另一位专家（${body.reviewer_id}）`,
      `it belongs to another reviewer (${body.reviewer_id})`,
    );
  }
  return { body, sha256: packet.sha256, record, round, reviewer };
}

interface PlannedReview {
  review: PacketReview;
  entryId: number;
  rubric: RubricVersion;
  decision: MergeDecision;
  /** The project's version of the review now (0: none). */
  projectVersion: number;
  /** The project's review whole, for a clash (null otherwise, or when it has none). */
  project: (ReviewSide & { version: number; updated_at: string }) | null;
  baseVersion: number;
}

const clashReason = (projectVersion: number, packetVersion: number) => ({
  reason_zh: `项目中的评分（第 ${projectVersion} 版）在评审包发出后已修改，评分包中的评分（第 ${packetVersion} 版）也已修改：项目保留现有评分，请主办方选择保留哪一份。`,
  reason_en: `The project's review (version ${projectVersion}) changed after the package was made, and so did the packet's (version ${packetVersion}): the project keeps its review until the organiser chooses which to keep.`,
});

/** Verifies a packet and merges it into the project: all of it in one transaction, or nothing. */
export async function importPacket(
  store: ProjectStore,
  path: string,
  fileName: string | undefined,
  control: TaskControl = {},
): Promise<PacketImported> {
  assertOrganiserProject(store);
  const file = fileName ?? basename(path);
  control.onProgress?.({ phase: 'read', done: 0, total: null });
  const packet = await readPacket(path, file);
  control.signal?.throwIfAborted();
  return store.atomically(() => {
    const { body, sha256, record, round, reviewer } = verifyPacket(store, packet);
    assertCanScore(store.rounds.byId(round.id) ?? round);
    const tracks = store.packages.tracks(record.uuid);
    const entries = store.rounds.entryKeys(round.id);
    const rubrics = new Map<number, RubricVersion>();
    const versions = store.reviews.versionsOf(round.id, reviewer.id);
    const seen = new Set<string>();
    const planned: PlannedReview[] = [];
    for (const review of body.reviews) {
      const refuse = (zh: string, en: string) =>
        packetRefused(
          'packet_review_invalid',
          `项目 ${review.entry_id} 的评分${zh}`,
          `the review of entry ${review.entry_id} ${en}`,
        );
      if (seen.has(review.entry_id)) throw refuse('出现了两次', 'appears twice');
      seen.add(review.entry_id);
      const entry = entries.get(review.entry_id);
      const track = entry && tracks.get(entry.id);
      if (!entry || !track) {
        throw refuse('不属于该评审包', 'is not part of its panel package');
      }
      let rubric = rubrics.get(entry.rubric_id);
      if (!rubric) {
        rubric = store.rubrics.require(entry.rubric_id);
        rubrics.set(rubric.id, rubric);
      }
      if (rubric.sector !== review.rubric.sector || rubric.version !== review.rubric.version) {
        throw refuse(
          `使用的评分细则（${review.rubric.sector} 第 ${review.rubric.version} 版）不是本批次为它指定的（${rubric.sector} 第 ${rubric.version} 版）`,
          `uses rubric ${review.rubric.sector} version ${review.rubric.version}, not the one the round pins for it (${rubric.sector} version ${rubric.version})`,
        );
      }
      const problem = reviewProblem(sideOf(review), rubric);
      if (problem) throw refuse(`不合规则：${problem[0]}`, `breaks the rules: ${problem[1]}`);
      // The project's content is read only for a review changed on both sides.
      let project: PlannedReview['project'] | undefined;
      const projectNow = () => {
        if (project !== undefined) return project;
        const current = store.reviews.get(round.id, entry.id, reviewer.id);
        project = current
          ? {
              status: current.status,
              comment: current.comment,
              scores: Object.fromEntries(current.scores),
              gates: gatesOf(current),
              version: current.version,
              updated_at: current.updated_at,
            }
          : null;
        return project;
      };
      const decision = mergeDecision(
        track,
        { version: versions.get(entry.id) ?? 0, content: projectNow },
        { ...sideOf(review), version: review.version },
      );
      planned.push({
        review,
        entryId: entry.id,
        rubric,
        projectVersion: versions.get(entry.id) ?? 0,
        project: decision === 'clash' ? projectNow() : null,
        baseVersion: track.base_version,
        decision,
      });
    }
    const recusing: Array<{ recusal: PacketRecusal; pair: RecusalPair }> = [];
    const recused = new Set<string>();
    for (const recusal of body.recusals ?? []) {
      const refuse = (zh: string, en: string) =>
        packetRefused(
          'packet_review_invalid',
          `项目 ${recusal.entry_id} 的回避声明${zh}`,
          `the recusal from entry ${recusal.entry_id} ${en}`,
        );
      if (recused.has(recusal.entry_id)) throw refuse('出现了两次', 'appears twice');
      if (seen.has(recusal.entry_id)) {
        throw refuse('与该项目的评分同时出现', 'comes with a review of the same entry');
      }
      recused.add(recusal.entry_id);
      if (recusal.reason.trim() === '') throw refuse('没有写明理由', 'gives no reason');
      const entry = entries.get(recusal.entry_id);
      if (!entry || !tracks.has(entry.id)) {
        throw refuse('不属于该评审包', 'is not part of its panel package');
      }
      const pair = { round, entryId: entry.id, reviewer };
      // Recorded once: the same recusal in a later packet changes nothing.
      if (!recusalApplied(store, pair)) recusing.push({ recusal, pair });
    }
    const changing = planned.filter((plan) => plan.decision !== 'unchanged');
    const accepted = planned.filter((plan) => plan.decision === 'accept');
    const clashes = planned.filter((plan) => plan.decision === 'clash');
    const result: PacketImported = {
      accepted: accepted.length,
      unchanged: planned.length - accepted.length - clashes.length,
      clashes: clashes.map((plan) => ({
        entry_id: plan.review.entry_id,
        reviewer_id: reviewer.external_id,
        ...clashReason(plan.projectVersion, plan.review.version),
      })),
      package_uuid: record.uuid,
      round: round.name,
      reviewer_id: reviewer.external_id,
      sequence: body.sequence,
      file,
      recused: recusing.map(({ recusal }) => recusal.entry_id),
    };
    // Nothing new (the same packet again, an older one): nothing is written, not even an event.
    if (changing.length === 0 && recusing.length === 0) return result;
    control.onProgress?.({ phase: 'write', done: 0, total: changing.length });
    const now = new Date().toISOString();
    const written = changing.map((plan) => ({
      entry_id: plan.review.entry_id,
      decision: plan.decision,
      version: plan.review.version,
      review: sideOf(plan.review),
    }));
    store.write(
      {
        action: 'packet.merge',
        actor: reviewer.external_id,
        subject: record.uuid,
        payload: {
          packet: sha256,
          file,
          sequence: body.sequence,
          round: round.uuid,
          accepted: result.accepted,
          unchanged: result.unchanged,
          clashes: clashes.map((plan) => plan.review.entry_id),
          // What each recusal removes, as the expert's own recusal keeps it.
          recused: recusing.map(({ recusal, pair }) => ({
            entry_id: recusal.entry_id,
            reason: recusal.reason,
            declared_at: recusal.declared_at,
            ...recusalBefore(store, pair),
          })),
          // Built here in a fixed order: plain JSON is canonical enough for its own digest.
          digest: createHash('sha256').update(JSON.stringify(written)).digest('hex'),
          // What each accepted review became, by `entry row id/reviewer row id`, as a score
          // import keeps it: the review's history (scoring.history) reads it back.
          reviews: Object.fromEntries(
            accepted.map((plan) => [`${plan.entryId}/${reviewer.id}`, historyOf(plan.review)]),
          ),
        },
      },
      () => {
        if (accepted.length > 0) openRoundForScores(store, round, 'packet.merge');
        const assigned = store.assignments.entriesOf(round.id, reviewer.id);
        for (const plan of accepted) {
          if (!assigned.has(plan.entryId)) assign(store, round, plan.entryId, reviewer, now);
        }
        store.reviews.putMany(
          round.id,
          reviewer.id,
          accepted.map((plan) => ({
            entry_id: plan.entryId,
            rubric_id: plan.rubric.id,
            status: plan.review.status,
            comment: plan.review.comment,
            scores: plan.review.scores,
            gates: Object.fromEntries(
              Object.entries(plan.review.gates).map(
                ([key, answer]) => [key, answer === 'pass' ? 1 : 0] as const,
              ),
            ),
          })),
          now,
        );
        for (const plan of clashes) {
          store.packages.putClash({
            package_uuid: record.uuid,
            entry_id: plan.entryId,
            packet_sequence: body.sequence,
            project_version: plan.projectVersion,
            packet_version: plan.review.version,
            project_json: JSON.stringify(plan.project),
            packet_json: JSON.stringify({
              ...sideOf(plan.review),
              version: plan.review.version,
              updated_at: plan.review.updated_at,
            }),
            found_at: now,
          });
        }
        // The baseline moves on: an accepted review is now at the version just written; a clash
        // keeps the project's baseline (its change is still unmerged) but not the packet's.
        store.packages.setTracks(
          record.uuid,
          changing.map((plan) => {
            const { projectVersion } = plan;
            return {
              entry_id: plan.entryId,
              base_version:
                plan.decision === 'accept'
                  ? projectVersion + 1
                  : plan.decision === 'same'
                    ? projectVersion
                    : plan.baseVersion,
              packet_version: plan.review.version,
            };
          }),
        );
        for (const { recusal, pair } of recusing) recordRecusal(store, pair, recusal.reason, now);
        store.packages.setSequence(record.uuid, body.sequence);
      },
    );
    control.onProgress?.({ phase: 'write', done: changing.length, total: changing.length });
    return result;
  });
}

/**
 * A review merged for a pair no longer assigned (the organiser moved it after packaging) gets
 * its assignment back (source 'score'), unless a conflict now stands in the way.
 */
function assign(
  store: ProjectStore,
  round: RoundRecord,
  entryId: number,
  reviewer: ReviewerRecord,
  now: string,
): void {
  const conflict = store.conflicts.get(reviewer.id, entryId);
  if (conflict && conflict.status !== 'dismissed') {
    throw packetRefused(
      'packet_review_invalid',
      `专家 ${reviewer.external_id} 与其中一个项目存在回避关系（${conflict.reason_zh}）`,
      `reviewer ${reviewer.external_id} has a conflict of interest with one of its entries (${conflict.reason_en})`,
    );
  }
  store.assignments.insert({
    round_id: round.id,
    entry_id: entryId,
    reviewer_id: reviewer.id,
    locked: 0,
    source: 'score',
    override_reason: null,
    created_at: now,
  });
}

const NEW_SIDE: ClashSide = {
  version: 0,
  status: 'new',
  comment: '',
  scores: {},
  gates: {},
  updated_at: null,
};

function clashView(store: ProjectStore, clash: ClashRecord): PacketClash {
  const record = store.packages.get(clash.package_uuid);
  const entry = store.entries.get(clash.entry_id);
  const reviewer = record && store.reviewers.byId(record.reviewer_id);
  return {
    id: clash.id,
    round: (record && store.rounds.byId(record.round_id)?.name) ?? '',
    entry_id: entry?.external_id ?? '',
    entry: clash.entry_id,
    title: entry?.title ?? '',
    reviewer_id: reviewer?.external_id ?? '',
    package_uuid: clash.package_uuid,
    packet_sequence: clash.packet_sequence,
    found_at: clash.found_at,
    status: clash.status,
    project: (JSON.parse(clash.project_json) as ClashSide | null) ?? NEW_SIDE,
    packet: JSON.parse(clash.packet_json) as ClashSide,
  };
}

export function listClashes(store: ProjectStore, roundName?: string): PacketClash[] {
  const round = roundName === undefined ? null : requireRound(store, roundName);
  return store.packages.openClashes(round?.id ?? null).map((clash) => clashView(store, clash));
}

/** Keeps the project's review or takes the packet's; audited either way. */
export function resolveClash(
  store: ProjectStore,
  clashId: number,
  keep: 'project' | 'packet',
): PacketClash {
  return store.atomically(() => {
    const clash = store.packages.clash(clashId);
    if (clash?.status !== 'open') {
      throw new SailError(
        'clash_not_open',
        `冲突 #${clashId} 不存在或已处理。`,
        `Clash #${clashId} does not exist or was already resolved.`,
      );
    }
    const record = store.packages.get(clash.package_uuid);
    const round = record && store.rounds.byId(record.round_id);
    const reviewer = record && store.reviewers.byId(record.reviewer_id);
    if (!record || !round || !reviewer) throw new Error(`clash ${clashId} without its package`);
    const track = store.packages.tracks(record.uuid).get(clash.entry_id);
    const stored = store.reviews.get(round.id, clash.entry_id, reviewer.id);
    const projectVersion = stored?.version ?? 0;
    const now = new Date().toISOString();
    const packet = JSON.parse(clash.packet_json) as ReviewSide & { version: number };
    store.write(
      {
        action: 'packet.resolve',
        subject: record.uuid,
        payload: {
          clash: clash.id,
          round: round.uuid,
          entry: clash.entry_id,
          reviewer: reviewer.external_id,
          keep,
          ...(keep === 'packet' ? { review: historyOf(packet) } : {}),
        },
      },
      () => {
        if (keep === 'packet') {
          if (projectVersion !== clash.project_version) {
            throw new SailError(
              'review_changed',
              `该评分在冲突记录后又在项目中修改过（现为第 ${projectVersion} 版），未作改动。请重新查看后再选择。`,
              `The project's review changed after the clash was recorded (now version ${projectVersion}); nothing was changed. Look at it again, then choose.`,
            );
          }
          assertCanScore(store.rounds.byId(round.id) ?? round);
          const rubricId = store.rounds.rubricOf(round.id, clash.entry_id);
          const rubric = rubricId === undefined ? undefined : store.rubrics.require(rubricId);
          const problem = rubric
            ? reviewProblem(packet, rubric)
            : ['不在本批次中', 'not in the round'];
          if (!rubric || problem) {
            throw new SailError(
              'packet_review_invalid',
              `评分包中的评分不能采用：${problem?.[0] ?? ''}。`,
              `The packet's review cannot be taken: ${problem?.[1] ?? ''}.`,
            );
          }
          openRoundForScores(store, round, 'packet.resolve');
          store.reviews.put(
            {
              round_id: round.id,
              entry_id: clash.entry_id,
              reviewer_id: reviewer.id,
              rubric_id: rubric.id,
            },
            contentOf(packet),
            packet.status,
            now,
          );
          store.packages.setTrack(
            record.uuid,
            clash.entry_id,
            projectVersion + 1,
            track?.packet_version ?? packet.version,
          );
        } else {
          // The project's review is now the baseline: a later change in the package is taken.
          store.packages.setTrack(
            record.uuid,
            clash.entry_id,
            projectVersion,
            track?.packet_version ?? packet.version,
          );
        }
        store.packages.resolve(clash.id, keep === 'packet' ? 'took_packet' : 'kept_project', now);
      },
    );
    const resolved = store.packages.clash(clash.id);
    if (!resolved) throw new Error(`clash ${clashId} vanished`);
    return clashView(store, resolved);
  });
}
