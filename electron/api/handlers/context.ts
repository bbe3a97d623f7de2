// What every domain's handlers share: the session and its open project, the running tasks and
// the PDF printer. handlers.ts makes one and gives it to each domain.
import type { PdfPrinter } from '../../io/export/pdf';
import type { ProjectStore } from '../../store/project-store';
import type { OperationName } from '../contract';
import type { Handlers } from '../dispatch';
import type { ProjectSession } from '../session';
import type { TaskRegistry } from '../tasks';

export interface HandlerContext {
  session: ProjectSession;
  /** The open project; refused (no_project) when none is open. */
  store: () => ProjectStore;
  resourcesDir: string;
  tasks: TaskRegistry;
  pdfPrinter: () => PdfPrinter;
}

/** The handlers of one domain: exactly the operations its contract module declares. */
export type DomainHandlers<Operations> = Pick<Handlers, keyof Operations & OperationName>;
