// Panel packages out and signed score packets back (issue 14), through the API as the window and
// the CLI call it: what a package holds and leaves out, how it opens (as its expert's desk, with
// its passphrase when encrypted), and how packets merge — idempotent, newer over older, clashes
// kept for the organiser — or are refused whole with nothing written.
import Database from 'better-sqlite3';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { OperationName } from '../../electron/api/contract';
import { dispatch } from '../../electron/api/dispatch';
import { PathAccess } from '../../electron/api/path-access';
import { OrganiserKeyStore } from '../../electron/io/organiser-keys';
import { auditLength, projectDigest } from '../support/digest';
import {
  assignedTo,
  CONTACT_STRINGS,
  entryRow,
  openPackage,
  organiserSession,
  packetBody,
  resigned,
  ROUND,
  score,
} from '../support/packets';
import { apiSession, type ApiSession } from '../support/session';

let organiser: ApiSession;
let r01Entries: string[];

beforeEach(async () => {
  organiser = await organiserSession();
  r01Entries = await assignedTo(organiser, 'R01');
});

/** Exports R01's package and opens it in an expert's session of its own (another laptop). */
const r01Package = (options: { passphrase?: string; include_contacts?: boolean } = {}) =>
  openPackage(organiser, 'R01', {
    ...options,
    name: `R01-${Math.random().toString(36).slice(2)}.sailpanel`,
  });

/** Writes the expert's packet; its path. */
async function sendScores(expert: ApiSession, name: string): Promise<string> {
  const path = join(expert.dir, name);
  await expert.ok('packets.export', { path });
  return path;
}

async function reviewIn(api: ApiSession, entryId: string) {
  const entry = await entryRow(api, 'R01', entryId);
  return (await api.ok('scoring.get', { round: ROUND, reviewer: 'R01', entry })).review;
}

