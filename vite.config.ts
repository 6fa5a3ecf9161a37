import {readFileSync} from 'node:fs';
import MagicString from 'magic-string';
import {defineConfig, type Plugin, type UserConfig} from 'vite';
import type {ModuleGraph} from './src/browser/module-graph.js';

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

/**
 * Where each path through the bundle starts (see `moduleGraph`): the banner, the full center,
 * the session alone, the network backstop, the embeds' placeholders
 * (src/browser/module-graph.ts).
 */
const PATHS: Record<keyof ModuleGraph, readonly string[]> = {
  banner: ['src/center/center-controller.ts', 'src/ui/interface.ts'],
  center: [
    'src/center/center-controller.ts',
    'src/ui/interface.ts',
    'src/ui/center-view.ts',
    'src/center/consent-session.ts',
  ],
  session: ['src/center/center-controller.ts', 'src/center/consent-session.ts'],
  backstop: ['src/browser/held-hosts.ts'],
  embeds: ['src/browser/embeds.ts'],
};
const GRAPH_SOURCE = 'src/browser/module-graph.ts';
const GRAPH_PLACEHOLDER = '__PP_MODULE_GRAPH__';

/**
 * Writes into the entry the files each path needs (src/browser/module-graph.ts): the modules
 * where the path starts and everything they import, but not the entry itself. The entry then
 * requests them together, so no module of a path waits for another to run before it is
 * requested. The names are the chunks' preliminary ones: Rolldown puts the final hashes in.
 */
function moduleGraph(): Plugin {
  /** The entry, once seen: its graph is also written beside it for the server. */
  let entry: string | undefined;
  return {
    name: 'module-graph',
    // Served from the sources (`npm run dev`), modules are not bundled: there is no graph.
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!id.endsWith(GRAPH_SOURCE)) return null;
      const empty = /(?<=MODULE_GRAPH: ModuleGraph = )\{[\s\S]*?\n\}/;
      if (!empty.test(code)) throw new Error(`${GRAPH_SOURCE}: no MODULE_GRAPH to fill in`);
      return {code: code.replace(empty, GRAPH_PLACEHOLDER), map: null};
    },
    renderChunk(code, chunk, _options, {chunks}) {
      const at = code.indexOf(GRAPH_PLACEHOLDER);
      if (at < 0) return null;
      entry = chunk.fileName;
      const edited = new MagicString(code).overwrite(
        at,
        at + GRAPH_PLACEHOLDER.length,
        JSON.stringify(graphOf(chunk.fileName, chunks)),
      );
      return {code: edited.toString(), map: edited.generateMap({hires: true})};
    },
    /**
     * `module-graph.json` beside the entry, with the files' final names, for `renderBanner`'s
     * preloads (src/server.ts); not for the classic script, which is one file.
     */
    generateBundle(options, bundle) {
      if (entry && options.format === 'es')
        this.emitFile({
          type: 'asset',
          fileName: 'module-graph.json',
          source: JSON.stringify({entry: `./${entry}`, ...graphOf(entry, bundle)}),
        });
      entry = undefined;
    },
  };
}

/**
 * Each path's files: the modules where it starts and everything they import, but not the entry
 * itself, and not what the page gives (`lit-external`: Lit is the app's).
 */
function graphOf(entry: string, bundle: Readonly<Record<string, object>>): ModuleGraph {
  // Chunks have these; assets (a source map, this very list) have neither.
  const chunks = bundle as Readonly<
    Record<string, {readonly imports?: readonly string[]; readonly facadeModuleId?: string | null}>
  >;
  const closure = (starts: readonly string[]) => {
    const files = new Set<string>();
    const visit = (fileName: string) => {
      if (fileName === entry || files.has(fileName) || !chunks[fileName]) return;
      files.add(fileName);
      for (const imported of chunks[fileName]?.imports ?? []) visit(imported);
    };
    for (const start of starts) {
      const found = Object.entries(chunks).find(([, each]) => each.facadeModuleId?.endsWith(start));
      // One file (the classic script): nothing to preload.
      if (found) visit(found[0]);
    }
    return [...files].map((fileName) => `./${fileName}`);
  };
  return Object.fromEntries(
    Object.entries(PATHS).map(([path, starts]) => [path, closure(starts)]),
  ) as unknown as ModuleGraph;
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
 *   from the app instead of carrying its own copy;
 * - `server`: `dist/server/server.js`, `privacy-preferences/server` (`renderBanner`) for Node:
 *   one file with every translation and its own copy of `@lit/localize` (a render looks its
 *   translations up itself, never through an app's copy).
 */
/**
 * The server's build (`--mode server`, after the main one): writes the main bundle's file names
 * (`dist/module-graph.json`) into src/server.ts, for `renderBanner`'s preloads.
 */
function builtFiles(): Plugin {
  return {
    name: 'built-files',
    apply: (_config, {mode}) => mode === 'server',
    enforce: 'pre',
    transform(code, id) {
      if (!id.endsWith('src/server.ts')) return null;
      const empty = /(?<=BUILT_FILES: [^=]+=\s*)undefined;/;
      if (!empty.test(code)) throw new Error('src/server.ts: no BUILT_FILES to fill in');
      const {entry, banner} = JSON.parse(readFileSync('dist/module-graph.json', 'utf8')) as {
        entry: string;
        banner: string[];
      };
      return {code: code.replace(empty, `${JSON.stringify({entry, banner})};`), map: null};
    },
  };
}

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
    // One file: nothing to preload, so the preloads' `import.meta.url` is never read there.
    rolldownOptions: {transform: {define: {'import.meta.url': 'undefined'}}},
  },
  server: {
    outDir: 'dist/server',
    sourcemap: false,
    lib: {entry: 'src/server.ts', formats: ['es'], fileName: () => 'server.js'},
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
    plugins: [minifyStyles(), moduleGraph(), builtFiles()],
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
