// Rate limits: token buckets per client address and per subject, 429 with Retry-After, on by
// default, configurable — the pure buckets, and the real server process.
import assert from 'node:assert/strict';
import {join} from 'node:path';
import {describe, it} from 'node:test';
import {
  addressKey,
  DEFAULT_LIMITS,
  parseRateLimit,
  rateLimitsFrom,
  TokenBuckets,
} from '../rate-limit.js';
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

  it("takes a cost at once (a record's bytes), and a cost above the burst as the burst", () => {
    const buckets = new TokenBuckets({burst: 1000, perSecond: 100});
    const taken = [
      buckets.take('a', 0, 600),
      buckets.take('a', 0, 600), // 400 left: 200 more come in 2 s
      buckets.take('a', 2_000, 600),
      buckets.take('b', 0, 5_000), // more than the burst: goes with a full bucket
      buckets.take('b', 0, 1),
    ];
    assert.deepEqual(taken, [0, 2_000, 0, 0, 10]);
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

describe('addressKey', () => {
  const cases: [address: string, key: string][] = [
    // IPv4, also as an IPv4-mapped IPv6 address in each spelling: the address itself.
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['::FFFF:203.0.113.7', '203.0.113.7'],
    ['0:0:0:0:0:ffff:203.0.113.7', '203.0.113.7'],
    ['::ffff:cb00:7107', '203.0.113.7'],
    ['[::ffff:203.0.113.7]', '203.0.113.7'],
    // IPv6: its /64, however the address is written.
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2:ffff:ffff:ffff:ffff', '2001:db8:1:2::/64'],
    ['2001:DB8:1:2::7', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:0000:0000:0000:0001', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::', '2001:db8:1:2::/64'],
    ['2001:db8:1:2:3:4:192.0.2.1', '2001:db8:1:2::/64'],
    ['[2001:db8:1:2::7]', '2001:db8:1:2::/64'],
    ['2001:db8:1:3::7', '2001:db8:1:3::/64'], // the next /64: another customer
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['2001:db8:0:0:1::', '2001:db8:0:0::/64'],
    ['::2001:db8:1:2:3:4:5', '0:2001:db8:1::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['::', '0:0:0:0::/64'],
    // Not an address this reads: its own key, as given.
    ['2001:db8:1:2:3:4:5:6:7', '2001:db8:1:2:3:4:5:6:7'],
    ['1:2:3:4:5:6:7::8', '1:2:3:4:5:6:7::8'],
    ['1::2::3', '1::2::3'],
    ['12345::', '12345::'],
    ['::ffff:203.0.113.07', '::ffff:203.0.113.07'],
    ['::ffff:203.0.113.256', '::ffff:203.0.113.256'],
    ['unknown', 'unknown'],
  ];
  for (const [address, key] of cases) {
    it(`${address} → ${key}`, () => {
      assert.equal(addressKey(address), key);
    });
  }
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

describe('rateLimitsFrom', () => {
  it('turns every limit on by default, the storage quota too', () => {
    assert.deepEqual(rateLimitsFrom({}), DEFAULT_LIMITS);
  });

  it('turns each off on its own', () => {
    assert.deepEqual(rateLimitsFrom({STORAGE_PER_ADDRESS: 'off'}), {
      ...DEFAULT_LIMITS,
      storagePerAddress: undefined,
    });
  });
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

  it('behind a trusted proxy, limits an IPv6 client by its /64 and an IPv4-mapped one as IPv4', async () => {
    const server = await spawnServer('server/main.ts', {
      CONSENT_DB: join(tempDir(), 'c.db'),
      TRUST_PROXY: '1',
      RATE_LIMIT_PER_ADDRESS: '2/0.001',
      RATE_LIMIT_PER_SUBJECT: 'off',
    });
    const from = async (address: string) =>
      (
        await fetch(`${server.url}/api/consent?subject=look-up`, {
          headers: {'X-Forwarded-For': `198.51.100.1, ${address}`},
        })
      ).status;
    const statuses: [string, number][] = [];
    for (const address of [
      '2001:db8:1:2::1',
      '2001:db8:1:2:aaaa:bbbb:cccc:dddd',
      '2001:DB8:1:2::2', // the same /64 a third time
      '2001:db8:1:3::1', // the next /64
      '203.0.113.7',
      '::ffff:203.0.113.7',
      '::ffff:cb00:7107', // the same IPv4 address a third time
    ]) {
      statuses.push([address, await from(address)]);
    }
    assert.deepEqual(statuses, [
      ['2001:db8:1:2::1', 204],
      ['2001:db8:1:2:aaaa:bbbb:cccc:dddd', 204],
      ['2001:DB8:1:2::2', 429],
      ['2001:db8:1:3::1', 204],
      ['203.0.113.7', 204],
      ['::ffff:203.0.113.7', 204],
      ['::ffff:cb00:7107', 429],
    ]);
  });

  it('stores at most its share of bytes per address: then 429 with Retry-After, nothing of it kept', async () => {
    const server = await spawnServer('server/main.ts', {
      CONSENT_DB: join(tempDir(), 'c.db'),
      TRUST_PROXY: '1',
      RATE_LIMIT_PER_ADDRESS: 'off',
      RATE_LIMIT_PER_SUBJECT: 'off',
      STORAGE_PER_ADDRESS: '4000/1',
    });
    const url = `${server.url}/api/consent`;
    const from = (address: string, record: Record<string, unknown>) =>
      post(url, record, {'X-Forwarded-For': address});
    // Fresh anonymous subjects, as a flood would use: each costs its bytes.
    const records = Array.from({length: 20}, () => validRecord());
    const sizes = records.map((record) => Buffer.byteLength(JSON.stringify(record)));
    let left = 4000;
    const expected = sizes.map((size) => (size <= left ? ((left -= size), 201) : 429));
    const answers = [];
    for (const record of records) answers.push(await from('203.0.113.9', record));
    assert.deepEqual(
      answers.map((answer) => answer.status),
      expected,
    );
    const refused = answers.findIndex((answer) => answer.status === 429);
    assert.ok(refused > 0 && refused < 20, `the first refusal at ${refused}`);
    assert.ok(Number(answers[refused]!.headers.get('Retry-After')) >= 1);
    assert.equal(
      ((await answers[refused]!.json()) as {error: {code: string}}).error.code,
      'rate_limited',
    );
    const stored = await fetch(`${url}?subject=${records[refused]!.subject as string}`);
    assert.equal(stored.status, 204, 'a refused record is not stored');
    assert.equal((await from('198.51.100.20', validRecord())).status, 201, 'another address');
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
