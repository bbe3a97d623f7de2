// Paths from a page (the window over IPC, the host's page over HTTP): every operation of the
// contract that takes one refuses a path the user did not choose and that lies outside the
// session's own folders, names it in both languages and leaves the file alone; the same path
// chosen in a dialog works. The user's own commands (CLI) are not checked.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATION_NAMES } from '../../electron/api/channels';
import { operations, pathFields, type OperationName } from '../../electron/api/contract';
import { dispatch } from '../../electron/api/dispatch';
import { PathAccess, type PathChoice } from '../../electron/api/path-access';
import type { Result } from '../../electron/api/result';
import { scoredRound, ROUND } from '../io/export-fixture';
import { sample, tempDir } from '../support/paths';
import { apiSession, type ApiSession } from '../support/session';

const SENTINEL = 'the user’s own file: must stay as it is\n';

/** A read the window was never given: a file every Linux machine has. */
const SECRET_FILE = '/etc/passwd';
const SECRET_FOLDER = '/etc';

let api: ApiSession;
/** Elsewhere on disk: neither chosen nor in any folder of the session. */
let elsewhere: string;
let paths: PathAccess;
let importId: number;
let rubricId: number;
let exported: string;
/** A reviewer of the round (given entries by its scores) and a packet of their package. */
let reviewerId: string;
let packet: string;
/** The expert's own session, on that reviewer's package. */
let expert: ApiSession;
let folders = 0;

const fromWindow = (name: OperationName, input: unknown): Promise<Result<unknown>> =>
  dispatch(api.handlers, name, input, { caller: { kind: 'window', paths } });

/** A file of `elsewhere` holding the sentinel, which a refused write must leave as it is. */
function usersFile(name: string): string {
  const file = join(elsewhere, name);
  writeFileSync(file, SENTINEL);
  return file;
}

/** A file's bytes, or null for a folder or nothing. */
const contentOf = (path: string): Buffer | null =>
  statSync(path, { throwIfNoEntry: false })?.isFile() ? readFileSync(path) : null;

/** A copy of `file` in `elsewhere`, for the window to be given. */
function copyElsewhere(file: string, name: string): string {
  const copy = join(elsewhere, name);
  copyFileSync(file, copy);
  return copy;
}

beforeAll(async () => {
  api = apiSession();
  elsewhere = tempDir('sail-elsewhere-');
  await scoredRound(api, 6, sample('reviewers.csv'));
  const overview = await api.ok('project.overview', {});
  importId = overview.recent_imports.find((batch) => batch.programme === 'bloom')?.id ?? 0;
  rubricId = (await api.ok('rubrics.list', {}))[0]?.id ?? 0;
  exported = join(api.dir, '排名.csv');
  const [assigned] = await api.ok('assignments.list', { round: ROUND });
  reviewerId = assigned?.reviewers[0]?.reviewer_id ?? '';
  const panel = join(api.dir, 'panel.sailpanel');
  await api.ok('packages.export', { round: ROUND, reviewer: reviewerId, path: panel });
  expert = apiSession();
  await expert.ok('project.open', { path: panel });
  packet = join(expert.dir, 'scores.sailscores');
  await expert.ok('packets.export', { path: packet });
  await api.ok('export.ranking', { round: ROUND, format: 'csv', path: exported });
  mkdirSync(join(elsewhere, '附件'));
  writeFileSync(join(elsewhere, '附件', 'B2025-0001.pdf'), 'pdf');
  writeFileSync(
    join(elsewhere, 'rubric.json'),
    JSON.stringify(await api.ok('rubrics.export', { sector: 'generic' })),
  );
});

afterAll(() => {
  api.session.close();
  rmSync(elsewhere, { recursive: true, force: true });
});

interface PathCase {
  /** The operation's input with `target` in the field under test. */
  input: (target: string) => unknown;
  /** A path outside every folder of the session, not chosen: refused, and left untouched. */
  refused: () => string;
  /** The same kind of path, chosen by the user (`choice`): the operation runs. */
  granted: () => string;
  choice: PathChoice;
  /** What the granted run did to the file, when it writes. */
  written?: (target: string) => void;
}

