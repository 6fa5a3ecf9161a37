import {defineConfig} from 'vite';

// Library build: one ES module that defines the element, with Lit bundled in, plus one small
// module per locale beside it, loaded only when a customer needs that language.
export default defineConfig({
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
