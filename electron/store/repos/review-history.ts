// The audit events that wrote one review: the window's saves, submissions, reopenings and
// recusals (their subject names the review), the score imports and packet merges that wrote it
// (their payload keeps what each review became) and the clashes settled by taking the packet's
// review. Read for the review's history (scoring.history).
import type { Db } from '../database';

export interface ReviewHistoryEvent {
  seq: number;
  at: string;
  actor: string;
  action: string;
  /** The event's payload (JSON); for an import, only this review's part of it. */
  payload_json: string;
}

export class ReviewHistoryRepository {
  private readonly events;

  constructor(db: Db) {
    this.events = db.prepare<
      {
        subject: string;
        imports: string;
        written: string;
        merged: string;
        round: string;
        entry: number;
        reviewer: string;
      },
      ReviewHistoryEvent
    >(
      `SELECT seq, at, actor, action, payload_json FROM audit_event
       WHERE subject = @subject
         AND action IN ('review.save', 'review.submit', 'review.reopen', 'review.recuse')
       UNION ALL
       SELECT seq, at, actor, action, json_extract(payload_json, @written) FROM audit_event
       WHERE action = 'scores.import' AND subject LIKE @imports ESCAPE '\\'
         AND json_type(payload_json, @written) = 'object'
       UNION ALL
       SELECT seq, at, actor, action, json_extract(payload_json, @merged) FROM audit_event
       WHERE action = 'packet.merge' AND json_extract(payload_json, '$.round') = @round
         AND json_type(payload_json, @merged) = 'object'
       UNION ALL
       SELECT seq, at, actor, action, json_extract(payload_json, '$.review') FROM audit_event
       WHERE action = 'packet.resolve' AND json_extract(payload_json, '$.keep') = 'packet'
         AND json_extract(payload_json, '$.round') = @round
         AND json_extract(payload_json, '$.entry') = @entry
         AND json_extract(payload_json, '$.reviewer') = @reviewer
       ORDER BY seq`,
    );
  }

  /** The events of the review of (round, entry row id, reviewer), oldest first. */
  of(
    roundUuid: string,
    entryId: number,
    reviewer: { id: number; external_id: string },
  ): ReviewHistoryEvent[] {
    return this.events.all({
      subject: `${roundUuid}/${entryId}/${reviewer.external_id}`,
      imports: `${roundUuid.replace(/[\\%_]/g, '\\$&')}:%`,
      written: `$.written."${entryId}/${reviewer.id}"`,
      merged: `$.reviews."${entryId}/${reviewer.id}"`,
      round: roundUuid,
      entry: entryId,
      reviewer: reviewer.external_id,
    });
  }
}
