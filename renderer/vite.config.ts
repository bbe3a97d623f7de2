// Builds the window's UI into dist/renderer. Offline: everything is bundled, nothing fetched.
import { defineConfig, type Plugin, type Rollup } from 'vite';
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

/**
 * The entry is small (main.tsx asks the first screen's questions, then imports app/render.tsx):
 * index.html names the app's code and styles for the browser to fetch meanwhile. The styles are
 * only preloaded: a stylesheet link would hold back the entry until it has loaded.
 */
const preloadApp: Plugin = {
  name: 'sail-preload-app',
  apply: 'build',
  transformIndexHtml: {
    order: 'post',
    handler: (_html, { bundle }) => {
      const chunks = Object.values(bundle ?? {}).filter(
        (item): item is Rollup.OutputChunk => item.type === 'chunk',
      );
      const app = chunks.find((chunk) => chunk.facadeModuleId?.endsWith('/src/app/render.tsx'));
      if (!app) throw new Error('sail-preload-app: no chunk for src/app/render.tsx');
      const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
      // What the entry loads anyway is in index.html already.
      const loaded = new Set(
        chunks.filter((c) => c.isEntry).flatMap((c) => [c.fileName, ...c.imports]),
      );
      const scripts = new Set<string>();
      const visit = (name: string) => {
        if (scripts.has(name) || loaded.has(name)) return;
        scripts.add(name);
        for (const imported of byName.get(name)?.imports ?? []) visit(imported);
      };
      visit(app.fileName);
      const styles = [...scripts].flatMap((name) => [
        ...(byName.get(name)?.viteMetadata?.importedCss ?? []),
      ]);
      const link = (rel: string, href: string, extra: Record<string, string | boolean> = {}) => ({
        tag: 'link',
        attrs: { rel, href: `./${href}`, ...extra },
        injectTo: 'head' as const,
      });
      return [
        // crossorigin as Vite's loader links the stylesheet: a preload is used only by a request
        // of the same mode, else the 1 MB of styles is fetched twice.
        ...styles.map((href) => link('preload', href, { as: 'style', crossorigin: true })),
        ...[...scripts].map((href) => link('modulepreload', href, { crossorigin: true })),
      ];
    },
  },
};

export default defineConfig({
  root,
  base: './',
  plugins: [react(), devCsp, preloadApp],
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
