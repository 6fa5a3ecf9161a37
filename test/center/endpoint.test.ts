import {expect} from '@open-wc/testing';
import {
  EndpointError,
  fetchLatestRecord,
  parseRetryAfter,
  sendRecord,
  type EndpointOptions,
} from '../../src/center/endpoint.js';
import type {
  Acknowledgement,
  ConsentReceipt,
  ConsentRecord,
  RestoredReceipt,
  RestoredRecord,
} from '../../src/core/protocol.js';
import {
  brokenBodyResponse,
  fakeFetch,
  jsonResponse,
  rejectionOf,
  textResponse,
  type FetchAnswer,
} from '../support/fake-fetch.js';

const record: ConsentRecord = {
  recordId: '0b6e4f2a-8c1d-4e5f-9a7b-3c2d1e0f9a8b',
  subject: '3f1c2b9e-5a4d-4c1e-9f0a-7b6c5d4e3f21',
  policyVersion: '2026-11-01',
  choices: {essential: 'granted', analytics: 'granted', ads: 'denied'},
  changed: ['analytics'],
  method: 'toggle',
  locale: 'ja',
  gpc: false,
  collectedAt: '2026-11-23T06:00:00.000Z',
};

const receipt: ConsentReceipt = {
  receiptId: 'rcpt_7f3a',
  recordedAt: '2026-11-23T06:00:00.412Z',
  record,
};

/** What a site's backend may write itself (a sign-up form): only what a restore needs. */
const minimalRecord: RestoredRecord = {
  subject: record.subject,
  policyVersion: '2026-11-01',
  choices: {essential: 'granted', analytics: 'denied', ads: 'granted'},
  collectedAt: '2026-11-20T09:30:00Z',
};

function options(answer: FetchAnswer, credentials: RequestCredentials = 'same-origin') {
  const fake = fakeFetch(answer);
  const endpoint: EndpointOptions = {url: '/api/consent', credentials, fetch: fake.fetch};
  return {endpoint, calls: fake.calls};
}

/** A copy of a record lacking one field, as a careless endpoint might answer it. */
function without(value: ConsentRecord, field: keyof ConsentRecord): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== field));
}

function absolute(url: string): string {
  return new URL(url, document.baseURI).href;
}

describe('parseRetryAfter', () => {
  const now = Date.UTC(2026, 10, 23, 6, 0, 0); // Mon, 23 Nov 2026 06:00:00 GMT
  const rows: {name: string; input: string | null; expected: number | undefined}[] = [
    {name: 'no header', input: null, expected: undefined},
    {name: 'an empty header', input: '', expected: undefined},
    {name: 'a blank header', input: '   ', expected: undefined},
    {name: 'seconds', input: '120', expected: 120_000},
    {name: 'seconds with spaces around', input: ' 5 ', expected: 5_000},
    {name: 'zero seconds', input: '0', expected: 0},
    {name: 'an HTTP date 30 s ahead', input: 'Mon, 23 Nov 2026 06:00:30 GMT', expected: 30_000},
    {
      name: 'an HTTP date an hour ahead',
      input: 'Mon, 23 Nov 2026 07:00:00 GMT',
      expected: 3_600_000,
    },
    {name: 'an HTTP date now', input: 'Mon, 23 Nov 2026 06:00:00 GMT', expected: 0},
    {
      name: 'an HTTP date in the past (no negative wait)',
      input: 'Sun, 22 Nov 2026 06:00:00 GMT',
      expected: 0,
    },
    {name: 'words', input: 'soon', expected: undefined},
    {name: 'seconds followed by words', input: '120 seconds', expected: undefined},
    // Neither is a valid Retry-After (RFC 9110: 1*DIGIT or an HTTP date); both should be ignored,
    // not read as "retry at once".
    {name: 'negative seconds', input: '-5', expected: undefined},
    {name: 'fractional seconds', input: '1.5', expected: undefined},
  ];
  for (const {name, input, expected} of rows) {
    it(`reads ${name}`, () => {
      expect(parseRetryAfter(input, now)).to.equal(expected);
    });
  }
});

