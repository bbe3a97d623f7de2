// The duplicate check off the session's thread (api/services/duplicates.ts): the project's
// entries read on a read-only connection of its own, in one snapshot, and compared here, so the
// window's calls are answered meanwhile and do not slow it. Bundled as
// dist/electron/duplicates-worker.cjs.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../store/database';
import { EntryRepository } from '../store/repos/entries';
import { compareEntries } from './services/duplicates';

const { path, nativeBinding } = workerData as { path: string; nativeBinding?: string };

async function check(): Promise<void> {
  const db = openDatabase(path, { readonly: true, nativeBinding });
  try {
    // One read transaction: every part reads the same state of the entries.
    db.exec('BEGIN');
    const matches = await compareEntries(new EntryRepository(db), () => Promise.resolve());
    db.exec('COMMIT');
    parentPort?.postMessage({ matches });
  } finally {
    db.close();
  }
}

check().catch((error: unknown) => parentPort?.postMessage({ error: String(error) }));
