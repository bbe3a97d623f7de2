// In browser mode there is no native dialog for project files or folders: the shell asks for a
// path through this store, and <PathPromptModal> (mounted once at the root) answers it.
import { create } from 'zustand';

export interface PathRequest {
  kind: 'new' | 'open' | 'folder';
  defaultPath: string;
  resolve: (path: string | null) => void;
}

export const usePathPrompt = create<{ request: PathRequest | null }>(() => ({ request: null }));

export function promptPath(kind: PathRequest['kind'], defaultPath: string): Promise<string | null> {
  return new Promise((resolve) => {
    usePathPrompt.getState().request?.resolve(null);
    usePathPrompt.setState({ request: { kind, defaultPath, resolve } });
  });
}

export function answerPathPrompt(path: string | null): void {
  usePathPrompt.getState().request?.resolve(path);
  usePathPrompt.setState({ request: null });
}