/** Error answers, and what both requests (GET and POST) must make of them. */
const errorRows: {
  name: string;
  answer: () => Response | Error;
  expected: {
    status: number | undefined;
    isRetryable: boolean;
    isHeld?: boolean;
    message: string;
    retryAfterMs?: number;
  };
}[] = [
  {
    name: 'a network failure',
    answer: () => new TypeError('Failed to fetch'),
    expected: {
      status: undefined,
      isRetryable: true,
      message: 'The consent endpoint could not be reached.',
    },
  },
  {
    name: '500 without a body',
    answer: () => textResponse(500, null),
    expected: {status: 500, isRetryable: true, message: 'The consent endpoint answered 500.'},
  },
  {
    name: '502 with a proxy’s HTML page',
    answer: () =>
      textResponse(502, '<html><body><h1>502 Bad Gateway</h1></body></html>', {
        'Content-Type': 'text/html',
      }),
    expected: {status: 502, isRetryable: true, message: 'The consent endpoint answered 502.'},
  },
  {
    name: '503 with plain text and Retry-After seconds',
    answer: () => textResponse(503, 'Service Unavailable', {'Retry-After': '30'}),
    expected: {
      status: 503,
      isRetryable: true,
      message: 'Service Unavailable',
      retryAfterMs: 30_000,
    },
  },
  {
    name: '504',
    answer: () => textResponse(504, ''),
    expected: {status: 504, isRetryable: true, message: 'The consent endpoint answered 504.'},
  },
  {
    name: '408',
    answer: () => textResponse(408, ''),
    expected: {status: 408, isRetryable: true, message: 'The consent endpoint answered 408.'},
  },
  {
    name: '429 with the server’s error and Retry-After',
    answer: () =>
      jsonResponse(
        429,
        {error: {code: 'rate_limited', message: 'Too many requests.'}},
        {'Retry-After': '2'},
      ),
    expected: {status: 429, isRetryable: true, message: 'Too many requests.', retryAfterMs: 2_000},
  },
  {
    name: '400 with the server’s error',
    answer: () =>
      jsonResponse(400, {error: {code: 'invalid_json', message: 'The body is not valid JSON.'}}),
    expected: {status: 400, isRetryable: false, message: 'The body is not valid JSON.'},
  },
  {
    name: '401',
    answer: () => textResponse(401, ''),
    expected: {
      status: 401,
      isRetryable: false,
      isHeld: true,
      message: 'The consent endpoint answered 401.',
    },
  },
  {
    name: '403 with a top-level message',
    answer: () => jsonResponse(403, {message: 'Origin https://evil.example is not allowed.'}),
    expected: {
      status: 403,
      isRetryable: false,
      isHeld: true,
      message: 'Origin https://evil.example is not allowed.',
    },
  },
  {
    name: '422 with the server’s error.message',
    answer: () =>
      jsonResponse(422, {
        error: {code: 'invalid_record', message: 'choices.ads must be "granted" or "denied"'},
      }),
    expected: {
      status: 422,
      isRetryable: false,
      message: 'choices.ads must be "granted" or "denied"',
    },
  },
  {
    name: '422 with an error object without a message',
    answer: () => jsonResponse(422, {error: {code: 'invalid_record'}}),
    expected: {status: 422, isRetryable: false, message: 'The consent endpoint answered 422.'},
  },
  {
    name: '413 with a long plain-text body',
    answer: () => textResponse(413, 'Payload too large. '.repeat(20)),
    expected: {status: 413, isRetryable: false, message: 'The consent endpoint answered 413.'},
  },
];

async function expectEndpointError(
  promise: Promise<unknown>,
  expected: (typeof errorRows)[number]['expected'],
) {
  const error = await rejectionOf(promise);
  expect(error).to.be.instanceOf(EndpointError);
  const {status, isRetryable, isHeld, message, retryAfterMs} = error as EndpointError;
  expect({status, isRetryable, isHeld, message, retryAfterMs}).to.deep.equal({
    retryAfterMs: undefined,
    isHeld: false,
    ...expected,
  });
}

