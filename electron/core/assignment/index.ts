// The assignment of reviewers to a round's entries: the problem's shape, the exact solve
// (min-cost flow, solve.ts) and the feasibility check made before it (feasibility.ts).
export type * from './problem';
export { solveAssignment } from './solve';
export { checkFeasibility, sectorFeasibility } from './feasibility';
