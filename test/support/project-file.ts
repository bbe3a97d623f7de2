// A test's own connection to a project file, beside the store's (which stays inside
// electron/store): to read the tables a test checks, or to change rows behind the store's back
// as another program would. One per store while it is open; close it before damaging the file.
import Database from 'better-sqlite3';
import type { ProjectStore } from '../../electron/store/project-store';

const connections = new WeakMap<ProjectStore, Database.Database>();

export function projectFile(store: ProjectStore): Database.Database {
  let db = connections.get(store);
  if (!db?.open) {
    db = new Database(store.path);
    // As the store's own: wait for its writes rather than fail, and keep its foreign keys.
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    connections.set(store, db);
  }
  return db;
}

/**
 * The store's own connection, for the one thing no other connection can give it: a cap on the
 * file's size (max_page_count is per connection), standing in for a full disk. Everything else
 * reads and writes through projectFile.
 */
export function storeConnection(store: ProjectStore): Database.Database {
  return (store as unknown as { db: Database.Database }).db;
}
