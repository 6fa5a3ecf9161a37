import assert from 'node:assert/strict';
import {mkdirSync, symlinkSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, it} from 'node:test';
import {demoContentSecurityPolicy, serveFile} from '../static-files.js';
import {post, rawGet, spawnServer, tempDir, validRecord} from './helpers.js';

describe('serveFile', () => {
  const root = tempDir();
  mkdirSync(join(root, 'sub'));
  writeFileSync(join(root, 'index.html'), '<!doctype html>');
  writeFileSync(join(root, 'sub', 'bundle.js'), 'export {};');
  writeFileSync(join(root, 'sub', 'bundle.js.map'), '{}');
  writeFileSync(join(root, 'manifest.json'), '{}');
  writeFileSync(join(root, 'a b.js'), '');
  // Links: one inside the root (followed), two out of it (never followed).
  const outside = tempDir();
  writeFileSync(join(outside, 'secret.txt'), 'not for the web');
  symlinkSync(join(root, 'sub', 'bundle.js'), join(root, 'inside-link.js'));
  symlinkSync(join(outside, 'secret.txt'), join(root, 'secret.txt'));
  symlinkSync(outside, join(root, 'elsewhere'));

  const types: [string, string][] = [
    ['index.html', 'text/html; charset=utf-8'],
    ['sub/bundle.js', 'text/javascript; charset=utf-8'],
    ['sub/bundle.js.map', 'application/json; charset=utf-8'],
    ['manifest.json', 'application/json; charset=utf-8'],
    ['a%20b.js', 'text/javascript; charset=utf-8'],
    ['inside-link.js', 'text/javascript; charset=utf-8'],
  ];
  for (const [path, type] of types) {
    it(`serves ${path} as ${type}`, async () => {
      const response = await serveFile(root, path);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('Content-Type'), type);
      assert.equal(response.headers.get('X-Content-Type-Options'), 'nosniff');
    });
  }

  it('sends the strict Content-Security-Policy with HTML only', async () => {
    assert.equal(
      (await serveFile(root, 'index.html')).headers.get('Content-Security-Policy'),
      demoContentSecurityPolicy,
    );
    assert.equal(
      (await serveFile(root, 'sub/bundle.js')).headers.has('Content-Security-Policy'),
      false,
    );
  });

  for (const path of [
    'missing.js',
    'sub',
    '',
    '../package.json',
    '..%2f..%2fetc%2fpasswd',
    'sub%5c..%5c..%5cx',
    '%E0%A4%A',
    'a%00.js',
    'secret.txt',
    'elsewhere/secret.txt',
  ]) {
    it(`answers 404 for ${JSON.stringify(path)}`, async () => {
      assert.equal((await serveFile(root, path)).status, 404);
    });
  }
});

describe('server/demo.ts', () => {
  it("serves the shop's pages under the strict Content-Security-Policy", async () => {
    const {url} = await spawnServer('server/demo.ts', {CONSENT_DB: join(tempDir(), 'demo.db')});
    for (const [path, title] of [
      ['/', 'Fjordline Outdoor · Tents, stoves and rainwear'],
      ['/products/tent.html', 'Skarvik 2 tent · Fjordline Outdoor'],
      ['/products/stove.html', 'Brenna Ti stove · Fjordline Outdoor'],
      ['/products/jacket.html', 'Kyst 3L rain jacket · Fjordline Outdoor'],
      ['/account/privacy.html', 'Privacy choices · Your account · Fjordline Outdoor'],
      ['/privacy-policy.html', 'Privacy policy · Fjordline Outdoor'],
    ]) {
      const response = await rawGet(url, path!);
      assert.equal(response.status, 200, path);
      assert.equal(response.headers['content-type'], 'text/html; charset=utf-8', path);
      assert.equal(response.headers['content-security-policy'], demoContentSecurityPolicy, path);
      assert.equal(/<title>(.*)<\/title>/.exec(response.body)?.[1], title, path);
    }
    for (const path of ['/products/', '/products/boots.html', '/account/']) {
      assert.equal((await rawGet(url, path)).status, 404, path);
    }
  });

  it('serves the endpoint on its own origin and refuses path traversal', async () => {
    const {url} = await spawnServer('server/demo.ts', {CONSENT_DB: join(tempDir(), 'demo.db')});
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);

    for (const path of [
      '/dist/../package.json',
      '/dist/..%2fpackage.json',
      '/demo/%2e%2e/package.json',
      '/package.json',
      '/products/..%2f..%2f..%2fpackage.json',
      '/..%2fpurposes.json',
    ]) {
      assert.equal((await rawGet(url, path)).status, 404, path);
    }

    const record = validRecord();
    assert.equal((await post(`${url}/api/consent`, record, {Origin: url})).status, 201);
    const localhost = url.replace('127.0.0.1', 'localhost');
    assert.equal(
      (await post(`${url}/api/consent`, validRecord(), {Origin: localhost})).status,
      201,
    );
    const foreign = await post(`${url}/api/consent`, validRecord(), {
      Origin: 'https://evil.example',
    });
    assert.equal(foreign.status, 403);
    const read = await fetch(`${url}/api/consent?subject=${record.subject}`);
    assert.equal(read.status, 200);
  });
});
