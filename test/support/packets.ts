// An organiser's project ready for panel packages (issue 14): six 领航者 factory entries whose
// files carry the applicants' contact details (mapped columns, and a phone number again in a
// note), three experts with phones and emails, round 复赛 assigned two experts per entry.
import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PacketBody } from '../../electron/core/packet-merge';
import { writePacket } from '../../electron/io/packets/packet';
import { demoFile } from './demo-round';
import { apiSession, type ApiSession } from './session';

export const ROUND = '复赛';

/** Every contact string of the organiser's files: none may reach a package unless included. */
export const CONTACT_STRINGS = [
  '张联系人',
  '13912345678',
  'zhang.lx@hengan.example.cn',
  '李联系人',
  '13800001111',
  'li.lx@ruifeng.example.cn',
  '王联系人',
  '0512-66668888',
  'wang.lx@huitong.example.cn',
  '18600002222',
  'r01.phone@expert.example.cn',
  '13700009999',
];

const ENTRIES = `候选编号,领航者类别,主体名称,省份,城市,项目联系人,联系电话,联系人邮箱,备注
P-01,5G工厂,恒安精密有限公司,江苏省,苏州,张联系人,13912345678,zhang.lx@hengan.example.cn,白天请拨13912345678
P-02,5G工厂,无锡瑞丰有限公司,江苏省,无锡,李联系人,13800001111,li.lx@ruifeng.example.cn,
P-03,5G工厂,南京汇通有限公司,江苏省,南京,王联系人,0512-66668888,wang.lx@huitong.example.cn,
P-04,5G工厂,常州华达有限公司,江苏省,常州,,,,
P-05,5G工厂,杭州锦绣有限公司,浙江省,杭州,,,,
P-06,5G工厂,宁波港城有限公司,浙江省,宁波,,,,
`;

const REVIEWERS = `专家编号,姓名,工作单位,所在省份,擅长领域,回避单位,电话,邮箱
R01,王一,江苏大学,江苏省,5G工厂,,18600002222,r01.phone@expert.example.cn
R02,李二,东南大学,江苏省,5G工厂,,13700009999,
R03,张三,南京理工大学,江苏省,5G工厂,,,
`;

/** The demo rubric's criteria with their maxima: a complete review scores each. */
export const CRITERIA = { net: 20, level: 15, app: 25, impact: 25, sec: 10, rep: 5 } as const;

/** A complete review: every criterion at `points` (capped at its max). */
export const fullScores = (points: number): Record<string, number> =>
  Object.fromEntries(Object.entries(CRITERIA).map(([key, max]) => [key, Math.min(points, max)]));

/** Writes the entries and experts files into `dir`; the demo rubric's path beside them. */
export function packetFiles(dir: string): { entries: string; reviewers: string; rubric: string } {
  const entries = join(dir, 'entries.csv');
  const reviewers = join(dir, 'reviewers.csv');
  writeFileSync(entries, ENTRIES);
  writeFileSync(reviewers, REVIEWERS);
  return { entries, reviewers, rubric: demoFile('rubric.json') };
}

/** The organiser's project through the API, its round assigned (K = 2). */
export async function organiserSession(): Promise<ApiSession> {
  const api = apiSession();
  await api.ok('project.create', { path: join(api.dir, '主办方.sailreview') });
  const { entries, reviewers } = packetFiles(api.dir);
  await api.ok('entries.import', { path: entries, programme: 'pioneer' });
  await api.ok('rubrics.import', {
    rubric: JSON.parse(readFileSync(demoFile('rubric.json'), 'utf8')) as unknown,
  });
  await api.ok('reviewers.import', { path: reviewers });
  await api.ok('rounds.create', {
    name: ROUND,
    programme: 'pioneer',
    stage: '复赛',
    sectors: ['factory'],
  });
  await api.ok('assignments.run', { round: ROUND, per_entry: 2, seed: 1 });
  return api;
}

/** The entries (external ids) given to a reviewer in the round. */
export async function assignedTo(api: ApiSession, reviewer: string): Promise<string[]> {
  const list = await api.ok('assignments.list', { round: ROUND, reviewer_id: reviewer });
  return list.map((row) => row.entry_id).sort();
}

/** The entry row id of an external id, as the scoring operations take it. */
/**
 * Exports `reviewer`'s package of the round into the organiser's folder and opens it in a session
 * of its own (the expert's laptop).
 */
export async function openPackage(
  organiser: ApiSession,
  reviewer: string,
  options: { name?: string; passphrase?: string; include_contacts?: boolean } = {},
): Promise<{ path: string; expert: ApiSession }> {
  const { name = `${reviewer}.sailpanel`, ...exported } = options;
  const path = join(organiser.dir, name);
  await organiser.ok('packages.export', { round: ROUND, reviewer, path, ...exported });
  const expert = apiSession();
  await expert.ok('project.open', { path, passphrase: options.passphrase });
  return { path, expert };
}

export async function entryRow(api: ApiSession, reviewer: string, entryId: string) {
  const queue = await api.ok('scoring.queue', { round: ROUND, reviewer });
  const item = queue.find((row) => row.entry.entry_id === entryId);
  if (!item) throw new Error(`${entryId} is not in ${reviewer}'s queue`);
  return item.entry.id;
}

/** Saves (and with `submit`, submits) a complete review at `points` per criterion. */
export async function score(
  api: ApiSession,
  reviewer: string,
  entryId: string,
  points: number,
  options: { submit?: boolean; comment?: string } = {},
): Promise<void> {
  const entry = await entryRow(api, reviewer, entryId);
  const current = await api.ok('scoring.get', { round: ROUND, reviewer, entry });
  if (current.review.status === 'submitted') {
    await api.ok('scoring.reopen', { round: ROUND, reviewer, entry, reason: 'test' });
  }
  await api.ok('scoring.save', {
    round: ROUND,
    reviewer,
    entry,
    scores: fullScores(points),
    comment: options.comment ?? '',
  });
  if (options.submit) await api.ok('scoring.submit', { round: ROUND, reviewer, entry });
}

/** A packet's body as a file holds it. */
export function packetBody(text: string): PacketBody {
  const outer = JSON.parse(text) as { body: string };
  return JSON.parse(outer.body) as PacketBody;
}

/** A packet with `body` signed by the package at `packagePath` (its own key): a crafted one. */
export function resigned(packagePath: string, body: PacketBody): string {
  const db = new Database(packagePath, { readonly: true });
  try {
    const { private_key } = db
      .prepare('SELECT private_key FROM panel_package WHERE private_key IS NOT NULL')
      .get() as { private_key: string };
    return writePacket(body, private_key);
  } finally {
    db.close();
  }
}
