/**
 * ConsentDelivery over the real shared store and a scripted fetch: what each answer of the
 * endpoint makes of a record — saved, retried, refused or held. The harness is
 * test/support/delivery-harness.ts. What is asserted is what a site owner observes: the requests
 * that reached the endpoint, and how each record settled in the state every tab reads.
 */
import {expect} from '@open-wc/testing';
import type {OutboxEntry} from '../../src/core/outbox.js';
import type {ConsentRecord} from '../../src/core/protocol.js';
import {decide} from '../../src/core/shared-state.js';
import {CHOICES, OTHER_SUBJECT, SUBJECT} from '../fixtures/record.js';
import {jsonResponse, textResponse, type FetchAnswer} from '../support/fake-fetch.js';
import {gate} from '../support/gates.js';
import {
  ENDPOINT_URL,
  FAST,
  SLOW,
  QUIET_MS,
  quiet,
  PURPOSES,
  record,
  bodyOf,
  keyOf,
  RECORDED_AT,
  receiptFor,
  created,
  unavailable,
  saved,
  opaqueRedirect,
  redirected,
  heldBy,
  persistentStore,
  leaveOutbox,
  start,
  until,
  useDeliveryHarness,
} from '../support/delivery-harness.js';

describe('ConsentDelivery', () => {
  useDeliveryHarness();

  describe('an acknowledged record', () => {
    const rows: {
      name: string;
      answer: FetchAnswer;
      /** What the endpoint's answer said; undefined: nothing, and nothing is made up. */
      receiptId: (rec: ConsentRecord) => string | undefined;
      recordedAt: string | undefined;
    }[] = [
      {
        name: '201 with a receipt',
        answer: created,
        receiptId: (rec) => `rcpt-${rec.recordId}`,
        recordedAt: RECORDED_AT,
      },
      {
        name: '200 for a replayed key',
        answer: (call) => jsonResponse(200, receiptFor(bodyOf(call))),
        receiptId: (rec) => `rcpt-${rec.recordId}`,
        recordedAt: RECORDED_AT,
      },
      {
        name: '201 {}',
        answer: () => jsonResponse(201, {}),
        receiptId: () => undefined,
        recordedAt: undefined,
      },
      {
        name: '204 with no body',
        answer: () => new Response(null, {status: 204}),
        receiptId: () => undefined,
        recordedAt: undefined,
      },
      {
        name: '200 with an empty body',
        answer: () => new Response('', {status: 200}),
        receiptId: () => undefined,
        recordedAt: undefined,
      },
      {
        name: '201 with the bare record (no receipt)',
        answer: (call) => jsonResponse(201, bodyOf(call)),
        receiptId: () => undefined,
        recordedAt: undefined,
      },
      {
        name: '201 with a malformed receipt id and time',
        answer: () => jsonResponse(201, {receiptId: 'has spaces', recordedAt: 'just now'}),
        receiptId: () => undefined,
        recordedAt: undefined,
      },
    ];
    for (const row of rows) {
      it(`${row.name}: one request, saved with exactly what the endpoint said`, async () => {
        const t = start([row.answer]);
        const before = t.clock.now();
        // A real decision, so that the decision's own receipt can be checked too.
        const rec = await t.store.update((state) => {
          const outcome = decide(state, {
            recordId: crypto.randomUUID(),
            subject: SUBJECT,
            policyVersion: '2026-11-01',
            purposes: PURPOSES,
            shown: CHOICES,
            decided: {analytics: 'granted'},
            method: 'toggle',
            locale: 'ja',
            gpc: false,
            at: Date.now(),
            isDelivered: true,
          });
          return {state: outcome.state, result: outcome.record};
        });
        t.delivery.send();
        await until(() => t.settled().length > 0, 'settled');
        await quiet(QUIET_MS);
        const after = t.clock.now();

        expect(t.calls).to.have.length(1);
        const [call] = t.calls;
        expect(call!.url).to.equal(new URL(ENDPOINT_URL, document.baseURI).href);
        expect(call!.init.method).to.equal('POST');
        expect(call!.init.credentials).to.equal('same-origin');
        expect(call!.init.redirect).to.equal('manual');
        expect(call!.init.keepalive).to.not.equal(true);
        expect(call!.headers.get('Content-Type')).to.equal('application/json');
        expect(keyOf(call!)).to.equal(rec.recordId);
        expect(bodyOf(call!)).to.deep.equal(rec);

        const receiptId = row.receiptId(rec);
        expect(t.settled()).to.deep.equal([
          {
            outcome: 'saved',
            recordIds: [rec.recordId],
            record: rec,
            receiptId,
            recordedAt: row.recordedAt,
          },
        ]);
        expect(t.outbox()).to.deep.equal([]);
        const decision = t.store.cached.decision!;
        expect(decision.receiptId, 'the receipt id is only ever the endpoint’s').to.equal(
          receiptId,
        );
        expect(decision.recordedAt).to.equal(row.recordedAt);
        if (row.recordedAt) {
          expect(decision.savedAt).to.equal(row.recordedAt);
        } else {
          const savedAt = Date.parse(decision.savedAt!);
          expect(savedAt, 'saved when this browser heard the answer')
            .to.be.at.least(before)
            .and.at.most(after);
        }
      });
    }

    it('stays in the outbox, claimed, until the endpoint answers', async () => {
      const held = gate();
      const t = start([heldBy(held)]);
      const rec = record();
      await t.send(rec);
      await until(() => t.calls.length === 1, 'the request');
      expect(t.outbox().map((entry) => [entry.record.recordId, entry.attempts])).to.deep.equal([
        [rec.recordId, 1],
      ]);
      expect(t.settled()).to.deep.equal([]);

      held.open();
      await until(() => t.settled().length === 1, 'settled');
      expect(t.settled()).to.deep.equal([saved(rec)]);
      expect(t.outbox()).to.deep.equal([]);
    });
  });

  describe('retryable failures', () => {
    const rows: {name: string; failure: () => FetchAnswer; status: number | undefined}[] = [
      {
        name: 'a network failure',
        failure: () => new TypeError('Failed to fetch'),
        status: undefined,
      },
      {name: '408', failure: () => () => textResponse(408, 'Request Timeout'), status: 408},
      {name: '429', failure: () => () => textResponse(429, 'Too Many Requests'), status: 429},
      {name: '500', failure: () => () => textResponse(500, null), status: 500},
      {
        name: '502',
        failure: () => () => textResponse(502, '<html>Bad Gateway</html>'),
        status: 502,
      },
      {name: '503', failure: unavailable, status: 503},
      {name: '504', failure: () => () => textResponse(504, null), status: 504},
    ];
    for (const {name, failure} of rows) {
      it(`${name} ×3 then 201: four requests under one key, saved once`, async () => {
        const t = start([failure(), failure(), failure(), created]);
        const rec = record();
        await t.send(rec);
        await until(() => t.settled().length > 0, 'settled');
        await quiet(QUIET_MS);

        expect(t.keys()).to.deep.equal([rec.recordId, rec.recordId, rec.recordId, rec.recordId]);
        expect(t.calls.map((call) => bodyOf(call))).to.deep.equal([rec, rec, rec, rec]);
        expect(t.settled()).to.deep.equal([saved(rec)]);
        expect(t.outbox()).to.deep.equal([]);
      });
    }

    for (const {name, failure, status} of rows) {
      it(`${name}: waits in the outbox, marked retrying for every tab`, async () => {
        const t = start([failure()], {policy: SLOW});
        const rec = record();
        await t.send(rec);
        await until(() => t.outbox()[0]?.failure !== undefined, 'the failure');
        const [waiting] = t.outbox();
        expect(waiting!.record).to.deep.equal(rec);
        expect(waiting!.attempts).to.equal(1);
        expect(waiting!.failure?.kind).to.equal('retrying');
        expect(waiting!.failure?.status).to.equal(status);
        expect(waiting!.failure?.attempt).to.equal(1);
        expect(waiting!.notBefore).to.be.above(Date.now() + 10_000);
        expect(t.settled()).to.deep.equal([]);
        await quiet(QUIET_MS);
        expect(t.calls).to.have.length(1);
      });
    }

    it('records what the endpoint said about the failure', async () => {
      const t = start([unavailable()], {policy: SLOW});
      await t.send(record());
      await until(() => t.outbox()[0]?.failure !== undefined, 'the failure');
      expect(t.outbox()[0]!.failure).to.deep.equal({
        kind: 'retrying',
        status: 503,
        message: 'Service Unavailable',
        attempt: 1,
      });
    });
  });

  describe('Retry-After', () => {
    const rows: {name: string; retryAfter: string; minGapMs: number; maxGapMs: number}[] = [
      // random 0: no jitter, so the gap is the Retry-After alone.
      {name: '429 with Retry-After: 0 retries at once', retryAfter: '0', minGapMs: 0, maxGapMs: 40},
      {
        name: '429 with Retry-After: 1 waits, capped at maxRetryAfterMs (50 ms)',
        retryAfter: '1',
        minGapMs: 49,
        maxGapMs: 900,
      },
      {
        name: '503 with an HTTP-date Retry-After an hour ahead waits only the cap',
        retryAfter: new Date(Date.now() + 3_600_000).toUTCString(),
        minGapMs: 49,
        maxGapMs: 900,
      },
    ];
    for (const {name, retryAfter, minGapMs, maxGapMs} of rows) {
      it(name, async () => {
        const times: number[] = [];
        const status = name.startsWith('503') ? 503 : 429;
        const t = start(
          [
            () => {
              times.push(t.clock.now());
              return textResponse(status, null, {'Retry-After': retryAfter});
            },
            (call) => {
              times.push(t.clock.now());
              return jsonResponse(201, receiptFor(bodyOf(call)));
            },
          ],
          {random: () => 0},
        );
        const rec = record();
        await t.send(rec);
        await until(() => t.settled().length > 0, 'settled');

        expect(t.keys()).to.deep.equal([rec.recordId, rec.recordId]);
        const gap = times[1]! - times[0]!;
        expect(gap).to.be.at.least(minGapMs).and.below(maxGapMs);
        expect(t.settled()).to.deep.equal([saved(rec)]);
      });
    }
  });

  describe('refused records', () => {
    const rows: {status: number}[] = [
      {status: 400},
      {status: 404},
      {status: 409},
      {status: 413},
      {status: 422},
    ];
    for (const {status} of rows) {
      it(`${status}: one request, settled as refused for every tab, not retried`, async () => {
        const t = start([
          () => jsonResponse(status, {error: {message: `Refused with ${status}.`}}),
        ]);
        const rec = record();
        await t.send(rec);
        await until(() => t.settled().length > 0, 'settled');
        await quiet(QUIET_MS);

        expect(t.calls).to.have.length(1);
        expect(t.settled()).to.deep.equal([
          {
            outcome: 'refused',
            recordIds: [rec.recordId],
            record: rec,
            status,
            message: `Refused with ${status}.`,
          },
        ]);
        expect(t.outbox()).to.deep.equal([]);
      });
    }

    it('a refused record does not hold up the next one', async () => {
      const t = start([() => textResponse(422, 'Unknown purpose'), created]);
      const first = record();
      const second = record({subject: OTHER_SUBJECT});
      await t.queue(first);
      await t.send(second);
      await until(() => t.settled().length === 2, 'both settled');

      expect(t.keys()).to.deep.equal([first.recordId, second.recordId]);
      expect(t.settled().map((settlement) => settlement.outcome)).to.deep.equal([
        'refused',
        'saved',
      ]);
    });
  });

  describe('records the endpoint did not acknowledge are held for a later page', () => {
    const redirectMessage =
      'The consent endpoint redirected the request (for example to a sign-in page); the record was not acknowledged.';
    const rows: {
      name: string;
      answer: () => Response;
      status: number | undefined;
      message: string;
    }[] = [
      {
        name: '401 (a signed-in session ended)',
        answer: () => jsonResponse(401, {error: {message: 'Sign in again.'}}),
        status: 401,
        message: 'Sign in again.',
      },
      {
        name: '403',
        answer: () => textResponse(403, 'Forbidden'),
        status: 403,
        message: 'Forbidden',
      },
      {
        name: '302 to a sign-in page',
        answer: () => new Response(null, {status: 302, headers: {Location: '/sign-in'}}),
        status: 302,
        message: redirectMessage,
      },
      {
        name: 'an opaque redirect',
        answer: opaqueRedirect,
        status: undefined,
        message: redirectMessage,
      },
      {
        name: 'a 200 reached through a redirect',
        answer: () => redirected(jsonResponse(200, {receiptId: 'rcpt-sign-in'})),
        status: 200,
        message: redirectMessage,
      },
      {
        name: '200 text/html (a page served for every path)',
        answer: () =>
          textResponse(200, '<!doctype html><title>Shop</title>', {'Content-Type': 'text/html'}),
        status: 200,
        message:
          'The consent endpoint answered 200 with a body that is not JSON; the record was not acknowledged.',
      },
      {
        name: '201 with cut-off JSON',
        answer: () =>
          textResponse(201, '{"receiptId": "rcpt', {'Content-Type': 'application/json'}),
        status: 201,
        message:
          'The consent endpoint answered 201 with a body that is not JSON; the record was not acknowledged.',
      },
    ];
    for (const row of rows) {
      it(`${row.name}: kept and marked held, not retried in this page, sent again by retry()`, async () => {
        // FAST: a retry, if one were scheduled, would go within the quiet wait.
        const t = start([row.answer, created], {policy: FAST});
        const rec = record();
        await t.queue(rec);
        const notBefore = t.outbox()[0]!.notBefore;
        t.delivery.send();
        await until(() => t.outbox()[0]?.failure !== undefined, 'the failure');
        await quiet(QUIET_MS);

        expect(t.calls).to.have.length(1);
        const held: OutboxEntry = {
          record: rec,
          attempts: 1,
          notBefore,
          failure: {kind: 'held', status: row.status, message: row.message, attempt: 1},
        };
        expect(t.outbox()).to.deep.equal([held]);
        expect(t.settled(), 'neither saved nor refused').to.deep.equal([]);

        t.delivery.send(); // another decision in this page asks for delivery
        await quiet(QUIET_MS);
        expect(t.calls, 'not sent again in this page').to.have.length(1);

        await t.delivery.retry(); // "Try again", or the next page load
        await until(() => t.settled().length > 0, 'settled');
        expect(t.keys()).to.deep.equal([rec.recordId, rec.recordId]);
        expect(bodyOf(t.calls[1]!)).to.deep.equal(rec);
        expect(t.settled()).to.deep.equal([saved(rec)]);
        expect(t.outbox()).to.deep.equal([]);
      });
    }

    it('a held record does not hold up the next one, and stays', async () => {
      const t = start([() => textResponse(401, 'Unauthorized'), created]);
      const first = record();
      const second = record({subject: OTHER_SUBJECT});
      await t.queue(first);
      await t.send(second);
      await until(() => t.settled().length === 1, 'the second settled');
      await quiet(QUIET_MS);

      expect(t.keys()).to.deep.equal([first.recordId, second.recordId]);
      expect(t.settled()).to.deep.equal([saved(second)]);
      expect(t.outbox().map((entry) => [entry.record.recordId, entry.failure?.kind])).to.deep.equal(
        [[first.recordId, 'held']],
      );
    });

    it('the network coming back (online) sends a held record again', async () => {
      const t = start([() => textResponse(403, 'Forbidden'), created]);
      const rec = record();
      await t.send(rec);
      await until(() => t.outbox()[0]?.failure?.kind === 'held', 'held');
      window.dispatchEvent(new Event('online'));
      await until(() => t.settled().length > 0, 'settled');
      expect(t.keys()).to.deep.equal([rec.recordId, rec.recordId]);
    });

    it('a record an earlier page held waits for retry() on the next page, then goes', async () => {
      const rec = record();
      await leaveOutbox([
        {
          record: rec,
          attempts: 1,
          notBefore: Date.now() - 60_000,
          failure: {kind: 'held', status: 401, message: 'Sign in again.', attempt: 1},
        },
      ]);
      const t = start([created], {store: await persistentStore()});
      t.delivery.send();
      await quiet(QUIET_MS);
      expect(t.calls, 'send() alone leaves it held').to.have.length(0);

      await t.delivery.retry();
      await until(() => t.settled().length > 0, 'settled');
      expect(t.keys()).to.deep.equal([rec.recordId]);
      expect(t.settled()).to.deep.equal([saved(rec)]);
    });
  });
});
