// Rate limits: token buckets per client address and per subject, 429 with Retry-After, on by
// default, configurable — the pure buckets, and the real server process.
import assert from 'node:assert/strict';
import {join} from 'node:path';
import {describe, it} from 'node:test';
import {DEFAULT_LIMITS, parseRateLimit, TokenBuckets} from '../rate-limit.js';
import {post, spawnServer, tempDir, validRecord} from './helpers.js';

describe('TokenBuckets', () => {
  it('allows a burst, then one request per refill interval, and says how long to wait', () => {
    const buckets = new TokenBuckets({burst: 3, perSecond: 2});
    const at0 = [1, 2, 3, 4].map(() => buckets.take('a', 0));
    assert.deepEqual(at0, [0, 0, 0, 500]);
    assert.equal(buckets.take('a', 250), 250); // half a token back
    assert.equal(buckets.take('a', 500), 0);
    assert.equal(buckets.take('b', 500), 0, 'another key has its own bucket');
  });

  it('refills no further than the burst', () => {
    const buckets = new TokenBuckets({burst: 2, perSecond: 10});
    buckets.take('a', 0);
    const after = [1, 2, 3].map(() => buckets.take('a', 60_000));
    assert.deepEqual(after, [0, 0, 100]);
  });

  it('forgets buckets that are full again once it holds too many keys, and no other', () => {
    const buckets = new TokenBuckets({burst: 1, perSecond: 1}, 2);
    buckets.take('old', 0);
    buckets.take('busy', 5_000);
    buckets.take('new', 5_000); // three keys: 'old' is full again and goes
    assert.equal(buckets.take('busy', 5_000) > 0, true, 'an empty bucket is kept');
  });
});

describe('parseRateLimit', () => {
  const rows: [string | undefined, unknown][] = [
    [undefined, DEFAULT_LIMITS.perSubject],
    ['', DEFAULT_LIMITS.perSubject],
    ['off', undefined],
    ['10/0.5', {burst: 10, perSecond: 0.5}],
  ];
  for (const [value, expected] of rows) {
    it(`reads ${JSON.stringify(value)}`, () => {
      assert.deepEqual(parseRateLimit('X', value, DEFAULT_LIMITS.perSubject), expected);
    });
  }
  for (const value of ['10', '0/1', '10/0', 'fast', '10/1/2']) {
    it(`refuses ${JSON.stringify(value)} with a message that says how to write it`, () => {
      assert.throws(
        () => parseRateLimit('RATE_LIMIT_PER_SUBJECT', value, DEFAULT_LIMITS.perSubject),
        /RATE_LIMIT_PER_SUBJECT=".*" is not a rate limit: write burst\/perSecond, such as 30\/1, or off\./,
      );
    });
  }
});

describe('the real server', () => {
  it('is limited by default: a flood of subject look-ups from one address gets 429 with Retry-After', async () => {
    const server = await spawnServer('server/main.ts', {CONSENT_DB: join(tempDir(), 'c.db')});
    const statuses = await Promise.all(
      Array.from({length: DEFAULT_LIMITS.perAddress.burst + 30}, (_, index) =>
        fetch(`${server.url}/api/consent?subject=look-up-${index}`).then((response) => response),
      ),
    );
    const limited = statuses.filter((response) => response.status === 429);
    assert.ok(limited.length >= 20, `${limited.length} answers were 429`);
    const [first] = limited;
    assert.ok(Number(first!.headers.get('Retry-After')) >= 1);
    assert.equal(((await first!.json()) as {error: {code: string}}).error.code, 'rate_limited');
  });

  it('limits one subject on its own, and the component’s retry after Retry-After is stored', async () => {
    const server = await spawnServer('server/main.ts', {
      CONSENT_DB: join(tempDir(), 'c.db'),
      RATE_LIMIT_PER_SUBJECT: '2/1',
    });
    const url = `${server.url}/api/consent`;
    const records = [0, 1, 2].map(() => validRecord({subject: 'busy-customer'}));
    const answers = [];
    for (const record of records) answers.push(await post(url, record));
    assert.deepEqual(
      answers.map((response) => response.status),
      [201, 201, 429],
    );
    assert.equal((await post(url, validRecord({subject: 'another-customer'}))).status, 201);
    const wait = Number(answers[2]!.headers.get('Retry-After'));
    await new Promise((resolve) => setTimeout(resolve, wait * 1000));
    assert.equal((await post(url, records[2])).status, 201);
  });

  it('refuses a malformed limit at start, with the message and exit code 1', async () => {
    await assert.rejects(
      spawnServer('server/main.ts', {
        CONSENT_DB: join(tempDir(), 'c.db'),
        RATE_LIMIT_PER_ADDRESS: 'lots',
      }),
      /RATE_LIMIT_PER_ADDRESS="lots" is not a rate limit/,
    );
  });
});
