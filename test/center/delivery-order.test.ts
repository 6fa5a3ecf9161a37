/**
 * ConsentDelivery over the real shared store and a scripted fetch: records go in order, one at a
 * time, coalesced, from an outbox an earlier page or another tab shares. The harness is
 * test/support/delivery-harness.ts. What is asserted is what a site owner observes: the requests
 * that reached the endpoint, and how each record settled in the state every tab reads.
 */
import {expect} from '@open-wc/testing';
import type {Choices} from '../../src/core/consent.js';
import type {ConsentRecord} from '../../src/core/protocol.js';
import {CHOICES, OTHER_SUBJECT} from '../fixtures/record.js';
import {gate} from '../support/gates.js';
import {
  SLOW,
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
  leaveOutbox,
  counted,
  start,
  until,
  useDeliveryHarness,
} from '../support/delivery-harness.js';

describe('ConsentDelivery', () => {
  useDeliveryHarness();

  describe('order', () => {
    it('sends the second record only after the first is acknowledged', async () => {
      const firstHeld = gate();
      const t = start([heldBy(firstHeld), created]);
      const first = record();
      const second = record({subject: OTHER_SUBJECT});
      await t.queue(first);
      await t.send(second);
      await until(() => t.calls.length === 1, 'the first request');
      await quiet(QUIET_MS);
      expect(t.keys(), 'the second waits for the first answer').to.deep.equal([first.recordId]);

      firstHeld.open();
      await until(() => t.settled().length === 2, 'both settled');
      expect(t.keys()).to.deep.equal([first.recordId, second.recordId]);
      expect(t.settled()).to.deep.equal([saved(first), saved(second)]);
    });

    it('a retried first record still goes before the second', async () => {
      const t = start([unavailable(), created]);
      const first = record();
      const second = record({subject: OTHER_SUBJECT});
      await t.queue(first);
      await t.send(second);
      await until(() => t.settled().length === 2, 'both settled');

      expect(t.keys()).to.deep.equal([first.recordId, first.recordId, second.recordId]);
      expect(t.settled()).to.deep.equal([saved(first), saved(second)]);
    });

    it('a change made while one is in flight goes after it, under its own key', async () => {
      const firstHeld = gate();
      const t = start([heldBy(firstHeld), created]);
      const first = record({changed: ['ads'], choices: {...CHOICES, ads: 'granted'}});
      await t.send(first);
      await until(() => t.calls.length === 1, 'the first request');
      const second = record({
        changed: ['analytics'],
        choices: {...CHOICES, ads: 'granted', analytics: 'granted'},
      });
      await t.send(second);

      firstHeld.open();
      await until(() => t.settled().length === 2, 'both settled');
      expect(t.keys()).to.deep.equal([first.recordId, second.recordId]);
      expect(bodyOf(t.calls[1]!)).to.deep.equal(second);
    });
  });

  describe('coalescing', () => {
    /** Toggles analytics, ads, analytics… from CHOICES; record n carries the state after n. */
    function toggles(count: number): ConsentRecord[] {
      const records: ConsentRecord[] = [];
      let state: Choices = CHOICES;
      for (let n = 1; n <= count; n++) {
        const id = n % 2 === 1 ? 'analytics' : 'ads';
        state = {...state, [id]: state[id] === 'granted' ? 'denied' : 'granted'};
        records.push(record({choices: state, changed: [id]}));
      }
      return records;
    }

    it('seven rapid toggles with the first in flight: two requests, the last the final state', async () => {
      const firstHeld = gate();
      const t = start([heldBy(firstHeld), created]);
      const [first, ...rest] = toggles(7);
      await t.send(first!);
      await until(() => t.calls.length === 1, 'the first request');
      for (const rec of rest) await t.send(rec);

      firstHeld.open();
      await until(() => t.settled().length === 2, 'both settled');
      await quiet(QUIET_MS);

      const last = rest.at(-1)!;
      const sentLast = {...last, changed: ['analytics', 'ads']};
      expect(t.calls).to.have.length(2);
      expect(bodyOf(t.calls[0]!)).to.deep.equal(first);
      expect(bodyOf(t.calls[1]!)).to.deep.equal(sentLast);
      expect(keyOf(t.calls[1]!)).to.equal(last.recordId);
      // Every folded record's tab hears that its change was saved.
      const foldedIds = rest
        .slice(0, -1)
        .reverse()
        .map((rec) => rec.recordId);
      expect(t.settled()).to.deep.equal([saved(first!), saved(sentLast, foldedIds)]);
      expect(t.outbox()).to.deep.equal([]);
    });

    it('toggles queued before the first request fold into one request', async () => {
      const t = start([created]);
      const records = toggles(4);
      for (const rec of records) await t.queue(rec);
      t.delivery.send();
      await until(() => t.settled().length > 0, 'settled');
      await quiet(QUIET_MS);

      const last = records.at(-1)!;
      expect(t.calls).to.have.length(1);
      expect(bodyOf(t.calls[0]!)).to.deep.equal({...last, changed: ['analytics', 'ads']});
      expect(t.settled()[0]!.recordIds).to.deep.equal(
        [...records].reverse().map((rec) => rec.recordId),
      );
    });

    it('a toggle made while a record waits for a retry keeps the retried one apart', async () => {
      const t = start([unavailable(), created], {policy: SLOW});
      const [first, second] = toggles(2);
      await t.send(first!);
      await until(() => t.outbox()[0]?.failure !== undefined, 'the failure');
      await t.send(second!);
      expect(t.outbox().map((entry) => entry.record.recordId)).to.deep.equal([
        first!.recordId,
        second!.recordId,
      ]);
    });
  });

  describe('an outbox left by an earlier page (IndexedDB)', () => {
    it('sends the records left, in their order, under their keys', async () => {
      const first = record();
      const second = record({subject: OTHER_SUBJECT});
      await leaveOutbox([
        {record: first, attempts: 2, notBefore: Date.now() - 1},
        {record: second, attempts: 0, notBefore: 0},
      ]);
      const t = start([created], {store: await persistentStore()});
      t.delivery.send();
      await until(() => t.settled().length === 2, 'both settled');
      expect(t.keys()).to.deep.equal([first.recordId, second.recordId]);
      expect(t.settled()).to.deep.equal([saved(first), saved(second)]);
    });

    it('a notBefore far in the future neither blocks the outbox nor spins timers', async () => {
      const stuck = record();
      const next = record({subject: OTHER_SUBJECT});
      await leaveOutbox([
        {record: stuck, attempts: 3, notBefore: Date.now() + 1e12},
        {record: next, attempts: 0, notBefore: 0},
      ]);
      const {store, updates} = counted(await persistentStore());
      const t = start([created], {store});
      t.delivery.send();
      await until(() => t.settled().length === 2, 'both settled');
      const settledAfter = updates();
      await quiet(300);

      expect(t.keys()).to.deep.equal([stuck.recordId, next.recordId]);
      expect(updates(), 'no store updates once the outbox is empty').to.equal(settledAfter);
    });

    it('an entry whose notBefore is Infinity is dropped, not waited for', async () => {
      const stuck = record();
      const next = record({subject: OTHER_SUBJECT});
      await leaveOutbox([
        {record: stuck, attempts: 3, notBefore: Number.POSITIVE_INFINITY},
        {record: next, attempts: 0, notBefore: 0},
      ]);
      const t = start([created], {store: await persistentStore()});
      t.delivery.send();
      await until(() => t.settled().length === 1, 'settled');
      await quiet(300);
      expect(t.keys()).to.deep.equal([next.recordId]);
    });

    it('a record waiting out a Retry-After waits, with one timer and no busy updates', async () => {
      const waiting = record();
      await leaveOutbox([{record: waiting, attempts: 1, notBefore: Date.now() + 30 * 60_000}]);
      const {store, updates} = counted(await persistentStore());
      const t = start([created], {store});
      t.delivery.send();
      await quiet(300);
      expect(t.calls).to.have.length(0);
      expect(updates(), 'one look at the outbox').to.equal(1);

      await t.delivery.retry();
      await until(() => t.settled().length === 1, 'settled');
      expect(t.keys()).to.deep.equal([waiting.recordId]);
    });
  });

  describe('two tabs sharing the outbox', () => {
    it('each record is sent exactly once, whichever tab sends it', async () => {
      const tabA = start([created], {store: await persistentStore()});
      const tabB = start([created], {store: await persistentStore()});
      const records = Array.from({length: 6}, (_, n) => record({subject: `subject-${n}`}));
      await Promise.all(records.map((rec, n) => (n % 2 ? tabA : tabB).queue(rec)));
      tabA.delivery.send();
      tabB.delivery.send();
      await until(
        () => tabA.calls.length + tabB.calls.length === records.length,
        'every record sent',
      );
      await until(() => tabA.store.cached.settled.length === records.length, 'all settled');
      await quiet(QUIET_MS);

      const keys = [...tabA.keys(), ...tabB.keys()];
      expect(keys).to.have.length(records.length);
      expect(new Set(keys).size).to.equal(records.length);
      expect((await tabB.store.read()).outbox).to.deep.equal([]);
    });
  });
});
