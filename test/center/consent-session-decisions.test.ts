/**
 * ConsentSession, tested directly (not through the element): a decision is recorded as made,
 * "saved" only once the endpoint acknowledged it, and Global Privacy Control. The harness
 * (test/support/session-harness.ts) gives each test a real shared store, a scripted endpoint and
 * a listener that records every call; what is asserted is what a site owner observes.
 */
import {expect} from '@open-wc/testing';
import {memoryStore} from '../../src/browser/storage.js';
import type {StoredDecision} from '../../src/core/shared-state.js';
import {textResponse} from '../support/fake-fetch.js';
import {gate} from '../support/gates.js';
import {
  RECORDED_AT,
  quiet,
  DEFAULTS,
  LOCAL_DECISION,
  UNKEPT,
  expectedRecord,
  receiptOf,
  bodyOf,
  keyOf,
  created,
  endpoint,
  heldBy,
  indexedStore,
  failingStore,
  mirrorWith,
  startTab,
  closeTab,
  saves,
  sessionStatus,
  until,
  toggleOn,
  useSessionHarness,
  type TabSetup,
  GPC_EVIDENCE,
} from '../support/session-harness.js';
import {shopConfig} from '../fixtures/shop-config.js';

describe('ConsentSession', () => {
  useSessionHarness();

  describe('"saved" only once the endpoint acknowledged', () => {
    it('a record held in flight is saving, not saved; the 201 with its receipt makes it saved, once', async () => {
      const held = gate();
      const fake = endpoint({posts: [heldBy(held, created)]});
      const tab = await startTab({endpoint: fake, isNewSubject: true});

      const post = await toggleOn(tab, fake, 'analytics');
      await quiet();
      expect(tab.heard.saved, 'no receipt before the answer').to.deep.equal([]);
      expect(tab.heard.statuses).to.deep.equal([
        sessionStatus('idle', undefined, false),
        sessionStatus('saving', undefined, false),
      ]);

      held.open();
      await until(() => tab.heard.saved.length > 0, 'onSaved');
      await quiet();

      const recordId = keyOf(post)!;
      const record = expectedRecord(recordId, {
        choices: {...DEFAULTS, analytics: 'granted'},
        changed: ['analytics'],
      });
      expect(bodyOf(post)).to.deep.equal(record);
      expect(post.init.credentials).to.equal('same-origin');
      expect(fake.posts()).to.have.length(1);
      expect(tab.heard.saved).to.deep.equal([
        {receiptId: `rcpt-${recordId}`, recordedAt: RECORDED_AT, record},
      ]);
      expect(tab.heard.statuses).to.deep.equal([
        sessionStatus('idle', undefined, false),
        sessionStatus('saving', undefined, false),
        sessionStatus('saved', RECORDED_AT, false),
      ]);
      expect(tab.heard.changes).to.deep.equal([
        {choices: record.choices, changed: ['analytics'], method: 'toggle'},
      ]);
      expect(tab.heard.errors, 'this page-only store says it keeps nothing').to.deep.equal([
        UNKEPT,
      ]);
    });

    it('a 503 first: retrying, told so with willRetry, then saved under the same key', async () => {
      const fake = endpoint({posts: [() => textResponse(503, 'Service Unavailable'), created]});
      const tab = await startTab({endpoint: fake, isNewSubject: true});

      tab.session.act({kind: 'toggle', id: 'ads'});
      await until(() => tab.heard.saved.length > 0, 'onSaved');
      await quiet();

      const [first, second] = fake.posts();
      expect([keyOf(first), keyOf(second)]).to.deep.equal([
        bodyOf(first).recordId,
        bodyOf(first).recordId,
      ]);
      expect(bodyOf(second)).to.deep.equal(bodyOf(first));
      expect(tab.heard.errors).to.deep.equal([
        UNKEPT,
        {message: 'Service Unavailable', willRetry: true, status: 503},
      ]);
      expect(saves(tab)).to.deep.equal(['idle', 'saving', 'retrying', 'saved']);
      expect(tab.heard.saved).to.deep.equal([receiptOf(bodyOf(first))]);
    });

    it('a decision IndexedDB refuses (its connection closed under the page): sent from this page, the customer told it is not kept', async () => {
      const fake = endpoint();
      const mirror = memoryStore();
      const tab = await startTab({
        endpoint: fake,
        isNewSubject: true,
        mirror,
        openStore: indexedStore,
      });
      // Another page deletes (or upgrades) the database: this page's connection closes.
      await new Promise((resolve, reject) => {
        const request = indexedDB.deleteDatabase('privacy-preferences');
        request.onsuccess = resolve;
        request.onerror = () => reject(request.error);
      });

      tab.session.act({kind: 'toggle', id: 'analytics'});
      await until(() => tab.heard.saved.length > 0, 'onSaved');
      await quiet();

      const [post] = fake.posts();
      const record = expectedRecord(keyOf(post!)!, {
        choices: {...DEFAULTS, analytics: 'granted'},
        changed: ['analytics'],
      });
      expect(fake.posts().map(bodyOf)).to.deep.equal([record]);
      expect(tab.heard.saved).to.deep.equal([receiptOf(record)]);
      expect(tab.heard.errors).to.deep.equal([UNKEPT]);
      expect(tab.heard.statuses).to.deep.equal([
        sessionStatus('idle', undefined, true),
        sessionStatus('saving', undefined, true),
        sessionStatus('saving', undefined, false),
        sessionStatus('saved', RECORDED_AT, false),
      ]);
      // The decision is mirrored as on any page: consent-defaults.js reads it before the tags.
      expect(mirror.getItem('privacy-preferences:decision')).to.include('"analytics":"granted"');
    });

    it('a decision this browser could not store: an error with willRetry false, nothing sent, never saved', async () => {
      const fake = endpoint();
      const tab = await startTab({endpoint: fake, isNewSubject: true, openStore: failingStore});

      tab.session.act({kind: 'toggle', id: 'analytics'});
      await until(() => tab.heard.errors.length > 0, 'onError');
      await tab.session.whenStored();
      await quiet();

      expect(tab.heard.errors).to.deep.equal([
        {
          message:
            'Your choice could not be stored in this browser: QuotaExceededError: The quota has been exceeded.',
          willRetry: false,
        },
      ]);
      expect(saves(tab)).to.deep.equal(['idle', 'saving', 'idle']);
      expect(tab.heard.saved).to.deep.equal([]);
      expect(fake.posts()).to.deep.equal([]);
      expect(tab.heard.changes, 'the page still shows the choice').to.deep.equal([
        {choices: {...DEFAULTS, analytics: 'granted'}, changed: ['analytics'], method: 'toggle'},
      ]);
    });
  });

  describe('every decision is recorded as made', () => {
    it('"Reject all" with everything already denied still sends a record', async () => {
      const fake = endpoint();
      const tab = await startTab({endpoint: fake, isNewSubject: true});

      tab.session.act({kind: 'reject-all'});
      await until(() => tab.heard.saved.length > 0, 'onSaved');
      await quiet();

      const [post] = fake.posts();
      const record = expectedRecord(keyOf(post)!, {method: 'reject-all', changed: []});
      expect(fake.posts()).to.have.length(1);
      expect(bodyOf(post)).to.deep.equal(record);
      expect(tab.heard.saved).to.deep.equal([receiptOf(record)]);
      expect(tab.heard.changes, 'nothing changed on the page').to.deep.equal([]);
      expect(saves(tab)).to.deep.equal(['idle', 'saving', 'saved']);
    });

    // Each a record the endpoint refuses (src/core/protocol.ts): the site's subject or policy.
    const refused: {what: string; setup: Partial<TabSetup>; why: string}[] = [
      {
        what: 'a subject with a direction-changing character',
        setup: {subject: 'customer\u202e42'},
        why: 'subject must not contain invisible or direction-changing characters',
      },
      {
        what: 'a subject with a line separator',
        setup: {subject: 'customer\u2028'},
        why: 'subject must not contain line or paragraph separators',
      },
      {
        what: 'a subject with U+FFFF',
        setup: {subject: 'customer\uffff'},
        why: 'subject must not contain noncharacters such as U+FFFF',
      },
      {what: 'the subject ".."', setup: {subject: '..'}, why: 'subject must not be "." or ".."'},
      {
        what: 'a policy version with a NUL',
        setup: {config: {...shopConfig, policyVersion: '2026-11\u0000'}},
        why: 'policyVersion must not contain control characters',
      },
    ];
    for (const {what, setup, why} of refused) {
      it(`${what}: nothing is sent or queued, and it says why, once`, async () => {
        const fake = endpoint();
        const tab = await startTab({endpoint: fake, ...setup});
        tab.session.act({kind: 'toggle', id: 'analytics'});
        await quiet();
        expect(fake.gets().length + fake.posts().length, 'requests').to.equal(0);
        expect(tab.heard.errors).to.deep.equal([
          {
            message: `Choices stay in this browser and are not sent to the consent endpoint, which would refuse them: ${why}.`,
            willRetry: false,
          },
        ]);
        // The choice applies, and the customer is told it is kept here.
        expect(tab.session.choices.analytics).to.equal('granted');
        expect(saves(tab).at(-1)).to.equal('local-only');
      });
    }

    const surfaces = ['banner', 'banner-close', 'dialog', 'inline', 'embed', 'api'] as const;
    for (const surface of surfaces) {
      it(`a decision made in the ${surface} says so in its evidence, with the rule applied`, async () => {
        const fake = endpoint();
        const tab = await startTab({endpoint: fake, isNewSubject: true});
        tab.session.act({kind: 'reject-all'}, surface);
        await until(() => fake.posts().length > 0, 'the POST');
        expect(bodyOf(fake.posts()[0]).evidence).to.deep.equal({surface, rule: 'opt-in'});
      });
    }

    it('the evidence names the region and the model of the rule the page applied', async () => {
      const fake = endpoint();
      const rule = {
        model: 'opt-out',
        reaskAfterRefusalDays: 365,
        maxAgeDays: 395,
        region: 'US-CA',
      } as const;
      const tab = await startTab({endpoint: fake, isNewSubject: true, rule});
      tab.session.act({kind: 'toggle', id: 'analytics'});
      await until(() => fake.posts().length > 0, 'the POST');
      expect(bodyOf(fake.posts()[0]).evidence).to.deep.equal({
        surface: 'api',
        region: 'US-CA',
        rule: 'opt-out',
      });
    });

    const locales: {given: string; recorded: string}[] = [
      {given: 'en_US', recorded: 'en-US'},
      {given: 'pt-br', recorded: 'pt-BR'},
      {given: 'not a language tag', recorded: 'en'},
    ];
    for (const {given, recorded} of locales) {
      it(`locale "${given}" is recorded as "${recorded}"`, async () => {
        const fake = endpoint();
        const tab = await startTab({endpoint: fake, isNewSubject: true, locale: () => given});
        tab.session.act({kind: 'toggle', id: 'analytics'});
        await until(() => fake.posts().length > 0, 'the POST');
        expect(bodyOf(fake.posts()[0]).locale).to.equal(recorded);
      });
    }

    it('without an endpoint: local-only, the choice kept in this browser, and no request at all', async () => {
      const requests: unknown[] = [];
      const realFetch = window.fetch;
      window.fetch = (...args) => {
        requests.push(args[0]);
        return realFetch(...args);
      };
      try {
        const tab = await startTab({endpoint: undefined});
        tab.session.act({kind: 'toggle', id: 'recommendations'});
        await tab.session.whenStored();
        await quiet();

        const choices = {...DEFAULTS, recommendations: 'granted'} as const;
        expect(await tab.starting).to.deep.equal({choices: DEFAULTS, source: 'default'});
        expect(tab.heard.statuses).to.deep.equal([sessionStatus('local-only', undefined, false)]);
        expect(tab.heard.changes).to.deep.equal([
          {choices, changed: ['recommendations'], method: 'toggle'},
        ]);
        expect(tab.session.decision?.choices).to.deep.equal(choices);
        expect(tab.heard.errors).to.deep.equal([]);
        expect(tab.heard.saved).to.deep.equal([]);
        expect(requests).to.deep.equal([]);
      } finally {
        window.fetch = realFetch;
      }
    });
  });

  describe('Global Privacy Control', () => {
    it('with its purposes already off, it is recorded once (method gpc), and not again on the next page', async () => {
      const mirror = memoryStore();
      const fake = endpoint();
      const first = await startTab({
        endpoint: fake,
        mirror,
        openStore: indexedStore,
        isNewSubject: true,
        hasGpcSignal: true,
      });
      expect(await first.starting).to.deep.equal({choices: DEFAULTS, source: 'default'});

      first.session.recordGpc();
      await until(() => first.heard.saved.length > 0, 'onSaved');

      const [post] = fake.posts();
      const record = expectedRecord(keyOf(post)!, {
        method: 'gpc',
        gpc: true,
        changed: [],
        evidence: GPC_EVIDENCE,
      });
      expect(fake.posts()).to.have.length(1);
      expect(bodyOf(post)).to.deep.equal(record);
      expect(first.heard.saved).to.deep.equal([receiptOf(record)]);
      expect(first.heard.changes, 'nothing was on to switch off').to.deep.equal([]);
      expect(first.heard.errors).to.deep.equal([]);

      await closeTab(first);
      const nextFake = endpoint();
      const next = await startTab({
        endpoint: nextFake,
        mirror,
        openStore: indexedStore,
        hasGpcSignal: true,
      });
      next.session.recordGpc();
      await quiet();

      expect(await next.starting).to.deep.equal({choices: DEFAULTS, source: 'local'});
      expect(nextFake.posts(), 'the same subject and policy: recorded already').to.deep.equal([]);
      expect(next.heard.changes).to.deep.equal([]);
      expect(next.heard.errors).to.deep.equal([]);
    });

    it('switches off a purpose it concerns that was on, says so (gpc), and records what it switched off', async () => {
      const granted: StoredDecision = {
        ...LOCAL_DECISION,
        choices: {...DEFAULTS, ads: 'granted'},
        changedAt: {ads: LOCAL_DECISION.decidedAt},
      };
      const fake = endpoint();
      const tab = await startTab({
        endpoint: fake,
        mirror: mirrorWith(granted),
        hasGpcSignal: true,
        locale: () => 'de',
      });
      expect(await tab.starting).to.deep.equal({choices: DEFAULTS, source: 'local'});

      tab.session.recordGpc();
      await until(() => tab.heard.saved.length > 0, 'onSaved');

      const [post] = fake.posts();
      const record = expectedRecord(keyOf(post)!, {
        method: 'gpc',
        gpc: true,
        changed: ['ads'],
        locale: 'de',
        evidence: GPC_EVIDENCE,
      });
      expect(fake.posts()).to.have.length(1);
      expect(bodyOf(post)).to.deep.equal(record);
      expect(tab.heard.changes).to.deep.equal([
        {choices: DEFAULTS, changed: ['ads'], method: 'gpc'},
      ]);
      expect(tab.heard.saved).to.deep.equal([receiptOf(record)]);
    });
  });
});
