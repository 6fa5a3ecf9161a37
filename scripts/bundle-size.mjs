// Measures the built files a site loads: raw, gzip (level 9) and brotli (quality 11) bytes.
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {brotliCompressSync, constants, gzipSync} from 'node:zlib';

export const DIST = 'dist';
export const MAIN = 'privacy-preferences.js';

export function measure(file) {
  const bytes = readFileSync(path.join(DIST, file));
  return {
    file,
    raw: bytes.length,
    gzip: gzipSync(bytes, {level: 9}).length,
    brotli: brotliCompressSync(bytes, {params: {[constants.BROTLI_PARAM_QUALITY]: 11}}).length,
  };
}

/** The main bundle first, then one module per locale. */
export function measureBundle() {
  const locales = readdirSync(DIST)
    .filter(
      (file) => file.startsWith('privacy-preferences.') && file.endsWith('.js') && file !== MAIN,
    )
    .sort();
  return {main: measure(MAIN), locales: locales.map(measure)};
}

export function formatRow({file, raw, gzip, brotli}) {
  return `${file.padEnd(44)} ${String(raw).padStart(7)} B raw ${String(gzip).padStart(7)} B gzip ${String(brotli).padStart(7)} B brotli`;
}
