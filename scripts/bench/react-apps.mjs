// The React peers are React apps (scripts/bench/apps/): each is built here, when the bench site
// starts, as a site would build it for production: Vite, minified, one ES module entry and its
// style sheet (and whatever chunks the bundler splits off). Beside them, the bare React app:
// what React itself costs a site, so that each peer's bytes beyond it can be told apart.
import {mkdtempSync, readFileSync, readdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'vite';

const APPS = fileURLToPath(new URL('./apps/', import.meta.url));

/** The app with nothing in it but React and react-dom (apps/react.js). */
export const BARE_REACT = 'react';

/**
 * Builds the app apps/<name>.js in a temporary directory; resolves with its files as the site
 * serves them, under /apps/<name>/ (the pages link /apps/<name>/<name>.js and .css):
 * [{path, content}].
 */
export async function buildApp(name) {
  const outDir = mkdtempSync(path.join(tmpdir(), `bench-${name}-`));
  try {
    await build({
      configFile: false,
      root: APPS,
      mode: 'production',
      logLevel: 'warn',
      build: {
        outDir,
        emptyOutDir: false,
        copyPublicDir: false,
        reportCompressedSize: false,
        minify: true,
        rolldownOptions: {
          // "use client" marks a module for React Server Components, which these apps are not.
          onLog(level, log, handler) {
            if (log.code !== 'MODULE_LEVEL_DIRECTIVE') handler(level, log);
          },
          input: {[name]: path.join(APPS, `${name}.js`)},
          output: {
            // Fixed names for the entry and its style sheet: the product page links them.
            entryFileNames: '[name].js',
            chunkFileNames: '[name]-[hash].js',
            assetFileNames: '[name][extname]',
          },
        },
      },
    });
    return readdirSync(outDir, {recursive: true})
      .filter((file) => /\.(js|css)$/.test(file))
      .map((file) => ({
        path: `/apps/${name}/${file}`,
        content: readFileSync(path.join(outDir, file)),
      }));
  } finally {
    rmSync(outDir, {recursive: true, force: true});
  }
}
