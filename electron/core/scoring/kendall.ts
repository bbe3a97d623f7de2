// Kendall's τ-b between two rankings of the same entries, ties handled (Knight's algorithm,
// O(n log n): a round of 50,000 entries has 1.25 billion pairs, too many to count one by one).

/**
 * τ-b = (concordant − discordant) / √((n0 − tiesX)(n0 − tiesY)), where n0 = n(n − 1)/2 and a
 * pair tied in x (or y) counts in tiesX (tiesY) and is neither concordant nor discordant.
 * Null when it is undefined: fewer than two values, or every value of one side tied.
 */
export function kendallTauB(x: readonly number[], y: readonly number[]): number | null {
  const n = x.length;
  if (y.length !== n) throw new RangeError('kendallTauB: x and y differ in length');
  if (n < 2) return null;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (x[a] as number) - (x[b] as number) || (y[a] as number) - (y[b] as number),
  );
  const n0 = (n * (n - 1)) / 2;
  // Pairs tied in x, and tied in both x and y, from runs of the (x, y)-sorted order.
  let tiesX = 0;
  let tiesXY = 0;
  let runX = 1;
  let runXY = 1;
  for (let p = 1; p < n; p++) {
    const a = order[p - 1] as number;
    const b = order[p] as number;
    if (x[a] === x[b]) {
      runX++;
      if (y[a] === y[b]) runXY++;
      else {
        tiesXY += (runXY * (runXY - 1)) / 2;
        runXY = 1;
      }
    } else {
      tiesX += (runX * (runX - 1)) / 2;
      tiesXY += (runXY * (runXY - 1)) / 2;
      runX = 1;
      runXY = 1;
    }
  }
  tiesX += (runX * (runX - 1)) / 2;
  tiesXY += (runXY * (runXY - 1)) / 2;

  // Sorting by y with a merge sort counts the swaps: the pairs out of order in y, i.e. the
  // discordant ones (pairs tied in x are already in y order, so they cost no swap).
  const ys = order.map((i) => y[i] as number);
  const swaps = mergeSortCountingSwaps(ys);
  let tiesY = 0;
  let runY = 1;
  for (let p = 1; p < n; p++) {
    if (ys[p] === ys[p - 1]) runY++;
    else {
      tiesY += (runY * (runY - 1)) / 2;
      runY = 1;
    }
  }
  tiesY += (runY * (runY - 1)) / 2;

  const denominator = Math.sqrt((n0 - tiesX) * (n0 - tiesY));
  if (denominator === 0) return null;
  // concordant − discordant = n0 − tiesX − tiesY + tiesXY − 2·discordant
  return (n0 - tiesX - tiesY + tiesXY - 2 * swaps) / denominator;
}

/** Sorts `values` ascending in place; returns how many inversions (i < j, v[i] > v[j]) it had. */
function mergeSortCountingSwaps(values: number[]): number {
  const buffer = new Array<number>(values.length);
  let swaps = 0;
  for (let width = 1; width < values.length; width *= 2) {
    for (let lo = 0; lo < values.length; lo += 2 * width) {
      const mid = Math.min(lo + width, values.length);
      const hi = Math.min(lo + 2 * width, values.length);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if ((values[j] as number) < (values[i] as number)) {
          swaps += mid - i;
          buffer[k++] = values[j++] as number;
        } else buffer[k++] = values[i++] as number;
      }
      while (i < mid) buffer[k++] = values[i++] as number;
      while (j < hi) buffer[k++] = values[j++] as number;
      for (let p = lo; p < hi; p++) values[p] = buffer[p] as number;
    }
  }
  return swaps;
}
