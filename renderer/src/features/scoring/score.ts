// The rules of a score as typed (SCORING.md): a number from 0 to the criterion's max in
// steps of 0.5. Kept as text while typing so "12." or an out-of-range slip is never lost.
import type { Criterion, Gate } from '@core/domain';
import type { MessageKey, Vars } from '@shared/i18n';

export type GateAnswer = 'pass' | 'fail' | null;

export interface Draft {
  /** Score text per criterion key, exactly as typed. */
  scores: Record<string, string>;
  gates: Record<string, GateAnswer>;
  comment: string;
}

export interface ParsedScore {
  value: number | null;
  problem: { key: MessageKey; vars?: Vars } | null;
}

/** Full-width digits, points and the Chinese full stop (IME input) as ASCII; the rest as typed. */
export function halfWidth(text: string): string {
  return text.replace(/[０-９．。]/g, (char) => (char === '。' ? '.' : char.normalize('NFKC')));
}

function normalise(text: string): string {
  return halfWidth(text.normalize('NFKC')).trim();
}

export function parseScore(text: string, max: number): ParsedScore {
  const clean = normalise(text);
  if (clean === '') return { value: null, problem: null };
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(clean)) {
    return { value: null, problem: { key: 'scoring.invalidNumber' } };
  }
  const value = Number(clean);
  if (value < 0 || value > max)
    return { value: null, problem: { key: 'scoring.outOfRange', vars: { max } } };
  if (!Number.isInteger(value * 2)) return { value: null, problem: { key: 'scoring.notHalf' } };
  return { value, problem: null };
}

/** One half-point up or down from the typed value, kept within 0..max. */
export function stepScore(text: string, max: number, direction: 1 | -1): string {
  const current = parseScore(text, max).value;
  const base = current ?? (direction > 0 ? -0.5 : max + 0.5);
  return String(Math.min(max, Math.max(0, Math.round(base * 2) / 2 + direction * 0.5)));
}

export function scoreText(value: number | null): string {
  return value === null ? '' : String(value);
}

export interface DraftFacts {
  /** What scoring.save receives: valid scores, null for empty or invalid ones. */
  scores: Record<string, number | null>;
  total: number;
  filled: number;
  invalid: number;
  complete: boolean;
}

export function draftFacts(draft: Draft, criteria: Criterion[], gates: Gate[]): DraftFacts {
  const scores: Record<string, number | null> = {};
  let total = 0;
  let filled = 0;
  let invalid = 0;
  for (const criterion of criteria) {
    const parsed = parseScore(draft.scores[criterion.key] ?? '', criterion.max);
    scores[criterion.key] = parsed.value;
    if (parsed.value !== null) {
      total += parsed.value;
      filled += 1;
    }
    if (parsed.problem) invalid += 1;
  }
  const answered = gates.every((gate) => (draft.gates[gate.key] ?? null) !== null);
  return { scores, total, filled, invalid, complete: filled === criteria.length && answered };
}
