/**
 * ConsentDelivery over the real shared store and a scripted fetch: leaving the page (keepalive
 * sends) and dispose(). The harness is test/support/delivery-harness.ts. What is asserted is what
 * a site owner observes: the requests that reached the endpoint, and how each record settled in
 * the state every tab reads.
 */
import {expect} from '@open-wc/testing';
import {CHOICES, OTHER_SUBJECT} from '../fixtures/record.js';
import {textResponse, type FetchAnswer} from '../support/fake-fetch.js';
import {gate} from '../support/gates.js';
import {
  FAST,
  SLOW,
  MEDIUM,
  QUIET_MS,
  quiet,
  record,
  bodyOf,
  keyOf,
  created,
  unavailable,
  saved,
  heldBy,
  persistentStore,
  start,
  until,
  setVisibility,
  useDeliveryHarness,
} from '../support/delivery-harness.js';

describe('ConsentDelivery', () => {
  useDeliveryHarness();

  describe('leaving the page', () => {
    it('pagehide sends a waiting record at once with keepalive, under its key', async () => {
      const t = start([unavailable(), created], {policy: SLOW});
      const rec = record();
      await t.send(rec);
      await until(() => t.outbox()[0]?.failure !== undefined, 'the failure');

      window.dispatchEvent(new Event('pagehide'));
      await until(() => t.settled().length > 0, 'settled');

      expect(t.keys()).to.deep.equal([rec.recordId, rec.recordId]);
      expect(t.calls[0]!.init.keepalive, 'the first send').to.not.equal(true);
      expect(t.calls[1]!.init.keepalive).to.equal(true);
      expect(t.calls[1]!.init.method).to.equal('POST');
      expect(bodyOf(t.calls[1]!)).to.deep.equal(rec);
      expect(t.settled()).to.deep.equal([saved(rec)]);
      expect(t.outbox()).to.deep.equal([]);
    });

    it('pagehide sends every pending record with keepalive, in order, a held one too', async () => {
      const t = start([() => textResponse(401, 'Unauthorized'), unavailable(), created], {
        policy: SLOW,
      });
      const first = record();
      const second = record({subject: OTHER_SUBJECT});
      const third = record({subject: 'third-subject'});
      await t.queue(first);
      await t.queue(second);
      await t.send(third);
      await until(() => t.outbox()[1]?.failure !== undefined, 'the second failure');
      await quiet(QUIET_MS);
      // The first is held, the second waits a minute, the third waits behind it.
      expect(t.keys()).to.deep.equal([first.recordId, second.recordId]);

      window.dispatchEvent(new Event('pagehide'));
      await until(() => t.settled().length === 3, 'all settled');

      const sentOnLeaving = t.calls.slice(2);
      expect(sentOnLeaving.map(keyOf)).to.deep.equal([
        first.recordId,
        second.recordId,
        third.recordId,
      ]);
      expect(sentOnLeaving.map((call) => call.init.keepalive)).to.deep.equal([true, true, true]);
      expect(t.settled()).to.deep.equal([saved(first), saved(second), saved(third)]);
      expect(t.outbox()).to.deep.equal([]);
    });

    it('a failed keepalive send keeps the record for the next page', async () => {
      const t = start([unavailable()], {policy: SLOW});
      const rec = record();
      await t.send(rec);
      await until(() => t.outbox()[0]?.failure !== undefined, 'the failure');

      window.dispatchEvent(new Event('pagehide'));
      await until(() => t.calls.length === 2, 'the keepalive request');
      await quiet(QUIET_MS);

      expect(t.calls[1]!.init.keepalive).to.equal(true);
      expect(t.outbox().map((entry) => entry.record)).to.deep.equal([rec]);
      expect(t.settled()).to.deep.equal([]);
    });

    it('pagehide with nothing pending sends nothing', async () => {
      const t = start([created]);
      window.dispatchEvent(new Event('pagehide'));
      await quiet(QUIET_MS);
      expect(t.calls).to.have.length(0);
    });

    const visibilityRows: {state: DocumentVisibilityState; sends: boolean}[] = [
      {state: 'hidden', sends: true},
      {state: 'visible', sends: false},
    ];
    for (const {state, sends} of visibilityRows) {
      it(`visibilitychange to ${state} ${sends ? 'sends' : 'does not send'} a waiting record`, async () => {
        const t = start([unavailable(), created], {policy: SLOW});
        const rec = record();
        await t.send(rec);
        await until(() => t.outbox()[0]?.failure !== undefined, 'the failure');

        setVisibility(state);
        await quiet(QUIET_MS);

        if (sends) {
          expect(t.calls).to.have.length(2);
          expect(t.calls[1]!.init.keepalive).to.equal(true);
          expect(keyOf(t.calls[1]!)).to.equal(rec.recordId);
          expect(t.settled()).to.deep.equal([saved(rec)]);
        } else {
          expect(t.calls).to.have.length(1);
          expect(t.settled()).to.deep.equal([]);
        }
      });
    }

    const orderRows: {name: string; firstAnswered: 'keepalive' | 'normal'}[] = [
      {name: 'the keepalive answer first', firstAnswered: 'keepalive'},
      {name: 'the normal answer first', firstAnswered: 'normal'},
    ];
    for (const {name, firstAnswered} of orderRows) {
      it(`settles once when the keepalive and the normal send both succeed (${name})`, async () => {
        const keepaliveHeld = gate();
        const normalHeld = gate();
        const answer: FetchAnswer = (call) =>
          heldBy(call.init.keepalive ? keepaliveHeld : normalHeld)(call);
        const t = start([answer]);
        const rec = record();
        await t.send(rec);
        await until(() => t.calls.length === 1, 'the normal request');
        window.dispatchEvent(new Event('pagehide'));
        await until(() => t.calls.length === 2, 'both requests');
        expect(t.keys()).to.deep.equal([rec.recordId, rec.recordId]);

        (firstAnswered === 'keepalive' ? keepaliveHeld : normalHeld).open();
        await until(() => t.settled().length === 1, 'settled');
        (firstAnswered === 'keepalive' ? normalHeld : keepaliveHeld).open();
        await quiet(QUIET_MS);

        expect(t.settled()).to.deep.equal([saved(rec)]);
        expect(t.outbox()).to.deep.equal([]);
      });
    }

    it('a record the keepalive send saved is not marked failed when its normal send fails', async () => {
      const keepaliveHeld = gate();
      const normalHeld = gate();
      const answer: FetchAnswer = (call) =>
        call.init.keepalive ? heldBy(keepaliveHeld)(call) : heldBy(normalHeld, unavailable())(call);
      const t = start([answer]);
      const rec = record();
      await t.send(rec);
      await until(() => t.calls.length === 1, 'the normal request');
      window.dispatchEvent(new Event('pagehide'));
      await until(() => t.calls.length === 2, 'both requests');

      keepaliveHeld.open();
      await until(() => t.settled().length === 1, 'settled');
      normalHeld.open();
      await quiet(QUIET_MS);

      expect(t.settled()).to.deep.equal([saved(rec)]);
      expect(t.outbox()).to.deep.equal([]);
      expect(t.calls, 'and not retried').to.have.length(2);
    });

    it('a record in flight with keepalive is not folded into a later change', async () => {
      // The tab is hidden and shown again (switching tabs) while a0 waits for a retry: a0 and
      // a1 go out with keepalive; a toggle made before their answers must not fold a1, which
      // the endpoint is storing under its own key.
      const keepaliveHeld = gate();
      const answer: FetchAnswer = (call) =>
        call.init.keepalive ? heldBy(keepaliveHeld)(call) : textResponse(503, null);
      const t = start([answer], {policy: SLOW});
      const a0 = record({changed: ['ads'], choices: {...CHOICES, ads: 'granted'}});
      const a1 = record({
        changed: ['analytics'],
        choices: {...CHOICES, ads: 'granted', analytics: 'granted'},
      });
      const a2 = record({
        changed: ['ads'],
        choices: {...CHOICES, ads: 'denied', analytics: 'granted'},
      });
      await t.send(a0);
      await until(() => t.outbox()[0]?.failure !== undefined, 'the failure');
      await t.queue(a1);
      setVisibility('hidden');
      await until(() => t.calls.length === 3, 'the keepalive requests');
      expect(t.keys().slice(1)).to.deep.equal([a0.recordId, a1.recordId]);

      await t.queue(a2);
      keepaliveHeld.open();
      await until(() => t.settled().length >= 1, 'settled');
      await quiet(QUIET_MS);

      // Both answers are released at once: either may settle first.
      expect(t.settled()).to.have.length(2);
      expect(t.settled()).to.have.deep.members([saved(a0), saved(a1)]);
      expect(t.outbox().map((entry) => entry.record)).to.deep.equal([a2]);
    });
  });

  describe('dispose()', () => {
    it('sends a due record once, and does not retry it', async () => {
      const t = start([unavailable()], {policy: FAST});
      const rec = record();
      await t.queue(rec);
      await t.delivery.dispose();
      await quiet(QUIET_MS);
      expect(t.keys()).to.deep.equal([rec.recordId]);
      expect(t.outbox().map((entry) => [entry.record.recordId, entry.failure?.kind])).to.deep.equal(
        [[rec.recordId, 'retrying']],
      );
    });

    it('sends every due record once', async () => {
      const t = start([created], {policy: FAST});
      const first = record();
      const second = record({subject: OTHER_SUBJECT});
      await t.queue(first);
      await t.queue(second);
      await t.delivery.dispose();
      await quiet(QUIET_MS);
      expect(t.keys()).to.deep.equal([first.recordId, second.recordId]);
      expect(t.outbox()).to.deep.equal([]);
    });

    it('resolves once the record on its way has settled', async () => {
      const held = gate();
      const t = start([heldBy(held)]);
      const rec = record();
      await t.send(rec);
      await until(() => t.calls.length === 1, 'the request');
      let isDisposed = false;
      const disposing = t.delivery.dispose().then(() => (isDisposed = true));
      await quiet(20);
      expect(isDisposed, 'waits for the answer').to.be.false;
      held.open();
      await disposing;
      expect(t.settled()).to.deep.equal([saved(rec)]);
    });

    it('stops the retries of a waiting record', async () => {
      const t = start([unavailable()], {policy: MEDIUM});
      await t.send(record());
      await until(() => t.outbox()[0]?.failure !== undefined, 'the failure');
      await t.delivery.dispose();
      await quiet(QUIET_MS * 2);
      expect(t.calls).to.have.length(1);
    });

    it('stops sends on online, pagehide, retry() and send()', async () => {
      const t = start([unavailable(), created], {policy: SLOW});
      const rec = record();
      await t.send(rec);
      await until(() => t.outbox()[0]?.failure !== undefined, 'the failure');
      await t.delivery.dispose();

      window.dispatchEvent(new Event('online'));
      window.dispatchEvent(new Event('pagehide'));
      setVisibility('hidden');
      await t.delivery.retry();
      await t.send(record({subject: OTHER_SUBJECT}));
      await quiet(QUIET_MS);

      expect(t.calls).to.have.length(1);
      expect(t.settled()).to.deep.equal([]);
    });

    it('leaves the pending records for the next page, which waits their turn', async () => {
      const store = await persistentStore();
      const t = start([unavailable()], {policy: MEDIUM, store});
      const rec = record();
      await t.send(rec);
      await until(() => t.outbox()[0]?.failure !== undefined, 'the failure');
      await t.delivery.dispose();

      const [waiting] = (await store.read()).outbox;
      expect(waiting?.attempts).to.equal(1);

      const next = start([created], {store: await persistentStore()});
      next.delivery.send();
      await until(() => next.settled().length > 0, 'settled on the next page');
      expect(next.keys()).to.deep.equal([rec.recordId]);
      expect(next.clock.now(), 'not before the wait was over').to.be.at.least(waiting!.notBefore);
      expect(t.calls, 'nothing more from the disposed one').to.have.length(1);
    });
  });
});
