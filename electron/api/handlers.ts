// The operations of contract.ts, implemented once for the window, the CLI and the test host:
// the registry of the domains' handlers (handlers/<domain>.ts), each given the same context.
import { chromiumPrinter } from '../io/export/chromium-printer';
import { damagedProject } from '../store/database';
import type { PdfPrinter } from '../io/export/pdf';
import type { Handlers, OperationContext } from './dispatch';
import { assignmentHandlers } from './handlers/assignments';
import { conflictHandlers } from './handlers/conflicts';
import type { HandlerContext } from './handlers/context';
import { deskHandlers } from './handlers/desk';
import { entryHandlers } from './handlers/entries';
import { exportHandlers } from './handlers/export';
import { packetHandlers } from './handlers/packets';
import { projectHandlers } from './handlers/project';
import { rankingHandlers } from './handlers/ranking';
import { reviewerHandlers } from './handlers/reviewers';
import { roundHandlers } from './handlers/rounds';
import { rubricHandlers } from './handlers/rubrics';
import { scoringHandlers } from './handlers/scoring';
import { shortlistHandlers } from './handlers/shortlists';
import { taskHandlers } from './handlers/tasks';
import type { ProjectSession } from './session';
import { TaskRegistry } from './tasks';

export function createHandlers(session: ProjectSession): Handlers {
  // The app injects Electron's printToPDF; the CLI and the host print with a system Chromium.
  let printer: PdfPrinter | undefined = session.options.pdfPrinter;
  const context: HandlerContext = {
    session,
    store: () => session.require(),
    resourcesDir: session.options.resourcesDir,
    tasks: new TaskRegistry(),
    pdfPrinter: () => (printer ??= chromiumPrinter()),
  };
  return namingDamage(session, {
    ...projectHandlers(context),
    ...entryHandlers(context),
    ...rubricHandlers(context),
    ...reviewerHandlers(context),
    ...conflictHandlers(context),
    ...assignmentHandlers(context),
    ...roundHandlers(context),
    ...scoringHandlers(context),
    ...deskHandlers(context),
    ...rankingHandlers(context),
    ...exportHandlers(context),
    ...shortlistHandlers(context),
    ...packetHandlers(context),
    ...taskHandlers(context),
  });
}

/**
 * SQLite's word that a page it read is damaged, from any operation: opening reads only what it
 * needs, so damage elsewhere in the file shows when an operation reaches it. Said as the damaged
 * project it is (exit 3), naming its newest backup, in every way in.
 */
function namingDamage(session: ProjectSession, handlers: Handlers): Handlers {
  const named: Record<string, (input: unknown, context: OperationContext) => Promise<unknown>> = {};
  for (const [name, handler] of Object.entries(handlers)) {
    const run = handler as (input: unknown, context: OperationContext) => unknown;
    named[name] = async (input, context) => {
      try {
        return await run(input, context);
      } catch (error) {
        const code = (error as { code?: unknown } | null)?.code;
        const path = session.current?.path;
        if (typeof code !== 'string' || !code.startsWith('SQLITE_CORRUPT') || !path) throw error;
        throw damagedProject(path, error instanceof Error ? error.message : String(error));
      }
    };
  }
  return named as unknown as Handlers;
}
