// An expert's pace: submissions in the last hour and the usual minutes per review, breaks left out.
import { describe, expect, it } from 'vitest';
import { reviewPace } from '../../../electron/core/pace';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 7, 9, 0) + minute * 60_000);
const times = (...minutes: number[]) => minutes.map((m) => at(m).toISOString());

describe('reviewPace', () => {
  it('knows nothing of the usual time before two submissions', () => {
    expect(reviewPace([], at(0))).toEqual({ last_hour: 0, minutes_per_review: null });
    expect(reviewPace(times(0), at(10))).toEqual({ last_hour: 1, minutes_per_review: null });
  });

  it('takes the median gap, so one slow entry does not skew it', () => {
    // Gaps 8, 9, 30, 10 minutes: the median is 9.5.
    expect(reviewPace(times(0, 8, 17, 47, 57), at(60))).toEqual({
      last_hour: 5,
      minutes_per_review: 9.5,
    });
  });

  it('leaves breaks of more than an hour out, and counts only the last hour', () => {
    // 12-minute gaps in the morning, lunch of two hours, then 6-minute gaps.
    const day = times(0, 12, 24, 36, 156, 162, 168);
    expect(reviewPace(day, at(170))).toEqual({ last_hour: 3, minutes_per_review: 12 });
    expect(reviewPace(day, at(300))).toEqual({ last_hour: 0, minutes_per_review: 12 });
  });
});
