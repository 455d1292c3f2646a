import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The dashboard is built to dist/web and served by the gateway from the same origin, so the API is `/api`
// with no CORS. React's JSX is compiled by Vite's own transformer; no plugin is needed for a production build.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // No inline scripts or data: modules: the gateway's CSP allows only 'self'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: true,
    target: 'es2022',
  },
});
