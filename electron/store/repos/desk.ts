// The expert desk's settings (one row of `project`) and the reviewers' PIN hashes.
import type { Db } from '../database';

export type DeskMode = 'organiser' | 'expert';

export interface DeskSettings {
  desk_mode: DeskMode;
  organiser_pin_hash: string | null;
  idle_lock_minutes: number;
}

export class DeskRepository {
  private readonly settingsStatement;
  private readonly pinsStatement;
  private readonly setModeStatement;
  private readonly setOrganiserPinStatement;
  private readonly setIdleStatement;
  private readonly setReviewerPinStatement;

  constructor(db: Db) {
    this.settingsStatement = db.prepare<[], DeskSettings>(
      'SELECT desk_mode, organiser_pin_hash, idle_lock_minutes FROM project WHERE id = 1',
    );
    this.pinsStatement = db.prepare<[], { external_id: string; pin_hash: string | null }>(
      'SELECT external_id, pin_hash FROM reviewer ORDER BY external_id',
    );
    this.setModeStatement = db.prepare('UPDATE project SET desk_mode = ? WHERE id = 1');
    this.setOrganiserPinStatement = db.prepare(
      'UPDATE project SET organiser_pin_hash = ? WHERE id = 1',
    );
    this.setIdleStatement = db.prepare('UPDATE project SET idle_lock_minutes = ? WHERE id = 1');
    this.setReviewerPinStatement = db.prepare(
      'UPDATE reviewer SET pin_hash = ? WHERE external_id = ?',
    );
  }

  settings(): DeskSettings {
    return (
      this.settingsStatement.get() ?? {
        desk_mode: 'organiser',
        organiser_pin_hash: null,
        idle_lock_minutes: 10,
      }
    );
  }

  /** Every reviewer's PIN hash (null: none set), by reviewer id. */
  reviewerPins(): Map<string, string | null> {
    return new Map(this.pinsStatement.all().map((row) => [row.external_id, row.pin_hash]));
  }

  setMode(mode: DeskMode): void {
    this.setModeStatement.run(mode);
  }

  setOrganiserPin(hash: string | null): void {
    this.setOrganiserPinStatement.run(hash);
  }

  setIdleMinutes(minutes: number): void {
    this.setIdleStatement.run(minutes);
  }

  /** False when no reviewer has that id. */
  setReviewerPin(reviewerId: string, hash: string | null): boolean {
    return this.setReviewerPinStatement.run(hash, reviewerId).changes > 0;
  }
}
