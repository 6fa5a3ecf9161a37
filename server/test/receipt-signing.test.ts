// Receipts that verify themselves (docs/consent-endpoint.md): every answer carrying a receipt is
// signed by the real server process, on SQLite and on PostgreSQL, and checks out with the key it
// serves; the docs' openssl and Node recipes run as written; a bad key stops the server at start.
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {
  createHash,
  createPublicKey,
  generateKeyPairSync,
  verify,
  type JsonWebKey,
} from 'node:crypto';
import {readFileSync, symlinkSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, it} from 'node:test';
import {promisify} from 'node:util';
import canonicalize from 'canonicalize';
import type {ConsentAnswer} from '../../src/core/protocol.js';
import {receiptSignerFrom, receiptSignerFromPem, signedBytes} from '../receipt-signing.js';
import {allowedOrigin, post, repoRoot, spawnServer, tempDir, validRecord} from './helpers.js';
import {usePostgres} from './postgres.js';

const ADMIN_TOKEN = 'an-admin-token-of-at-least-32-bytes!!';
const admin = {Authorization: `Bearer ${ADMIN_TOKEN}`};
const run = promisify(execFile);

const pemOf = (type: 'ed25519' | 'ed448' | 'rsa') =>
  (type === 'rsa'
    ? generateKeyPairSync('rsa', {modulusLength: 1024})
    : generateKeyPairSync(type as 'ed25519')
  ).privateKey.export({type: 'pkcs8', format: 'pem'}) as string;
const KEY = pemOf('ed25519');

/**
 * Whether `answer.signature` is Ed25519 by `jwk` over the RFC 8785 bytes of exactly
 * `{receiptId, recordedAt, record}` — built here, not with the server's code, so that a server
 * signing other bytes fails it.
 */
function verifies(answer: ConsentAnswer, jwk: JsonWebKey): boolean {
  const {receiptId, recordedAt, record, signature} = answer;
  assert.equal(typeof signature, 'string', 'the answer has a signature');
  const bytes = Buffer.from(canonicalize({receiptId, recordedAt, record})!);
  const key = createPublicKey({key: jwk, format: 'jwk'});
  return verify(null, bytes, key, Buffer.from(signature!, 'base64url'));
}

function lines(text: string): (ConsentAnswer & {type: string})[] {
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ConsentAnswer & {type: string});
}

describe('signedBytes', () => {
  it('is the RFC 8785 form of receiptId, recordedAt and record, and of nothing else', () => {
    const answer = {
      receiptId: 'r-1',
      recordedAt: '2026-11-23T06:00:00.412Z',
      record: validRecord({
        recordId: 'rec_00000001',
        subject: 'Zoë "Z" \\ 東京/🙂',
        choices: {b: 'denied', a: 'granted'},
        changed: ['b'],
      }),
      signature: 'not signed',
      type: 'record',
    } as unknown as ConsentAnswer;
    assert.equal(
      new TextDecoder().decode(signedBytes(answer)),
      '{"receiptId":"r-1","record":{"changed":["b"],"choices":{"a":"granted","b":"denied"},' +
        '"collectedAt":"2026-11-23T06:00:00.000Z","gpc":false,"locale":"ja","method":"toggle",' +
        '"policyVersion":"2026-11-01","recordId":"rec_00000001","subject":"Zoë \\"Z\\" \\\\ 東京/🙂"},' +
        '"recordedAt":"2026-11-23T06:00:00.412Z"}',
    );
  });
});

