// Printing an HTML report to PDF. The printer is injected: Electron's webContents.printToPDF in
// the app (electron/shell/pdf-printer.ts), a system Chromium driven by playwright-core in the
// CLI, the local host and the tests (./chromium-printer.ts). Both use Chromium's print engine.

export interface PdfPrinter {
  /**
   * Prints a self-contained HTML document (page size from its CSS @page rule) to PDF bytes.
   * A fired `signal` stops the print and rejects.
   */
  print(html: string, signal?: AbortSignal): Promise<Uint8Array>;
}
