// Which entry a file of an attachments folder belongs to: the longest entry id that starts its
// name and ends at a boundary.
import { describe, expect, it } from 'vitest';
import {
  attachmentKey,
  isIgnoredFileName,
  matchEntryId,
  mimeOfFileName,
} from '../../../electron/core/attachments';

const entries = new Map(
  ['B2025-0001', 'B2025-0002', 'B2025-0001-2', 'L2025-001'].map((id) => [attachmentKey(id), id]),
);
const match = (name: string) => matchEntryId(name, entries);

describe('matchEntryId', () => {
  it('matches an id followed by the end, _, -, . or a space', () => {
    expect(match('B2025-0001.pdf')).toBe('B2025-0001');
    expect(match('B2025-0001_申报书.pdf')).toBe('B2025-0001');
    expect(match('B2025-0001-3.jpg')).toBe('B2025-0001');
    expect(match('B2025-0001 现场照片.png')).toBe('B2025-0001');
    expect(match('B2025-0002')).toBe('B2025-0002');
  });

  it('prefers the longest id that fits', () => {
    expect(match('B2025-0001-2.jpg')).toBe('B2025-0001-2');
    expect(match('B2025-0001-2_附图.jpg')).toBe('B2025-0001-2');
  });

  it('needs a boundary after the id', () => {
    expect(match('B2025-00012.pdf')).toBeUndefined();
    expect(match('B2025-0001申报书.pdf')).toBeUndefined();
    expect(match('XB2025-0001.pdf')).toBeUndefined();
    expect(match('申报书.pdf')).toBeUndefined();
  });

  it('ignores case and full-width characters', () => {
    expect(match('b2025-0001.PDF')).toBe('B2025-0001');
    expect(match('Ｂ２０２５－０００１＿申报书.pdf')).toBe('B2025-0001');
    expect(match('l2025-001　照片.jpg')).toBe('L2025-001');
  });
});

describe('isIgnoredFileName', () => {
  it('skips hidden files and OS litter only', () => {
    for (const name of [
      '.DS_Store',
      '.B2025-0001.pdf',
      '~$B2025-0001.docx',
      'Thumbs.db',
      'desktop.ini',
    ]) {
      expect(isIgnoredFileName(name), name).toBe(true);
    }
    expect(isIgnoredFileName('B2025-0001.pdf')).toBe(false);
  });
});

describe('mimeOfFileName', () => {
  it('names images and PDFs by extension, anything else as bytes', () => {
    expect(mimeOfFileName('a.PDF')).toBe('application/pdf');
    expect(mimeOfFileName('a.jpeg')).toBe('image/jpeg');
    expect(mimeOfFileName('a.png')).toBe('image/png');
    expect(mimeOfFileName('a.svg')).toBe('application/octet-stream');
    expect(mimeOfFileName('README')).toBe('application/octet-stream');
  });
});
