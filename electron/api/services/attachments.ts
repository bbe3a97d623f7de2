// Attachments: link a folder's files to the entries their names start with, and hand one back
// for viewing only while it is still the file that was linked.
import { attachmentKey, matchEntryId, mimeOfFileName } from '../../core/attachments';
import type { Programme } from '../../core/domain';
import { SailError } from '../../core/errors';
import {
  fingerprintFile,
  readLinkedFile,
  type FolderFile,
  type FolderListing,
} from '../../io/attachments';
import type { ProjectStore } from '../../store/project-store';
import type { AttachmentContent, AttachmentLinkSummary } from '../contract';

/** Larger files are not sent to the window (base64 over IPC/HTTP); they are opened directly. */
export const ATTACHMENT_VIEW_MAX_BYTES = 50 * 1024 * 1024;

/**
 * Matches the listed files against the programme's entry ids, hashes the matched ones, and
 * records them all in one transaction with its audit event.
 */
export async function linkAttachments(
  store: ProjectStore,
  listing: FolderListing,
  programme: Programme,
): Promise<AttachmentLinkSummary> {
  const entries = new Map<string, number>();
  for (const [externalId, id] of store.entries.idsByExternalId(programme)) {
    entries.set(attachmentKey(externalId), id);
  }
  const matched: Array<{ file: FolderFile; entryId: number }> = [];
  const unmatched: string[] = [];
  for (const file of listing.files) {
    const entryId = matchEntryId(file.match, entries);
    if (entryId === undefined) unmatched.push(file.name);
    else matched.push({ file, entryId });
  }
  unmatched.push(...listing.nested);

  // Hashing reads every file: done before the transaction, which must not wait on I/O.
  const hashed: Array<{ file: FolderFile; entryId: number; sha256: string; size: number }> = [];
  for (const { file, entryId } of matched) {
    hashed.push({ file, entryId, ...(await fingerprintFile(file)) });
  }
  const linkedEntries = new Set(matched.map((item) => item.entryId));
  const now = new Date().toISOString();
  store.write(
    {
      action: 'attachments.link',
      subject: listing.folder,
      payload: {
        programme,
        linked: hashed.map(({ file, sha256 }) => ({ file: file.name, sha256 })),
        unmatched: unmatched.length,
      },
    },
    () => {
      for (const { file, entryId, sha256, size } of hashed) {
        store.attachments.upsert({
          entry_id: entryId,
          file_name: file.name,
          path: file.path,
          size,
          sha256,
          mime: mimeOfFileName(file.name),
          linked_at: now,
        });
      }
    },
  );
  return {
    linked: hashed.length,
    unmatched,
    entries_with_attachments: linkedEntries.size,
  };
}

export async function readAttachment(store: ProjectStore, id: number): Promise<AttachmentContent> {
  const attachment = store.attachments.get(id);
  if (!attachment) {
    throw new SailError(
      'attachment_not_found',
      `找不到该附件（#${id}）。`,
      `Attachment #${id} not found.`,
    );
  }
  // A panel package carries its attachments; a project reads them where they were linked.
  const bytes =
    store.packages.content(id) ?? (await readLinkedFile(attachment, ATTACHMENT_VIEW_MAX_BYTES));
  return {
    file_name: attachment.file_name,
    mime: attachment.mime,
    base64: bytes.toString('base64'),
  };
}
