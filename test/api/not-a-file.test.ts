// Every operation that reads a file a person names refuses what is not a regular file: a FIFO
// (which would block for ever), /dev/zero and /dev/urandom (which never end), a folder. Refused
// at once, in both languages, with nothing written.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationName } from '../../electron/api/contract';
import type { Result } from '../../electron/api/result';
import { readEntryListFile, readMappingFile } from '../../electron/api/cli-files';
import { SailError } from '../../electron/core/errors';
import { projectDigest } from '../support/digest';
import { demoRoundSession } from '../support/demo-round';
import { tempDir } from '../support/paths';
import type { ApiSession } from '../support/session';

const POSIX = process.platform !== 'win32';
/** Far above a refusal, far below "never". */
const BOUND_MS = 5_000;

// Made when the tests are collected: the cases below are listed from them.
const dir = tempDir();
const folder = join(dir, 'a-folder.csv');
mkdirSync(folder);
const fifo = join(dir, 'pipe.csv');
if (POSIX) execFileSync('mkfifo', [fifo]);
// A listening UNIX socket: open() refuses it outright (ENXIO).
const socketPath = join(dir, 'socket.csv');
const socket = createServer();
if (POSIX) socket.listen(socketPath);

let api: ApiSession;
beforeAll(async () => {
  if (POSIX && !socket.listening) await once(socket, 'listening');
  api = await demoRoundSession();
});
afterAll(() => {
  api.session.close();
  socket.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The paths to refuse: a FIFO and the endless devices where the system has them. */
const targets = (): Array<[string, string]> => [
  ['a folder', folder],
  ...(POSIX
    ? ([
        ['a FIFO', fifo],
        ['a socket', socketPath],
        ['/dev/zero', '/dev/zero'],
        ['/dev/urandom', '/dev/urandom'],
      ] as Array<[string, string]>)
    : []),
];

function expectRefusal(result: Result<unknown>, path: string): void {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe('not_a_file');
  expect(result.error.message_zh).toContain(path);
  expect(result.error.message_zh).toContain('不是普通文件');
  expect(result.error.message_en).toContain('not a regular file');
}

async function timed<T>(run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const value = await run();
  expect(performance.now() - started).toBeLessThan(BOUND_MS);
  return value;
}

const operations: Array<[OperationName, (path: string) => Record<string, unknown>]> = [
  ['entries.preview', (path) => ({ path, programme: 'pioneer' })],
  ['entries.import', (path) => ({ path, programme: 'pioneer' })],
  ['reviewers.import', (path) => ({ path })],
  ['scores.import', (path) => ({ path, round: '复赛' })],
  ['rubrics.read', (path) => ({ path })],
  ['export.verify', (path) => ({ path })],
];

describe.each(operations)('%s', (name, input) => {
  it.each(targets())('refuses %s at once and writes nothing', async (_, path) => {
    const store = api.session.require();
    const before = projectDigest(store);
    const result = await timed(() =>
      api.call(name, input(path) as never).then((r) => r as Result<unknown>),
    );
    expectRefusal(result, path);
    expect(projectDigest(store)).toBe(before);
  });
});

describe('files the CLI reads for its options', () => {
  it.each(targets())('--mapping refuses %s at once', async (_, path) => {
    const error = await timed(() =>
      readMappingFile(path).then(
        () => null,
        (e: unknown) => e,
      ),
    );
    expect(error).toBeInstanceOf(SailError);
    expectRefusal({ ok: false, error: (error as SailError).toUserMessage() }, path);
  });

  it.each(targets())('--entries refuses %s at once', async (_, path) => {
    const error = await timed(() =>
      readEntryListFile(path).then(
        () => null,
        (e: unknown) => e,
      ),
    );
    expect(error).toBeInstanceOf(SailError);
    expectRefusal({ ok: false, error: (error as SailError).toUserMessage() }, path);
  });
});

describe('attachments', () => {
  it.each(targets().filter(([what]) => what !== 'a folder'))(
    'an attachments folder that is %s is refused as not a folder',
    async (_, path) => {
      const result = await timed(() =>
        api.call('attachments.link', { folder: path, programme: 'pioneer' }),
      );
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('attachments_folder_unreadable');
      expect(result.error.message_zh).toContain('它不是文件夹');
      expect(result.error.message_en).toContain('it is not a folder');
    },
  );

  it.skipIf(!POSIX)('a linked file swapped for a FIFO is refused, not waited on', async () => {
    const attachments = join(api.dir, '附件');
    mkdirSync(attachments);
    const linked = join(attachments, 'S001-001.pdf');
    writeFileSync(linked, '%PDF-1.4 ');
    await api.ok('attachments.link', { folder: attachments, programme: 'pioneer' });
    const page = await api.ok('entries.list', { search: 'S001-001' });
    const entry = await api.ok('entries.get', { id: page.rows[0]!.id });
    const attachment = entry.attachments[0]!;

    rmSync(linked);
    execFileSync('mkfifo', [linked]);
    const read = await timed(() => api.call('attachments.read', { id: attachment.id }));
    expect(read.ok).toBe(false);
    // Relinking the folder lists the FIFO as nothing to link, and does not wait on it either.
    const relinked = await timed(() =>
      api.ok('attachments.link', { folder: attachments, programme: 'pioneer' }),
    );
    expect(relinked.linked).toBe(0);
    rmSync(linked);
  });
});