describe('a panel package', () => {
  it('holds the project and round it belongs to, its expert, their entries and their own reviews only', async () => {
    const shared = r01Entries[0] ?? '';
    const other = (await assignedTo(organiser, 'R02')).find((id) => r01Entries.includes(id));
    if (other) await score(organiser, 'R02', other, 9, { comment: 'R02 的意见' });
    await score(organiser, 'R01', shared, 7, { comment: 'R01 的意见' });
    const organiserInfo = await organiser.ok('project.current', {});
    const { path, expert } = await r01Package();

    const opened = await expert.ok('project.current', {});
    expect(opened).toMatchObject({ kind: 'panel', uuid: organiserInfo?.uuid, encrypted: false });
    const [round] = await expert.ok('rounds.list', {});
    const [organiserRound] = await organiser.ok('rounds.list', {});
    expect(round?.uuid).toBe(organiserRound?.uuid);
    expect((await expert.ok('reviewers.list', {})).map((r) => r.reviewer_id)).toEqual(['R01']);
    const queue = await expert.ok('scoring.queue', { round: ROUND, reviewer: 'R01' });
    expect(queue.map((item) => item.entry.entry_id).sort()).toEqual(r01Entries);
    expect((await expert.ok('entries.list', {})).total).toBe(r01Entries.length);
    expect((await reviewIn(expert, shared)).comment).toBe('R01 的意见');

    const file = new Database(path, { readonly: true });
    const reviewers = file.prepare('SELECT DISTINCT reviewer_id FROM review').pluck().all();
    const audit = file.prepare('SELECT action FROM audit_event').pluck().all();
    file.close();
    expect(reviewers).toHaveLength(1);
    expect(audit).toEqual(['panel.create']);
    expect(readFileSync(path).includes(Buffer.from('R02 的意见'))).toBe(false);

    const [issued] = await organiser.ok('packages.list', { round: ROUND });
    expect(issued).toMatchObject({
      reviewer_id: 'R01',
      entries: r01Entries.length,
      encrypted: false,
      include_contacts: false,
      last_packet: 0,
    });
  });

  it('carries the attachments of its entries only, readable on a laptop without the organiser’s folder', async () => {
    const folder = join(organiser.dir, '附件');
    mkdirSync(folder);
    const other = ['P-01', 'P-02', 'P-03', 'P-04', 'P-05', 'P-06'].find(
      (id) => !r01Entries.includes(id),
    );
    const mine = r01Entries[0] ?? '';
    writeFileSync(join(folder, `${mine}-申报书.pdf`), '%PDF-1.4 mine');
    writeFileSync(join(folder, `${other}-申报书.pdf`), '%PDF-1.4 not theirs');
    await organiser.ok('attachments.link', { folder, programme: 'pioneer' });
    const { path, expert } = await r01Package();
    renameSync(folder, `${folder}-gone`);

    const entry = await entryRow(expert, 'R01', mine);
    const [attachment] = (await expert.ok('entries.get', { id: entry })).attachments;
    expect(attachment?.file_name).toBe(`${mine}-申报书.pdf`);
    const read = await expert.ok('attachments.read', { id: attachment?.id ?? 0 });
    expect(Buffer.from(read.base64, 'base64').toString()).toBe('%PDF-1.4 mine');
    const bytes = readFileSync(path);
    expect(bytes.includes(Buffer.from('not theirs'))).toBe(false);
    expect(bytes.includes(Buffer.from(organiser.dir))).toBe(false);
  });

  it('leaves every contact detail out, mapped or in the source row, unless the organiser includes them', async () => {
    const { path } = await r01Package();
    const bytes = readFileSync(path);
    const found = CONTACT_STRINGS.filter((text) => bytes.includes(Buffer.from(text)));
    expect(found).toEqual([]);

    const { path: withContacts, expert } = await r01Package({ include_contacts: true });
    const included = readFileSync(withContacts);
    // R01's own phone, and the applicants' of their entries that have one.
    expect(included.includes(Buffer.from('18600002222'))).toBe(true);
    const mine = CONTACT_STRINGS.filter((text) => included.includes(Buffer.from(text)));
    expect(mine.length).toBeGreaterThan(1);
    // Each entry's source row whole, its header list (migration 0015) travelling with it.
    for (const entryId of r01Entries) {
      const source = async (api: ApiSession) =>
        (await api.ok('entries.get', { id: await entryRow(api, 'R01', entryId) })).source;
      expect(await source(expert)).toEqual(await source(organiser));
    }
  });

  it('opens as its expert’s desk, signed in; organiser operations are refused', async () => {
    const { expert } = await r01Package();
    const state = await expert.ok('desk.state', {});
    expect(state).toMatchObject({ mode: 'expert', reviewer: { reviewer_id: 'R01' } });
    const fromWindow = (name: OperationName, input: object) =>
      dispatch(expert.handlers, name, input, {
        caller: {
          kind: 'window',
          paths: new PathAccess(),
          guard: (op, data) => expert.session.desk.check(op, data),
        },
      });
    expect((await fromWindow('scoring.queue', { round: ROUND, reviewer: 'R01' })).ok).toBe(true);
    expect((await fromWindow('packages.current', {})).ok).toBe(true);
    for (const [name, input] of [
      ['entries.list', {}],
      ['ranking.rank', { round: ROUND }],
      ['packets.import', { path: join(expert.dir, 'x.sailscores') }],
    ] as const) {
      const result = await fromWindow(name, input);
      expect(result.ok ? 'allowed' : result.error.code).toBe('expert_mode');
    }
    const close = await fromWindow('desk.close', {});
    expect(close.ok ? 'allowed' : close.error.code).toBe('panel_package');
    // The expert's own laptop: the package closes (and another file opens) from the window and
    // the menu, unlike an organiser's desk.
    expect(() => expert.session.desk.checkSwitch('project.close')).not.toThrow();
    expect(() => expert.session.desk.check('project.open', { path: 'x' })).not.toThrow();
    // Locking the desk keeps its one expert: there is no PIN to sign in with.
    await expert.ok('desk.lock', {});
    expect((await expert.ok('desk.state', {})).reviewer?.reviewer_id).toBe('R01');
    expect((await expert.fails('desk.close', {})).code).toBe('panel_package');
    const out = join(expert.dir, 'again.sailpanel');
    expect(
      (await expert.fails('packages.export', { round: ROUND, reviewer: 'R01', path: out })).code,
    ).toBe('panel_package');
    expect(await expert.ok('packages.current', {})).toMatchObject({
      reviewer_id: 'R01',
      round: ROUND,
      packets_sent: 0,
      reviews: { entries: r01Entries.length },
    });
  });

  it('encrypted, asks for its passphrase, refuses a wrong one, and stays encrypted on disk with every save', async () => {
    const path = join(organiser.dir, 'R01.sailpanel');
    await organiser.ok('packages.export', {
      round: ROUND,
      reviewer: 'R01',
      path,
      passphrase: 'correct horse battery',
    });
    const plain = (bytes: Buffer) =>
      bytes.includes(Buffer.from('SQLite format 3')) ||
      bytes.includes(Buffer.from('恒安精密有限公司')) ||
      bytes.includes(Buffer.from('南京汇通有限公司'));
    expect(plain(readFileSync(path))).toBe(false);

    const expert = apiSession();
    expect((await expert.fails('project.open', { path })).code).toBe('passphrase_required');
    expect(
      (await expert.fails('project.open', { path, passphrase: 'wrong horse battery' })).code,
    ).toBe('wrong_passphrase');
    const before = readFileSync(path);
    await expert.ok('project.open', { path, passphrase: 'correct horse battery' });
    expect(await expert.ok('project.current', {})).toMatchObject({ encrypted: true });
    await score(expert, 'R01', r01Entries[0] ?? '', 6, { comment: '加密包中的意见' });
    const after = readFileSync(path);
    expect(after.equals(before)).toBe(false);
    expect(plain(after) || after.includes(Buffer.from('加密包中的意见'))).toBe(false);
    // No backup either: it would be a plain copy.
    expect((await expert.fails('project.backup', {})).code).toBe('backup_encrypted');
    expert.session.close();

    const reopened = apiSession();
    await reopened.ok('project.open', { path, passphrase: 'correct horse battery' });
    expect((await reviewIn(reopened, r01Entries[0] ?? '')).comment).toBe('加密包中的意见');
  });

  it('encrypted, a change the disk refuses is not kept: the file goes on from its last save', async () => {
    const folder = join(organiser.dir, 'venue');
    mkdirSync(folder);
    const path = join(folder, 'R01.sailpanel');
    const passphrase = 'correct horse battery';
    await organiser.ok('packages.export', { round: ROUND, reviewer: 'R01', path, passphrase });
    const expert = apiSession();
    await expert.ok('project.open', { path, passphrase });
    await score(expert, 'R01', r01Entries[0] ?? '', 6, { comment: '已保存' });
    // The folder is gone (a USB stick pulled out): the next save cannot be written.
    renameSync(folder, `${folder}-away`);
    const entry = await entryRow(expert, 'R01', r01Entries[1] ?? '');
    const refused = await expert.fails('scoring.save', {
      round: ROUND,
      reviewer: 'R01',
      entry,
      scores: { net: 1 },
    });
    expect(refused.code).toBe('package_unsaved');
    renameSync(`${folder}-away`, folder);
    const reopened = apiSession();
    await reopened.ok('project.open', { path, passphrase });
    expect((await reviewIn(reopened, r01Entries[0] ?? '')).comment).toBe('已保存');
    expect((await reviewIn(reopened, r01Entries[1] ?? '')).status).toBe('new');
  });

  it('for every expert of the round at once, one file each into a folder the user chose; a name taken stops it before any file is written', async () => {
    const folder = join(organiser.dir, 'out');
    mkdirSync(folder);
    const fromWindow = (paths: PathAccess, target: string) =>
      dispatch(
        organiser.handlers,
        'packages.export',
        { round: ROUND, folder: target },
        {
          caller: { kind: 'window', paths },
        },
      );
    const unchosen = await fromWindow(new PathAccess(), folder);
    expect(unchosen.ok ? 'allowed' : unchosen.error.code).toBe('path_refused');
    const paths = new PathAccess();
    paths.choose(folder, 'folder');
    const result = await fromWindow(paths, folder);
    if (!result.ok) throw new Error(result.error.message_en);
    const { packages } = result.value as { packages: Array<{ reviewer_id: string; path: string }> };
    expect(packages.map((p) => p.reviewer_id)).toEqual(['R01', 'R02', 'R03']);
    expect(readdirSync(folder).sort()).toEqual(packages.map((p) => basename(p.path)).sort());

    const issued = (await organiser.ok('packages.list', {})).length;
    const again = await fromWindow(paths, folder);
    expect(again.ok ? 'allowed' : again.error.code).toBe('file_exists');
    expect((await organiser.ok('packages.list', {})).length).toBe(issued);
  });

  it('cannot send scores from the organiser’s project', async () => {
    const out = join(organiser.dir, 'x.sailscores');
    expect((await organiser.fails('packets.export', { path: out })).code).toBe('not_a_package');
  });
});

