// PDF exports in the app: Chromium's print engine through webContents.printToPDF, in a hidden,
// sandboxed window of its own in-memory session that may load nothing but the report itself
// (its fonts are data: URLs inside it), so a report can never reach the network.
import { BrowserWindow, session, type Session } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LOAD_REPORT_FONTS, type PdfPrinter } from '../api/session';

/** Not persisted (no "persist:" prefix): nothing of a print outlives the app. */
const PARTITION = 'sail-pdf-print';

let printSession: Session | null = null;
/** The report files being printed; the session's request filter lets only these load. */
const allowed = new Set<string>();

function printingSession(): Session {
  if (printSession) return printSession;
  const ses = session.fromPartition(PARTITION, { cache: false });
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: !(allowed.has(details.url) || details.url.startsWith('data:')) }),
  );
  printSession = ses;
  return ses;
}

export function electronPdfPrinter(): PdfPrinter {
  return {
    async print(html, signal) {
      signal?.throwIfAborted();
      // A file of a private folder rather than a data: URL: a report of a thousand entries
      // exceeds URL limits. Only its owner may read it; it is removed after the print.
      const folder = await mkdtemp(path.join(tmpdir(), 'sail-print-'));
      const file = path.join(folder, 'report.html');
      await writeFile(file, html, { encoding: 'utf8', mode: 0o600 });
      const url = pathToFileURL(file).href;
      allowed.add(url);
      const window = new BrowserWindow({
        show: false,
        webPreferences: {
          session: printingSession(),
          sandbox: true,
          contextIsolation: true,
          nodeIntegration: false,
          webSecurity: true,
          spellcheck: false,
        },
      });
      const stop = () => window.destroy();
      signal?.addEventListener('abort', stop, { once: true });
      try {
        await window.loadURL(url);
        await window.webContents.executeJavaScript(LOAD_REPORT_FONTS);
        const pdf = await window.webContents.printToPDF({
          preferCSSPageSize: true,
          printBackground: true,
          generateTaggedPDF: true,
        });
        signal?.throwIfAborted();
        return new Uint8Array(pdf);
      } finally {
        signal?.removeEventListener('abort', stop);
        allowed.delete(url);
        if (!window.isDestroyed()) window.destroy();
        await rm(folder, { recursive: true, force: true });
      }
    },
  };
}
