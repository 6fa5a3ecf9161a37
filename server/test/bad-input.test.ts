// Hostile input, against the real server process: every malformed request is answered with a
// 4xx and a plain error — never a 500, never a stack trace; a body is stored only when the
// shared validator calls it a valid record (a few of the mutations happen to be valid).
import assert from 'node:assert/strict';
import {join} from 'node:path';
import {describe, it} from 'node:test';
import {MAX_RECORD_BYTES, validateConsentRecord} from '../../src/core/protocol.js';
import {NO_LIMITS, post, spawnServer, tempDir, validRecord} from './helpers.js';
import {usePostgres} from './postgres.js';

const BAD_VALUES: readonly unknown[] = [
  null,
  0,
  -1,
  Number.POSITIVE_INFINITY,
  true,
  '',
  ' ',
  'x'.repeat(300),
  '\u0000',
  '\ud800',
  '\u202e',
  '\uffff',
  '\u2028',
  '.',
  '..',
  [],
  {},
  {__proto__: {polluted: true}},
  ['granted'],
  {'': 'granted'},
  {ads: 'maybe'},
  '2026-13-45T99:99:99Z',
  'not a date',
];

function badRecords(): unknown[] {
  const base = validRecord({subject: 'fuzzed-subject'});
  const bodies: unknown[] = [];
  for (const field of Object.keys(base)) {
    for (const value of BAD_VALUES)
      bodies.push({...base, recordId: `fuzz_${bodies.length}_x`, [field]: value});
    bodies.push(Object.fromEntries(Object.entries(base).filter(([name]) => name !== field)));
  }
  bodies.push({...base, extra: 1}, {...base, __proto__: null}, [base], 'a string', 42, null);
  bodies.push({
    ...base,
    choices: Object.fromEntries(Array.from({length: 501}, (_, i) => [`p${i}`, 'granted'])),
  });
  bodies.push({...base, changed: ['not-in-choices']});
  return bodies;
}

const RAW_BODIES = [
  '',
  '{',
  '{"recordId":',
  'null',
  '[]',
  '"\\ud800"',
  '{"a":1}'.repeat(1000),
  '\u0000',
  `{"recordId":"${'x'.repeat(MAX_RECORD_BYTES)}"}`,
];

it('answers every malformed request with a 4xx, none with a 500, and stores none', async () => {
  const server = await spawnServer('server/main.ts', {
    CONSENT_DB: join(tempDir(), 'consent.db'),
    ...NO_LIMITS,
  });
  let stderr = '';
  server.child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = `${server.url}/api/consent`;
  const responses: {what: string; status: number; mayStore: boolean}[] = [];
  const record = async (what: string, response: Promise<Response>, mayStore = false) => {
    const answer = await response;
    await answer.arrayBuffer();
    responses.push({what, status: answer.status, mayStore});
  };

  for (const body of badRecords()) {
    const isValid = validateConsentRecord(body).ok;
    await record(`POST ${JSON.stringify(body).slice(0, 60)}`, post(url, body), isValid);
  }
  for (const body of RAW_BODIES) await record(`raw ${body.slice(0, 20)}`, post(url, body));
  for (const contentType of [
    'text/plain',
    'application/xml',
    'multipart/form-data',
    'application/jsonx',
  ]) {
    await record(`type ${contentType}`, post(url, validRecord(), {'Content-Type': contentType}));
  }
  for (const key of ['', 'other-key', 'x'.repeat(300)]) {
    await record(`key ${key.slice(0, 10)}`, post(url, validRecord(), {'Idempotency-Key': key}));
  }
  for (const query of [
    '',
    '?subject=',
    '?subject=%00',
    '?subject=%E2%80%AE',
    '?subject=%ED%A0%80',
    `?subject=${'x'.repeat(300)}`,
    '?subject=a&subject=b',
  ]) {
    // Percent-decoding turns an invalid UTF-8 byte into U+FFFD, and a repeated parameter is
    // read once: those ask about a valid subject, and are answered as such.
    const isValidSubject = query.includes('%ED') || query.includes('&subject');
    await record(`GET ${query}`, fetch(`${url}${query}`), isValidSubject);
    await record(`GET history ${query}`, fetch(`${url}/history${query}`), isValidSubject);
  }
  for (const query of [
    'limit=0',
    'limit=501',
    'limit=x',
    'limit=1.5',
    'cursor=-1',
    'cursor=abc',
    'cursor=99999999999999999999',
  ]) {
    await record(`history ${query}`, fetch(`${url}/history?subject=a&${query}`));
  }
  for (const method of ['PUT', 'PATCH', 'DELETE']) {
    await record(`${method}`, fetch(url, {method, body: '{}'}));
  }
  for (const path of [
    '/api/consent/admin/records',
    '/api/consent/../../etc/passwd',
    '/api/consent/%ff',
  ]) {
    await record(`path ${path}`, fetch(`${server.url}${path}`));
  }

  const serverErrors = responses.filter(({status}) => status >= 500);
  assert.deepEqual(serverErrors, []);
  const wronglyAccepted = responses.filter(({status, mayStore}) => status < 400 && !mayStore);
  assert.deepEqual(wronglyAccepted, []);
  const wronglyRefused = responses.filter(({status, mayStore}) => status >= 400 && mayStore);
  assert.deepEqual(wronglyRefused, []);
  assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace logged');
  console.log(`bad inputs: ${responses.length} tried, ${serverErrors.length} answered 5xx`);
});

