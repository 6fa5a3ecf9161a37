/**
 * "What you chose is honored and reaches the site exactly once", tried the way a customer and
 * a hostile network would, end to end: the real reference endpoint (child process, real HTTP,
 * a real SQLite file) behind a fault proxy. One `describe` per broken promise of issue 7.
 */
import {aTimeout, expect, html, waitUntil} from '@open-wc/testing';
import type {ConsentRecord, PrivacyPreferences} from '../../src/index.js';
import {consentRecord} from '../fixtures/record.js';
import {shopConfig} from '../fixtures/shop-config.js';
import {
  buttonNamed,
  failOnWarnings,
  lastSavedText,
  nextEvent,
  renderCenter,
  shadow,
  statusText,
  switchNamed,
  visibleText,
} from '../support/center.js';
import {storedOutbox, writeStoredState} from '../support/indexeddb.js';
import {
  acceptConnections,
  failNextPosts,
  gets,
  injectFault,
  posts,
  refuseConnections,
  freshEndpoint,
  storedRecords,
} from '../support/consent-server.js';
import {BLOCKED, replaceIndexedDB} from '../support/indexeddb.js';
import {closeTabs, eventsOf, openTab} from '../support/tabs.js';
import {SUBJECT_KEY} from '../../src/browser/subject.js';

const ALL_DENIED = {
  essential: 'granted',
  analytics: 'denied',
  recommendations: 'denied',
  ads: 'denied',
} as const;

const SAVED = 'Saved.';
const SAVING = 'Saving…';
const HELD = "Not saved yet. We'll try again on your next visit.";
const RETRYING = "Not saved yet. We'll keep trying.";
const REFUSED =
  "We couldn't save this change. It still applies in this browser. Try again, or contact us.";

