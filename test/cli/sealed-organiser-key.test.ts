// The app's organiser key under the system's key store (safeStorage in Electron's main process):
// its private key is on disk only sealed, the session signs with it unsealed in memory, and the
// CLI on the same computer (no system key store) signs with its own key — `verify` accepts both.
// The session runs in its worker as in the app. A keychain stands in for safeStorage here: AES-256-GCM under a key only it holds.
import { createCipheriv, createDecipheriv, createPrivateKey, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { safeStorage } from 'electron';
import { describe, expect, it } from 'vitest';
import { SessionClient } from '../../electron/api/session-client';
import { OrganiserKeyStore, type KeySealer } from '../../electron/io/organiser-keys';
import { organiserKeyFromSystem } from '../../electron/shell/organiser-key';
import { runCli } from '../support/cli';
import { repoRoot, resourcesDir, sample, tempDir } from '../support/paths';

/** A system key store: what one keychain sealed, only that keychain opens. */
function keychain(): KeySealer {
  const key = randomBytes(32);
  return {
    seal(text) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Promise.resolve(Buffer.concat([iv, cipher.getAuthTag(), body]));
    },
    unseal(sealed) {
      return new Promise((resolve) => {
        const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
        decipher.setAuthTag(sealed.subarray(12, 28));
        const text = Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
        resolve({ text: text.toString(), sealAgain: false });
      });
    },
  };
}

/** A project written by the app's session worker, signing with the key main unsealed. */
async function projectSignedByApp(folder: string, sealer: KeySealer) {
  const key = await new OrganiserKeyStore(folder).unsealedKey(sealer);
  const dir = tempDir();
  const session = new SessionClient({
    workerFile: join(repoRoot, 'dist', 'electron', 'session-worker.cjs'),
    configDir: join(dir, 'config'),
    resourcesDir,
    backupEveryMs: null,
    printInMain: false,
    pathRoots: [],
    organiserKey: key,
  });
  const path = join(dir, 'app.sailreview');
  try {
    for (const [name, input] of [
      ['project.create', { path }],
      ['reviewers.import', { path: sample('reviewers.csv') }],
    ] as const) {
      const result = await session.call(name, input, { caller: 'user' });
      if (!result.ok) throw new Error(`${name}: ${result.error.message_en}`);
    }
  } finally {
    await session.close();
  }
  return { path, key };
}

const verify = (path: string, folder: string) =>
  runCli(['verify', path], undefined, { SAIL_KEY_DIR: folder });

describe("the app's organiser key, sealed by the system's key store", () => {
  it('is on disk only sealed, and unsealed again to the same key', async () => {
    const folder = tempDir('sail-keys-');
    const sealer = keychain();
    const key = await new OrganiserKeyStore(folder).unsealedKey(sealer);
    const files = readdirSync(folder).sort();
    expect(files).toEqual(
      [`${key.fingerprint}.key.sealed`, `${key.fingerprint}.pub.pem`, 'current-sealed'].sort(),
    );
    const sealed = readFileSync(join(folder, `${key.fingerprint}.key.sealed`));
    expect(sealed.toString('latin1')).not.toContain('PRIVATE KEY');
    expect(() => createPrivateKey(sealed)).toThrow();
    expect(await new OrganiserKeyStore(folder).unsealedKey(sealer)).toEqual(key);
  });

  it("is sealed again when the system's key has changed", async () => {
    const folder = tempDir('sail-keys-');
    const key = await new OrganiserKeyStore(folder).unsealedKey(keychain());
    const file = join(folder, `${key.fingerprint}.key.sealed`);
    const before = readFileSync(file);
    const rotated = keychain();
    const stillOpens: KeySealer = {
      seal: (text) => rotated.seal(text),
      unseal: () => Promise.resolve({ text: key.privateKeyPem, sealAgain: true }),
    };
    expect(await new OrganiserKeyStore(folder).unsealedKey(stillOpens)).toEqual(key);
    const after = readFileSync(file);
    expect(after.equals(before)).toBe(false);
    expect((await rotated.unseal(after)).text).toBe(key.privateKeyPem);
  });

  it("signs the app's chain; the CLI verifies it, writes with its own key, and both verify", async () => {
    const folder = tempDir('sail-keys-');
    const { path, key } = await projectSignedByApp(folder, keychain());
    const byApp = verify(path, folder);
    expect(byApp.code, byApp.stderr).toBe(0);
    expect(byApp.stderr).toContain(`fingerprint ${key.fingerprint.slice(0, 16)}`);

    const written = runCli(
      ['import', path, sample('bloom-submissions.csv'), '--programme', 'bloom'],
      undefined,
      { SAIL_KEY_DIR: folder },
    );
    expect(written.code, written.stderr).toBe(0);
    const cliKey = readFileSync(join(folder, 'current'), 'utf8').trim();
    expect(cliKey).not.toBe(key.fingerprint);
    const byCli = verify(path, folder);
    expect(byCli.code, byCli.stderr).toBe(0);
    expect(byCli.stderr).toContain(`fingerprint ${cliKey.slice(0, 16)}`);
  });

  it('one this computer can no longer unseal is kept, a new one signs, and the old chains verify', async () => {
    const folder = tempDir('sail-keys-');
    const { path, key: lost } = await projectSignedByApp(folder, keychain());
    const { key: made } = await projectSignedByApp(folder, keychain());
    expect(made.fingerprint).not.toBe(lost.fingerprint);
    expect(readFileSync(join(folder, 'current-sealed'), 'utf8').trim()).toBe(made.fingerprint);
    expect(readdirSync(folder)).toContain(`${lost.fingerprint}.key.sealed`);
    const old = verify(path, folder);
    expect(old.code, old.stderr).toBe(0);
    expect(old.stderr).toContain(`fingerprint ${lost.fingerprint.slice(0, 16)}`);
  });
});

describe("main's choice of key store", () => {
  const system = (available: boolean, backend: string, sealer = keychain()) =>
    ({
      isAsyncEncryptionAvailable: () => Promise.resolve(available),
      getSelectedStorageBackend: () => backend,
      encryptStringAsync: (text: string) => sealer.seal(text),
      decryptStringAsync: async (sealed: Buffer) => {
        const { text, sealAgain } = await sealer.unseal(sealed);
        return { result: text, shouldReEncrypt: sealAgain };
      },
    }) as unknown as typeof safeStorage;
  const storeIn = (folder: string) => (sealer: KeySealer) =>
    new OrganiserKeyStore(folder).unsealedKey(sealer);

  it('seals with the system key store where there is one', async () => {
    const folder = tempDir('sail-keys-');
    const sealer = keychain();
    const key = await organiserKeyFromSystem(
      system(true, 'gnome_libsecret', sealer),
      'linux',
      storeIn(folder),
    );
    expect(key).toBeDefined();
    const sealed = readFileSync(join(folder, `${key?.fingerprint}.key.sealed`));
    expect((await sealer.unseal(sealed)).text).toBe(key?.privateKeyPem);
  });

  it("signs as the CLI does where there is none (or only Linux's plain-text fallback)", async () => {
    for (const [available, backend, platform] of [
      [false, 'unknown', 'win32'],
      [true, 'basic_text', 'linux'],
    ] as const) {
      const folder = tempDir('sail-keys-');
      const key = await organiserKeyFromSystem(
        system(available, backend),
        platform,
        storeIn(folder),
      );
      expect(key).toBeUndefined();
      expect(readdirSync(folder)).toEqual([]);
    }
  });
});
