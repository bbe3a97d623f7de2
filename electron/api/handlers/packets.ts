// The packet operations: exporting panel packages (a task), the packages issued, the open
// package, "send my scores", importing a packet (a task) and resolving the clashes it leaves.
import type { packetOperations } from '../contract/packets';
import {
  currentPackage,
  exportPacket,
  exportPackages,
  importPacket,
  listClashes,
  listPackages,
  resolveClash,
} from '../services/packets';
import type { DomainHandlers, HandlerContext } from './context';

export function packetHandlers({
  session,
  store,
  tasks,
}: HandlerContext): DomainHandlers<typeof packetOperations> {
  return {
    'packages.export': ({ task_id, ...request }, context) =>
      tasks.run(task_id, context, ({ signal, progress }) =>
        exportPackages(store(), request, {
          signal,
          onProgress: progress,
          nativeBinding: session.options.nativeBinding,
        }),
      ),
    'packages.list': ({ round }) => listPackages(store(), round),
    'packages.current': () => currentPackage(store()),
    'packets.export': ({ path }) => exportPacket(store(), path),
    'packets.import': ({ path, file_name, task_id }, context) =>
      tasks.run(task_id, context, ({ signal, progress }) =>
        importPacket(store(), path, file_name, { signal, onProgress: progress }),
      ),
    'packets.clashes': ({ round }) => listClashes(store(), round),
    'packets.resolve': ({ clash_id, keep }) => resolveClash(store(), clash_id, keep),
  };
}
