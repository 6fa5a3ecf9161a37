/**
 * `npm run dev`: Vite serves `index.html` (the development page) and the demo shop's pages
 * (`demo/site/`, at the paths `npm start` gives them) from the sources — `src/`, reloaded on
 * save — with the reference consent endpoint behind `/api/consent`, as on a deployed site. The
 * endpoint runs as its own process (`server/main.ts`, SQLite in `data/dev.db`), started once
 * Vite knows its own origin (the only one the endpoint allows); requests under `/api/` go to it.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {build, defineConfig, mergeConfig, type Plugin, type Rolldown} from 'vite';
import main from './vite.config.js';
import consentDefaults from './vite.consent-defaults.config.js';

/** The shop's pages, at the paths the demo server gives them, and what the pages load. */
function sourcePath(url: string): string | undefined {
  const {pathname} = new URL(url, 'http://localhost');
  if (/^\/(products\/|account\/|privacy-policy\.html$)/.test(pathname))
    return `/demo/site${pathname}`;
  if (pathname === '/dist/privacy-preferences.js') return '/src/privacy-preferences.ts';
  return undefined;
}

/** The Consent Mode defaults script, a classic script: built in memory, as `npm run build` does. */
async function buildConsentDefaults(): Promise<string> {
  const built = await build({
    ...consentDefaults,
    configFile: false,
    logLevel: 'warn',
    build: {...consentDefaults.build, write: false},
  });
  const [output] = (Array.isArray(built) ? built : [built]) as Rolldown.RolldownOutput[];
  const chunk = output?.output.find((file) => file.type === 'chunk');
  if (!chunk) throw new Error('the Consent Mode defaults script did not build');
  return chunk.code;
}

/** The endpoint's URL once it listens; rejects when it cannot start. */
function startEndpoint(origin: string, onExit: (child: ChildProcess) => void): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      PORT: '0',
      CONSENT_DB: process.env.CONSENT_DB ?? 'data/dev.db',
      ALLOWED_ORIGINS: origin,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  onExit(child);
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += String(chunk);
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url) resolve(url);
    });
    child.once('exit', (code) => reject(new Error(`the consent endpoint exited (${code})`)));
  });
}

function consentEndpoint(): Plugin {
  let child: ChildProcess | undefined;
  return {
    name: 'consent-endpoint',
    configureServer(server) {
      const target = new Promise<string>((resolve, reject) => {
        server.httpServer?.once('listening', () => {
          const {port} = server.httpServer?.address() as AddressInfo;
          const host = server.config.server.host;
          const name = typeof host === 'string' && host !== '0.0.0.0' ? host : 'localhost';
          startEndpoint(`http://${name}:${port}`, (started) => (child = started)).then(
            resolve,
            reject,
          );
        });
      });
      server.httpServer?.once('close', () => child?.kill());
      let defaults: Promise<string> | undefined;
      server.middlewares.use((request, response, next) => {
        const rewritten = request.url ? sourcePath(request.url) : undefined;
        if (rewritten) request.url = rewritten;
        if (request.url === '/dist/consent-defaults.js') {
          defaults ??= buildConsentDefaults();
          defaults.then((code) => {
            response.setHeader('Content-Type', 'text/javascript');
            response.end(code);
          }, next);
          return;
        }
        if (!request.url?.startsWith('/api/')) return next();
        target.then(
          (endpoint) => {
            const forward = http.request(
              new URL(request.url ?? '/', endpoint),
              {method: request.method, headers: request.headers},
              (answer) => {
                response.writeHead(answer.statusCode ?? 502, answer.headers);
                answer.pipe(response);
              },
            );
            forward.on('error', next);
            request.pipe(forward);
          },
          (error: unknown) => next(error),
        );
      });
    },
  };
}

export default defineConfig((env) =>
  mergeConfig(typeof main === 'function' ? main(env) : main, {
    plugins: [consentEndpoint()],
    server: {host: 'localhost'},
  }),
);
