// Reviewers (experts): import and list.
// One domain of the contract (contract.ts combines them): Node-free, like all of it.
import { z } from 'zod';
import { readPath, taskId, op } from './shared';
import type { ImportRejection } from './entries';

export interface Reviewer {
  id: number;
  reviewer_id: string;
  name: string;
  organisation: string | null;
  title: string | null;
  province: string | null;
  sectors: string[];
  avoid_organisations: string[];
}

export interface ReviewerImportSummary {
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: ImportRejection[];
}

export const reviewerOperations = {
  'reviewers.import': op<ReviewerImportSummary>('task')(
    z.object({ path: readPath, file_name: z.string().optional(), task_id: taskId.optional() }),
  ),
  'reviewers.list': op<Reviewer[]>('read')(z.object({})),
} as const;
