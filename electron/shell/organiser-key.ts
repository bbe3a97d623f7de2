// The app's organiser key under the system's key store (issue 14): Keychain on macOS, DPAPI on
// Windows, libsecret/kwallet on Linux, through Electron's safeStorage, which only main may use.
// Where no real key store exists (safeStorage unavailable, or Linux's plain-text fallback) the
// app signs as the CLI does, with the key store folder's `current` key.
import type { safeStorage as SafeStorage } from 'electron';
import { appOrganiserKey, type KeySealer, type UnsealedKey } from '../api/organiser-key';

export async function organiserKeyFromSystem(
  safeStorage: typeof SafeStorage,
  platform: NodeJS.Platform = process.platform,
  unsealedKey: (sealer: KeySealer) => Promise<UnsealedKey> = appOrganiserKey,
): Promise<UnsealedKey | undefined> {
  try {
    if (!(await safeStorage.isAsyncEncryptionAvailable())) return undefined;
    if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
      return undefined;
    }
    return await unsealedKey({
      seal: (text) => safeStorage.encryptStringAsync(text),
      unseal: async (sealed) => {
        const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(sealed);
        return { text: result, sealAgain: shouldReEncrypt };
      },
    });
  } catch (error) {
    // No key store to use, or a folder that cannot be written: the app still opens, signing as
    // the CLI does; the session's key store reports an unwritable folder on the first write.
    console.error(error instanceof Error ? error.message : error);
    return undefined;
  }
}