describe('the signing key', () => {
  const refused: [string, string, RegExp][] = [
    ['garbage', 'garbage', /^RECEIPT_SIGNING_KEY is not a PEM key/],
    ['an RSA key', pemOf('rsa'), /^RECEIPT_SIGNING_KEY is an RSA key, not Ed25519: make one with/],
    ['an Ed448 key', pemOf('ed448'), /^RECEIPT_SIGNING_KEY is an Ed448 key, not Ed25519/],
    [
      'an EC key in SEC 1 form',
      generateKeyPairSync('ec', {namedCurve: 'P-256'}).privateKey.export({
        type: 'sec1',
        format: 'pem',
      }) as string,
      /^RECEIPT_SIGNING_KEY is a PEM "EC PRIVATE KEY"/,
    ],
    [
      'the public key',
      createPublicKey(KEY).export({type: 'spki', format: 'pem'}) as string,
      /^RECEIPT_SIGNING_KEY is a public key/,
    ],
    [
      'an encrypted key',
      generateKeyPairSync('ed25519').privateKey.export({
        type: 'pkcs8',
        format: 'pem',
        cipher: 'aes-256-cbc',
        passphrase: 'secret',
      }) as string,
      /^RECEIPT_SIGNING_KEY is encrypted/,
    ],
    ['a cut key', KEY.replace(/\n[^-]{8}/, '\n'), /^RECEIPT_SIGNING_KEY is not a readable/],
    [
      'a key with bytes after it',
      KEY.replace('\n-----END', 'AAAA\n-----END'),
      /^RECEIPT_SIGNING_KEY is not a readable/,
    ],
  ];
  for (const [name, pem, message] of refused) {
    it(`refuses ${name} with one line that says what it is`, async () => {
      await assert.rejects(receiptSignerFromPem(pem, 'RECEIPT_SIGNING_KEY'), (error: Error) => {
        assert.match(error.message, message);
        assert.doesNotMatch(error.message, /\n/);
        return true;
      });
    });
  }

  it('takes a key whose line breaks are written as \\n, and serves its public half', async () => {
    const signer = await receiptSignerFromPem(KEY.replaceAll('\n', '\\n'), 'RECEIPT_SIGNING_KEY');
    const {x} = createPublicKey(KEY).export({format: 'jwk'});
    const thumbprint = createHash('sha256')
      .update(JSON.stringify({crv: 'Ed25519', kty: 'OKP', x}))
      .digest('base64url');
    assert.deepEqual(signer.publicKey, {
      kty: 'OKP',
      crv: 'Ed25519',
      x,
      kid: thumbprint,
      use: 'sig',
    });
  });

  it('reads RECEIPT_SIGNING_KEY_FILE, and refuses both settings at once or a missing file', async () => {
    const file = join(tempDir(), 'receipt-key.pem');
    writeFileSync(file, KEY);
    const read = (path: string) => readFileSync(path, 'utf8');
    assert.equal(await receiptSignerFrom({}, read), undefined);
    assert.equal(await receiptSignerFrom({RECEIPT_SIGNING_KEY: ''}, read), undefined);
    const signer = await receiptSignerFrom({RECEIPT_SIGNING_KEY_FILE: file}, read);
    assert.equal(signer?.publicKey.x, createPublicKey(KEY).export({format: 'jwk'}).x);
    await assert.rejects(
      receiptSignerFrom({RECEIPT_SIGNING_KEY: KEY, RECEIPT_SIGNING_KEY_FILE: file}, read),
      /^Error: Set RECEIPT_SIGNING_KEY or RECEIPT_SIGNING_KEY_FILE, not both\.$/,
    );
    await assert.rejects(
      receiptSignerFrom({RECEIPT_SIGNING_KEY_FILE: `${file}.missing`}, read),
      /RECEIPT_SIGNING_KEY_FILE \S+ cannot be read \(ENOENT\)/,
    );
  });

  const atStart: [string, Record<string, string>, RegExp][] = [
    ['garbage', {RECEIPT_SIGNING_KEY: 'garbage'}, /^RECEIPT_SIGNING_KEY is not a PEM key/],
    ['an RSA key', {RECEIPT_SIGNING_KEY: pemOf('rsa')}, /^RECEIPT_SIGNING_KEY is an RSA key/],
    ['an Ed448 key', {RECEIPT_SIGNING_KEY: pemOf('ed448')}, /^RECEIPT_SIGNING_KEY is an Ed448 key/],
  ];
  for (const [name, env, message] of atStart) {
    it(`stops the real server at start, given ${name}, with that one line`, async () => {
      const failed = await run(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
        cwd: repoRoot,
        env: {...process.env, PORT: '0', CONSENT_DB: join(tempDir(), 'consent.db'), ...env},
        // A server that starts after all listens until killed: then this fails instead of hanging.
        timeout: 15_000,
      }).then(
        () => assert.fail('the server started'),
        (error: {code: number; stdout: string; stderr: string}) => error,
      );
      assert.equal(failed.code, 1);
      assert.equal(failed.stdout, '', 'it never listened');
      assert.match(failed.stderr, message);
      assert.equal(failed.stderr.trim().split('\n').length, 1, failed.stderr);
    });
  }
});

