// Issue 14, item 6: whatever file arrives as a score packet or a panel package — random bytes,
// a real one with bits flipped, cut short, spliced, with a wrong magic or format, far too large —
// the reader refuses it cleanly (a SailError in both languages), never crashes or hangs, and a
// refused packet writes nothing to the project.
import { closeSync, openSync, readFileSync, ftruncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { SailError } from '../../electron/core/errors';
import { openProjectFile } from '../../electron/io/packets/package';
import { PACKET_MAX_BYTES } from '../../electron/io/packets/packet';
import { projectDigest } from '../support/digest';
import { assignedTo, organiserSession, ROUND, score } from '../support/packets';
import { apiSession, type ApiSession } from '../support/session';

const PASSPHRASE = 'correct horse battery';
let organiser: ApiSession;
let packet: Buffer;
let plainPackage: Buffer;
let encryptedPackage: Buffer;
let counter = 0;

/** Rejects if `work` takes longer than a reader ever should: a hang fails the property. */
async function withinTime<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} hung`)), 10_000);
  });
  try {
    return await Promise.race([work, hang]);
  } finally {
    clearTimeout(timer);
  }
}

function fileOf(bytes: Uint8Array, ext: string): string {
  const path = join(organiser.dir, `fuzz-${counter++}${ext}`);
  writeFileSync(path, bytes);
  return path;
}

/** Imports `bytes` as a packet: refused in our words or merging nothing new; never a write. */
async function importChecked(bytes: Uint8Array): Promise<void> {
  const store = organiser.session.require();
  const before = projectDigest(store);
  const result = await withinTime(
    organiser.call('packets.import', { path: fileOf(bytes, '.sailscores') }),
    'packets.import',
  );
  if (result.ok) {
    // A change that leaves the same signed packet (a space outside the body): merged already.
    expect(result.value).toMatchObject({ accepted: 0, clashes: [] });
  } else {
    expect(result.error.code).not.toBe('internal');
    expect(result.error.message_zh).toMatch(/[\u4e00-\u9fff]/);
    expect(result.error.message_en).toMatch(/[A-Za-z]{3}/);
  }
  expect(projectDigest(store)).toBe(before);
}

/** Opens `bytes` as a project file: refused with a SailError, or a project that opens. */
async function openChecked(bytes: Uint8Array, passphrase?: string): Promise<string> {
  const path = fileOf(bytes, '.sailpanel');
  try {
    const store = await withinTime(openProjectFile(path, { passphrase }), 'openProjectFile');
    store.close();
    return 'opened';
  } catch (error) {
    if (!(error instanceof SailError)) throw error;
    return error.code;
  }
}

/** `bytes` with the bits of `flips` (positions taken modulo its length) inverted. */
function flipped(bytes: Buffer, flips: Array<{ at: number; bit: number }>): Buffer {
  const copy = Buffer.from(bytes);
  for (const { at, bit } of flips) {
    const index = at % copy.length;
    copy[index] = (copy[index] ?? 0) ^ (1 << bit);
  }
  return copy;
}

const flips = fc.array(fc.record({ at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }), {
  minLength: 1,
  maxLength: 8,
});

beforeAll(async () => {
  organiser = await organiserSession();
  const [first = '', second = ''] = await assignedTo(organiser, 'R01');
  const plain = join(organiser.dir, 'R01.sailpanel');
  const encrypted = join(organiser.dir, 'R01-encrypted.sailpanel');
  await organiser.ok('packages.export', { round: ROUND, reviewer: 'R01', path: plain });
  await organiser.ok('packages.export', {
    round: ROUND,
    reviewer: 'R01',
    path: encrypted,
    passphrase: PASSPHRASE,
  });
  plainPackage = readFileSync(plain);
  encryptedPackage = readFileSync(encrypted);
  const expert = apiSession();
  await expert.ok('project.open', { path: plain });
  await score(expert, 'R01', first, 8, { submit: true, comment: '意见' });
  await score(expert, 'R01', second, 3);
  const path = join(expert.dir, 'R01.sailscores');
  await expert.ok('packets.export', { path });
  packet = readFileSync(path);
  // Merged once: a mutation that still reads as this packet has nothing new to write.
  await organiser.ok('packets.import', { path });
}, 60_000);

describe('the packet reader on hostile files', () => {
  it('random bytes, and random text after a packet’s opening', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 2048 }),
        fc.constantFrom('', '{"format":"sailscores","format_version":1,"body":"', '{"body":{'),
        async (bytes, prefix) => importChecked(Buffer.concat([Buffer.from(prefix), bytes])),
      ),
      { numRuns: 150 },
    );
  }, 120_000);

  it('a real packet with bits flipped, cut short, or with JSON spliced in', async () => {
    await fc.assert(
      fc.asyncProperty(flips, async (bits) => importChecked(flipped(packet, bits))),
      { numRuns: 150 },
    );
    await fc.assert(
      fc.asyncProperty(fc.double({ min: 0, max: 1, noNaN: true }), async (cut) =>
        importChecked(packet.subarray(0, Math.floor(packet.length * cut))),
      ),
      { numRuns: 60 },
    );
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.json(), async (at, json) => {
        const text = packet.toString('utf8');
        const index = at % text.length;
        await importChecked(Buffer.from(text.slice(0, index) + json + text.slice(index)));
      }),
      { numRuns: 100 },
    );
  }, 180_000);

  it('a wrong format, a format from the future, and a file far over the cap', async () => {
    const outer = JSON.parse(packet.toString('utf8')) as Record<string, unknown>;
    for (const changed of [
      { ...outer, format: 'sailpanel' },
      { ...outer, format_version: 2 },
      { ...outer, signature: 12 },
      { ...outer, body: { not: 'a string' } },
      { ...outer, extra: true },
    ]) {
      await importChecked(Buffer.from(JSON.stringify(changed)));
    }
    // A sparse file: its size alone refuses it, before a byte is read.
    const huge = join(organiser.dir, 'huge.sailscores');
    const fd = openSync(huge, 'w');
    ftruncateSync(fd, PACKET_MAX_BYTES + 1);
    closeSync(fd);
    const refused = await withinTime(organiser.fails('packets.import', { path: huge }), 'huge');
    expect(refused.code).toBe('file_too_large');
  });
});

describe('the package opener on hostile files', () => {
  it('random bytes, with or without the encrypted magic, never open as anything', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 0, maxLength: 4096 }),
        fc.constantFrom('', 'SAILPKGE', 'SAILPKGE\u0001', 'SQLite format 3\u0000'),
        async (bytes, prefix) => {
          const outcome = await openChecked(Buffer.concat([Buffer.from(prefix, 'latin1'), bytes]));
          expect(outcome).not.toBe('opened');
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);

  it('an encrypted package with bytes flipped or cut short is refused and left as it was', async () => {
    await fc.assert(
      fc.asyncProperty(flips, async (bits) => {
        const bytes = flipped(encryptedPackage, bits);
        const path = fileOf(bytes, '.sailpanel');
        let code = 'opened';
        try {
          (await withinTime(openProjectFile(path, { passphrase: PASSPHRASE }), 'open')).close();
        } catch (error) {
          if (!(error instanceof SailError)) throw error;
          code = error.code;
        }
        expect(code).not.toBe('opened');
        expect(readFileSync(path).equals(bytes)).toBe(true);
      }),
      { numRuns: 25 },
    );
    await fc.assert(
      fc.asyncProperty(fc.double({ min: 0, max: 0.999, noNaN: true }), async (cut) => {
        const bytes = encryptedPackage.subarray(0, Math.floor(encryptedPackage.length * cut));
        expect(await openChecked(bytes, PASSPHRASE)).not.toBe('opened');
      }),
      { numRuns: 15 },
    );
  }, 120_000);

  it('a plain package with bits flipped opens or is refused in our words, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(flips, async (bits) => {
        expect(typeof (await openChecked(flipped(plainPackage, bits)))).toBe('string');
      }),
      { numRuns: 100 },
    );
  }, 120_000);
});
