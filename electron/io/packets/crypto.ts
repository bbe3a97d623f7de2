// An encrypted panel package (issue 14): the project's SQLite image under AES-256-GCM with a key
// from the passphrase through scrypt. The header is authenticated with the data:
//
//   magic "SAILPKGE" (8) | format 1 (1) | salt (16) | check (16) | nonce (12) | ciphertext | tag (16)
//
// scrypt gives 64 bytes: the first 32 are the AES key; the check is an HMAC under the other 32,
// so a wrong passphrase is told apart from a damaged file without decrypting anything. Every
// save takes a fresh nonce under the same key.
import { createCipheriv, createDecipheriv, createHmac, randomBytes, scryptSync } from 'node:crypto';
import { timingSafeEqual } from 'node:crypto';
import { basename } from 'node:path';
import { SailError } from '../../core/errors';

export const ENCRYPTED_MAGIC = Buffer.from('SAILPKGE', 'latin1');
const FORMAT = 1;
const SALT_BYTES = 16;
const CHECK_BYTES = 16;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = ENCRYPTED_MAGIC.length + 1 + SALT_BYTES + CHECK_BYTES + NONCE_BYTES;
// 2^15 × 8 × 128 bytes = 32 MiB of memory per guess, ~0.1 s: slow for a guesser, quick to open.
const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

/** The keys of one package file, kept while it is open (never the passphrase). */
export interface PackageKey {
  salt: Buffer;
  key: Buffer;
  check: Buffer;
}

export function isEncryptedPackage(head: Uint8Array): boolean {
  return (
    head.length >= ENCRYPTED_MAGIC.length &&
    ENCRYPTED_MAGIC.equals(head.subarray(0, ENCRYPTED_MAGIC.length))
  );
}

export function deriveKey(passphrase: string, salt: Buffer = randomBytes(SALT_BYTES)): PackageKey {
  const derived = scryptSync(passphrase.normalize('NFC'), salt, 64, SCRYPT);
  const key = derived.subarray(0, 32);
  const check = createHmac('sha256', derived.subarray(32))
    .update('sailreview package passphrase')
    .digest()
    .subarray(0, CHECK_BYTES);
  return { salt, key, check };
}

export function encryptImage(image: Uint8Array, key: PackageKey): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const header = Buffer.concat([ENCRYPTED_MAGIC, Buffer.of(FORMAT), key.salt, key.check, nonce]);
  const cipher = createCipheriv('aes-256-gcm', key.key, nonce);
  cipher.setAAD(header);
  const body = Buffer.concat([cipher.update(image), cipher.final()]);
  return Buffer.concat([header, body, cipher.getAuthTag()]);
}

function damaged(path: string, zh: string, en: string): SailError {
  return new SailError(
    'package_damaged',
    `加密评审包“${basename(path)}”已损坏或被改动（${zh}），无法打开。请向主办方重新索取。`,
    `The encrypted panel package "${basename(path)}" is damaged or was altered (${en}) and cannot be opened. Ask the organiser for it again.`,
  );
}

/** The image of an encrypted package and its keys; a wrong passphrase or damage is refused. */
export function decryptImage(
  file: Buffer,
  passphrase: string,
  path: string,
): { image: Buffer; key: PackageKey } {
  if (!isEncryptedPackage(file)) throw damaged(path, '文件头不对', 'its header is wrong');
  if (file.length < HEADER_BYTES + TAG_BYTES) {
    throw damaged(path, '文件不完整', 'the file is cut short');
  }
  let at = ENCRYPTED_MAGIC.length;
  const format = file[at];
  at += 1;
  if (format !== FORMAT) {
    throw new SailError(
      'package_too_new',
      `评审包“${basename(path)}”的加密格式（第 ${format} 版）不受本程序支持，请升级扬帆评审。`,
      `The panel package "${basename(path)}" uses encryption format ${format}, which this SailReview does not know. Update SailReview.`,
    );
  }
  const salt = file.subarray(at, (at += SALT_BYTES));
  const check = file.subarray(at, (at += CHECK_BYTES));
  const nonce = file.subarray(at, at + NONCE_BYTES);
  const key = deriveKey(passphrase, Buffer.from(salt));
  if (!timingSafeEqual(key.check, check)) {
    throw new SailError(
      'wrong_passphrase',
      `评审包“${basename(path)}”的口令不正确。请核对主办方另行告知的口令后重试。`,
      `Wrong passphrase for the panel package "${basename(path)}". Check the passphrase the organiser gave you separately, and try again.`,
    );
  }
  const decipher = createDecipheriv('aes-256-gcm', key.key, nonce);
  decipher.setAAD(file.subarray(0, HEADER_BYTES));
  decipher.setAuthTag(file.subarray(file.length - TAG_BYTES));
  try {
    const image = Buffer.concat([
      decipher.update(file.subarray(HEADER_BYTES, file.length - TAG_BYTES)),
      decipher.final(),
    ]);
    return { image, key };
  } catch {
    throw damaged(path, '校验不通过', 'its authentication failed');
  }
}
