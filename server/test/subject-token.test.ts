// Signed-in subjects: the token a site's backend issues, the checks the endpoint makes, and the
// real server process refusing a forged accept-all for a signed-in customer.
import assert from 'node:assert/strict';
import {randomUUID} from 'node:crypto';
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {describe, it} from 'node:test';
import {checkSubjectToken, issueSubjectToken, needsToken, parseSecret} from '../subject-token.js';
import {
  allowedOrigin,
  post,
  repoRoot,
  spawnServer,
  startEndpoint,
  tempDir,
  validRecord,
} from './helpers.js';

const SECRET = 'a-test-secret-of-at-least-32-bytes-long!';
const NOW = 1_800_000_000;
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * The token with its last character replaced by the one `offset` places on in the alphabet:
 * offsets 1 to 3 set the padding bits, which decode to the same signature.
 */
function lastCharacterPlus(token: string, offset: number): string {
  return token.slice(0, -1) + BASE64URL[BASE64URL.indexOf(token.at(-1)!) + offset];
}

describe('subject tokens', () => {
  it('needs one for a signed-in id, not for the component’s anonymous ids', () => {
    assert.equal(needsToken('customer-42'), true);
    assert.equal(needsToken('C4F2A1B0-0000-4000-8000-000000000000'), true); // not as the component writes them
    assert.equal(needsToken('00000000-0000-1000-8000-000000000000'), true); // not version 4
    assert.equal(needsToken(randomUUID()), false);
  });

  const rows: {
    name: string;
    header: (token: string) => string | undefined;
    now?: number;
    expected: string;
  }[] = [
    {name: 'a valid token', header: (token) => `Bearer ${token}`, expected: 'ok'},
    {name: 'the scheme in lower case', header: (token) => `bearer ${token}`, expected: 'ok'},
    {name: 'no header', header: () => undefined, expected: 'token_missing'},
    {name: 'another scheme', header: (token) => `Basic ${token}`, expected: 'token_missing'},
    {
      name: 'a token of another format',
      header: () => 'Bearer abc.def',
      expected: 'token_malformed',
    },
    {
      name: 'a tampered expiry',
      header: (token) => `Bearer ${token.replace(`.${NOW + 60}.`, `.${NOW + 6000}.`)}`,
      expected: 'token_invalid',
    },
    {
      name: 'a tampered signature',
      header: (token) => `Bearer ${token.slice(0, -2)}${token.endsWith('AA') ? 'AB' : 'AA'}`,
      expected: 'token_invalid',
    },
    // Other spellings of a genuine token: each decodes to the same expiry and signature.
    {
      name: 'a leading zero in the expiry',
      header: (token) => `Bearer ${token.replace(`.${NOW + 60}.`, `.0${NOW + 60}.`)}`,
      expected: 'token_malformed',
    },
    {
      name: 'a plus sign before the expiry',
      header: (token) => `Bearer ${token.replace(`.${NOW + 60}.`, `.+${NOW + 60}.`)}`,
      expected: 'token_malformed',
    },
    ...[1, 2, 3].map((offset) => ({
      name: `the signature's padding bits set (last character + ${offset})`,
      header: (token: string) => `Bearer ${lastCharacterPlus(token, offset)}`,
      expected: 'token_malformed',
    })),
    {
      name: 'the signature with "=" padding',
      header: (token) => `Bearer ${token}=`,
      expected: 'token_malformed',
    },
    {
      name: 'the version in upper case',
      header: (token) => `Bearer V${token.slice(1)}`,
      expected: 'token_malformed',
    },
    {
      name: 'an expired token',
      header: (token) => `Bearer ${token}`,
      now: NOW + 60,
      expected: 'token_expired',
    },
  ];
  for (const {name, header, now = NOW, expected} of rows) {
    it(`answers ${expected} for ${name}`, async () => {
      const token = await issueSubjectToken(SECRET, 'customer-42', NOW + 60);
      const check = await checkSubjectToken(SECRET, 'customer-42', header(token), now);
      assert.equal(check.ok ? 'ok' : check.code, expected);
    });
  }

  it('accepts every token the issuer makes: one spelling, each of the 16 last characters', async () => {
    const subjects = ['customer-42', '顧客-42', 'customer \ud83d\ude00', 'c'.repeat(256)];
    const expiries = [
      0,
      1,
      9,
      10,
      NOW,
      10 ** 12 - 1,
      ...Array.from({length: 64}, (_, i) => NOW + i),
    ];
    const refused: string[] = [];
    const lastCharacters = new Set<string>();
    for (const subject of subjects) {
      for (const expires of expiries) {
        const token = await issueSubjectToken(SECRET, subject, expires);
        lastCharacters.add(token.at(-1)!);
        const check = await checkSubjectToken(SECRET, subject, `Bearer ${token}`, expires - 1);
        if (!check.ok || token !== `v1.${expires}.${token.split('.')[2]}`) refused.push(token);
      }
    }
    assert.deepEqual(refused, []);
    assert.equal([...lastCharacters].sort().join(''), [...'AEIMQUYcgkosw048'].sort().join(''));
  });

  it('issues no token for an expiry that has no canonical spelling', async () => {
    for (const expires of [-1, 1.5, 10 ** 12, Number.NaN, Number.POSITIVE_INFINITY]) {
      await assert.rejects(issueSubjectToken(SECRET, 'customer-42', expires), RangeError);
    }
  });

  it('does not carry over to another subject or another secret', async () => {
    const token = await issueSubjectToken(SECRET, 'customer-42', NOW + 60);
    const otherSubject = await checkSubjectToken(SECRET, 'customer-43', `Bearer ${token}`, NOW);
    const otherSecret = await checkSubjectToken(
      `${SECRET}x`,
      'customer-42',
      `Bearer ${token}`,
      NOW,
    );
    assert.deepEqual([otherSubject.ok, otherSecret.ok], [false, false]);
  });

  it('accepts a token from the issuing function docs/consent-endpoint.md gives backends', async () => {
    const docs = readFileSync(join(repoRoot, 'docs/consent-endpoint.md'), 'utf8');
    const snippet = [...docs.matchAll(/```js\n([\s\S]*?)```/g)]
      .map(([, body]) => body!)
      .find((body) => body.includes('export function subjectToken'));
    assert.ok(snippet, 'no js snippet with subjectToken in the docs');
    const file = join(tempDir(), 'issue.mjs');
    writeFileSync(file, snippet);
    const {subjectToken} = (await import(pathToFileURL(file).href)) as {
      subjectToken: (secret: string, subject: string) => string;
    };
    const token = subjectToken(SECRET, 'customer-42');
    const check = await checkSubjectToken(
      SECRET,
      'customer-42',
      `Bearer ${token}`,
      Date.now() / 1000,
    );
    assert.deepEqual(check, {ok: true});
  });

  it('refuses a secret too short to protect anything, and treats none as off', () => {
    assert.throws(
      () => parseSecret('SUBJECT_TOKEN_SECRET', 'short'),
      /SUBJECT_TOKEN_SECRET is too short/,
    );
    assert.equal(parseSecret('SUBJECT_TOKEN_SECRET', undefined), undefined);
    assert.equal(parseSecret('SUBJECT_TOKEN_SECRET', SECRET), SECRET);
  });
});

