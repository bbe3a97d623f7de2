// An expert's pace from the times they submitted reviews: how many in the last hour, and the
// usual time one takes. Gaps of more than an hour are breaks (lunch, the night), not work, so
// they are left out of the usual time.
export interface Pace {
  last_hour: number;
  /** The median minutes between consecutive submissions, breaks left out; null before two. */
  minutes_per_review: number | null;
}

const HOUR_MS = 60 * 60 * 1000;

/** `times`: ISO times, oldest first. */
export function reviewPace(times: readonly string[], now: Date): Pace {
  const ms = times.map((time) => Date.parse(time));
  const lastHour = ms.filter((at) => now.getTime() - at <= HOUR_MS && at <= now.getTime()).length;
  const gaps = ms
    .slice(1)
    .map((at, i) => at - (ms[i] ?? at))
    .filter((gap) => gap > 0 && gap <= HOUR_MS)
    .sort((a, b) => a - b);
  if (gaps.length === 0) return { last_hour: lastHour, minutes_per_review: null };
  const middle = Math.floor(gaps.length / 2);
  const median =
    gaps.length % 2 === 1
      ? (gaps[middle] ?? 0)
      : ((gaps[middle - 1] ?? 0) + (gaps[middle] ?? 0)) / 2;
  return { last_hour: lastHour, minutes_per_review: Math.round((median / 60_000) * 10) / 10 };
}