/** Text that is not printable (docs/consent-endpoint.md), in each free string field. */
const NOT_PRINTABLE: readonly [field: string, value: string, message: string][] = [
  ['policyVersion', '2026-11\u0000', 'must not contain control characters'],
  ['policyVersion', '2026-11\u0085', 'must not contain control characters'],
  ['policyVersion', '2026-11\ud800', 'must be well-formed Unicode text'],
  ['policyVersion', '\u202e2026-11', 'must not contain invisible or direction-changing characters'],
  ['policyVersion', '2026-11\u2069', 'must not contain invisible or direction-changing characters'],
  ['policyVersion', '2026-11\uffff', 'must not contain noncharacters such as U+FFFF'],
  ['policyVersion', '2026-11\u2028', 'must not contain line or paragraph separators'],
  ['policyVersion', ' ', 'must not be only whitespace'],
  ['subject', ' ', 'must not be only whitespace'],
  ['subject', '\u3000', 'must not be only whitespace'],
  ['subject', 'customer\u2028', 'must not contain line or paragraph separators'],
  ['subject', 'customer\uffff', 'must not contain noncharacters such as U+FFFF'],
  ['subject', 'customer\ufdd0', 'must not contain noncharacters such as U+FFFF'],
  ['subject', '.', 'must not be "." or ".."'],
  ['subject', '..', 'must not be "." or ".."'],
];

function printableSuite(name: string, storeEnv: () => Promise<Record<string, string>>): void {
  it(`refuses text that is not printable, naming the field, and stores none (${name})`, async () => {
    const server = await spawnServer('server/main.ts', {
      ...(await storeEnv()),
      ...NO_LIMITS,
    });
    let stderr = '';
    server.child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const url = `${server.url}/api/consent`;
    const answers: unknown[] = [];
    const expected: unknown[] = [];
    for (const [field, value, message] of NOT_PRINTABLE) {
      const response = await post(url, validRecord({subject: 'customer-42', [field]: value}));
      const {error} = (await response.json()) as {error?: {path?: string; message: string}};
      answers.push([field, value, response.status, error?.path, error?.message]);
      expected.push([
        field,
        value,
        422,
        field,
        `The consent record was rejected: ${field} ${message}.`,
      ]);
      if (field !== 'subject') continue;
      const read = await fetch(`${url}?subject=${encodeURIComponent(value)}`);
      answers.push([
        'GET',
        value,
        read.status,
        ((await read.json().catch(() => ({}))) as {error?: object}).error,
      ]);
      expected.push([
        'GET',
        value,
        400,
        {code: 'invalid_subject', message: `The subject ${message}.`, path: 'subject'},
      ]);
    }
    assert.deepEqual(answers, expected);
    assert.equal((await fetch(`${url}?subject=customer-42`)).status, 204, 'nothing stored');
    assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace logged');
  });
}

printableSuite('SQLite', async () => ({CONSENT_DB: join(tempDir(), 'consent.db')}));

describe('on PostgreSQL', () => {
  const freshDatabase = usePostgres();
  printableSuite('PostgreSQL', async () => ({DATABASE_URL: await freshDatabase()}));
});
