/**
 * Rounds to 2 decimals, half up (away from zero for negatives, as 四舍五入).
 *
 * `Math.round(x * 100) / 100` fails on values like 1.005, stored as 1.00499999…: the
 * half-way point is compared as a double instead. The double nearest to a decimal such as
 * 1.005 is the same whichever way it was computed (literal or correctly rounded division),
 * so a value whose intended decimal sits on the boundary compares equal to it and rounds up.
 * Numeric, not string-based: aggregation rounds some ten values per entry.
 */
export function round2(x: number): number {
  if (x < 0) return -round2(-x);
  const cents = Math.floor(x * 100);
  return x >= (cents + 0.5) / 100 ? (cents + 1) / 100 : cents / 100;
}