const readFile = (file: () => string): Pick<PathCase, 'refused' | 'granted' | 'choice'> => ({
  refused: () => SECRET_FILE,
  granted: file,
  choice: 'file',
});
const writeFile = (name: string): Pick<PathCase, 'refused' | 'granted' | 'choice' | 'written'> => ({
  refused: () => usersFile(`refused-${name}`),
  granted: () => usersFile(name),
  choice: 'save',
  written: (target) => expect(readFileSync(target, 'utf8')).not.toBe(SENTINEL),
});

/** Every path field of every operation, keyed `operation:field`. */
const CASES: Record<string, PathCase> = {
  'entries.import:path': {
    input: (path) => ({ path, programme: 'bloom', dry_run: true }),
    ...readFile(() => copyElsewhere(join(api.dir, 'entries.csv'), 'entries.csv')),
  },
  'entries.import:attachments_folder': {
    input: (attachments_folder) => ({
      path: join(api.dir, 'entries.csv'),
      programme: 'bloom',
      attachments_folder,
    }),
    refused: () => SECRET_FOLDER,
    granted: () => join(elsewhere, '附件'),
    choice: 'folder',
  },
  'entries.import:rejected_out': {
    input: (rejected_out) => ({
      path: join(api.dir, 'entries.csv'),
      programme: 'bloom',
      dry_run: true,
      rejected_out,
    }),
    ...writeFile('rejected-on-import.csv'),
  },
  'entries.preview:path': {
    input: (path) => ({ path, programme: 'bloom' }),
    ...readFile(() => copyElsewhere(join(api.dir, 'entries.csv'), 'preview.csv')),
  },
  'imports.rejectedCsv:path': {
    input: (path) => ({ import_id: importId, path }),
    ...writeFile('rejected.csv'),
  },
  'attachments.link:folder': {
    input: (folder) => ({ folder, programme: 'bloom' }),
    refused: () => SECRET_FOLDER,
    granted: () => join(elsewhere, '附件'),
    choice: 'folder',
  },
  'rubrics.read:path': {
    input: (path) => ({ path }),
    ...readFile(() => join(elsewhere, 'rubric.json')),
  },
  'rubrics.exportFile:path': {
    input: (path) => ({ id: rubricId, path }),
    ...writeFile('rubric-out.json'),
  },
  'reviewers.import:path': {
    input: (path) => ({ path }),
    ...readFile(() => copyElsewhere(sample('reviewers.csv'), 'reviewers.csv')),
  },
  'scores.import:path': {
    input: (path) => ({ round: ROUND, path }),
    ...readFile(() => copyElsewhere(join(api.dir, 'scores.csv'), 'scores.csv')),
  },
  'export.ranking:path': {
    // The user chose to replace the file in the save dialog, as the window asks first.
    input: (path) => ({ round: ROUND, format: 'csv', path, replace: true }),
    ...writeFile('ranking.csv'),
  },
  'export.verify:path': {
    input: (path) => ({ path }),
    ...readFile(() => copyElsewhere(exported, 'verify.csv')),
  },
  'packages.export:path': {
    input: (path) => ({ round: ROUND, reviewer: reviewerId, path }),
    ...writeFile('panel-out.sailpanel'),
  },
  'packages.export:folder': {
    input: (folder) => ({ round: ROUND, folder }),
    refused: () => SECRET_FOLDER,
    granted: () => {
      const folder = join(elsewhere, `packages-${folders++}`);
      mkdirSync(folder);
      return folder;
    },
    choice: 'folder',
  },
  'packets.import:path': {
    input: (path) => ({ path }),
    ...readFile(() => copyElsewhere(packet, 'scores.sailscores')),
  },
  // Run on the expert's own session below: only a package sends scores.
  'packets.export:path': {
    input: (path) => ({ path }),
    ...writeFile('scores-out.sailscores'),
  },
  // Project files: run on sessions of their own below, as they switch the open project.
  'project.create:path': {
    input: (path) => ({ path }),
    refused: () => join(elsewhere, '别处.sailreview'),
    granted: () => join(elsewhere, '新建.sailreview'),
    choice: 'new-project',
  },
  'project.open:path': {
    input: (path) => ({ path }),
    refused: () => join(elsewhere, '他人.sailreview'),
    granted: () => join(elsewhere, '他人.sailreview'),
    choice: 'open-project',
  },
};

