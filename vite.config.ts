import {defineConfig, type Plugin} from 'vite';

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

// Library build: one ES module that defines the element, with Lit bundled in, plus one small
// module per locale beside it, loaded only when a customer needs that language.
export default defineConfig({
  plugins: [minifyStyles()],
  build: {
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
  },
});
