// The signed head of the audit chain. Anyone with the file can recompute every hash of the
// chain, so the hashes alone prove nothing against a rewrite; a signature over the last event,
// made with the organiser's Ed25519 key kept outside the file (io/organiser-keys.ts), does: a
// rewritten or cut-off chain no longer matches what was signed, and signing again needs the key.
import { verify as verifySignature, type KeyObject } from 'node:crypto';
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