function storeSuite(name: string, storeEnv: () => Promise<Record<string, string>>): void {
  describe(`signed receipts (${name})`, () => {
    it('signs every answer that carries a receipt, and each checks out with the served key', async () => {
      const file = join(tempDir(), 'receipt-key.pem');
      writeFileSync(file, KEY);
      const server = await spawnServer('server/main.ts', {
        ...(await storeEnv()),
        ADMIN_TOKEN,
        ALLOWED_ORIGINS: allowedOrigin,
        // The file form here, the value itself in the recipes' test below.
        RECEIPT_SIGNING_KEY_FILE: file,
      });
      const url = `${server.url}/api/consent`;
      const keyAnswer = await fetch(`${url}/receipt-key`, {headers: {Origin: allowedOrigin}});
      assert.equal(keyAnswer.status, 200);
      assert.equal(keyAnswer.headers.get('Access-Control-Allow-Origin'), allowedOrigin);
      const jwk = (await keyAnswer.json()) as JsonWebKey;
      assert.equal(jwk.x, createPublicKey(KEY).export({format: 'jwk'}).x, 'the configured key');

      const start = new Date(Date.now() - 1000).toISOString();
      const [first, second] = [1, 2].map(() => validRecord({subject: 'customer-signed'}));
      const created = await post(url, first);
      assert.equal(created.status, 201);
      const createdText = await created.text();
      const answer = JSON.parse(createdText) as ConsentAnswer;
      assert.ok(verifies(answer, jwk), 'the POST answer');
      const replayed = await post(url, first);
      assert.equal(replayed.status, 200);
      assert.equal(await replayed.text(), createdText, 'a replay: the same signed answer');
      const secondAnswer = (await (await post(url, second)).json()) as ConsentAnswer;
      assert.ok(verifies(secondAnswer, jwk));

      const current = (await (
        await fetch(`${url}?subject=customer-signed`)
      ).json()) as ConsentAnswer;
      assert.deepEqual(current, secondAnswer, 'the current record, signed alike');
      const history = (await (await fetch(`${url}/history?subject=customer-signed`)).json()) as {
        records: ConsentAnswer[];
      };
      assert.deepEqual(history.records, [secondAnswer, answer]);
      const exported = lines(
        await (
          await fetch(`${url}/admin/subjects/customer-signed/export`, {headers: admin})
        ).text(),
      );
      const range = lines(
        await (await fetch(`${url}/admin/records?from=${start}`, {headers: admin})).text(),
      );
      for (const line of [...exported, ...range]) {
        assert.equal(line.type, 'record');
        assert.ok(verifies(line, jwk), `the export line of ${line.receiptId}`);
      }
      assert.equal(exported.length, 2);
      assert.equal(range.length, 2);

      // One byte of the record changed, or another receipt's signature: no longer genuine.
      const changed = JSON.parse(createdText.replace('"locale":"ja"', '"locale":"jb"'));
      assert.equal(verifies(changed as ConsentAnswer, jwk), false);
      assert.equal(verifies({...answer, signature: secondAnswer.signature!}, jwk), false);
      assert.equal(verifies({...answer, recordedAt: secondAnswer.recordedAt}, jwk), false);

      // Erased, the receipt can no longer be fetched; the customer's copy still checks out.
      const erased = await fetch(`${url}/admin/subjects/customer-signed`, {
        method: 'DELETE',
        headers: admin,
      });
      assert.equal(erased.status, 200);
      assert.equal((await fetch(`${url}?subject=customer-signed`)).status, 204);
      assert.ok(verifies(JSON.parse(createdText) as ConsentAnswer, jwk));
    });

    it('without a key: no signature anywhere, and 404 at /receipt-key', async () => {
      const server = await spawnServer('server/main.ts', {...(await storeEnv()), ADMIN_TOKEN});
      const url = `${server.url}/api/consent`;
      const record = validRecord({subject: 'customer-unsigned'});
      const answers: unknown[] = [
        await (await post(url, record)).json(),
        await (await post(url, record)).json(),
        await (await fetch(`${url}?subject=customer-unsigned`)).json(),
        ...(
          (await (await fetch(`${url}/history?subject=customer-unsigned`)).json()) as {
            records: unknown[];
          }
        ).records,
        ...lines(
          await (
            await fetch(`${url}/admin/subjects/customer-unsigned/export`, {headers: admin})
          ).text(),
        ),
      ];
      assert.equal(answers.length, 5);
      for (const answer of answers) assert.ok(!Object.hasOwn(answer as object, 'signature'));
      const key = await fetch(`${url}/receipt-key`);
      assert.equal(key.status, 404);
      assert.deepEqual(await key.json(), {
        error: {code: 'not_found', message: 'This endpoint does not sign its receipts.'},
      });
    });
  });
}

