import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {parseAllowedOrigins} from '../cors.js';
import {allowedOrigin, post, startEndpoint, validRecord} from './helpers.js';

const {url} = await startEndpoint();
const foreignOrigin = 'https://evil.example';
const corsHeaders = [
  'Access-Control-Allow-Origin',
  'Access-Control-Allow-Credentials',
  'Access-Control-Expose-Headers',
  'Access-Control-Allow-Methods',
  'Access-Control-Allow-Headers',
  'Access-Control-Max-Age',
];

function presentCorsHeaders(response: Response): string[] {
  return corsHeaders.filter((name) => response.headers.has(name));
}

describe('CORS', () => {
  it('lets an allowed origin write and read, with credentials and exposed headers', async () => {
    const record = validRecord();
    const created = await post(url, record, {Origin: allowedOrigin});
    assert.equal(created.status, 201);
    const read = await fetch(`${url}?subject=${record.subject}`, {
      headers: {Origin: allowedOrigin},
    });
    for (const response of [created, read]) {
      assert.equal(response.headers.get('Access-Control-Allow-Origin'), allowedOrigin);
      assert.equal(response.headers.get('Access-Control-Allow-Credentials'), 'true');
      assert.equal(
        response.headers.get('Access-Control-Expose-Headers'),
        'ETag, Retry-After, WWW-Authenticate',
      );
      assert.equal(response.headers.get('Vary'), 'Origin');
    }
  });

  it('answers a preflight from an allowed origin with methods, headers and max age', async () => {
    const response = await fetch(url, {
      method: 'OPTIONS',
      headers: {
        Origin: allowedOrigin,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type, idempotency-key',
      },
    });
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('Access-Control-Allow-Origin'), allowedOrigin);
    assert.equal(response.headers.get('Access-Control-Allow-Methods'), 'GET, POST');
    assert.equal(
      response.headers.get('Access-Control-Allow-Headers'),
      'Authorization, Content-Type, Idempotency-Key',
    );
    assert.equal(response.headers.get('Access-Control-Max-Age'), '600');
    assert.equal(response.headers.get('Vary'), 'Origin');
  });

  it('refuses writes from another origin, readably, and lets it read nothing', async () => {
    const record = validRecord();
    // The page's preflight passes, so that it can read why its write is refused…
    const preflight = await fetch(url, {
      method: 'OPTIONS',
      headers: {Origin: foreignOrigin, 'Access-Control-Request-Method': 'POST'},
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('Access-Control-Allow-Origin'), foreignOrigin);
    const write = await post(url, record, {Origin: foreignOrigin});
    assert.equal(write.status, 403);
    assert.equal(write.headers.get('Access-Control-Allow-Origin'), foreignOrigin);
    assert.deepEqual(await write.json(), {
      error: {
        code: 'origin_not_allowed',
        message: 'This website is not allowed to save privacy choices here.',
      },
    });
    // …but what the endpoint keeps stays unreadable to it, and nothing was stored.
    const read = await fetch(`${url}?subject=${record.subject}`, {
      headers: {Origin: foreignOrigin},
    });
    assert.equal(read.status, 204, 'the refused write must not have been stored');
    assert.deepEqual(presentCorsHeaders(read), []);
    for (const response of [write, preflight, read])
      assert.equal(response.headers.get('Vary'), 'Origin');
  });

  it('treats an origin that differs only by scheme or port as foreign', async () => {
    for (const origin of ['http://shop.example', 'https://shop.example:8443']) {
      assert.equal((await post(url, validRecord(), {Origin: origin})).status, 403);
    }
  });

  it('lets requests without Origin (curl, servers) through without CORS headers', async () => {
    const response = await post(url, validRecord());
    assert.equal(response.status, 201);
    assert.deepEqual(presentCorsHeaders(response), []);
    assert.equal(response.headers.get('Vary'), 'Origin');
  });
});

describe('parseAllowedOrigins', () => {
  it('splits, trims and keeps exact origins', () => {
    assert.deepEqual(parseAllowedOrigins(' https://shop.example , http://127.0.0.1:8080,'), [
      'https://shop.example',
      'http://127.0.0.1:8080',
    ]);
    assert.deepEqual(parseAllowedOrigins(undefined), []);
  });

  for (const entry of ['https://shop.example/', 'shop.example', 'https://shop.example/path']) {
    it(`refuses ${entry}`, () => {
      assert.throws(() => parseAllowedOrigins(entry), /is not an origin/);
    });
  }
});
