import {readFile, realpath, stat} from 'node:fs/promises';
import {extname, resolve, sep} from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The strict policy the product promises to work under (no inline script or style, Trusted
 * Types allowing only the two policies the bundle creates and the demo shop's own, as the README
 * advises): serving the demo page with it proves the promise on every run. The shop's third
 * parties (`*.vendor.test`) are allowed, as a shop allows its vendors: what holds them back
 * while a purpose is off is the element, not this policy.
 */
export const demoContentSecurityPolicy =
  "default-src 'self'; script-src 'self' http://*.vendor.test:*; connect-src 'self' http://*.vendor.test:*; img-src 'self' http://*.vendor.test:*; frame-src http://*.vendor.test:*; style-src 'self'; require-trusted-types-for 'script'; trusted-types privacy-preferences lit-html demo-shop; object-src 'none'; base-uri 'none'";

/**
 * Answers with the file at `urlPath` (still percent-encoded, relative to `root`), or 404 when it
 * is missing, is not a regular file, or would resolve outside `root`.
 */
export async function serveFile(root: string, urlPath: string): Promise<Response> {
  const file = await realFileInside(root, urlPath);
  if (
    file === undefined ||
    !(await stat(file).then(
      (s) => s.isFile(),
      () => false,
    ))
  ) {
    return new Response('Not found\n', {
      status: 404,
      headers: {'Content-Type': 'text/plain; charset=utf-8'},
    });
  }
  const type = contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';
  const headers = new Headers({
    'Content-Type': type,
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  });
  if (type.startsWith('text/html'))
    headers.set('Content-Security-Policy', demoContentSecurityPolicy);
  return new Response(await readFile(file), {headers});
}

/**
 * The file's real path (symbolic links followed) when it is inside the root's real path: a link
 * in the served folder that points elsewhere on the machine is not followed out.
 */
async function realFileInside(root: string, urlPath: string): Promise<string | undefined> {
  const file = resolveInside(root, urlPath);
  if (file === undefined) return undefined;
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(file)]);
    return realFile.startsWith(realRoot + sep) ? realFile : undefined;
  } catch {
    return undefined; // missing
  }
}

function resolveInside(root: string, urlPath: string): string | undefined {
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (relative.includes('\0')) return undefined;
  const base = resolve(root);
  // Decoding can produce "../" or "\" that the URL parser never saw, so check after resolving.
  const file = resolve(base, `.${sep}${relative}`);
  return file.startsWith(base + sep) ? file : undefined;
}
