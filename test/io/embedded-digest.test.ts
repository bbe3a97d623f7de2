// The digest an exported PDF carries for verify-export: appended after printing as a document
// information entry (an incremental update of a classic trailer, read by poppler in the tamper
// suite), or as a comment line when the PDF has no trailer to update.
import { describe, expect, it } from 'vitest';
import { pdfDigest, withPdfDigest } from '../../electron/io/export/embedded-digest';

const DIGEST = 'ab'.repeat(32);

describe('a PDF’s data digest', () => {
  it('is added to a classic trailer as a new information dictionary that keeps the old one', () => {
    const body =
      '%PDF-1.4\n1 0 obj\n<</Title (T) /Producer (P)>>\nendobj\n2 0 obj\n<</Type /Catalog>>\nendobj\n';
    const xrefAt = body.length;
    const pdf = `${body}xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000054 00000 n \ntrailer\n<</Size 3\n/Root 2 0 R\n/Info 1 0 R>>\nstartxref\n${xrefAt}\n%%EOF\n`;
    const stamped = Buffer.from(withPdfDigest(Buffer.from(pdf), DIGEST)).toString('latin1');
    expect(stamped.startsWith(pdf)).toBe(true);
    const update = stamped.slice(pdf.length);
    expect(update).toContain('3 0 obj\n<</Title (T) /Producer (P)\n/SailReviewDataDigest (');
    expect(update).toContain(`/Prev ${xrefAt}`);
    expect(update).toContain('/Info 3 0 R');
    // The new xref entry points at the new object.
    const offset = Number(/\n3 1\n(\d{10}) 00000 n/.exec(update)?.[1]);
    expect(stamped.slice(offset).startsWith('3 0 obj')).toBe(true);
    expect(pdfDigest(Buffer.from(stamped, 'latin1'))).toBe(DIGEST);
  });

  it('is a comment line at the end of a PDF without a trailer to update', () => {
    const stamped = withPdfDigest(Buffer.from('%PDF-1.7\n%stalled\n'), DIGEST);
    expect(pdfDigest(stamped)).toBe(DIGEST);
    expect(pdfDigest(Buffer.from('%PDF-1.7\n'))).toBeNull();
  });
});
