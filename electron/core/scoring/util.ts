/**
 * `a[i]` for an index the caller knows is in bounds. The engine's loops index typed arrays
 * by construction; this keeps `noUncheckedIndexedAccess` without a check per read.
 */
export function at<T>(a: ArrayLike<T>, i: number): T {
  return a[i] as T;
}

/** Code-unit order: locale-independent, so results are the same on every machine. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
