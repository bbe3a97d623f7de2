// The signed head of the audit chain. Anyone with the file can recompute every hash of the
// chain, so the hashes alone prove nothing against a rewrite; a signature over the last event,
// made with the organiser's Ed25519 key kept outside the file (io/organiser-keys.ts), does: a
// rewritten or cut-off chain no longer matches what was signed, and signing again needs the key.
//
// A panel package travels to the expert's laptop, where the organiser's key is not: its chain is
// signed with the package's own key, which the organiser certified at export (the certificate
// signs the package's identity and public key). `verify` trusts a package's head when it is
// signed by that key and the certificate holds under an organiser key it knows.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  sign,
  verify as verifySignature,
  type KeyObject,
} from 'node:crypto';
import type { SealCheck } from '../core/chain';
import type { Db } from './database';

/** What signs the chain's head: the organiser's key on this computer. */
export interface HeadSigner {
  /** SHA-256 of the public key (SPKI DER), hex: what the project records. */
  fingerprint: string;
  sign(message: Buffer): Buffer;
}

/** The organiser's keys as a writer and a checker see them. */
export interface OrganiserKeys {
  /** The key this computer signs with (made on first use). */
  signer(): HeadSigner;
  /** The public key with this fingerprint, or null when the key store does not hold it. */
  publicKey(fingerprint: string): KeyObject | null;
}

export interface ChainSealRecord {
  seq: number;
  hash: string;
  key_fingerprint: string;
  signature: string;
  signed_at: string;
}

const message = (seq: number, hash: string) =>
  Buffer.from(`sail-review audit chain head\n${seq}\n${hash}`);

/** The fingerprint a project records: SHA-256 of the public key's SPKI DER, hex. */
export function keyFingerprint(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

/** What the organiser certifies of a package: whose it is, and its public key (SPKI DER, base64). */
export interface PackageIdentity {
  project_uuid: string;
  package_uuid: string;
  round_uuid: string;
  reviewer_id: string;
  public_key: string;
}

export interface PackageCertificate {
  certified_by: string;
  certificate: string;
}

const certified = (p: PackageIdentity) =>
  Buffer.from(
    `sail-review panel package key\n${p.project_uuid}\n${p.package_uuid}\n${p.round_uuid}\n${p.reviewer_id}\n${p.public_key}`,
  );

const packagePublicKey = (publicKey: string) =>
  createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });

/** The organiser's signature over a package's identity and key, made at export. */
export function certifyPackage(identity: PackageIdentity, signer: HeadSigner): PackageCertificate {
  return {
    certified_by: signer.fingerprint,
    certificate: signer.sign(certified(identity)).toString('base64'),
  };
}

/** Signs a package's heads with its own key (PKCS #8 DER, base64), on any laptop. */
export function packageSigner(publicKey: string, privateKey: string): HeadSigner {
  const key = createPrivateKey({
    key: Buffer.from(privateKey, 'base64'),
    format: 'der',
    type: 'pkcs8',
  });
  return {
    fingerprint: keyFingerprint(packagePublicKey(publicKey)),
    sign: (bytes) => sign(null, bytes, key),
  };
}

/** A package as `verify` checks its seal: its identity, certificate and expert. */
export interface PackageSealSubject extends PackageIdentity {
  certified_by: string | null;
  certificate: string | null;
  reviewer_name: string;
}

export class ChainSeal {
  private readonly upsert;
  private readonly current;

  constructor(db: Db) {
    this.upsert = db.prepare(
      `INSERT INTO chain_seal (id, seq, hash, key_fingerprint, signature, signed_at)
       VALUES (1, @seq, @hash, @key_fingerprint, @signature, @signed_at)
       ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash,
         key_fingerprint = excluded.key_fingerprint, signature = excluded.signature,
         signed_at = excluded.signed_at`,
    );
    this.current = db.prepare<[], ChainSealRecord>(
      'SELECT seq, hash, key_fingerprint, signature, signed_at FROM chain_seal WHERE id = 1',
    );
  }

  /** Signs the new head: inside the write's transaction, so it commits with the event. */
  seal(head: { seq: number; hash: string }, signer: HeadSigner): void {
    this.upsert.run({
      ...head,
      key_fingerprint: signer.fingerprint,
      signature: signer.sign(message(head.seq, head.hash)).toString('base64'),
      signed_at: new Date().toISOString(),
    });
  }

  record(): ChainSealRecord | undefined {
    return this.current.get();
  }

  /**
   * Checks a package's seal: its head must be signed with the package's own key, and that key
   * certified by an organiser key `publicKey` finds; any other signer is unknown.
   */
  checkPackage(
    head: { seq: number; hash: string } | null,
    required: boolean,
    subject: PackageSealSubject,
    publicKey: (fingerprint: string) => KeyObject | null,
  ): SealCheck {
    let own: KeyObject;
    try {
      own = packagePublicKey(subject.public_key);
    } catch {
      return { status: 'bad_certificate', fingerprint: subject.certified_by ?? '' };
    }
    const ownFingerprint = keyFingerprint(own);
    const check = this.check(head, required, (fingerprint) =>
      fingerprint === ownFingerprint ? own : null,
    );
    if (check.status !== 'valid') return check;
    if (subject.certified_by === null || subject.certificate === null) {
      return { status: 'bad_certificate', fingerprint: ownFingerprint };
    }
    const organiser = publicKey(subject.certified_by);
    if (!organiser) return { status: 'unknown_key', fingerprint: subject.certified_by };
    let holds: boolean;
    try {
      holds = verifySignature(
        null,
        certified(subject),
        organiser,
        Buffer.from(subject.certificate, 'base64'),
      );
    } catch {
      holds = false;
    }
    if (!holds) return { status: 'bad_certificate', fingerprint: subject.certified_by };
    return {
      ...check,
      expert: {
        reviewer_id: subject.reviewer_id,
        name: subject.reviewer_name,
        certified_by: subject.certified_by,
      },
    };
  }

  /**
   * Checks the seal against the chain's head. `required`: the chain vouches for rows (written
   * since migration 0012), so its head must be signed. `publicKey` finds the key for a
   * fingerprint (the key store, or a file the organiser gave).
   */
  check(
    head: { seq: number; hash: string } | null,
    required: boolean,
    publicKey: (fingerprint: string) => KeyObject | null,
  ): SealCheck {
    const seal = this.record();
    if (!seal) return required ? { status: 'missing' } : { status: 'not_signed' };
    const fingerprint = seal.key_fingerprint;
    const key = publicKey(fingerprint);
    if (!key) return { status: 'unknown_key', fingerprint };
    let holds: boolean;
    try {
      holds = verifySignature(
        null,
        message(seal.seq, seal.hash),
        key,
        Buffer.from(seal.signature, 'base64'),
      );
    } catch {
      holds = false;
    }
    if (!holds) return { status: 'bad_signature', fingerprint, seq: seal.seq };
    if (!head || head.seq !== seal.seq || head.hash !== seal.hash) {
      return { status: 'other_head', fingerprint, seq: seal.seq, head_seq: head?.seq ?? null };
    }
    return { status: 'valid', fingerprint, seq: seal.seq };
  }
}