describe('a package’s chain', () => {
  /** A key store of another computer. */
  const otherComputer = () => new OrganiserKeyStore(mkdtempSync(join(tmpdir(), 'sail-keys-')));
  const organiserKey = () => new OrganiserKeyStore().signer().fingerprint;

  /** R01's package scored on the expert's laptop (its own key folder), then closed there. */
  async function scoredElsewhere(): Promise<string> {
    const path = join(organiser.dir, `R01-${Math.random().toString(36).slice(2)}.sailpanel`);
    await organiser.ok('packages.export', { round: ROUND, reviewer: 'R01', path });
    const laptop = apiSession(otherComputer());
    await laptop.ok('project.open', { path });
    await score(laptop, 'R01', r01Entries[0] ?? '', 8, { submit: true });
    await score(laptop, 'R01', r01Entries[1] ?? '', 5);
    await laptop.ok('project.close', {});
    return path;
  }

  async function verifyWith(path: string, api: ApiSession = apiSession(), publicKey?: string) {
    await api.ok('project.open', { path });
    const report = await api.ok('project.verify', { public_key: publicKey });
    await api.ok('project.close', {});
    return report;
  }

  it('scored on the expert’s laptop, verifies where the organiser’s key is, signed by the expert named', async () => {
    const path = await scoredElsewhere();
    const report = await verifyWith(path);
    expect(report.ok).toBe(true);
    expect(report.seal).toMatchObject({
      status: 'valid',
      expert: { reviewer_id: 'R01', name: '王一', certified_by: organiserKey() },
    });
    expect(report.rows.differences).toBe(0);
  });

  it('elsewhere, the organiser’s key is asked for, and given it verifies', async () => {
    const path = await scoredElsewhere();
    const elsewhere = await verifyWith(path, apiSession(otherComputer()));
    expect(elsewhere.ok).toBe(false);
    expect(elsewhere.seal).toEqual({ status: 'unknown_key', fingerprint: organiserKey() });
    const pem = readFileSync(
      join(process.env.SAIL_KEY_DIR ?? '', `${organiserKey()}.pub.pem`),
      'utf8',
    );
    expect((await verifyWith(path, apiSession(otherComputer()), pem)).ok).toBe(true);
  });

  it('an untouched package verifies as exported', async () => {
    const { path } = await r01Package();
    expect((await verifyWith(path)).seal).toMatchObject({ status: 'valid' });
  });

  it('fails when its rows are edited outside the app', async () => {
    const path = await scoredElsewhere();
    const db = new Database(path);
    db.prepare('UPDATE score SET points = points - 1 WHERE points >= 1').run();
    db.close();
    const report = await verifyWith(path);
    expect(report.ok).toBe(false);
    // The reviews, whose kept score lists follow their score rows (migration 0014).
    expect(report.rows.first).toContainEqual(
      expect.objectContaining({ table: 'review', kind: 'changed' }),
    );
  });

  it('a head signed by any key but the package’s, the organiser’s own included, is unknown', async () => {
    const path = await scoredElsewhere();
    const db = new Database(path);
    db.prepare('UPDATE chain_seal SET key_fingerprint = ?').run(organiserKey());
    db.close();
    const report = await verifyWith(path);
    expect(report.ok).toBe(false);
    expect(report.seal).toEqual({ status: 'unknown_key', fingerprint: organiserKey() });
  });

  it('a package key the organiser did not certify fails, whoever signed its head', async () => {
    const path = await scoredElsewhere();
    const { path: other } = await r01Package();
    const read = new Database(other, { readonly: true });
    const foreign = read.prepare('SELECT certificate FROM panel_package').pluck().get();
    read.close();
    const db = new Database(path);
    db.prepare('UPDATE panel_package SET certificate = ?').run(foreign);
    db.close();
    const report = await verifyWith(path);
    expect(report.ok).toBe(false);
    expect(report.seal).toEqual({ status: 'bad_certificate', fingerprint: organiserKey() });
  });
});

