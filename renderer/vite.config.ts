// Builds the window's UI into dist/renderer. Offline: everything is bundled, nothing fetched.
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const root = import.meta.dirname;
const electron = `${root}/../electron`;

/**
 * The dev server's React refresh preamble is an inline script, which the strict CSP of
 * index.html forbids; relax script-src for `vite serve` only. Builds keep the strict policy.
 */
const devCsp: Plugin = {
  name: 'sail-dev-csp',
  apply: 'serve',
  transformIndexHtml: (html) =>
    html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"),
};

export default defineConfig({
  root,
  base: './',
  plugins: [react(), devCsp],
  resolve: {
    // Mirrors tsconfig "paths": @shared for renderer/src/shared, and the only Node-free
    // parts of electron/ the window may use.
    alias: [
      { find: /^@api\/(contract|channels|result)$/, replacement: `${electron}/api/$1.ts` },
      { find: /^@core\/(.*)$/, replacement: `${electron}/core/$1` },
      { find: /^@shared\/(.*)$/, replacement: `${root}/src/shared/$1` },
      // The user guide and its pictures, shown in the window (features/guide).
      { find: /^@docs\/(.*)$/, replacement: `${root}/../docs/$1` },
    ],
  },
  build: {
    outDir: `${root}/../dist/renderer`,
    emptyOutDir: true,
    // Loaded from disk by a desktop window, so one large vendor chunk costs nothing.
    chunkSizeWarningLimit: 4096,
  },
  server: {
    // `vite` during development talks to a running local host (node dist/electron/host.cjs --port 5199).
    proxy: { '/api': 'http://127.0.0.1:5199' },
  },
});
