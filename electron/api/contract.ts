// The one contract between the window, the CLI, the local test host and the handlers: the
// registry of its domains (contract/<domain>.ts), each declaring its schemas, result types and
// operations with their kinds. A new domain adds its module here, to DOMAINS and its exports.
// Node-free: the renderer reads it for types and the preload for channel names.
import { z } from 'zod';
import type { AggregationMethod } from '../core/domain';
import type { OPERATION_NAMES } from './channels';
import { assignmentOperations } from './contract/assignments';
import { conflictOperations } from './contract/conflicts';
import { deskOperations } from './contract/desk';
import { entryOperations } from './contract/entries';
import { exportOperations } from './contract/export';
import { packetOperations } from './contract/packets';
import { projectOperations } from './contract/project';
import { rankingOperations } from './contract/ranking';
import { reviewerOperations } from './contract/reviewers';
import { roundOperations } from './contract/rounds';
import { rubricOperations } from './contract/rubrics';
import { scoringOperations } from './contract/scoring';
import { pathUses, type OperationKind, type PathUse } from './contract/shared';
import { shortlistOperations } from './contract/shortlists';
import { taskOperations } from './contract/tasks';
import type { Result } from './result';

export * from './contract/assignments';
export * from './contract/conflicts';
export * from './contract/desk';
export * from './contract/entries';
export * from './contract/export';
export * from './contract/packets';
export * from './contract/project';
export * from './contract/ranking';
export * from './contract/reviewers';
export * from './contract/rounds';
export * from './contract/rubrics';
export * from './contract/scoring';
export * from './contract/shortlists';
export * from './contract/tasks';
export type { AggregationMethod, OperationKind, PathUse };

const DOMAINS = [
  projectOperations,
  entryOperations,
  rubricOperations,
  reviewerOperations,
  conflictOperations,
  roundOperations,
  assignmentOperations,
  scoringOperations,
  deskOperations,
  rankingOperations,
  exportOperations,
  shortlistOperations,
  packetOperations,
  taskOperations,
] as const;

/** Every operation of every domain, by name. */
type Combined<T extends readonly object[]> = T extends readonly [
  infer Head extends object,
  ...infer Rest extends readonly object[],
]
  ? Head & Combined<Rest>
  : unknown;
type Flat<T> = { [K in keyof T]: T[K] };

/** The names declared by more than one domain (never, as the check below requires). */
type DeclaredTwice<T extends readonly object[], Seen = never> = T extends readonly [
  infer Head extends object,
  ...infer Rest extends readonly object[],
]
  ? (keyof Head & Seen) | DeclaredTwice<Rest, Seen | keyof Head>
  : never;

export const operations = Object.assign({}, ...DOMAINS) as Flat<Combined<typeof DOMAINS>>;

export type Operations = typeof operations;
export type OperationName = keyof Operations;
export type OperationInput<N extends OperationName> = z.input<Operations[N]['input']>;
export type OperationParsedInput<N extends OperationName> = z.output<Operations[N]['input']>;
export type OperationOutput<N extends OperationName> = Exclude<Operations[N]['output'], undefined>;

/** What each operation is (read, write, task, session), as its domain declares it. */
export const OPERATION_KINDS = Object.fromEntries(
  Object.entries(operations as Record<string, { kind: OperationKind }>).map(([name, { kind }]) => [
    name,
    kind,
  ]),
) as Record<OperationName, OperationKind>;

/** A schema without its optional() and default() wrappers. */
function unwrapped(schema: z.core.$ZodType): z.core.$ZodType {
  let inner = schema;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault) inner = inner.unwrap();
  return inner;
}

const PATH_FIELDS = new Map(
  Object.entries(operations as Record<string, { input: z.ZodType }>).map(([name, { input }]) => [
    name,
    input instanceof z.ZodObject
      ? Object.entries(input.shape as Record<string, z.core.$ZodType>).flatMap(
          ([field, schema]) => {
            const use = pathUses.get(unwrapped(schema))?.use;
            return use === undefined ? [] : [{ field, use }];
          },
        )
      : [],
  ]),
);

/**
 * The fields of an operation's input that hold a path, with what the operation does with each.
 * Read from the schemas, so a new operation's paths are checked as soon as it declares them.
 */
export function pathFields(name: string): ReadonlyArray<{ field: string; use: PathUse }> {
  return PATH_FIELDS.get(name) ?? [];
}

/** The client every way in sees: one async function per operation. */
export type SailClient = {
  [N in OperationName]: (input: OperationInput<N>) => Promise<Result<OperationOutput<N>>>;
};

type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
// No two domains declare one operation (the later would silently replace the earlier).
export type NoOperationDeclaredTwice = Assert<SameKeys<DeclaredTwice<typeof DOMAINS>, never>>;
// The channel list the preload reads must name exactly these operations.
export type ChannelsMatchContract = Assert<
  SameKeys<OperationName, (typeof OPERATION_NAMES)[number]>
>;
