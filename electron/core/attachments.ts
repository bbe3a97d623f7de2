// Which entry a file of an attachments folder belongs to, and what kind of file it is. Pure.
// Organisers name files by entry id: B2025-0001.pdf, B2025-0001_申报书.pdf, B2025-0001-2.jpg,
// "B2025-0001 现场照片.png", or put them in a folder B2025-0001/.

/** How an id and a file name are compared: full-width to half-width, case ignored. */
export function attachmentKey(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** What may follow the id in a name: the end, or one of these. */
const ID_BOUNDARY = /[_\-.\s]/u;

/**
 * The entry whose id is the longest prefix of `name` that ends at a boundary, so B2025-0001-2.jpg
 * belongs to B2025-0001 (unless B2025-0001-2 is an entry too), and B2025-00012.pdf to neither.
 * `entries` is keyed by attachmentKey(id).
 */
export function matchEntryId<T>(name: string, entries: ReadonlyMap<string, T>): T | undefined {
  const key = attachmentKey(name);
  for (let end = key.length; end > 0; end--) {
    if (end < key.length && !ID_BOUNDARY.test(key.charAt(end))) continue;
    const found = entries.get(key.slice(0, end));
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Files an attachments folder holds that are nobody's attachment: hidden files, OS litter. */
export function isIgnoredFileName(name: string): boolean {
  return name.startsWith('.') || name.startsWith('~$') || /^(thumbs\.db|desktop\.ini)$/i.test(name);
}

const MIME_BY_EXTENSION: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  bmp: 'image/bmp',
  txt: 'text/plain',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  zip: 'application/zip',
  rar: 'application/vnd.rar',
  '7z': 'application/x-7z-compressed',
  mp4: 'video/mp4',
};

/**
 * The MIME type by extension. The window previews only what this names as an image or a PDF, so
 * a file's content never decides how it is shown.
 */
export function mimeOfFileName(name: string): string {
  const extension = /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  return MIME_BY_EXTENSION[extension] ?? 'application/octet-stream';
}
