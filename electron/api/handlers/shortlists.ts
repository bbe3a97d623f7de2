// The shortlist operations: preview, save as a draft, list, finalise, delete.
import type { shortlistOperations } from '../contract/shortlists';
import {
  createShortlist,
  deleteShortlist,
  finaliseShortlist,
  listShortlists,
  previewShortlist,
  shortlistDetail,
} from '../services/shortlists';
import type { DomainHandlers, HandlerContext } from './context';

export function shortlistHandlers({
  store,
}: HandlerContext): DomainHandlers<typeof shortlistOperations> {
  return {
    'shortlists.preview': (input) => previewShortlist(store(), input),
    'shortlists.create': (input) => createShortlist(store(), input),
    'shortlists.list': ({ round }) => listShortlists(store(), round),
    'shortlists.get': ({ id }) => shortlistDetail(store(), id),
    'shortlists.finalise': ({ id, override_reason }) =>
      finaliseShortlist(store(), id, override_reason),
    'shortlists.delete': ({ id }) => deleteShortlist(store(), id),
  };
}
