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
      }),
    )
    .digest('hex');
}

export class AuditTrail {
  private readonly last;
  private readonly insert;

  constructor(private readonly db: Db) {
    this.last = db.prepare<[], { seq: number; hash: string }>(
      'SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1',
    );
    this.insert = db.prepare(
      `INSERT INTO audit_event (seq, at, actor, action, subject, payload_json, prev_hash, hash)
       VALUES (@seq, @at, @actor, @action, @subject, @payload_json, @prev_hash, @hash)`,
    );
  }

  /** The number of the last event: it changes with every write, whichever process makes it. */
  lastSeq(): number {
    return this.last.get()?.seq ?? 0;
  }

  /** Must run inside the caller's transaction. */
  append(input: AuditEventInput): void {
    const previous = this.last.get();
    const event = {
      seq: (previous?.seq ?? 0) + 1,
      at: new Date().toISOString(),
      actor: input.actor ?? 'organiser',
      action: input.action,
      subject: input.subject,
      payload_json: canonicalJson(input.payload ?? null),
    };
    const prevHash = previous?.hash ?? GENESIS;
    this.insert.run({ ...event, prev_hash: prevHash, hash: eventHash(prevHash, event) });
  }

  /** Recomputes the chain; the first sequence number whose hash does not hold, or null. */
  verify(): { events: number; brokenAt: number | null } {
    let prevHash = GENESIS;
    let expectedSeq = 1;
    let events = 0;
    for (const event of this.db
      .prepare<[], AuditEvent>('SELECT * FROM audit_event ORDER BY seq')
      .iterate()) {
      events += 1;
      if (
        event.seq !== expectedSeq ||
        event.prev_hash !== prevHash ||
        eventHash(prevHash, event) !== event.hash
      ) {
        return { events, brokenAt: event.seq };
      }
      prevHash = event.hash;
      expectedSeq += 1;
    }
    return { events, brokenAt: null };
  }
}