describe('merging packets', () => {
  let expert: ApiSession;
  let packagePath: string;
  let first: string;
  let second: string;

  beforeEach(async () => {
    ({ expert, path: packagePath } = await r01Package());
    [first = '', second = ''] = r01Entries;
  });

  it('uploaded, names the packet file as the user chose it in its summary and its audit event', async () => {
    await score(expert, 'R01', first, 8, { submit: true });
    const uploads = join(organiser.dir, 'uploads');
    mkdirSync(uploads);
    // The host's copy of an upload (electron/host/http.ts names it so).
    const copy = join(uploads, '1767225600000-9f3c2a1b-upload.sailscores');
    renameSync(await sendScores(expert, 'x.sailscores'), copy);
    const merged = await organiser.ok('packets.import', {
      path: copy,
      file_name: '王一的评分.sailscores',
    });
    expect(merged).toMatchObject({ accepted: 1, file: '王一的评分.sailscores' });
    const db = new Database(join(organiser.dir, '主办方.sailreview'), { readonly: true });
    const payload = JSON.parse(
      db
        .prepare("SELECT payload_json FROM audit_event WHERE action = 'packet.merge'")
        .pluck()
        .get() as string,
    ) as { file: string };
    db.close();
    expect(payload.file).toBe('王一的评分.sailscores');
    // From a path of the user's own, the file's own name.
    const own = await sendScores(expert, '第二次.sailscores');
    expect((await organiser.ok('packets.import', { path: own })).file).toBe('第二次.sailscores');
  });

  it('takes the expert’s reviews as theirs, submitted ones submitted; the same packet twice changes nothing', async () => {
    await score(expert, 'R01', first, 8, { submit: true, comment: '好' });
    await score(expert, 'R01', second, 4);
    const packet = await sendScores(expert, '1.sailscores');
    const events = auditLength(organiser.session.require());

    const merged = await organiser.ok('packets.import', { path: packet });
    expect(merged).toMatchObject({ accepted: 2, unchanged: 0, clashes: [], sequence: 1 });
    expect(auditLength(organiser.session.require())).toBe(events + 2); // the merge, the round's start
    expect(await reviewIn(organiser, first)).toMatchObject({
      status: 'submitted',
      comment: '好',
      total: 8 * 5 + 5,
    });
    expect((await reviewIn(organiser, second)).status).toBe('draft');
    const ranked = await organiser.ok('ranking.rank', { round: ROUND });
    expect(JSON.stringify(ranked)).toContain(first);

    const digest = projectDigest(organiser.session.require());
    const again = await organiser.ok('packets.import', { path: packet });
    expect(again).toMatchObject({ accepted: 0, unchanged: 2, clashes: [] });
    expect(projectDigest(organiser.session.require())).toBe(digest);
  });

  it('a newer packet supersedes an older one review by review; the older one after it changes nothing', async () => {
    await score(expert, 'R01', first, 8);
    await score(expert, 'R01', second, 4);
    const older = await sendScores(expert, '1.sailscores');
    await organiser.ok('packets.import', { path: older });
    await score(expert, 'R01', second, 5, { submit: true });
    const newer = await sendScores(expert, '2.sailscores');
    expect(packetBody(readFileSync(newer, 'utf8')).sequence).toBe(2);

    expect(await organiser.ok('packets.import', { path: newer })).toMatchObject({
      accepted: 1,
      unchanged: 1,
      clashes: [],
    });
    expect(await reviewIn(organiser, second)).toMatchObject({
      status: 'submitted',
      total: 5 * 5 + 5,
    });
    const digest = projectDigest(organiser.session.require());
    expect(await organiser.ok('packets.import', { path: older })).toMatchObject({ accepted: 0 });
    expect(projectDigest(organiser.session.require())).toBe(digest);
    expect((await organiser.ok('packages.list', {}))[0]?.last_packet).toBe(2);
  });

  it('a review changed in both places is a clash the project keeps until the organiser chooses; resolved, it does not come back', async () => {
    await score(organiser, 'R01', first, 3, { comment: '主办方改的' });
    await score(expert, 'R01', first, 9, { comment: '专家改的' });
    // Changed on both sides to the same work: no clash.
    await score(organiser, 'R01', second, 6);
    await score(expert, 'R01', second, 6);
    const packet = await sendScores(expert, '1.sailscores');

    const merged = await organiser.ok('packets.import', { path: packet });
    expect(merged.accepted).toBe(0);
    expect(merged.unchanged).toBe(1);
    expect(merged.clashes).toEqual([
      {
        entry_id: first,
        reviewer_id: 'R01',
        reason_zh: expect.stringContaining('主办方') as string,
        reason_en: expect.stringContaining('organiser') as string,
      },
    ]);
    expect((await reviewIn(organiser, first)).comment).toBe('主办方改的');

    const [clash] = await organiser.ok('packets.clashes', { round: ROUND });
    expect(clash).toMatchObject({
      entry_id: first,
      reviewer_id: 'R01',
      status: 'open',
      project: { comment: '主办方改的', scores: { net: 3, rep: 3 }, status: 'draft' },
      packet: { comment: '专家改的', scores: { net: 9, rep: 5 }, status: 'draft' },
    });
    const events = auditLength(organiser.session.require());
    const resolved = await organiser.ok('packets.resolve', {
      clash_id: clash?.id ?? 0,
      keep: 'packet',
    });
    expect(resolved.status).toBe('took_packet');
    expect(auditLength(organiser.session.require())).toBe(events + 1);
    expect(await reviewIn(organiser, first)).toMatchObject({ comment: '专家改的' });
    expect(await organiser.ok('packets.clashes', {})).toEqual([]);
    expect(
      (await organiser.fails('packets.resolve', { clash_id: clash?.id ?? 0, keep: 'project' }))
        .code,
    ).toBe('clash_not_open');

    const digest = projectDigest(organiser.session.require());
    expect(await organiser.ok('packets.import', { path: packet })).toMatchObject({
      accepted: 0,
      clashes: [],
    });
    expect(projectDigest(organiser.session.require())).toBe(digest);
  });

  it('keeping the project’s review makes it the baseline: a later change in the package is taken', async () => {
    await score(organiser, 'R01', first, 3);
    await score(expert, 'R01', first, 9);
    await organiser.ok('packets.import', { path: await sendScores(expert, '1.sailscores') });
    const [clash] = await organiser.ok('packets.clashes', {});
    await organiser.ok('packets.resolve', { clash_id: clash?.id ?? 0, keep: 'project' });
    expect((await reviewIn(organiser, first)).scores.net).toBe(3);

    await score(expert, 'R01', first, 10, { submit: true });
    const merged = await organiser.ok('packets.import', {
      path: await sendScores(expert, '2.sailscores'),
    });
    expect(merged).toMatchObject({ accepted: 1, clashes: [] });
    expect(await reviewIn(organiser, first)).toMatchObject({ status: 'submitted' });
    expect((await reviewIn(organiser, first)).scores.net).toBe(10);
  });

  describe('an expert’s recusal in the package', () => {
    const organiserFile = () => join(organiser.dir, '主办方.sailreview');

    /** The project's record of the pair: its conflict, whether it is assigned, its review. */
    async function pairInProject(entryId: string) {
      const { conflicts } = await organiser.ok('conflicts.list', {
        reviewer_id: 'R01',
        entry_id: entryId,
      });
      const assigned = await assignedTo(organiser, 'R01');
      const db = new Database(organiserFile(), { readonly: true });
      const review = db
        .prepare(
          `SELECT r.status FROM review r JOIN entry e ON e.id = r.entry_id
           JOIN reviewer v ON v.id = r.reviewer_id WHERE e.external_id = ? AND v.external_id = 'R01'`,
        )
        .pluck()
        .get(entryId);
      db.close();
      return {
        conflict: conflicts.map((c) => [c.source, c.status, c.reason_zh]),
        assigned: assigned.includes(entryId),
        review: review ?? null,
      };
    }

    async function recuse(entryId: string, reason: string) {
      const entry = await entryRow(expert, 'R01', entryId);
      await expert.ok('scoring.recuse', { round: ROUND, reviewer: 'R01', entry, reason });
    }

    it('travels in the packet: the project records the declared conflict and drops the assignment, once', async () => {
      await score(expert, 'R01', first, 8, { submit: true });
      await recuse(second, '曾为该单位提供咨询');
      const packet = await sendScores(expert, 'recused.sailscores');
      expect(packetBody(readFileSync(packet, 'utf8')).recusals).toEqual([
        { entry_id: second, reason: '曾为该单位提供咨询', declared_at: expect.any(String) },
      ]);
      expect(await pairInProject(second)).toMatchObject({ conflict: [], assigned: true });

      const merged = await organiser.ok('packets.import', { path: packet });
      expect(merged).toMatchObject({ accepted: 1, clashes: [], recused: [second] });
      expect(await pairInProject(second)).toEqual({
        conflict: [['declared', 'confirmed', '专家本人声明回避：曾为该单位提供咨询']],
        assigned: false,
        review: null,
      });
      const db = new Database(organiserFile(), { readonly: true });
      const payload = JSON.parse(
        db
          .prepare("SELECT payload_json FROM audit_event WHERE action = 'packet.merge'")
          .pluck()
          .get() as string,
      ) as { recused: Array<Record<string, unknown>> };
      db.close();
      expect(payload.recused).toEqual([
        expect.objectContaining({
          entry_id: second,
          reason: '曾为该单位提供咨询',
          conflict_before: null,
          assignment: expect.objectContaining({ locked: false }),
        }),
      ]);

      const events = auditLength(organiser.session.require());
      const again = await organiser.ok('packets.import', { path: packet });
      expect(again).toMatchObject({ accepted: 0, recused: [] });
      expect(auditLength(organiser.session.require())).toBe(events);
    });

    it('removes the expert’s draft merged before; a later packet without it does not undo it', async () => {
      await score(expert, 'R01', second, 4);
      await organiser.ok('packets.import', { path: await sendScores(expert, 'draft.sailscores') });
      expect((await pairInProject(second)).review).toBe('draft');
      await recuse(second, '亲属在该单位任职');
      const recusal = await sendScores(expert, 'recusal.sailscores');
      expect(await organiser.ok('packets.import', { path: recusal })).toMatchObject({
        recused: [second],
      });
      expect(await pairInProject(second)).toMatchObject({ assigned: false, review: null });

      const body = packetBody(readFileSync(recusal, 'utf8'));
      const later = join(organiser.dir, 'later.sailscores');
      writeFileSync(later, resigned(packagePath, { ...body, sequence: 9, recusals: [] }));
      await organiser.ok('packets.import', { path: later });
      expect((await pairInProject(second)).conflict).toEqual([
        ['declared', 'confirmed', '专家本人声明回避：亲属在该单位任职'],
      ]);
    });

    it('a packet of format 1 (reviews only, from before recusals travelled) still merges', async () => {
      await score(expert, 'R01', first, 6, { submit: true });
      const body = packetBody(readFileSync(await sendScores(expert, 'v2.sailscores'), 'utf8'));
      const { recusals, ...rest } = body;
      expect(recusals).toEqual([]);
      const old = join(organiser.dir, 'format-1.sailscores');
      writeFileSync(old, resigned(packagePath, { ...rest, format_version: 1 }));
      expect(JSON.parse(readFileSync(old, 'utf8'))).toMatchObject({ format_version: 1 });
      expect(await organiser.ok('packets.import', { path: old })).toMatchObject({
        accepted: 1,
        recused: [],
      });
    });
  });

  describe('refuses, writing nothing,', () => {
    let packet: string;
    let text: string;

    beforeEach(async () => {
      await score(expert, 'R01', first, 8, { submit: true });
      packet = await sendScores(expert, 'good.sailscores');
      text = readFileSync(packet, 'utf8');
    });

    async function refused(content: string, code: string, mentions?: string) {
      const path = join(organiser.dir, `bad-${Math.random().toString(36).slice(2)}.sailscores`);
      writeFileSync(path, content);
      const digest = projectDigest(organiser.session.require());
      const error = await organiser.fails('packets.import', { path });
      expect(error.code).toBe(code);
      expect(error.message_zh).toMatch(/未写入任何内容/);
      expect(error.message_en).toMatch(/Nothing was written/);
      if (mentions) expect(`${error.message_zh}\n${error.message_en}`).toContain(mentions);
      expect(projectDigest(organiser.session.require())).toBe(digest);
    }

    it('an altered packet (a score changed after signing)', async () => {
      const outer = JSON.parse(text) as { body: string };
      outer.body = outer.body.replace('"net":8', '"net":18');
      expect(outer.body).toContain('"net":18');
      await refused(JSON.stringify(outer), 'packet_forged');
    });

    it('a forged one (signed with another key) and a truncated one', async () => {
      const { path: otherPackage } = await r01Package();
      await refused(resigned(otherPackage, packetBody(text)), 'packet_forged');
      await refused(text.slice(0, Math.floor(text.length * 0.7)), 'packet_invalid');
    });

    it('a packet of another project, of a package this project never issued, of another round or reviewer', async () => {
      const other = await organiserSession();
      const otherPackage = join(other.dir, 'other.sailpanel');
      await other.ok('packages.export', { round: ROUND, reviewer: 'R01', path: otherPackage });
      const otherExpert = apiSession();
      await otherExpert.ok('project.open', { path: otherPackage });
      await refused(
        readFileSync(await sendScores(otherExpert, 'o.sailscores'), 'utf8'),
        'packet_foreign',
        '另一个项目',
      );
      const body = packetBody(text);
      await refused(
        resigned(packagePath, { ...body, package_uuid: '00000000-0000-4000-8000-000000000000' }),
        'packet_foreign',
        'never issued',
      );
      await refused(
        resigned(packagePath, { ...body, round_uuid: 'another-round' }),
        'packet_foreign',
        'another round',
      );
      await refused(
        resigned(packagePath, { ...body, reviewer_id: 'R02' }),
        'packet_foreign',
        'R02',
      );
    });

    it('a recusal from an entry not in the package, twice, without a reason or beside its review', async () => {
      const body = packetBody(text);
      const recusal = { entry_id: second, reason: '回避', declared_at: 'now' };
      const outside = (await assignedTo(organiser, 'R02')).find((id) => !r01Entries.includes(id));
      for (const [recusals, mentions] of [
        [[{ ...recusal, entry_id: outside ?? 'P-99' }], 'not part of its panel package'],
        [[recusal, recusal], 'appears twice'],
        [[{ ...recusal, reason: ' ' }], 'gives no reason'],
        [[{ ...recusal, entry_id: first }], 'comes with a review of the same entry'],
      ] as const) {
        await refused(
          resigned(packagePath, { ...body, recusals: [...recusals] }),
          'packet_review_invalid',
          mentions,
        );
      }
    });

    it('a review against another rubric version or the rules, naming its entry', async () => {
      const body = packetBody(text);
      const [review] = body.reviews;
      if (!review) throw new Error('no review in the packet');
      await refused(
        resigned(packagePath, {
          ...body,
          reviews: [{ ...review, rubric: { ...review.rubric, version: 1 } }],
        }),
        'packet_review_invalid',
        first,
      );
      await refused(
        resigned(packagePath, {
          ...body,
          reviews: [{ ...review, scores: { ...review.scores, net: 20.25 } }],
        }),
        'packet_review_invalid',
        first,
      );
      await refused(
        resigned(packagePath, {
          ...body,
          reviews: [{ ...review, scores: { net: 5 }, status: 'submitted' }],
        }),
        'packet_review_invalid',
        first,
      );
    });
  });
});
