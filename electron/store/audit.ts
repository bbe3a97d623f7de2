// The append-only, hash-chained audit trail. Written only inside ProjectStore.write transactions.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../core/canonical-json';
import type { Db } from './database';

export interface AuditEventInput {
  action: string;
  subject: string;
  payload: unknown;
  actor?: string;
}

export interface AuditEvent {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  payload_json: string;
  prev_hash: string;
  hash: string;
  /** The digest of the rows the event wrote (store/row-journal.ts); null before migration 0012. */
  rows_digest: string | null;
}

/** What the chain says, recomputed: where it breaks and what it vouches for. */
export interface ChainCheck {
  events: number;
  /** The first sequence number whose hash does not hold, or null. */
  brokenAt: number | null;
  /** The last event, as stored. */
  head: { seq: number; hash: string } | null;
  /** Each journalled event's digest of the rows it wrote. */
  rowDigests: Map<number, string>;
  /** The chain journalled rows from its first event (a project made since migration 0012). */
  journalledFromStart: boolean;
}

const GENESIS = '0'.repeat(64);

function eventHash(prevHash: string, event: Omit<AuditEvent, 'hash' | 'prev_hash'>): string {
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(
      canonicalJson({
        seq: event.seq,
        at: event.at,
        actor: event.actor,
        action: event.action,
        subject: event.subject,
        payload: event.payload_json,
        // Absent from events written before the journal, so their hashes still hold.
        rows: event.rows_digest ?? undefined,
      }),
    )
    .digest('hex');
}

/**
 * The newest event other than a page check (`project.check`, which records a reading, not a
 * change), as `seq:hash`: the state of the data a backup holds.
 */
export const LAST_CHANGE_SQL = `SELECT seq || ':' || hash FROM audit_event
  WHERE action <> 'project.check' ORDER BY seq DESC LIMIT 1`;

export class AuditTrail {
  private readonly last;
  private readonly lastChangeStatement;
  private readonly insert;
  private readonly lastAbout;

  constructor(private readonly db: Db) {
    this.last = db.prepare<[], { seq: number; hash: string }>(
      'SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1',
    );
    this.lastChangeStatement = db.prepare<[], string>(LAST_CHANGE_SQL).pluck();
    // Through the index on (subject, seq): a lookup, however long the trail.
    this.lastAbout = db.prepare<[string], { at: string; payload_json: string }>(
      'SELECT at, payload_json FROM audit_event WHERE subject = ? ORDER BY seq DESC LIMIT 1',
    );
    this.insert = db.prepare(
      `INSERT INTO audit_event (seq, at, actor, action, subject, payload_json, rows_digest,
         prev_hash, hash)
       VALUES (@seq, @at, @actor, @action, @subject, @payload_json, @rows_digest, @prev_hash,
         @hash)`,
    );
  }

  /** The number of the last event: it changes with every write, whichever process makes it. */
  lastSeq(): number {
    return this.last.get()?.seq ?? 0;
  }

  /** The newest change (LAST_CHANGE_SQL); null before any. */
  lastChange(): string | null {
    return this.lastChangeStatement.get() ?? null;
  }

  /** When the last event about `subject` was written, and its payload; null when none was. */
  lastEventAbout(subject: string): { at: string; payload: unknown } | null {
    const row = this.lastAbout.get(subject);
    return row ? { at: row.at, payload: JSON.parse(row.payload_json) as unknown } : null;
  }

  /** The number the next event gets: the rows a write journals carry it. */
  nextSeq(): number {
    return this.lastSeq() + 1;
  }

  /**
   * Must run inside the caller's transaction. `rowsDigest`: the digest of the rows the write
   * journalled (store/row-journal.ts). Returns the new head.
   */
  append(input: AuditEventInput, rowsDigest: string): { seq: number; hash: string } {
    const previous = this.last.get();
    const event = {
      seq: (previous?.seq ?? 0) + 1,
      at: new Date().toISOString(),
      actor: input.actor ?? 'organiser',
      action: input.action,
      subject: input.subject,
      payload_json: canonicalJson(input.payload ?? null),
      rows_digest: rowsDigest,
    };
    const prevHash = previous?.hash ?? GENESIS;
    const hash = eventHash(prevHash, event);
    this.insert.run({ ...event, prev_hash: prevHash, hash });
    return { seq: event.seq, hash };
  }

  /** Recomputes the chain: where it first breaks, its head and the row digests it records. */
  verify(): ChainCheck {
    let prevHash = GENESIS;
    let expectedSeq = 1;
    let events = 0;
    let brokenAt: number | null = null;
    let head: ChainCheck['head'] = null;
    let journalledFromStart = false;
    const rowDigests = new Map<number, string>();
    for (const event of this.db
      .prepare<[], AuditEvent>('SELECT * FROM audit_event ORDER BY seq')
      .iterate()) {
      events += 1;
      if (event.seq === 1) journalledFromStart = event.rows_digest !== null;
      if (event.rows_digest !== null) rowDigests.set(event.seq, event.rows_digest);
      head = { seq: event.seq, hash: event.hash };
      if (
        brokenAt === null &&
        (event.seq !== expectedSeq ||
          event.prev_hash !== prevHash ||
          eventHash(prevHash, event) !== event.hash)
      ) {
        brokenAt = event.seq;
      }
      prevHash = event.hash;
      expectedSeq += 1;
    }
    return { events, brokenAt, head, rowDigests, journalledFromStart };
  }
}
