/**
 * The fault proxy in front of the reference endpoint (test/support/consent-server-plugin.mjs):
 * each fault kind, seen from the page with plain fetch, exactly as the component would see it,
 * and the request after a used-up fault reaching the real endpoint again.
 */
import {expect, waitUntil} from '@open-wc/testing';
import {consentRecord, SUBJECT} from '../fixtures/record.js';
import {
  acceptConnections,
  failNextPosts,
  gets,
  injectFault,
  posts,
  refuseConnections,
  startConsentServer,
  stopConsentServer,
  type Fault,
} from '../support/consent-server.js';

const injectedError = {error: {code: 'injected', message: 'Injected fault.'}};
const shopPage = '<!doctype html><title>Northwind Outfitters</title><h1>Shop</h1>';

describe('fault proxy in front of the reference endpoint', () => {
  let endpoint: string;
  let proxy: string;

  beforeEach(async () => {
    endpoint = await startConsentServer();
    proxy = new URL(endpoint).origin;
  });

  after(() => stopConsentServer());

  /** POSTs a valid record, as the component does (credentials, Idempotency-Key). */
  function post(recordId = crypto.randomUUID(), init: RequestInit = {}): Promise<Response> {
    return fetch(endpoint, {
      method: 'POST',
      credentials: 'include',
      headers: {'Content-Type': 'application/json', 'Idempotency-Key': recordId},
      body: JSON.stringify(consentRecord(recordId)),
      ...init,
    });
  }

  function get(init: RequestInit = {}): Promise<Response> {
    // no-store: no If-None-Match from the browser's cache, so the endpoint answers 200, not 304.
    return fetch(`${endpoint}?subject=${encodeURIComponent(SUBJECT)}`, {
      credentials: 'include',
      cache: 'no-store',
      ...init,
    });
  }

  /** The real endpoint stored the record and answered with its receipt. */
  async function expectStored(response: Response, recordId: string) {
    expect(response.status).to.equal(201);
    const answer = await response.json();
    expect(answer.receiptId).to.be.a('string');
    expect(answer.record.recordId).to.equal(recordId);
  }

  /** The real endpoint's answer for a subject that has not chosen yet. */
  function expectNothingSavedYet(response: Response) {
    // 204 per docs/consent-endpoint.md; 404 is the endpoint before that change landed. Narrow to 204 then.
    expect(response.status).to.be.oneOf([204, 404]);
  }

  async function rejection(promise: Promise<unknown>): Promise<Error> {
    try {
      await promise;
    } catch (error) {
      return error as Error;
    }
    throw new Error('expected a rejection');
  }

  it('failNextPosts answers the next POSTs with the JSON error, then lets the next one through', async () => {
    await failNextPosts(503, 2, '7');

    for (const response of [await post(), await post()]) {
      expect(response.status).to.equal(503);
      expect(response.headers.get('Content-Type')).to.equal('application/json');
      expect(response.headers.get('Retry-After')).to.equal('7');
      expect(await response.json()).to.deep.equal(injectedError);
    }
    const recordId = crypto.randomUUID();
    await expectStored(await post(recordId), recordId);

    const attempts = await posts();
    expect(attempts.map((attempt) => attempt.status)).to.deep.equal([503, 503, 201]);
    expect(attempts[2].idempotencyKey).to.equal(recordId);
    expect(attempts[2].path).to.equal('/api/consent');
  });

  const bodies: {name: string; fault: Fault; contentType: string}[] = [
    {
      name: 'a shop page with 200',
      fault: {status: 200, times: 1, body: shopPage, contentType: 'text/html'},
      contentType: 'text/html',
    },
    {name: '201 {}', fault: {status: 201, times: 1, body: '{}'}, contentType: 'application/json'},
    {
      name: 'a cut-off JSON body with 200',
      fault: {status: 200, times: 1, body: '{"receiptId": "r-'},
      contentType: 'application/json',
    },
  ];
  for (const {name, fault, contentType} of bodies) {
    it(`body and contentType replace the error body: ${name}`, async () => {
      await injectFault(fault);

      const response = await post();
      expect(response.status).to.equal(fault.status);
      expect(response.headers.get('Content-Type')).to.equal(contentType);
      expect(await response.text()).to.equal(fault.body);
      const recordId = crypto.randomUUID();
      await expectStored(await post(recordId), recordId);
      expect((await posts()).map((attempt) => attempt.status)).to.deep.equal([fault.status, 201]);
    });
  }

  it('matches faults per method: a GET fault never uses up a POST, nor a POST fault a GET', async () => {
    const recordId = crypto.randomUUID();
    const withoutChanged: Record<string, unknown> = {...consentRecord(recordId)};
    delete withoutChanged.changed;
    const answerWithoutChanged = {
      receiptId: 'r-1',
      recordedAt: '2026-11-23T06:00:01.000Z',
      record: withoutChanged,
    };
    expectNothingSavedYet(await get());
    await injectFault({
      method: 'GET',
      status: 200,
      times: 1,
      body: JSON.stringify(answerWithoutChanged),
    });

    await expectStored(await post(recordId), recordId);
    const injected = await get();
    expect(injected.status).to.equal(200);
    expect(await injected.json()).to.deep.equal(answerWithoutChanged);
    const real = await get();
    expect(real.status).to.equal(200);
    expect((await real.json()).record.changed).to.deep.equal([]);

    await injectFault({status: 500, times: 1});
    expect((await get()).status).to.equal(200);
    const failed = await post();
    expect(failed.status).to.equal(500);
    expect(await failed.json()).to.deep.equal(injectedError);
    const [nothingYet, ...answered] = await gets();
    expect(nothingYet.status).to.be.oneOf([204, 404]);
    expect(answered.map((attempt) => attempt.status)).to.deep.equal([200, 200, 200]);
    expect((await posts()).map((attempt) => attempt.status)).to.deep.equal([201, 500]);
  });

  it('faults queue up in the order they were injected', async () => {
    await injectFault({status: 503, times: 1, retryAfter: '2'});
    await injectFault({status: 429, times: 2, retryAfter: '1'});

    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await post()).status);
    expect(statuses).to.deep.equal([503, 429, 429, 201]);
  });

  it('headers are set last: they are readable when exposed, and can break CORS', async () => {
    await injectFault({
      status: 201,
      times: 1,
      body: '{}',
      headers: {ETag: '"r-1"', Location: '/api/consent/r-1', 'Cache-Control': 'no-store'},
    });
    const created = await post();
    expect(created.status).to.equal(201);
    expect(created.headers.get('ETag')).to.equal('"r-1"');
    expect(created.headers.get('Location')).to.equal('/api/consent/r-1');
    expect(created.headers.get('Cache-Control')).to.equal('no-store');

    await injectFault({
      status: 200,
      times: 1,
      headers: {'Access-Control-Allow-Origin': 'https://elsewhere.example'},
    });
    const error = await rejection(post());
    expect(error).to.be.instanceOf(TypeError);
    expect((await posts()).map((attempt) => attempt.status)).to.deep.equal([201, 200]);
  });

  it('redirectTo on a GET: the followed redirect lands on the sign-in page the proxy serves', async () => {
    await injectFault({method: 'GET', redirectTo: '/signin', times: 1});

    const response = await get();
    expect(response.status).to.equal(200);
    expect(response.redirected).to.equal(true);
    expect(response.url).to.equal(`${proxy}/signin`);
    expect(response.headers.get('Content-Type')).to.equal('text/html; charset=utf-8');
    expect(await response.text()).to.contain('<h1>Sign in to your account</h1>');
    expect((await gets()).map(({path, status}) => ({path, status}))).to.deep.equal([
      {path: `/api/consent?subject=${SUBJECT}`, status: 302},
      {path: '/signin', status: 200},
    ]);
    expectNothingSavedYet(await get());
  });

  it('redirectTo on a POST: followed as a GET to the sign-in page, opaque with redirect: manual', async () => {
    await injectFault({redirectTo: '/signin', times: 2});

    const followed = await post();
    expect(followed.status).to.equal(200);
    expect(followed.url).to.equal(`${proxy}/signin`);
    const manual = await post(undefined, {redirect: 'manual'});
    expect(manual.type).to.equal('opaqueredirect');
    const recordId = crypto.randomUUID();
    await expectStored(await post(recordId), recordId);

    expect((await posts()).map((attempt) => attempt.status)).to.deep.equal([302, 302, 201]);
    expect((await gets()).map(({path, status}) => ({path, status}))).to.deep.equal([
      {path: '/signin', status: 200},
    ]);
  });

  it('hang: the request is taken and never answered; the next one reaches the endpoint', async () => {
    await injectFault({hang: true, times: 1});
    await injectFault({method: 'GET', hang: true, times: 1});

    const posted = await rejection(post(undefined, {signal: AbortSignal.timeout(300)}));
    expect(posted.name).to.equal('TimeoutError');
    const got = await rejection(get({signal: AbortSignal.timeout(300)}));
    expect(got.name).to.equal('TimeoutError');
    const recordId = crypto.randomUUID();
    await expectStored(await post(recordId), recordId);
    expect((await get()).status).to.equal(200);

    expect((await posts()).map((attempt) => attempt.status)).to.deep.equal(['hung', 201]);
    expect((await gets()).map((attempt) => attempt.status)).to.deep.equal(['hung', 200]);
  });

  it('refusing connections, and stopping the endpoint, end a hung request', async () => {
    await injectFault({hang: true, times: 2});

    const untilRefused = rejection(post());
    await waitUntil(async () => (await posts()).length === 1, 'the POST never reached the proxy');
    await refuseConnections();
    expect(await untilRefused).to.be.instanceOf(TypeError);

    await acceptConnections();
    const untilStopped = rejection(post());
    await waitUntil(async () => (await posts()).length === 2, 'the POST never reached the proxy');
    await stopConsentServer();
    expect(await untilStopped).to.be.instanceOf(TypeError);
  });

  const unplayable: {fault: Fault; reason: RegExp}[] = [
    {fault: {status: 503, times: 0}, reason: /times must be a whole number/},
    {fault: {times: 1, body: '{}'}, reason: /status must be a whole number/},
    {fault: {hang: true, status: 503, times: 1}, reason: /hang never answers, so status/},
    {fault: {redirectTo: '/signin', status: 200, times: 1}, reason: /3xx/},
    {fault: {status: 503, times: 1, headers: {'Retry After': '1'}}, reason: /headers:/},
  ];
  it('refuses a fault it cannot play, and says why', async () => {
    for (const {fault, reason} of unplayable) {
      expect((await rejection(injectFault(fault))).message).to.match(reason);
    }
    // Nothing was queued: the next POST reaches the endpoint.
    const recordId = crypto.randomUUID();
    await expectStored(await post(recordId), recordId);
  });
});
