// The rubric operations: the library on disk, stored versions, rubric JSON files.
import type { rubricOperations } from '../contract/rubrics';
import {
  exportRubric,
  exportRubricFile,
  importRubric,
  listRubrics,
  readRubricFile,
  rubricLibrary,
  saveRubric,
} from '../services/rubrics';
import type { DomainHandlers, HandlerContext } from './context';

export function rubricHandlers({
  store,
  resourcesDir,
}: HandlerContext): DomainHandlers<typeof rubricOperations> {
  return {
    'rubrics.library': () => rubricLibrary(resourcesDir),
    'rubrics.list': () => listRubrics(store()),
    'rubrics.import': ({ rubric }) => importRubric(store(), rubric, 'rubric'),
    'rubrics.export': ({ sector, version }) => exportRubric(store(), sector, version),
    'rubrics.save': ({ rubric, base_id }) => saveRubric(store(), rubric, base_id),
    'rubrics.read': ({ path, file_name }) => readRubricFile(path, file_name),
    'rubrics.exportFile': ({ id, path }) => exportRubricFile(store(), id, path),
  };
}
