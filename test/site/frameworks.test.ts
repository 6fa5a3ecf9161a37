/**
 * The package as a new user gets it: `npm pack`, unpacked into `node_modules/privacy-preferences`
 * of fresh apps made from `examples/` (React 19 server-rendered then hydrated, Vue 3, Angular, an
 * app that bundles Lit itself, a page without modules), each type-checked with its own tool
 * (tsc, vue-tsc with strictTemplates, ngc with strictTemplates), built with Vite, and driven in
 * Chromium: the configuration set as a property, `consent-change` heard by the app, `open()`
 * called by the app.
 */
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import {tmpdir} from 'node:os';
import {createRequire} from 'node:module';
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import path from 'node:path';
import {after, before, describe, it} from 'node:test';
import {pathToFileURL} from 'node:url';
import type {Browser, ElementHandle, Page} from 'puppeteer-core';
import {build, type InlineConfig} from 'vite';
import vue from '@vitejs/plugin-vue';
import {launchChromium} from './demo-server.js';

const repo = process.cwd();
const bin = (name: string) => path.join(repo, 'node_modules', '.bin', name);

/** Runs a command; a failure shows what it printed. */
function run(command: string, args: string[], cwd: string): string {
  try {
    return execFileSync(command, args, {cwd, encoding: 'utf8', stdio: 'pipe'});
  } catch (error) {
    const {stdout, stderr} = error as {stdout?: string; stderr?: string};
    throw new Error(`${path.basename(command)} ${args.join(' ')} failed:\n${stdout}\n${stderr}`);
  }
}

/** Builds quietly, with no vite.config file of the repository in play. */
const quietBuild = (config: InlineConfig) =>
  build({configFile: false, logLevel: 'warn', ...config});

/** Serves a folder; `page` answers for `/` (the app's HTML). */
async function serve(root: string, page: string) {
  const types: Record<string, string> = {'.js': 'text/javascript', '.css': 'text/css'};
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    if (url.pathname === '/') {
      response.writeHead(200, {'Content-Type': 'text/html; charset=utf-8'}).end(page);
      return;
    }
    try {
      const body = readFileSync(path.join(root, path.normalize(url.pathname)));
      response.writeHead(200, {
        'Content-Type': types[path.extname(url.pathname)] ?? 'application/octet-stream',
      });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => server.close(),
  };
}

