// What `verify` finds when it checks the data against the audit chain (store/row-journal.ts,
// store/chain-seal.ts): shared by the store, the api's contract and the CLI.

/** A row whose stored values the chain does not vouch for. */
export interface RowDifference {
  table: string;
  /** The row's primary key as the journal records it: `12`, or `[12,"net"]` for two columns. */
  key: string;
  /**
   * changed: other values than the chain's; deleted: the chain has the row, the file not;
   * inserted: the file has a row the chain never wrote, or wrote as deleted.
   */
  kind: 'changed' | 'deleted' | 'inserted';
  /** The audit event that last wrote the row (null: no event ever did). */
  seq: number | null;
}

/** Where a row is in the review's terms, when the file still has it. */
export interface RowLabel {
  round?: string;
  entry_id?: string;
  reviewer_id?: string;
  criterion?: string;
}

/** How the signed head compares with the chain's head. */
export type SealCheck =
  | {
      status: 'valid';
      fingerprint: string;
      seq: number;
      /** A panel package's head: signed by its expert's key, which the organiser's certified. */
      expert?: { reviewer_id: string; name: string; certified_by: string };
    }
  /** A panel package's key is not one the organiser certified (fingerprint: the certifier's). */
  | { status: 'bad_certificate'; fingerprint: string }
  /** The chain vouches for rows but nothing signed its head. */
  | { status: 'missing' }
  /** Signed with a key neither the key store nor the key given to verify is. */
  | { status: 'unknown_key'; fingerprint: string }
  /** The signature does not hold for the head the seal names. */
  | { status: 'bad_signature'; fingerprint: string; seq: number }
  /** The signed head is not the chain's head: events were cut off, or added without the key. */
  | { status: 'other_head'; fingerprint: string; seq: number; head_seq: number | null }
  /** A project from before signed heads and not written since: nothing to check. */
  | { status: 'not_signed' };
