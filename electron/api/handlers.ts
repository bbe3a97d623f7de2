// The operations of contract.ts, implemented once for the window, the CLI and the test host:
// the registry of the domains' handlers (handlers/<domain>.ts), each given the same context.
import { chromiumPrinter } from '../io/export/chromium-printer';
import type { PdfPrinter } from '../io/export/pdf';
import type { OperationName } from './contract';
import type { Handlers, OperationContext } from './dispatch';
import type { HandlerContext } from './handlers/context';
import { entryHandlers } from './handlers/entries';
import { exportHandlers } from './handlers/export';
import { projectHandlers } from './handlers/project';
import { rankingHandlers } from './handlers/ranking';
import { reviewerHandlers } from './handlers/reviewers';
import { roundHandlers } from './handlers/rounds';
import { rubricHandlers } from './handlers/rubrics';
import { scoringHandlers } from './handlers/scoring';
import { shortlistHandlers } from './handlers/shortlists';
import { taskHandlers } from './handlers/tasks';
import { describeOperation, OperationsInFlight } from './in-flight';
import type { ProjectSession } from './session';
import { TaskRegistry } from './tasks';

/**
 * Operations that never hold the open project across a wait: the switches themselves, the
 * backup list (it waits for the backup on opening, which a switch does not disturb) and the
 * rubric files. Every other one blocks a switch while it runs.
 */
const NOT_HOLDING_THE_PROJECT = new Set<OperationName>([
  'project.create',
  'project.open',
  'project.close',
  'project.backups',
  'rubrics.library',
  'rubrics.read',
]);

/** The handlers, each (but those above) counted as running on the project until it settles. */
function tracked(handlers: Handlers, inFlight: OperationsInFlight): Handlers {
  type Handler = (input: unknown, context: OperationContext) => unknown;
  const entries = Object.entries(handlers as Record<OperationName, Handler>).map(
    ([name, handler]): [string, Handler] => {
      const operation = name as OperationName;
      if (NOT_HOLDING_THE_PROJECT.has(operation)) return [name, handler];
      return [
        name,
        (input, context) =>
          inFlight.track(describeOperation(operation, input), () => handler(input, context)),
      ];
    },
  );
  return Object.fromEntries(entries) as Handlers;
}

export function createHandlers(session: ProjectSession): Handlers {
  // The app injects Electron's printToPDF; the CLI and the host print with a system Chromium.
  let printer: PdfPrinter | undefined = session.options.pdfPrinter;
  const context: HandlerContext = {
    session,
    store: () => session.require(),
    resourcesDir: session.options.resourcesDir,
    tasks: new TaskRegistry(),
    inFlight: new OperationsInFlight(),
    pdfPrinter: () => (printer ??= chromiumPrinter()),
  };
  const handlers: Handlers = {
    ...projectHandlers(context),
    ...entryHandlers(context),
    ...rubricHandlers(context),
    ...reviewerHandlers(context),
    ...roundHandlers(context),
    ...scoringHandlers(context),
    ...rankingHandlers(context),
    ...exportHandlers(context),
    ...shortlistHandlers(context),
    ...taskHandlers(context),
  };
  return tracked(handlers, context.inFlight);
}