describe('the packed package in fresh React, Vue and Angular apps', () => {
  let work: string;
  let browser: Browser;

  before(async () => {
    // Outside the checkout: inside it, Node and TypeScript would resolve the package's own
    // name to the checkout itself. The apps' other dependencies (react, vue, @angular/…) are
    // the checkout's, linked; the package itself is the unpacked tarball.
    work = mkdtempSync(path.join(tmpdir(), 'privacy-preferences-frameworks-'));
    const modules = path.join(work, 'node_modules');
    mkdirSync(modules);
    for (const name of readdirSync(path.join(repo, 'node_modules')))
      if (!name.startsWith('.'))
        symlinkSync(path.join(repo, 'node_modules', name), path.join(modules, name));
    const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], repo));
    const unpacked = path.join(modules, 'privacy-preferences');
    mkdirSync(unpacked);
    run(
      'tar',
      ['-xzf', path.join(work, packed[0].filename), '-C', unpacked, '--strip-components=1'],
      repo,
    );
    cpSync(path.join(repo, 'examples'), work, {recursive: true});
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    if (work) rmSync(work, {recursive: true, force: true});
  });

  /**
   * What every app does, seen from the browser: the center got its configuration as a
   * property (its choices are known), the app's "Privacy choices" button calls `open()`, a
   * toggle reaches the app's `consent-change` listener, and nothing was logged as an error.
   */
  async function drive(origin: string): Promise<{page: Page; problems: string[]}> {
    const page = await (await browser.createBrowserContext()).newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${String(error)}`));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warn') problems.push(message.text());
    });
    await page.goto(origin);
    await page
      .waitForFunction(
        () => document.querySelector('privacy-preferences')?.choices.essential === 'granted',
        {polling: 50, timeout: 10_000},
      )
      .catch((error: unknown) => {
        throw new Error(`${String(error)}; logged: ${problems.join(' | ')}`);
      });
    assert.deepEqual(await page.$eval('privacy-preferences', (center) => center.choices), {
      essential: 'granted',
      analytics: 'denied',
    });
    await page.click('button');
    await inCenter(page, 'dialog[open]', problems);
    const analytics = await inCenter(page, '[role="switch"]:not([aria-disabled="true"])', problems);
    await analytics.click();
    await page.waitForFunction(
      () => document.querySelector('#changes')?.textContent === 'toggle analytics',
      {polling: 50, timeout: 10_000},
    );
    assert.deepEqual(await page.$eval('privacy-preferences', (center) => center.choices), {
      essential: 'granted',
      analytics: 'granted',
    });
    return {page, problems};
  }

  /** Serves `root` with `html` at `/`, drives the page there, and checks nothing was logged. */
  async function driveServed(root: string, html: string): Promise<Page> {
    const server = await serve(root, html);
    try {
      const {page, problems} = await drive(server.origin);
      assert.deepEqual(problems, []);
      return page;
    } finally {
      server.close();
    }
  }

  /**
   * The first element matching `selector` in the center's shadow root, once there. Polled: a
   * mutation observer on the document (puppeteer's default) does not see shadow roots change.
   */
  async function inCenter(page: Page, selector: string, problems: string[]) {
    try {
      const found = await page.waitForFunction(
        (wanted) =>
          document.querySelector('privacy-preferences')?.shadowRoot?.querySelector(wanted),
        {polling: 50, timeout: 10_000},
        selector,
      );
      return found as ElementHandle<Element>;
    } catch (error) {
      const shown = await page.$eval(
        'privacy-preferences',
        (center) => center.shadowRoot?.innerHTML,
      );
      throw new Error(
        `${String(error)}; the center shows: ${shown}; logged: ${problems.join(' | ')}`,
      );
    }
  }

  it('exports every entry point it documents, each to a file in the package', () => {
    const unpacked = path.join(work, 'node_modules', 'privacy-preferences');
    const {exports} = JSON.parse(readFileSync(path.join(unpacked, 'package.json'), 'utf8')) as {
      exports: Record<string, string | Record<string, string>>;
    };
    assert.deepEqual(Object.keys(exports), [
      '.',
      './react',
      './vue',
      './server',
      './lit-external',
      './privacy-preferences.iife.js',
      './consent-defaults.js',
      './custom-elements.json',
      './schema.json',
      './package.json',
    ]);
    const require = createRequire(path.join(work, 'app.js'));
    for (const [entry, target] of Object.entries(exports)) {
      for (const file of typeof target === 'string' ? [target] : Object.values(target))
        assert.ok(existsSync(path.join(unpacked, file)), `${entry}: ${file} is in the package`);
      // What a bundler or Node finds for the name (the Vue entry has types only).
      if (entry !== './vue')
        assert.equal(
          require.resolve(`privacy-preferences${entry.slice(1)}`),
          path.join(unpacked, typeof target === 'string' ? target : target.default),
        );
    }
  });

  it('React 19: type-checks, and works after hydrateRoot', async () => {
    const app = path.join(work, 'react');
    run(bin('tsc'), ['-p', 'tsconfig.json'], app);
    await quietBuild({root: app, build: {outDir: 'dist/client', emptyOutDir: true}});
    await quietBuild({
      root: app,
      build: {ssr: 'server.tsx', outDir: 'dist/server', emptyOutDir: true},
    });
    const {render} = (await import(
      pathToFileURL(path.join(app, 'dist/server/server.js')).href
    )) as {
      render: (cookie?: string) => {app: string; props: string};
    };
    const {app: markup, props} = render();
    assert.match(
      markup,
      /^<main><button type="button">Privacy choices<\/button><privacy-preferences/,
    );
    // The banner, from `privacy-preferences/server`, inside the element as a declarative root.
    assert.match(
      markup,
      /<privacy-preferences mode="banner" locale="en"><script type="application\/json">[^<]+<\/script><template shadowrootmode="open"><style>[^<]+<\/style><span class="visually-hidden" aria-live="polite"><\/span><section class="banner"/,
    );
    // A customer who decided: no banner in the page.
    const decided = render('privacy-preferences-decided=2026-11-01');
    assert.match(
      decided.app,
      /<privacy-preferences mode="banner" locale="en"><script type="application\/json">[^<]+<\/script><\/privacy-preferences>/,
    );
    const html = readFileSync(path.join(app, 'dist/client/index.html'), 'utf8')
      .replace('<!--app-->', markup)
      .replace('<!--props-->', props);
    const page = await driveServed(path.join(app, 'dist/client'), html);
    // The decision made in the dialog hid the server's banner, and told the server's next render.
    const banner = await page.$eval('privacy-preferences[mode="banner"]', (element) => ({
      shown: element.shadowRoot?.querySelectorAll('section.banner').length,
      cookie: document.cookie,
    }));
    assert.deepEqual(banner, {shown: 0, cookie: 'privacy-preferences-decided=2026-11-01'});
  });

  it('Vue 3: type-checks with strictTemplates, and works', async () => {
    const app = path.join(work, 'vue');
    run(bin('vue-tsc'), ['-p', 'tsconfig.json'], app);
    await quietBuild({
      root: app,
      plugins: [
        vue({
          template: {compilerOptions: {isCustomElement: (tag) => tag === 'privacy-preferences'}},
        }),
      ],
      build: {outDir: 'dist', emptyOutDir: true},
    });
    const html = readFileSync(path.join(app, 'dist/index.html'), 'utf8');
    await driveServed(path.join(app, 'dist'), html);
  });

  it('Angular: compiles with strictTemplates, types $event, and works', async () => {
    const app = path.join(work, 'angular');
    run(bin('ngc'), ['-p', 'tsconfig.json'], app);
    // A handler written for another event is a compile error, not a surprise at run time.
    assert.throws(
      () => run(bin('ngc'), ['-p', 'tsconfig.misuse.json'], app),
      /Argument of type 'ConsentChangeEvent' is not assignable to parameter of type 'ConsentSavedEvent'/,
    );
    await quietBuild({root: app, build: {outDir: 'dist', emptyOutDir: true}});
    const html = readFileSync(path.join(app, 'dist/index.html'), 'utf8');
    await driveServed(path.join(app, 'dist'), html);
  });

  it('an app that bundles Lit and @lit/localize: lit-external uses its copies, and works', async () => {
    const app = path.join(work, 'lit');
    await quietBuild({root: app, build: {outDir: 'dist', emptyOutDir: true}});
    const html = readFileSync(path.join(app, 'dist/index.html'), 'utf8');
    const page = await driveServed(path.join(app, 'dist'), html);
    // The app configured @lit/localize for itself: the center speaks English, and says so.
    assert.equal(
      await page.$eval('privacy-preferences', (center) =>
        center.shadowRoot?.querySelector('section')?.getAttribute('lang'),
      ),
      'en',
    );
    // Each copy of lit-html adds its version here: the app's is the only one.
    assert.equal(
      await page.evaluate(
        () => (globalThis as {litHtmlVersions?: string[]}).litHtmlVersions?.length,
      ),
      1,
    );
  });

  it('a page without modules: the classic script works', async () => {
    const dist = path.join(work, 'node_modules/privacy-preferences/dist');
    const html = readFileSync(path.join(work, 'classic/index.html'), 'utf8');
    const page = await driveServed(dist, html);
    assert.deepEqual(
      await page.evaluate(() =>
        performance
          .getEntriesByType('resource')
          .map((entry) => new URL(entry.name).pathname)
          .filter((pathname) => pathname.endsWith('.js')),
      ),
      ['/privacy-preferences.iife.js'],
    );
  });
});