describe('the endpoint with SUBJECT_TOKEN_SECRET', () => {
  const now = () => NOW * 1000;

  it('answers 401 to reads and writes of a signed-in subject without a valid token', async () => {
    const {url} = await startEndpoint({subjectTokenSecret: SECRET, now});
    const forged = validRecord({
      subject: 'customer-42',
      choices: {analytics: 'granted', ads: 'granted'},
    });
    const post401 = await post(url, forged);
    assert.equal(post401.status, 401);
    assert.equal(post401.headers.get('WWW-Authenticate'), 'Bearer realm="consent"');
    assert.equal(((await post401.json()) as {error: {code: string}}).error.code, 'token_missing');
    for (const path of ['', '/history']) {
      const read = await fetch(`${url}${path}?subject=customer-42`, {
        headers: {Authorization: 'Bearer v1.1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'},
      });
      assert.equal(read.status, 401, path);
      assert.equal(((await read.json()) as {error: {code: string}}).error.code, 'token_invalid');
    }
  });

  it('stores and reads back with the subject’s token; anonymous ids need none', async () => {
    const {url} = await startEndpoint({subjectTokenSecret: SECRET, now});
    const token = await issueSubjectToken(SECRET, 'customer-42', NOW + 3600);
    const authorization = {Authorization: `Bearer ${token}`};
    assert.equal(
      (await post(url, validRecord({subject: 'customer-42'}), authorization)).status,
      201,
    );
    assert.equal((await fetch(`${url}?subject=customer-42`, {headers: authorization})).status, 200);
    const anonymous = randomUUID();
    assert.equal((await post(url, validRecord({subject: anonymous}))).status, 201);
    assert.equal((await fetch(`${url}?subject=${anonymous}`)).status, 200);
  });

  it('never replays a stored answer to a request without the token', async () => {
    const {url} = await startEndpoint({subjectTokenSecret: SECRET, now});
    const token = await issueSubjectToken(SECRET, 'customer-42', NOW + 3600);
    const record = validRecord({subject: 'customer-42'});
    await post(url, record, {Authorization: `Bearer ${token}`});
    const replay = await post(url, record);
    assert.equal(replay.status, 401);
    assert.doesNotMatch(await replay.text(), /receiptId/);
  });

  it('lets an allowed page send the token (CORS preflight), and read why it was refused', async () => {
    const {url} = await startEndpoint({subjectTokenSecret: SECRET, now});
    const preflight = await fetch(url, {
      method: 'OPTIONS',
      headers: {Origin: allowedOrigin, 'Access-Control-Request-Headers': 'authorization'},
    });
    assert.match(preflight.headers.get('Access-Control-Allow-Headers') ?? '', /Authorization/);
    const refused = await post(url, validRecord({subject: 'customer-42'}), {Origin: allowedOrigin});
    assert.equal(refused.status, 401);
    assert.equal(refused.headers.get('Access-Control-Allow-Origin'), allowedOrigin);
  });

  it('in the real server process: a forged accept-all is refused, the issued token (CLI) works', async () => {
    const server = await spawnServer('server/main.ts', {
      CONSENT_DB: join(tempDir(), 'consent.db'),
      SUBJECT_TOKEN_SECRET: SECRET,
    });
    const url = `${server.url}/api/consent`;
    const forged = validRecord({
      subject: 'customer-7',
      choices: {ads: 'granted', analytics: 'granted'},
    });
    assert.equal((await post(url, forged)).status, 401);
    const {execFileSync} = await import('node:child_process');
    const token = execFileSync(
      process.execPath,
      ['--import', 'tsx', 'server/issue-token.ts', 'customer-7', '60'],
      {
        env: {...process.env, SUBJECT_TOKEN_SECRET: SECRET},
        encoding: 'utf8',
      },
    ).trim();
    assert.match(token, /^v1\.\d+\.[A-Za-z0-9_-]{43}$/);
    assert.equal((await post(url, forged, {Authorization: `Bearer ${token}`})).status, 201);
    const read = await fetch(`${url}?subject=customer-7`, {
      headers: {Authorization: `Bearer ${token}`},
    });
    assert.equal(read.status, 200);
  });
});
