import {defineConfig} from 'vite';

// The Consent Mode defaults script: a classic script (IIFE) a site puts before its Google
// tags. Built after vite.config.ts, into the same dist/, so it must not empty it.
export default defineConfig({
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: false,
    sourcemap: false,
    rolldownOptions: {
      output: {
        // Vite 8 keeps whitespace in lib-mode output unless told otherwise.
        minify: true,
      },
    },
    lib: {
      entry: 'src/consent-defaults.ts',
      formats: ['iife'],
      // Vite requires a name for IIFE builds; the entry exports nothing, so no global is made.
      name: 'privacyPreferencesConsentDefaults',
      fileName: () => 'consent-defaults.js',
    },
  },
});
