import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Text the gateway may send compressed; source maps are left out (fetched only by developer tools, and large). */
const TEXT = /\.(js|mjs|css|html|svg|json)$/;

/**
 * Writes a `.br` and a `.gz` copy beside each text file of the build, at the highest levels (done once per build,
 * not per request), so the gateway can send them to clients that accept them. A copy not smaller than its file is
 * not written: the gateway then sends the file as it is.
 */
function precompress(): Plugin {
  return {
    name: 'trustwide:precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir!;
      await Promise.all(
        Object.keys(bundle)
          .filter((name) => TEXT.test(name))
          .map(async (name) => {
            const file = join(dir, name);
            const raw = await readFile(file);
            const [br, gzipped] = await Promise.all([
              brotli(raw, {
                params: {
                  [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
                  [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
                  [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
                },
              }),
              gz(raw, { level: constants.Z_BEST_COMPRESSION }),
            ]);
            if (br.length < raw.length) await writeFile(`${file}.br`, br);
            if (gzipped.length < raw.length) await writeFile(`${file}.gz`, gzipped);
          }),
      );
    },
  };
}

// The dashboard is built to dist/web and served by the gateway from the same origin, so the API is `/api`
// with no CORS. React's JSX is compiled by Vite's own transformer; no plugin is needed for a production build.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic' } },
  plugins: [precompress()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // No inline scripts or data: modules: the gateway's CSP allows only 'self'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: true,
    target: 'es2022',
    // Brotli at its highest level is the slowest step of the build on purpose (once per build, not per request):
    // without this every build warns that a plugin took most of its time.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
});
