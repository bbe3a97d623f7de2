// The expert desk (评分台): a project opened for experts. Each expert signs in with the PIN the
// organiser set; only their own queue and scoring are reachable; the desk locks when idle; the
// organiser's PIN leaves expert mode.
// One domain of the contract (contract.ts combines them): Node-free, like all of it.
import { z } from 'zod';
import { nonEmpty, op } from './shared';

/** A PIN as people type it on a laptop's number row: 4 to 12 digits. */
export const pin = z.string().regex(/^\d{4,12}$/, 'PIN: 4–12 digits');

export interface DeskExpert {
  reviewer_id: string;
  name: string;
}

export interface DeskState {
  mode: 'organiser' | 'expert';
  /** The expert signed in at the desk: null in organiser mode or while the desk is locked. */
  reviewer: DeskExpert | null;
  idle_lock_minutes: number;
  organiser_pin_set: boolean;
  /** Experts who can sign in (the organiser has set their PIN), by id. */
  experts: DeskExpert[];
}

export const deskOperations = {
  'desk.state': op<DeskState>('read')(z.object({})),
  /** Turns the project into an expert desk (locked until an expert signs in). */
  'desk.open': op<DeskState>('write')(z.object({})),
  'desk.signIn': op<DeskState>('write')(z.object({ reviewer_id: nonEmpty, pin })),
  /** Signs the expert out (idle, or on request): the next one signs in with their PIN. */
  'desk.lock': op<DeskState>('write')(z.object({})),
  /** Back to organiser mode; the organiser's PIN is asked when one is set. */
  'desk.close': op<DeskState>('write')(z.object({ organiser_pin: pin.optional() })),
  'desk.settings': op<DeskState>('write')(
    z.object({
      idle_lock_minutes: z.number().int().min(1).max(240).optional(),
      /** A new organiser PIN, or null to remove it. */
      organiser_pin: pin.nullable().optional(),
    }),
  ),
  /** Sets (or with null, removes) an expert's PIN. */
  'reviewers.setPin': op<DeskState>('write')(
    z.object({ reviewer_id: nonEmpty, pin: pin.nullable() }),
  ),
} as const;
