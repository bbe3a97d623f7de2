// The app's organiser key under the system's key store: unsealed by the thread that relays for
// the session (Electron's main, which alone has safeStorage) and handed to the session worker
// (WorkerSessionOptions.organiserKey).
import { OrganiserKeyStore, type KeySealer, type UnsealedKey } from '../io/organiser-keys';

export type { KeySealer, UnsealedKey };

export function appOrganiserKey(sealer: KeySealer): Promise<UnsealedKey> {
  return new OrganiserKeyStore().unsealedKey(sealer);
}