const PROJECT_CASES = new Set(['project.create:path', 'project.open:path', 'packets.export:path']);

describe('the path-taking operations', () => {
  it('are every operation whose input names a file or folder, each with a case here', () => {
    const declared = OPERATION_NAMES.flatMap((name) =>
      pathFields(name).map(({ field }) => `${name}:${field}`),
    );
    expect(declared.sort()).toEqual(Object.keys(CASES).sort());
    // A field named like a path but declared as a plain string would go unchecked.
    for (const name of OPERATION_NAMES) {
      const shape = (operations[name].input as { shape?: Record<string, unknown> }).shape ?? {};
      for (const field of Object.keys(shape)) {
        if (/(^|_)(path|folder|out)$/.test(field)) {
          expect(declared, `${name}.${field}`).toContain(`${name}:${field}`);
        }
      }
    }
  });

  describe.each(Object.entries(CASES).filter(([key]) => !PROJECT_CASES.has(key)))(
    '%s from a page',
    (key, pathCase) => {
      const name = key.split(':')[0] as OperationName;
      /** The window was given the entries file the other fields of entries.import go with. */
      const windowAccess = () => {
        paths = new PathAccess();
        paths.choose(join(api.dir, 'entries.csv'), 'file');
      };

      it('refuses a path the user did not choose, in both languages, touching nothing', async () => {
        windowAccess();
        const target = pathCase.refused();
        const before = contentOf(target);
        const result = await fromWindow(name, pathCase.input(target));
        expect(result).toMatchObject({ ok: false, error: { code: 'path_refused' } });
        if (!result.ok) {
          expect(result.error.message_zh).toContain(target);
          expect(result.error.message_en).toContain(target);
        }
        expect(contentOf(target)).toEqual(before);
      });

      it('runs with the path the user chose', async () => {
        windowAccess();
        const target = pathCase.granted();
        paths.choose(target, pathCase.choice);
        const result = await fromWindow(name, pathCase.input(target));
        expect(result).toMatchObject({ ok: true });
        pathCase.written?.(target);
      });
    },
  );

  it('are not checked for the user’s own commands (the CLI)', async () => {
    const target = usersFile('cli-ranking.csv');
    await api.ok('export.ranking', { round: ROUND, format: 'csv', path: target, replace: true });
    expect(readFileSync(target, 'utf8')).not.toBe(SENTINEL);
  });
});

describe('an expert’s package from a page', () => {
  it('sends scores only to a place the user chose', async () => {
    const send = CASES['packets.export:path']!;
    paths = new PathAccess();
    const call = (path: string) =>
      dispatch(expert.handlers, 'packets.export', send.input(path), {
        caller: { kind: 'window', paths },
      });
    const refused = send.refused();
    expect(await call(refused)).toMatchObject({ ok: false, error: { code: 'path_refused' } });
    expect(readFileSync(refused, 'utf8')).toBe(SENTINEL);
    const granted = send.granted();
    paths.choose(granted, send.choice);
    expect(await call(granted)).toMatchObject({ ok: true });
    send.written?.(granted);
  });
});

