/**
 * ConsentSession, tested directly (not through the element): "Try again", and answers that are no
 * acknowledgement. The harness (test/support/session-harness.ts) gives each test a real shared
 * store, a scripted endpoint and a listener that records every call; what is asserted is what a
 * site owner observes.
 */
import {expect} from '@open-wc/testing';
import {memoryStore} from '../../src/browser/storage.js';
import {textResponse, type FetchAnswer} from '../support/fake-fetch.js';
import {
  quiet,
  UNKEPT,
  receiptOf,
  bodyOf,
  keyOf,
  created,
  htmlPage,
  refusal,
  endpoint,
  indexedStore,
  pageStore,
  startTab,
  closeTab,
  saves,
  until,
  toggleOn,
  useSessionHarness,
} from '../support/session-harness.js';

describe('ConsentSession', () => {
  useSessionHarness();

  describe('"Try again" sends the record again', () => {
    const REFUSED = 'policyVersion 2026-11-01 is not one this endpoint knows';

    /** Decides, and waits until the endpoint refused it. */
    async function refusedDecision(posts: readonly FetchAnswer[]) {
      const fake = endpoint({posts});
      const tab = await startTab({endpoint: fake, isNewSubject: true});
      tab.session.act({kind: 'toggle', id: 'analytics'});
      await until(() => tab.heard.errors.length === 2, 'the refusal');
      const record = bodyOf(fake.posts()[0]);
      expect(tab.heard.errors).to.deep.equal([
        UNKEPT,
        {message: REFUSED, willRetry: false, status: 422},
      ]);
      expect(saves(tab)).to.deep.equal(['idle', 'saving', 'refused']);
      return {fake, tab, record};
    }

    it('a refused record goes again under its key, and is saved', async () => {
      const {fake, tab, record} = await refusedDecision([refusal(REFUSED), created]);

      tab.session.retry();
      await until(() => tab.heard.saved.length > 0, 'onSaved');
      await quiet();

      expect(fake.posts().map(keyOf)).to.deep.equal([record.recordId, record.recordId]);
      expect(bodyOf(fake.posts()[1])).to.deep.equal(record);
      expect(tab.heard.saved).to.deep.equal([receiptOf(record)]);
      expect(saves(tab)).to.deep.equal(['idle', 'saving', 'refused', 'saving', 'saved']);
      expect(tab.heard.errors, 'no more errors').to.have.length(2);
    });

    it('a state read between "Try again" and the record going back into the outbox is no second refusal', async () => {
      // Every change of the shared state tells the session the whole state, also one that
      // changes nothing (the sender's next look for due records): one may come right after
      // the click, before the record is back in the outbox (IndexedDB writes take a moment).
      let tell = () => {};
      const fake = endpoint({posts: [refusal(REFUSED), created]});
      const tab = await startTab({
        endpoint: fake,
        isNewSubject: true,
        openStore: async (mirror) => {
          const store = await pageStore(mirror);
          const subscribe = store.subscribe.bind(store);
          const update = store.update.bind(store);
          store.update = async (change) => {
            await null;
            return update(change);
          };
          store.subscribe = (listener) => {
            tell = () => listener(store.cached);
            return subscribe(listener);
          };
          return store;
        },
      });
      tab.session.act({kind: 'toggle', id: 'analytics'});
      await until(() => tab.heard.errors.length === 2, 'the refusal');

      tab.session.retry();
      tell();
      await until(() => tab.heard.saved.length > 0, 'onSaved');
      await quiet();

      expect(tab.heard.errors, 'no more errors').to.have.length(2);
      expect(saves(tab)).to.deep.equal(['idle', 'saving', 'refused', 'saving', 'saved']);
    });

    it('a second refusal is reported too', async () => {
      const again = 'The record was refused again';
      const {fake, tab, record} = await refusedDecision([refusal(REFUSED), refusal(again)]);

      tab.session.retry();
      await until(() => tab.heard.errors.length === 3, 'the second refusal');
      await quiet();

      expect(fake.posts().map(keyOf)).to.deep.equal([record.recordId, record.recordId]);
      expect(tab.heard.errors).to.deep.equal([
        UNKEPT,
        {message: REFUSED, willRetry: false, status: 422},
        {message: again, willRetry: false, status: 422},
      ]);
      expect(saves(tab)).to.deep.equal(['idle', 'saving', 'refused', 'saving', 'refused']);
      expect(tab.heard.saved).to.deep.equal([]);
    });

    it('a held record (401) goes now, under its key', async () => {
      const fake = endpoint({posts: [() => textResponse(401, 'Unauthorized'), created]});
      const tab = await startTab({endpoint: fake, isNewSubject: true});
      const post = await toggleOn(tab, fake, 'ads');
      await until(() => tab.heard.errors.length === 2, 'the failure');
      await quiet();
      expect(fake.posts(), 'held: not retried on its own').to.have.length(1);

      tab.session.retry();
      await until(() => tab.heard.saved.length > 0, 'onSaved');

      const record = bodyOf(post);
      expect(fake.posts().map(keyOf)).to.deep.equal([record.recordId, record.recordId]);
      expect(tab.heard.errors).to.deep.equal([
        UNKEPT,
        {message: 'Unauthorized', willRetry: true, status: 401},
      ]);
      expect(saves(tab)).to.deep.equal(['idle', 'saving', 'held', 'saving', 'saved']);
      expect(tab.heard.saved).to.deep.equal([receiptOf(record)]);
    });
  });

  describe('an answer that is no acknowledgement keeps the record for the next page', () => {
    const heldAnswers: {name: string; answer: FetchAnswer; message: string; status: number}[] = [
      {
        name: 'a 302',
        answer: () => new Response(null, {status: 302, headers: {Location: '/sign-in'}}),
        message:
          'The consent endpoint redirected the request (for example to a sign-in page); the record was not acknowledged.',
        status: 302,
      },
      {
        name: 'a 200 with an HTML page',
        answer: htmlPage,
        message:
          'The consent endpoint answered 200 with a body that is not JSON; the record was not acknowledged.',
        status: 200,
      },
    ];
    for (const {name, answer, message, status} of heldAnswers) {
      it(`${name}: an error with willRetry, held, and the next page sends it again`, async () => {
        const mirror = memoryStore();
        const fake = endpoint({posts: [answer]});
        const tab = await startTab({
          endpoint: fake,
          mirror,
          openStore: indexedStore,
          isNewSubject: true,
        });
        const post = await toggleOn(tab, fake, 'analytics');
        await until(() => tab.heard.errors.length > 0, 'the error');
        await quiet();

        expect(tab.heard.errors).to.deep.equal([{message, willRetry: true, status}]);
        expect(saves(tab)).to.deep.equal(['idle', 'saving', 'held']);
        expect(tab.heard.saved).to.deep.equal([]);
        expect(fake.posts()).to.have.length(1);

        await closeTab(tab);
        const nextFake = endpoint();
        const next = await startTab({endpoint: nextFake, mirror, openStore: indexedStore});
        await until(() => next.heard.saved.length > 0, 'onSaved on the next page');
        await quiet();

        const record = bodyOf(post);
        expect(nextFake.posts().map(keyOf)).to.deep.equal([record.recordId]);
        expect(bodyOf(nextFake.posts()[0])).to.deep.equal(record);
        expect(await next.starting).to.deep.equal({choices: record.choices, source: 'local'});
        expect(next.heard.saved).to.deep.equal([receiptOf(record)]);
        expect(saves(next)).to.deep.equal(['held', 'saving', 'saved']);
        expect(next.heard.errors, 'the failure was told on its own page').to.deep.equal([]);
      });
    }
  });
});
