import {defineConfig, type Plugin, type UserConfig} from 'vite';

/**
 * The interface's styles are CSS text in `css` templates (src/ui/styles); minifying the script
 * leaves that text alone, so this drops its comments and the spaces CSS does not need. Line
 * breaks stay where they were, so the source maps still point at the right lines.
 */
function minifyStyles(): Plugin {
  const minify = (text: string) =>
    text
      .replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ''))
      .replace(/[ \t]+/g, ' ')
      .replace(/ *([{}:;,>]) */g, '$1')
      .replace(/\n\s*/g, '\n');
  return {
    name: 'minify-styles',
    transform(code, id) {
      if (!id.includes('/src/ui/styles/')) return null;
      return {
        code: code.replace(/css`([^`]*)`/g, (_, text: string) => `css\`${minify(text)}\``),
        map: null,
      };
    },
  };
}

/** Lit, as an app that already bundles it imports it. */
const LIT = /^(lit|lit-html|lit-element|@lit\/reactive-element|@lit\/localize)(\/|$)/;

/**
 * What `vite build --mode <variant>` builds, beside the main bundle (built first, by plain
 * `vite build`, which empties dist/):
 * - `react`: `dist/react.js`, the React component; React, `@lit/react` and the main module
 *   stay imports, so the element is defined once;
 * - `iife`: `dist/privacy-preferences.iife.js`, one classic script with everything in it
 *   (every locale too, since a classic script cannot load modules), for sites without modules;
 * - `lit-external`: `dist/lit-external/`, the main bundle importing `lit` and `@lit/localize`
 *   from the app instead of carrying its own copy.
 */
const VARIANTS: Record<string, UserConfig['build']> = {
  react: {
    lib: {entry: 'src/react.ts', formats: ['es'], fileName: () => 'react.js'},
    rolldownOptions: {
      external: (id) => ['react', '@lit/react', './privacy-preferences.js'].includes(id),
    },
  },
  iife: {
    lib: {
      entry: 'src/privacy-preferences.ts',
      formats: ['iife'],
      name: 'PrivacyPreferences',
      fileName: () => 'privacy-preferences.iife.js',
    },
  },
  'lit-external': {
    outDir: 'dist/lit-external',
    lib: {
      entry: 'src/privacy-preferences.ts',
      formats: ['es'],
      fileName: () => 'privacy-preferences.js',
    },
    rolldownOptions: {external: (id) => LIT.test(id)},
  },
};

// Library build: one ES module that defines the element, with Lit bundled in, plus one small
// module per locale beside it, loaded only when a customer needs that language.
const main = {
  target: 'es2022',
  outDir: 'dist',
  emptyOutDir: true,
  sourcemap: true,
  rolldownOptions: {
    // Lets locale modules import Lit's helpers from the main bundle instead of a shared chunk.
    preserveEntrySignatures: 'allow-extension',
    output: {
      // Vite 8 keeps whitespace in lib-mode ES output unless told otherwise.
      minify: true,
      // No comments: `@__PURE__` marks help a bundler that tree-shakes this code, but the files
      // in dist/ are already bundled and shaken, and every page would download them for nothing.
      comments: false,
      // Escape translations so a page without <meta charset="utf-8"> still shows them.
      charset: 'ascii',
      chunkFileNames: 'privacy-preferences.[name]-[hash].js',
    },
  },
  lib: {
    entry: 'src/privacy-preferences.ts',
    formats: ['es'],
    fileName: () => 'privacy-preferences.js',
  },
} satisfies UserConfig['build'];

export default defineConfig(({mode}) => {
  const variant = VARIANTS[mode];
  return {
    plugins: [minifyStyles()],
    build: variant
      ? {
          ...main,
          emptyOutDir: false,
          ...variant,
          rolldownOptions: {
            ...main.rolldownOptions,
            ...variant.rolldownOptions,
            output: main.rolldownOptions.output,
          },
        }
      : main,
  };
});