describe('words match actions, end to end', function () {
  this.timeout(30_000);
  failOnWarnings();
  const endpoint = freshEndpoint();

  afterEach(() => closeTabs());

  function center(attributes: {subject?: string; lang?: string} = {}) {
    const element = html`<privacy-preferences
      .config=${shopConfig}
      endpoint=${endpoint.url}
      subject=${attributes.subject ?? ''}
    ></privacy-preferences>`;
    return attributes.lang === undefined
      ? renderCenter(element)
      : renderCenter(html`<div lang=${attributes.lang}>${element}</div>`);
  }

  /** The center's next consent-saved, once its status says so. */
  async function saved(el: PrivacyPreferences) {
    const {detail} = await nextEvent('consent-saved');
    await waitUntil(() => statusText(el) === SAVED, `status stayed "${statusText(el)}"`);
    return detail;
  }

  /** The endpoint's records of a subject, oldest first, as the site's backend sees them. */
  async function recordsOf(subject: string): Promise<ConsentRecord[]> {
    return (await storedRecords(subject)).map((stored) => stored.record).reverse();
  }

  describe('1. a refusal is recorded', () => {
    it('"Reject all" on a first visit, with everything already off, is sent, kept and saved', async () => {
      const {el, event} = await center();
      expect(event.detail.source).to.equal('default');
      const done = saved(el);
      buttonNamed(el, 'Reject all').click();
      const {record, receiptId} = await done;
      const subject = localStorage.getItem(SUBJECT_KEY)!;
      expect(record).to.deep.include({
        subject,
        method: 'reject-all',
        changed: [],
        choices: ALL_DENIED,
      });
      expect(await recordsOf(subject)).to.deep.equal([record]);
      expect(receiptId).to.be.a('string').and.not.equal(record.recordId);
      expect(lastSavedText(el)).to.match(/^Last saved .+\.$/);

      // The next page knows the customer said no: their own decision, not the defaults.
      el.remove();
      const next = await center();
      expect(next.event.detail).to.deep.equal({choices: ALL_DENIED, source: 'local'});
      await expect(next.el).to.be.accessible();
    });
  });

  describe('2. Global Privacy Control is reported', () => {
    beforeEach(() =>
      Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {
        get: () => true,
        configurable: true,
      }),
    );
    afterEach(
      () => delete (Navigator.prototype as {globalPrivacyControl?: boolean}).globalPrivacyControl,
    );

    it('sends one "gpc" record although its purposes were already off, once per subject and policy', async () => {
      const done = nextEvent('consent-saved');
      const {el} = await center({subject: 'gpc-already-off'});
      const {detail} = await done;
      expect(detail.record).to.deep.include({
        method: 'gpc',
        gpc: true,
        changed: [],
        choices: ALL_DENIED,
      });
      expect(await recordsOf('gpc-already-off')).to.deep.equal([detail.record]);

      el.remove();
      await center({subject: 'gpc-already-off'}); // the next page: recorded already
      await aTimeout(500);
      expect(await posts()).to.have.length(1);
    });
  });

  describe('3. the page language is canonicalized', () => {
    it('saves under <html lang="en_US"> with locale "en-US"', async () => {
      const {el} = await center({subject: 'lang-en-us', lang: 'en_US'});
      const done = saved(el);
      switchNamed(el, 'Usage analytics').click();
      const {record} = await done;
      expect(record.locale).to.equal('en-US');
      expect((await posts()).map((attempt) => attempt.status)).to.deep.equal([201]);
      expect(await recordsOf('lang-en-us')).to.deep.equal([record]);
    });
  });

  describe('4. two tabs changing choices at the same moment', () => {
    const ROUNDS = 20;

    it(`lose no record and merge per purpose, ${ROUNDS} rounds`, async () => {
      const a = await openTab(endpoint.url, 'racing');
      const b = await openTab(endpoint.url, 'racing');
      for (let round = 1; round <= ROUNDS; round++) {
        // The same moment: tab A switches analytics, tab B ads.
        const toggled = () =>
          [a, b].map(
            (tab) =>
              eventsOf(tab, 'consent-change').filter((event) => event.detail.method === 'toggle')
                .length,
          );
        const before = toggled();
        switchNamed(a.center, 'Usage analytics').click();
        switchNamed(b.center, 'Ads on other websites').click();
        const expected = round % 2 === 1 ? 'granted' : 'denied';
        // Each click is recorded once the frame showing it is painted.
        await waitUntil(
          () => toggled().every((count, tab) => count > before[tab]!),
          `round ${round}: a click was not recorded`,
        );
        await waitUntil(
          async () =>
            [a, b].every((tab) => statusText(tab.center) === SAVED) &&
            (await storedOutbox()).length === 0,
          `round ${round}: a tab did not settle ("${statusText(a.center)}", "${statusText(b.center)}")`,
          {timeout: 10_000},
        );
        const [latest] = await storedRecords('racing');
        expect(latest.record.choices, `round ${round}: the endpoint's current record`).to.include({
          analytics: expected,
          ads: expected,
        });
        for (const tab of [a, b])
          expect(tab.center.choices, `round ${round}`).to.include({
            analytics: expected,
            ads: expected,
          });
      }
      // Every record a tab was told is saved is stored, once.
      const savedIds = [a, b].flatMap((tab) =>
        eventsOf(tab, 'consent-saved').map(
          (event) => (event.detail.record as ConsentRecord).recordId,
        ),
      );
      const storedIds = (await storedRecords('racing')).map((stored) => stored.record.recordId);
      expect([...storedIds].sort()).to.deep.equal([...new Set(savedIds)].sort());
      expect([...a.problems, ...b.problems]).to.deep.equal([]);
    });
  });

  describe('5. only an acknowledgement counts as saved', () => {
    const HELD_ANSWERS = [
      {name: 'a 302 to the sign-in page', fault: {redirectTo: '/signin', times: 1}},
      {
        name: 'a 200 HTML page',
        fault: {status: 200, times: 1, contentType: 'text/html', body: '<!doctype html><p>Hi'},
      },
      {name: 'a 401', fault: {status: 401, times: 1}},
    ];
    for (const {name, fault} of HELD_ANSWERS) {
      it(`${name} is not "saved": the record waits, and "Try again" delivers it once`, async () => {
        const {el} = await center({subject: 'held'});
        await injectFault(fault);
        const error = nextEvent('consent-error');
        switchNamed(el, 'Usage analytics').click();
        expect((await error).detail.willRetry).to.equal(true);
        await waitUntil(() => statusText(el) === HELD, `status "${statusText(el)}"`);
        expect(await storedRecords('held')).to.deep.equal([]);
        await expect(el).to.be.accessible();

        const done = saved(el);
        shadow(el).querySelector<HTMLButtonElement>('[part="retry"]')!.click();
        const {record} = await done;
        expect(await recordsOf('held')).to.deep.equal([record]);
        const keys = (await posts()).map((attempt) => attempt.idempotencyKey);
        expect(keys).to.deep.equal([record.recordId, record.recordId]);
      });
    }

    const MINIMAL_ANSWERS = [
      {name: '201 {}', status: 201, body: '{}'},
      {name: '204 with no body', status: 204, body: ''},
      {
        name: '201 with a bare record, without "changed"',
        status: 201,
        body: JSON.stringify({...consentRecord('bare-0001'), changed: undefined}),
      },
    ];
    for (const {name, status, body} of MINIMAL_ANSWERS) {
      it(`${name} is saved, with no receipt id made up`, async () => {
        const {el} = await center({subject: 'minimal'});
        await injectFault({status, body, times: 1});
        const done = saved(el);
        switchNamed(el, 'Usage analytics').click();
        const detail = await done;
        expect(detail.receiptId).to.equal(undefined);
        expect(detail.record).to.deep.include({changed: ['analytics'], method: 'toggle'});
        expect(visibleText(el)).not.to.contain('could not start');
      });
    }
  });

  describe("6. the endpoint's current record is validated", () => {
    /** What the restore GET answers: the endpoint's current record of `subject`. */
    const answer = (subject: string, record: Partial<Record<keyof ConsentRecord, unknown>>) => ({
      method: 'GET' as const,
      status: 200,
      times: 1,
      body: JSON.stringify({
        receiptId: 'forged-1',
        recordedAt: '2026-11-20T10:00:00.000Z',
        record: {
          ...consentRecord('forged-0001', {subject}),
          choices: {...ALL_DENIED, analytics: 'granted'},
          ...record,
        },
      }),
    });

    it('a record whose "changed" is malformed is ignored: the center starts with the defaults', async () => {
      // A missing "changed" is fine (a site's backend may leave it out); a wrong one is not.
      await injectFault(answer('no-changed', {changed: 'analytics'}));
      const errors: unknown[] = [];
      document.addEventListener('consent-error', (event) => errors.push(event.detail));
      const {el, event} = await center({subject: 'no-changed'});
      expect(event.detail).to.deep.equal({choices: ALL_DENIED, source: 'default'});
      expect(errors).to.deep.equal([]);
      expect(switchNamed(el, 'Usage analytics').getAttribute('aria-checked')).to.equal('false');
    });

    const FORGED = [
      {name: 'without "collectedAt"', record: {collectedAt: undefined}},
      {name: 'with "collectedAt" in 2099', record: {collectedAt: '2099-01-01T00:00:00.000Z'}},
    ];
    for (const {name, record} of FORGED) {
      it(`a record ${name} never overrides the customer's later "no"`, async () => {
        const subject = 'forged-time';
        await injectFault(answer(subject, record));
        const first = await center({subject});
        // The customer says no to analytics (whatever the forged record showed first).
        const done = saved(first.el);
        if (first.el.getChoice('analytics') === 'granted')
          switchNamed(first.el, 'Usage analytics').click();
        else buttonNamed(first.el, 'Reject all').click();
        await done;
        first.el.remove();

        await injectFault(answer(subject, record));
        const {el} = await center({subject});
        await waitUntil(async () => (await gets()).length === 2, 'no second GET');
        await aTimeout(300); // the answer is applied, if at all, as soon as it comes
        expect(el.getChoice('analytics')).to.equal('denied');
        expect(switchNamed(el, 'Usage analytics').getAttribute('aria-checked')).to.equal('false');
      });
    }

    it('a hung GET holds the list back no more than 5 s', async () => {
      await injectFault({method: 'GET', hang: true, times: 1});
      const started = performance.now();
      const {el, event} = await center({subject: 'hung-get'});
      const waited = performance.now() - started;
      expect(event.detail.source).to.equal('default');
      // 5 s, not the request's own 20 s timeout (a loaded machine may add a second or two).
      expect(waited).to.be.within(4900, 8000);
      expect(switchNamed(el, 'Usage analytics').getAttribute('aria-checked')).to.equal('false');
    });
  });

  describe('7. messages between tabs are not trusted', () => {
    it('10 malformed and forged messages change nothing and throw nothing', async () => {
      await refuseConnections();
      const tab = await openTab(endpoint.url, 'messages');
      switchNamed(tab.center, 'Usage analytics').click();
      await waitUntil(() => statusText(tab.center) === RETRYING, 'no retrying status');
      const before = {choices: tab.center.choices, events: tab.events.length};

      const channel = new BroadcastChannel('privacy-preferences');
      const [waiting] = await storedOutbox();
      const recordId = waiting.record.recordId;
      for (const message of [
        null,
        42,
        'privacy-preferences:changed ',
        [],
        {type: 'saved', recordIds: [recordId]},
        {type: 'decision', decision: {subject: 'messages', choices: {analytics: 'denied'}}},
        {outbox: 'gone', settled: {0: 1}},
        JSON.parse('{"__proto__": {"polluted": true}}') as unknown,
        'x'.repeat(1_000_000),
        new Date(Number.NaN),
      ])
        channel.postMessage(message);
      channel.close();
      await aTimeout(300);

      expect(tab.problems).to.deep.equal([]);
      expect(tab.center.choices).to.deep.equal(before.choices);
      // Only the endpoint's own failures were reported meanwhile: no change, nothing saved.
      expect(
        tab.events.slice(before.events).filter((event) => event.type !== 'consent-error'),
      ).to.deep.equal([]);
      for (const {detail} of tab.events.slice(before.events))
        expect(detail.message).to.equal('The consent endpoint could not be reached.');
      expect(statusText(tab.center)).to.equal(RETRYING);
      expect(({} as {polluted?: boolean}).polluted).to.equal(undefined);

      await acceptConnections(); // still delivered, once
      await waitUntil(() => statusText(tab.center) === SAVED, 'not saved', {timeout: 15_000});
      expect(await storedRecords('messages')).to.have.length(1);
    });
  });

  describe('8. the outbox is not lost silently', () => {
    it('kept in IndexedDB while localStorage refuses writes: the next load delivers it', async () => {
      await refuseConnections();
      const first = await openTab(endpoint.url, 'quota', {storage: 'refuse-writes'});
      switchNamed(first.center, 'Personal recommendations').click();
      await waitUntil(() => statusText(first.center) === RETRYING, 'no retrying status');
      first.close();
      await acceptConnections();

      const next = await openTab(endpoint.url, 'quota', {storage: 'refuse-writes'});
      await waitUntil(() => statusText(next.center) === SAVED, 'not delivered', {timeout: 10_000});
      const [stored] = await recordsOf('quota');
      expect(stored).to.deep.include({changed: ['recommendations'], method: 'toggle'});
      expect(next.center.getChoice('recommendations')).to.equal('granted');
    });

    describe('without any storage', () => {
      // What a browser that blocks site data gives the page: no IndexedDB, no localStorage writes.
      const setItem = Storage.prototype.setItem;
      let restoreIndexedDB = () => {};
      beforeEach(() => {
        Storage.prototype.setItem = () => {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        };
        restoreIndexedDB = replaceIndexedDB(BLOCKED);
      });
      afterEach(() => {
        Storage.prototype.setItem = setItem;
        restoreIndexedDB();
      });

      it('the customer is told the choice is lost if they leave before it is saved', async () => {
        await refuseConnections();
        const errors: string[] = [];
        document.addEventListener('consent-error', (event) => errors.push(event.detail.message));
        const {el} = await center({subject: 'no-storage'});
        switchNamed(el, 'Usage analytics').click();
        await waitUntil(() => statusText(el) === RETRYING, 'no retrying status');
        expect(shadow(el).querySelector('[part="not-kept"]')?.textContent?.trim()).to.equal(
          "This browser can't keep your choices until they're saved: if you leave this page before then, they will be lost.",
        );
        expect(errors).to.include(
          'This browser does not keep records waiting for the consent endpoint (storage is unavailable): one not delivered before the page closes is lost.',
        );
        await expect(el).to.be.accessible();
        await acceptConnections();
        await waitUntil(() => statusText(el) === SAVED, 'not saved', {timeout: 15_000});
        expect(await storedRecords('no-storage')).to.have.length(1);
      });
    });

    it('a stored record with a far-future "notBefore" goes on the next load', async () => {
      const waiting = consentRecord(crypto.randomUUID(), {
        subject: 'far-future',
        choices: {...ALL_DENIED, ads: 'granted'},
        changed: ['ads'],
      });
      await writeStoredState('outbox', [{record: waiting, attempts: 1, notBefore: 8.64e15}]);
      const tab = await openTab(endpoint.url, 'far-future');
      await waitUntil(async () => (await storedRecords('far-future')).length === 1, 'not sent', {
        timeout: 5000,
      });
      expect(await recordsOf('far-future')).to.deep.equal([waiting]);
      await waitUntil(async () => (await storedOutbox()).length === 0, 'still waiting');
      expect(tab.problems).to.deep.equal([]);
    });
  });

  describe('9. "Try again" after a refusal', () => {
    it('keeps focus in the status, reports a second refusal, and delivers the same record once', async () => {
      const {el} = await center({subject: 'try-again'});
      await failNextPosts(422, 2);
      const errors: {status?: number; willRetry: boolean}[] = [];
      el.addEventListener('consent-error', (event) => errors.push(event.detail));
      switchNamed(el, 'Usage analytics').click();
      await waitUntil(() => statusText(el) === REFUSED, 'no refusal shown');

      shadow(el).querySelector<HTMLButtonElement>('[part="retry"]')!.click();
      await waitUntil(() => errors.length === 2, 'the second refusal was not reported');
      await waitUntil(() => statusText(el) === REFUSED, 'no second refusal shown');
      expect(shadow(el).activeElement?.getAttribute('part')).to.equal('status');
      expect(errors.map(({status, willRetry}) => ({status, willRetry}))).to.deep.equal([
        {status: 422, willRetry: false},
        {status: 422, willRetry: false},
      ]);

      const done = saved(el);
      shadow(el).querySelector<HTMLButtonElement>('[part="retry"]')!.click();
      const {record} = await done;
      expect(shadow(el).activeElement?.getAttribute('part')).to.equal('status');
      const keys = (await posts()).map((attempt) => attempt.idempotencyKey);
      expect(keys).to.deep.equal([record.recordId, record.recordId, record.recordId]);
      expect(await recordsOf('try-again')).to.deep.equal([record]);
      await expect(el).to.be.accessible();
    });
  });

  describe('10. a first visit asks the endpoint nothing it cannot know', () => {
    it('makes no GET for an anonymous id made on this load; a known subject with no record gets 204', async () => {
      const first = await center();
      expect(await gets()).to.deep.equal([]);

      first.el.remove();
      const {event} = await center({subject: 'no-record-yet'});
      expect(event.detail.source).to.equal('default');
      expect((await gets()).map((attempt) => attempt.status)).to.deep.equal([204]);
    });
  });

  describe('11. the status line speaks briefly and plainly', () => {
    /** Every text the live region held, in order, from now on. */
    function announcements(el: PrivacyPreferences): string[] {
      const heard: string[] = [];
      const region = shadow(el).querySelector('[role="status"]')!;
      new MutationObserver(() => {
        const text = region.textContent!.replace(/\s+/g, ' ').trim();
        if (text !== heard.at(-1)) heard.push(text);
      }).observe(region, {subtree: true, childList: true, characterData: true});
      return heard;
    }

    it('says "Saving…" then "Saved." per change, with the time outside the live region', async () => {
      const {el} = await center({subject: 'brief'});
      const heard = announcements(el);
      for (const name of ['Usage analytics', 'Ads on other websites', 'Usage analytics']) {
        const done = saved(el);
        switchNamed(el, name).click();
        await done;
      }
      expect(heard).to.deep.equal([SAVING, SAVED, SAVING, SAVED, SAVING, SAVED]);
      expect(lastSavedText(el)).to.match(/^Last saved .*\d.*\.$/);
    });

    it('says a refused save in plain words, with the code only in consent-error', async () => {
      const {el} = await center({subject: 'plain'});
      await failNextPosts(422, 1);
      const error = nextEvent('consent-error');
      switchNamed(el, 'Usage analytics').click();
      expect((await error).detail.status).to.equal(422);
      await waitUntil(() => statusText(el) === REFUSED, `status "${statusText(el)}"`);
      expect(visibleText(el)).not.to.match(/422|error/i);
    });
  });
});
