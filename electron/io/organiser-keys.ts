// The organiser's signing keys (Ed25519), kept outside every project file: in a folder of the
// user's configuration (~/.config/sail-review/keys on Linux), or the one SAIL_KEY_DIR names.
// Each key is two files named by its fingerprint (the SHA-256 of its public key): the private
// key (PKCS #8 PEM, owner-only; encrypted with the passphrase in the file that
// SAIL_KEY_PASSPHRASE_FILE names, when there is one) and the public key. `current` names the key
// this computer signs with; it is made on the first write and must be backed up with the
// projects, since a project signed by a key no longer held cannot be verified here.
//
// The app keeps a key of its own protected by the system's key store (Electron's safeStorage:
// Keychain, DPAPI, libsecret): its private key is written only sealed (`.key.sealed`), named by
// `current-sealed`, and unsealed in memory by the main process, which hands it to the session.
// The CLI, which has no system key store, keeps signing with `current`. Every public key stays
// in the folder, so `verify` accepts a chain signed by either.
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  type KeyObject,
} from 'node:crypto';
import {
  chmodSync,
  linkSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { SailError } from '../core/errors';
import { keyFingerprint, type HeadSigner, type OrganiserKeys } from '../store/chain-seal';

/** The key store's folder: SAIL_KEY_DIR, or sail-review/keys in the OS's user config folder. */
export function keyFolder(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SAIL_KEY_DIR) return env.SAIL_KEY_DIR;
  const config =
    process.platform === 'win32'
      ? (env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'))
      : process.platform === 'darwin'
        ? join(homedir(), 'Library', 'Application Support')
        : (env.XDG_CONFIG_HOME ?? join(homedir(), '.config'));
  return join(config, 'sail-review', 'keys');
}

/** A public key from PEM text (a file the organiser gave `verify`), refused in both languages. */
export function publicKeyFromPem(pem: string): KeyObject {
  try {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType === 'ed25519') return key;
  } catch {
    // refused below
  }
  throw new SailError(
    'public_key_invalid',
    '所给的公钥文件不是 Ed25519 公钥（PEM 格式）。请使用密钥文件夹中的 .pub.pem 文件。',
    'The public key given is not an Ed25519 public key in PEM. Use the .pub.pem file from the key folder.',
  );
}

function keyStoreError(folder: string, error: unknown): SailError {
  const detail = error instanceof Error ? error.message : String(error);
  return new SailError(
    'organiser_key_unavailable',
    `无法读取或创建组织者签名密钥（密钥文件夹 ${folder}：${detail}）。本次操作未写入任何内容。请检查该文件夹的权限，以及 SAIL_KEY_PASSPHRASE_FILE 所指的口令是否正确。`,
    `The organiser's signing key cannot be read or made (key folder ${folder}: ${detail}); nothing was written. Check the folder's permissions and the passphrase SAIL_KEY_PASSPHRASE_FILE names.`,
  );
}

/** The system's key store as the key store uses it (Electron's safeStorage, in main). */
export interface KeySealer {
  seal(text: string): Promise<Buffer>;
  /**
   * Rejects when this user and computer cannot open it; `sealAgain` when the system's key has
   * changed since (sealed again with the new one).
   */
  unseal(sealed: Buffer): Promise<{ text: string; sealAgain: boolean }>;
}

/** An organiser key unsealed in memory: handed from Electron's main process to the session. */
export interface UnsealedKey {
  fingerprint: string;
  /** PKCS #8 PEM, never written in clear. */
  privateKeyPem: string;
}

const FINGERPRINT = /^[0-9a-f]{64}$/;

export class OrganiserKeyStore implements OrganiserKeys {
  private cached: HeadSigner | undefined;

  /**
   * `signWith`: the app's key, unsealed by main (unsealedKey); without it the store signs with
   * the key `current` names, as the CLI does.
   */
  constructor(
    readonly folder: string = keyFolder(),
    private readonly passphraseFile: string | undefined = process.env.SAIL_KEY_PASSPHRASE_FILE,
    signWith?: UnsealedKey,
  ) {
    if (signWith) {
      const privateKey = createPrivateKey(signWith.privateKeyPem);
      this.cached = {
        fingerprint: signWith.fingerprint,
        sign: (message) => sign(null, message, privateKey),
      };
    }
  }