storeSuite('SQLite', async () => ({CONSENT_DB: join(tempDir(), 'consent.db')}));

describe('on PostgreSQL', () => {
  const freshDatabase = usePostgres();
  storeSuite('PostgreSQL', async () => ({DATABASE_URL: await freshDatabase()}));
});

/** The fenced block of `language` in docs/consent-endpoint.md that contains `marker`. */
function docsBlock(language: string, marker: string): string {
  const docs = readFileSync(join(repoRoot, 'docs/consent-endpoint.md'), 'utf8');
  const blocks = [...docs.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)]
    .filter(([, lang, body]) => lang === language && body!.includes(marker))
    .map(([, , body]) => body!);
  assert.equal(blocks.length, 1, `one ${language} block with ${marker} in the docs`);
  return blocks[0]!;
}

describe('the docs’ recipes, run as written', async () => {
  // The recipe's tools (.ci/run installs them): the test fails, saying why, on a machine without.
  const {stdout: version} = await run('openssl', ['version']).catch(() => ({stdout: ''}));
  const hasTools = await run('bash', [
    '-c',
    'command -v jq && command -v curl && command -v base64',
  ])
    .then(() => true)
    .catch(() => false);
  const missing = !/^OpenSSL 3/.test(version)
    ? `needs OpenSSL 3 (found: ${version.trim() || 'none'})`
    : !hasTools && 'needs jq, curl and base64';

  it('openssl verifies a downloaded receipt, and fails it once one byte is changed', async () => {
    if (missing) assert.fail(missing);
    const server = await spawnServer('server/main.ts', {
      CONSENT_DB: join(tempDir(), 'consent.db'),
      RECEIPT_SIGNING_KEY: KEY,
    });
    const dir = tempDir();
    // Not ASCII, quotes, a backslash, a slash and a character beyond the BMP: what jq must
    // write exactly as RFC 8785 does.
    const record = validRecord({subject: 'Zoë "Z" \\ 東京/🙂'});
    const receipt = await (await post(`${server.url}/api/consent`, record)).text();
    const fetchKey = docsBlock('sh', 'receipt-key > receipt-key.json').replace(
      'https://shop.example/api/consent',
      `${server.url}/api/consent`,
    );
    await run('bash', ['-c', fetchKey], {cwd: dir});
    const recipe = docsBlock('sh', 'openssl pkeyutl -verify');
    writeFileSync(join(dir, 'receipt.json'), receipt);
    const verified = await run('bash', ['-c', recipe], {cwd: dir});
    assert.equal(verified.stdout.trim(), 'Signature Verified Successfully');

    writeFileSync(join(dir, 'receipt.json'), receipt.replace('"locale":"ja"', '"locale":"jb"'));
    const failed = await run('bash', ['-c', recipe], {cwd: dir}).then(
      () => assert.fail('a changed receipt verified'),
      (error: {code: number; stdout: string}) => error,
    );
    assert.equal(failed.code, 1);
    assert.match(failed.stdout, /Signature Verification Failure/);
  });

  it('the Node snippet verifies a downloaded receipt, and fails it once one byte is changed', async () => {
    const server = await spawnServer('server/main.ts', {
      CONSENT_DB: join(tempDir(), 'consent.db'),
      RECEIPT_SIGNING_KEY: KEY,
    });
    const dir = tempDir();
    // As a customer's folder would have it after `npm install canonicalize`.
    symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'));
    writeFileSync(join(dir, 'verify-receipt.mjs'), docsBlock('js', 'verify-receipt.mjs'));
    const key = await (await fetch(`${server.url}/api/consent/receipt-key`)).text();
    writeFileSync(join(dir, 'receipt-key.json'), key);
    const receipt = await (await post(`${server.url}/api/consent`, validRecord())).text();
    writeFileSync(join(dir, 'receipt.json'), receipt);
    const node = () => run(process.execPath, ['verify-receipt.mjs'], {cwd: dir});
    assert.match((await node()).stdout, /^Genuine/);

    writeFileSync(join(dir, 'receipt.json'), receipt.replace('"locale":"ja"', '"locale":"jb"'));
    const failed = await node().then(
      () => assert.fail('a changed receipt verified'),
      (error: {code: number; stdout: string}) => error,
    );
    assert.equal(failed.code, 1);
    assert.match(failed.stdout, /^NOT genuine/);
  });
});