describe('project files from a page', () => {
  it('creates a project only where the user chose', async () => {
    const session = apiSession();
    paths = new PathAccess();
    const create = CASES['project.create:path']!;
    const call = (path: string) =>
      dispatch(session.handlers, 'project.create', create.input(path), {
        caller: { kind: 'window', paths },
      });
    const refused = create.refused();
    expect(await call(refused)).toMatchObject({ ok: false, error: { code: 'path_refused' } });
    expect(existsSync(refused)).toBe(false);
    const granted = create.granted();
    paths.choose(granted, create.choice);
    expect(await call(granted)).toMatchObject({ ok: true, value: { path: granted } });
    session.session.close();
  });

  it('opens a project the user chose or opened before, and no other', async () => {
    const owner = apiSession();
    const other = CASES['project.open:path']!.refused();
    await owner.ok('project.create', { path: other });
    owner.session.close();

    const session = apiSession();
    const mine = join(session.dir, '我的.sailreview');
    await session.ok('project.create', { path: mine });
    paths = new PathAccess({
      recentProjects: () => session.session.recent().map((project) => project.path),
    });
    const open = (path: string) =>
      dispatch(session.handlers, 'project.open', { path }, { caller: { kind: 'window', paths } });
    expect(await open(other)).toMatchObject({ ok: false, error: { code: 'path_refused' } });
    // Still the project it had open.
    expect(await session.ok('project.current', {})).toMatchObject({ path: mine });
    // A recent project opens again from the start screen's list.
    expect(await open(mine)).toMatchObject({ ok: true, value: { path: mine } });
    paths.choose(other, 'open-project');
    expect(await open(other)).toMatchObject({ ok: true, value: { path: other } });
    session.session.close();
  });
});

describe('PathAccess', () => {
  it('gives each choice its own uses: a file chosen to read is never replaced', async () => {
    const access = new PathAccess();
    const file = usersFile('chosen-to-read.csv');
    access.choose(file, 'file');
    await expect(access.require(file, 'read')).resolves.toBeUndefined();
    await expect(access.require(file, 'write')).rejects.toMatchObject({ code: 'path_refused' });
    await expect(access.require(file, 'open')).rejects.toMatchObject({ code: 'path_refused' });
    const saved = join(elsewhere, 'saved.csv');
    access.choose(saved, 'save');
    await expect(access.require(saved, 'write')).resolves.toBeUndefined();
    // Choosing a save path says nothing of the files beside it.
    await expect(access.require(join(elsewhere, 'beside.csv'), 'write')).rejects.toMatchObject({
      code: 'path_refused',
    });
  });

  it('lets a page read inside a chosen folder, and write in none', async () => {
    const access = new PathAccess();
    const folder = join(elsewhere, '附件');
    access.choose(folder, 'folder');
    await expect(access.require(join(folder, 'B2025-0001.pdf'), 'read')).resolves.toBeUndefined();
    await expect(access.require(join(folder, '..', 'x'), 'read')).rejects.toMatchObject({
      code: 'path_refused',
    });
    await expect(access.require(join(folder, 'new.csv'), 'write')).rejects.toMatchObject({
      code: 'path_refused',
    });
  });

  it('keeps a page inside its roots, through symlinks and `..` alike', async () => {
    const root = tempDir('sail-root-');
    symlinkSync(elsewhere, join(root, 'link'));
    const access = new PathAccess({ roots: [{ folder: root, uses: ['read', 'write'] }] });
    await expect(
      access.require(join(root, 'exports', 'new.csv'), 'write'),
    ).resolves.toBeUndefined();
    for (const escape of [
      join(root, 'link', 'chosen-to-read.csv'),
      join(root, 'link', 'new.csv'),
      join(root, '..', 'x.csv'),
    ]) {
      await expect(access.require(escape, 'write'), escape).rejects.toMatchObject({
        code: 'path_refused',
      });
    }
    // The refusal says where a page may write.
    await expect(access.require('/etc/passwd', 'write')).rejects.toMatchObject({
      message_zh: expect.stringContaining(root) as unknown,
      message_en: expect.stringContaining(root) as unknown,
    });
    rmSync(root, { recursive: true, force: true });
  });
});