describe('fetchLatestRecord', () => {
  it('asks for the subject’s record with GET, the given credentials and no cache', async () => {
    const {endpoint, calls} = options(jsonResponse(200, receipt), 'include');
    await fetchLatestRecord(endpoint, 'customer 42&co');
    expect(calls).to.have.length(1);
    const [call] = calls;
    const url = new URL(call.url);
    expect(url.origin + url.pathname).to.equal(absolute('/api/consent'));
    expect(url.searchParams.get('subject')).to.equal('customer 42&co');
    expect(call.init.method).to.equal('GET');
    expect(call.init.credentials).to.equal('include');
    expect(call.init.cache).to.equal('no-store');
    expect(call.headers.get('Accept')).to.equal('application/json');
  });

  it('keeps a query string already in the endpoint URL', async () => {
    const fake = fakeFetch(textResponse(404, ''));
    await fetchLatestRecord(
      {url: '/api/consent?site=shop', credentials: 'same-origin', fetch: fake.fetch},
      'anon-1',
    );
    const url = new URL(fake.calls[0].url);
    expect(url.searchParams.get('site')).to.equal('shop');
    expect(url.searchParams.get('subject')).to.equal('anon-1');
  });

  it('sends the signed-in subject’s token as a Bearer token on GET and POST, none without', async () => {
    const fake = fakeFetch(textResponse(204, null), jsonResponse(201, receipt));
    const signedIn: EndpointOptions = {
      url: '/api/consent',
      credentials: 'same-origin',
      token: 'v1.1800000000.abc',
      fetch: fake.fetch,
    };
    await fetchLatestRecord(signedIn, 'customer-42');
    await sendRecord(signedIn, record);
    const anonymous = options(textResponse(204, null));
    await fetchLatestRecord(anonymous.endpoint, 'anon-1');
    expect(
      [...fake.calls, ...anonymous.calls].map((call) => call.headers.get('Authorization')),
    ).to.deep.equal(['Bearer v1.1800000000.abc', 'Bearer v1.1800000000.abc', null]);
    expect(fake.calls[1].headers.get('Idempotency-Key')).to.equal(record.recordId);
  });

  it('passes the abort signal on', async () => {
    const {endpoint, calls} = options(textResponse(404, ''));
    const controller = new AbortController();
    await fetchLatestRecord(endpoint, 'anon-1', controller.signal);
    expect(calls[0].init.signal).to.equal(controller.signal);
  });

  const answerRows: {name: string; answer: () => Response; expected: RestoredReceipt | null}[] = [
    {name: 'null for 204 (no record yet)', answer: () => textResponse(204, null), expected: null},
    {
      name: 'null for 404 (no record yet, from an older endpoint)',
      answer: () => textResponse(404, ''),
      expected: null,
    },
    {
      name: 'null for 404 with an error body',
      answer: () => jsonResponse(404, {error: {message: 'No record.'}}),
      expected: null,
    },
    {
      name: 'the receipt from the protocol’s envelope',
      answer: () => jsonResponse(200, receipt),
      expected: receipt,
    },
    {
      name: 'a bare record with no receipt (none is made up)',
      answer: () => jsonResponse(200, record, {ETag: '"3"'}),
      expected: {receiptId: undefined, recordedAt: undefined, record},
    },
    {
      name: 'a bare record the site’s backend wrote with only what a restore needs',
      answer: () => jsonResponse(200, minimalRecord),
      expected: {receiptId: undefined, recordedAt: undefined, record: minimalRecord},
    },
    {
      name: 'no recordedAt when the envelope has none (none is made up)',
      answer: () => jsonResponse(200, {receiptId: 'rcpt_7f3a', record}),
      expected: {receiptId: 'rcpt_7f3a', recordedAt: undefined, record},
    },
    {
      name: 'a record without `changed` (a restore does not need it)',
      answer: () => jsonResponse(200, {...receipt, record: without(record, 'changed')}),
      expected: {...receipt, record: without(record, 'changed') as RestoredRecord},
    },
    {
      name: 'null for a bare record with a malformed `locale`',
      answer: () => jsonResponse(200, {...minimalRecord, locale: 'en_US'}),
      expected: null,
    },
    {
      name: 'null for a record without `collectedAt`',
      answer: () => jsonResponse(200, {...receipt, record: without(record, 'collectedAt')}),
      expected: null,
    },
    {
      name: 'null for a record of another subject',
      answer: () => jsonResponse(200, {...receipt, record: {...record, subject: 'someone-else'}}),
      expected: null,
    },
    {
      name: 'the known fields of a record that has more (a newer endpoint)',
      answer: () => jsonResponse(200, {...receipt, record: {...record, channel: 'web'}}),
      expected: receipt,
    },
    {
      name: 'null for a 200 without choices',
      answer: () => jsonResponse(200, {status: 'ok'}),
      expected: null,
    },
  ];
  for (const {name, answer, expected} of answerRows) {
    it(`gives ${name}`, async () => {
      const {endpoint} = options(answer);
      expect(await fetchLatestRecord(endpoint, record.subject)).to.deep.equal(expected);
    });
  }

  for (const {name, answer, expected} of errorRows) {
    it(`fails with a${expected.isRetryable ? ' retryable' : ' final'} EndpointError for ${name}`, async () => {
      const {endpoint} = options(answer);
      await expectEndpointError(fetchLatestRecord(endpoint, record.subject), expected);
    });
  }

  it('reads Retry-After given as an HTTP date', async () => {
    const later = new Date(Date.now() + 120_000).toUTCString();
    const {endpoint} = options(() => textResponse(503, '', {'Retry-After': later}));
    const error = (await rejectionOf(fetchLatestRecord(endpoint, record.subject))) as EndpointError;
    expect(error).to.be.instanceOf(EndpointError);
    // An HTTP date has whole seconds, so up to one second of the two minutes is lost.
    expect(error.retryAfterMs).to.be.within(118_000, 120_000);
  });

  it('lets an abort through as an AbortError, not as an endpoint failure', async () => {
    const {endpoint} = options(() => {
      throw new DOMException('The operation was aborted.', 'AbortError');
    });
    const error = await rejectionOf(
      fetchLatestRecord(endpoint, record.subject, AbortSignal.abort()),
    );
    expect(error).to.be.instanceOf(DOMException);
    expect((error as DOMException).name).to.equal('AbortError');
  });

  // A 200 that is not JSON (a single-page app's index.html served for every path, a captive
  // portal) must count as an endpoint failure, so the element falls back to the local copy.
  it('fails with a held EndpointError for a 200 that is not JSON', async () => {
    const {endpoint} = options(() =>
      textResponse(200, '<!doctype html><title>Shop</title>', {'Content-Type': 'text/html'}),
    );
    const error = await rejectionOf(fetchLatestRecord(endpoint, record.subject));
    expect(error).to.be.instanceOf(EndpointError);
    expect((error as EndpointError).isHeld).to.equal(true);
  });

  it('fails with a retryable EndpointError when the body breaks off', async () => {
    const {endpoint} = options(() => brokenBodyResponse());
    const error = await rejectionOf(fetchLatestRecord(endpoint, record.subject));
    expect(error).to.be.instanceOf(EndpointError);
    expect((error as EndpointError).isRetryable).to.equal(true);
  });
});