  /**
   * The app's key protected by the system's key store: the one `current-sealed` names, made and
   * sealed on first use. One this computer can no longer unseal (a restored profile, a reset
   * keychain) is left in place and a new one made: the chains it signed still verify by its
   * public key, and the new one signs from now on.
   */
  async unsealedKey(sealer: KeySealer): Promise<UnsealedKey> {
    try {
      const fingerprint = this.pointer('current-sealed');
      if (fingerprint) {
        const file = join(this.folder, `${fingerprint}.key.sealed`);
        const opened = await sealer.unseal(readFileSync(file)).catch(() => null);
        if (opened) {
          if (opened.sealAgain)
            writeFileSync(file, await sealer.seal(opened.text), { mode: 0o600 });
          return { fingerprint, privateKeyPem: opened.text };
        }
      }
      const { publicKey, privateKey } = generateKeyPairSync('ed25519', {
        publicKeyEncoding: { type: 'spki', format: 'pem' },
        privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      });
      const made = keyFingerprint(createPublicKey(publicKey));
      const sealed = await sealer.seal(privateKey);
      mkdirSync(this.folder, { recursive: true, mode: 0o700 });
      writeFileSync(join(this.folder, `${made}.key.sealed`), sealed, { mode: 0o600 });
      writeFileSync(join(this.folder, `${made}.pub.pem`), publicKey, { mode: 0o644 });
      // Renamed into place: a reader sees the old key or the new one, never half a name.
      const proposal = join(this.folder, `current-sealed.${made}`);
      writeFileSync(proposal, `${made}\n`);
      renameSync(proposal, join(this.folder, 'current-sealed'));
      return { fingerprint: made, privateKeyPem: privateKey };
    } catch (error) {
      throw keyStoreError(this.folder, error);
    }
  }

  signer(): HeadSigner {
    if (this.cached) return this.cached;
    try {
      const fingerprint = this.pointer('current') ?? this.makeKey();
      const privateKey = createPrivateKey({
        key: readFileSync(join(this.folder, `${fingerprint}.key.pem`), 'utf8'),
        ...this.passphrase(),
      });
      this.cached = {
        fingerprint,
        sign: (message) => sign(null, message, privateKey),
      };
      return this.cached;
    } catch (error) {
      if (error instanceof SailError) throw error;
      throw keyStoreError(this.folder, error);
    }
  }

  publicKey(fingerprint: string): KeyObject | null {
    if (!FINGERPRINT.test(fingerprint)) return null;
    try {
      const key = createPublicKey(readFileSync(join(this.folder, `${fingerprint}.pub.pem`)));
      // A file renamed to another key's fingerprint vouches for nothing.
      return keyFingerprint(key) === fingerprint ? key : null;
    } catch {
      return null;
    }
  }

  private passphrase(): { passphrase?: string } {
    if (!this.passphraseFile) return {};
    return { passphrase: readFileSync(this.passphraseFile, 'utf8').replace(/\r?\n$/, '') };
  }

  /** The fingerprint a pointer file (`current`, `current-sealed`) names, if any. */
  private pointer(name: string): string | null {
    try {
      const fingerprint = readFileSync(join(this.folder, name), 'utf8').trim();
      return FINGERPRINT.test(fingerprint) ? fingerprint : null;
    } catch {
      return null;
    }
  }

  /**
   * Makes a key pair and names it current. Two processes making one at once (a first CLI run
   * beside the window) agree: `current` is linked into place only if absent, and the loser's
   * key is removed in favour of the winner's.
   */
  private makeKey(): string {
    mkdirSync(this.folder, { recursive: true, mode: 0o700 });
    const passphrase = this.passphrase().passphrase;
    const { publicKey, privateKey } = generateKeyPairSync('ed25519', {
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: passphrase
        ? { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase }
        : { type: 'pkcs8', format: 'pem' },
    });
    const fingerprint = keyFingerprint(createPublicKey(publicKey));
    const keyFile = join(this.folder, `${fingerprint}.key.pem`);
    writeFileSync(keyFile, privateKey, { mode: 0o600 });
    chmodSync(keyFile, 0o600);
    writeFileSync(join(this.folder, `${fingerprint}.pub.pem`), publicKey, { mode: 0o644 });
    const proposal = join(this.folder, `current.${fingerprint}`);
    writeFileSync(proposal, `${fingerprint}\n`);
    try {
      linkSync(proposal, join(this.folder, 'current'));
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
      rmSync(keyFile, { force: true });
      rmSync(join(this.folder, `${fingerprint}.pub.pem`), { force: true });
    } finally {
      rmSync(proposal, { force: true });
    }
    const current = this.pointer('current');
    if (!current) throw new Error('no current key');
    return current;
  }
}
