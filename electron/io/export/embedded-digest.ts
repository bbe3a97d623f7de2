// The data digest an exported file carries itself, for `verify-export` to compare with today's
// data: the CSV's data_digest column, the XLSX's 导出说明 sheet, and in a PDF (where it is
// printed in the page margins, as glyphs a program cannot read back simply) a document
// information entry added after printing. A copy of the digest kept only in the project could
// be rewritten with it; the one in the file travels with what people read.
import { open } from 'node:fs/promises';
import { openTable } from '../table';

/** The PDF document information key holding the digest. */
const PDF_KEY = '/SailReviewDataDigest';

/**
 * The printed PDF with the digest in its document information, as an incremental update (a
 * new information dictionary, xref section and trailer appended; the printed bytes unchanged).
 * Chromium writes a classic xref table and trailer; a PDF without them (a cross-reference
 * stream, another printer's) gets the digest as a comment line at its end instead.
 */
export function withPdfDigest(pdf: Uint8Array, digest: string): Uint8Array {
  const text = Buffer.from(pdf).toString('latin1');
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text);
  const trailerAt = text.lastIndexOf('trailer');
  const comment = () =>
    Buffer.concat([Buffer.from(pdf), Buffer.from(`\n%SailReviewDataDigest: ${digest}\n`)]);
  if (!startxref || trailerAt < 0) return comment();
  const trailer = /<<([\s\S]*?)>>/.exec(text.slice(trailerAt))?.[1] ?? '';
  const size = Number(/\/Size\s+(\d+)/.exec(trailer)?.[1]);
  const root = /\/Root\s+(\d+\s+\d+\s+R)/.exec(trailer)?.[1];
  if (!Number.isInteger(size) || !root) return comment();
  const infoRef = /\/Info\s+(\d+)\s+(\d+)\s+R/.exec(trailer);
  // The printed information (title, producer) is kept: its entries are copied into the new one.
  const previous = infoRef
    ? (new RegExp(`(?:^|\\s)${infoRef[1]}\\s+${infoRef[2]}\\s+obj\\s*<<([\\s\\S]*?)>>\\s*endobj`)
        .exec(text)?.[1]
        ?.trim() ?? '')
    : '';
  const prefix = text.endsWith('\n') ? '' : '\n';
  const objectAt = pdf.length + prefix.length;
  const object = `${size} 0 obj\n<<${previous}\n${PDF_KEY} (${digest})>>\nendobj\n`;
  const xrefAt = objectAt + object.length;
  const update =
    `${prefix}${object}xref\n0 1\n0000000000 65535 f \n${size} 1\n` +
    `${String(objectAt).padStart(10, '0')} 00000 n \n` +
    `trailer\n<</Size ${size + 1}\n/Root ${root}\n/Info ${size} 0 R\n/Prev ${startxref[1]}>>\n` +
    `startxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.concat([Buffer.from(pdf), Buffer.from(update, 'latin1')]);
}

/** The digest a PDF carries (the last update's, or the comment's), or null. */
export function pdfDigest(pdf: Uint8Array): string | null {
  const text = Buffer.from(pdf).toString('latin1');
  const found = [...text.matchAll(/SailReviewDataDigest(?:\s*\(|: )([0-9a-f]{64})/g)].at(-1);
  return found?.[1] ?? null;
}

/** How much of a PDF's end holds the update `withPdfDigest` appends. */
const PDF_TAIL_BYTES = 64 * 1024;

/** The digest of a PDF file (one this project exported: its hash matched a record), or null. */
export async function pdfFileDigest(path: string): Promise<string | null> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const length = Math.min(size, PDF_TAIL_BYTES);
    const tail = Buffer.alloc(length);
    await file.read(tail, 0, length, size - length);
    return pdfDigest(tail);
  } finally {
    await file.close();
  }
}

/** The digest an exported CSV or XLSX states (the data_digest column, the 导出说明 sheet). */
export async function tableDigest(path: string, format: 'csv' | 'xlsx'): Promise<string | null> {
  const table = await openTable(path, format === 'xlsx' ? { sheet: '导出说明' } : {});
  const column = table.headers.findIndex((header) => header.endsWith('data_digest'));
  for await (const row of table.rows) {
    const value =
      format === 'csv'
        ? row.values[column]
        : row.values[0]?.startsWith('数据摘要')
          ? row.values[1]
          : undefined;
    if (value !== undefined && /^[0-9a-f]{64}$/.test(value)) return value;
    if (format === 'csv') return null;
  }
  return null;
}