describe('sendRecord', () => {
  it('posts the record as JSON with the record id as Idempotency-Key', async () => {
    const {endpoint, calls} = options(jsonResponse(201, receipt));
    await sendRecord(endpoint, record);
    expect(calls).to.have.length(1);
    const [call] = calls;
    expect(call.url).to.equal(absolute('/api/consent'));
    expect(call.init.method).to.equal('POST');
    expect(call.headers.get('Content-Type')).to.equal('application/json');
    expect(call.headers.get('Idempotency-Key')).to.equal(record.recordId);
    expect(JSON.parse(String(call.init.body))).to.deep.equal(record);
    expect(call.init.cache).to.equal('no-store');
  });

  const credentialRows: RequestCredentials[] = ['same-origin', 'include', 'omit'];
  for (const credentials of credentialRows) {
    it(`sends with credentials "${credentials}" as configured`, async () => {
      const {endpoint, calls} = options(jsonResponse(201, receipt), credentials);
      await sendRecord(endpoint, record);
      expect(calls[0].init.credentials).to.equal(credentials);
    });
  }

  it('sends with keepalive when asked (pagehide) and not otherwise', async () => {
    const {endpoint, calls} = options(jsonResponse(201, receipt));
    await sendRecord(endpoint, record, {keepalive: true});
    await sendRecord(endpoint, record);
    expect(calls[0].init.keepalive).to.equal(true);
    expect(calls[1].init.keepalive).to.not.equal(true);
  });

  it('reuses the Idempotency-Key when the same record is retried', async () => {
    const fake = fakeFetch(
      textResponse(503, ''),
      new TypeError('Failed to fetch'),
      jsonResponse(200, receipt),
    );
    const endpoint: EndpointOptions = {
      url: '/api/consent',
      credentials: 'same-origin',
      fetch: fake.fetch,
    };
    await rejectionOf(sendRecord(endpoint, record));
    await rejectionOf(sendRecord(endpoint, record));
    await sendRecord(endpoint, record);
    const keys = fake.calls.map((call) => call.headers.get('Idempotency-Key'));
    expect(keys).to.deep.equal([record.recordId, record.recordId, record.recordId]);
    const bodies = fake.calls.map((call) => JSON.parse(String(call.init.body)).recordId);
    expect(bodies).to.deep.equal(keys);
  });

  const answerRows: {name: string; answer: () => Response; expected: Acknowledgement}[] = [
    {
      name: 'the receipt of a 201 envelope',
      answer: () => jsonResponse(201, receipt),
      expected: {receiptId: receipt.receiptId, recordedAt: receipt.recordedAt},
    },
    {
      name: 'the receipt of a 200 replay envelope',
      answer: () => jsonResponse(200, receipt),
      expected: {receiptId: receipt.receiptId, recordedAt: receipt.recordedAt},
    },
    {
      name: 'no receipt for `201 {}` (none is made up)',
      answer: () => jsonResponse(201, {}),
      expected: {receiptId: undefined, recordedAt: undefined},
    },
    {
      name: 'no receipt for a bare record',
      answer: () => jsonResponse(201, record),
      expected: {receiptId: undefined, recordedAt: undefined},
    },
    {
      name: 'no receipt for an empty 201',
      answer: () => textResponse(201, ''),
      expected: {receiptId: undefined, recordedAt: undefined},
    },
    {
      name: 'no receipt for 204',
      answer: () => textResponse(204, null),
      expected: {receiptId: undefined, recordedAt: undefined},
    },
    {
      name: 'no receipt where the receipt id is not a printable string',
      answer: () => jsonResponse(201, {receiptId: 'a b', recordedAt: 'yesterday'}),
      expected: {receiptId: undefined, recordedAt: undefined},
    },
  ];
  for (const {name, answer, expected} of answerRows) {
    it(`resolves with ${name}`, async () => {
      const {endpoint} = options(answer);
      expect(await sendRecord(endpoint, record)).to.deep.equal(expected);
    });
  }

  const notAcknowledged: {name: string; answer: () => Response; status: number}[] = [
    {
      name: 'a 302 to a sign-in page',
      answer: () => new Response(null, {status: 302, headers: {Location: '/signin'}}),
      status: 302,
    },
    {
      name: 'a 200 HTML page',
      answer: () =>
        textResponse(200, '<!doctype html><title>Shop</title>', {'Content-Type': 'text/html'}),
      status: 200,
    },
    {
      name: 'a 201 "Created" in plain text',
      answer: () => textResponse(201, 'Created'),
      status: 201,
    },
  ];
  for (const {name, answer, status} of notAcknowledged) {
    it(`takes ${name} for no acknowledgement: a held EndpointError`, async () => {
      const {endpoint, calls} = options(answer);
      const error = (await rejectionOf(sendRecord(endpoint, record))) as EndpointError;
      expect(error).to.be.instanceOf(EndpointError);
      expect({
        status: error.status,
        isRetryable: error.isRetryable,
        isHeld: error.isHeld,
      }).to.deep.equal({
        status,
        isRetryable: false,
        isHeld: true,
      });
      expect(calls[0].init.redirect).to.equal('manual');
    });
  }

  for (const {name, answer, expected} of [
    ...errorRows,
    {
      name: '404 (no endpoint at that URL)',
      answer: () => textResponse(404, ''),
      expected: {status: 404, isRetryable: false, message: 'The consent endpoint answered 404.'},
    },
  ]) {
    it(`fails with a${expected.isRetryable ? ' retryable' : ' final'} EndpointError for ${name}`, async () => {
      const {endpoint} = options(answer);
      await expectEndpointError(sendRecord(endpoint, record), expected);
    });
  }

  it('lets an abort through as an AbortError', async () => {
    const {endpoint} = options(() => {
      throw new DOMException('The operation was aborted.', 'AbortError');
    });
    const error = await rejectionOf(sendRecord(endpoint, record, {signal: AbortSignal.abort()}));
    expect((error as DOMException).name).to.equal('AbortError');
  });

  it('fails with a retryable EndpointError when the endpoint does not answer in time', async () => {
    const {endpoint} = options(
      (call) =>
        new Promise<Response>((_, reject) => {
          const signal = call.init.signal!;
          signal.addEventListener('abort', () => reject(signal.reason));
        }),
    );
    const error = await rejectionOf(
      sendRecord(endpoint, record, {signal: AbortSignal.timeout(20)}),
    );
    expect(error).to.be.instanceOf(EndpointError);
    expect((error as EndpointError).isRetryable).to.equal(true);
    expect((error as EndpointError).status).to.equal(undefined);
  });
});
