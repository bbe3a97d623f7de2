// Printing an HTML report to PDF. The printer is injected: Electron's webContents.printToPDF in
// the app (electron/shell/pdf-printer.ts), a system Chromium driven by playwright-core in the
// CLI, the local host and the tests (./chromium-printer.ts). Both use Chromium's print engine.
import type { UserMessage } from '../../core/errors';
import { unprintableCharacters } from './fonts';

export interface PdfPrinter {
  /**
   * Prints a self-contained HTML document (page size from its CSS @page rule) to PDF bytes.
   * A fired `signal` stops the print and rejects.
   */
  print(html: string, signal?: AbortSignal): Promise<Uint8Array>;
}

/**
 * What a printer runs in the loaded report before printing: every embedded font face loaded.
 * Chromium loads a face of a unicode-range only for text of the page body, not for the @page
 * margin boxes; a footer whose characters (摘) no body text has would silently not print.
 */
export const LOAD_REPORT_FONTS =
  'Promise.all(Array.from(document.fonts, (face) => face.load())).then(() => document.fonts.ready).then(() => true)';

export interface PrintedPdf {
  bytes: Uint8Array;
  /** Characters of the report that no bundled font has: printed as empty boxes. */
  unprintable: string[];
}

/** Prints a report of ./pdf-html.ts and tells which of its characters print as empty boxes. */
export async function printPdf(
  printer: PdfPrinter,
  html: string,
  signal?: AbortSignal,
): Promise<PrintedPdf> {
  const [bytes, unprintable] = await Promise.all([
    printer.print(html, signal),
    unprintableCharacters(html),
  ]);
  return { bytes, unprintable };
}

/** At most this many characters are listed in the warning. */
const LISTED = 20;

/** Where a character occurs in the export: an entry id, an expert's name, the round's name. */
export interface UnprintablePlace {
  zh: string;
  en: string;
}

/** At most this many places are named per character. */
const PLACES = 3;

/**
 * The warning for the organiser when some characters will print as empty boxes, else null. Each
 * character is named with its code point (the UI's font may lack it too) and where it occurs.
 */
export function unprintableWarning(
  unprintable: string[],
  places: ReadonlyMap<string, readonly UnprintablePlace[]> = new Map(),
): UserMessage | null {
  if (unprintable.length === 0) return null;
  const shown = unprintable.slice(0, LISTED);
  const codePoint = (char: string) =>
    `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  const listed = (lang: 'zh' | 'en') =>
    shown
      .map((char) => {
        const where = (places.get(char) ?? []).slice(0, PLACES).map((place) => place[lang]);
        const at =
          where.length === 0
            ? ''
            : lang === 'zh'
              ? `，见 ${where.join('、')}`
              : `, in ${where.join(', ')}`;
        return lang === 'zh'
          ? `${char}（${codePoint(char)}${at}）`
          : `${char} (${codePoint(char)}${at})`;
      })
      .join(lang === 'zh' ? '；' : '; ');
  const more = unprintable.length - LISTED;
  return {
    code: 'pdf_unprintable_characters',
    message_zh: `以下字符没有可嵌入的字体，将显示为方框：${listed('zh')}${more > 0 ? ` 等 ${unprintable.length} 个` : ''}。PDF 中仍保留这些字符的文本；如需清晰打印，请在签字前核对或改用常用字。`,
    message_en: `These characters have no font that can be embedded and will print as empty boxes: ${listed('en')}${more > 0 ? ` and ${more} more` : ''}. The PDF still carries them as text; check them before signing or use common characters instead.`,
  };
}
