/**
 * ConsentSession, tested directly (not through the element): two tabs sharing IndexedDB. The
 * harness (test/support/session-harness.ts) gives each test a real shared store, a scripted
 * endpoint and a listener that records every call; what is asserted is what a site owner
 * observes.
 */
import {expect} from '@open-wc/testing';
import {gate} from '../support/gates.js';
import {memoryStore} from '../../src/browser/storage.js';
import type {Choices} from '../../src/core/consent.js';
import {
  NOW,
  RECORDED_AT,
  quiet,
  DEFAULTS,
  expectedRecord,
  receiptOf,
  bodyOf,
  keyOf,
  created,
  type FakeEndpoint,
  endpoint,
  heldBy,
  indexedStore,
  type Tab,
  startTab,
  sessionStatus,
  until,
  toggleOn,
  useSessionHarness,
} from '../support/session-harness.js';

describe('ConsentSession', () => {
  useSessionHarness();

  describe('two tabs sharing IndexedDB', () => {
    const MERGED: Choices = {...DEFAULTS, analytics: 'granted', ads: 'granted'};
    /** The second tab's clock: its customer acts a minute later. */
    const LATER = NOW + 60_000;

    function twoTabs(fake: FakeEndpoint): Promise<[Tab, Tab]> {
      const mirror = memoryStore(); // localStorage, which tabs share
      const setup = {endpoint: fake, mirror, openStore: indexedStore};
      return Promise.all([startTab(setup), startTab({...setup, now: () => LATER})]);
    }

    it('deciding different purposes: both records sent, each tab told of its own, the choices merged', async () => {
      const held = gate();
      const fake = endpoint({posts: [heldBy(held, created), created]});
      const [tabA, tabB] = await twoTabs(fake);

      const postA = await toggleOn(tabA, fake, 'analytics');
      await until(() => tabB.session.choices.analytics === 'granted', 'tab B hears of it');
      tabB.session.act({kind: 'toggle', id: 'ads'});
      await tabB.session.whenStored();
      held.open();
      await until(() => tabA.heard.saved.length + tabB.heard.saved.length === 2, 'both tabs told');
      await until(() => tabA.session.choices.ads === 'granted', 'tab A hears of it');
      await quiet();

      const recordA = expectedRecord(keyOf(postA)!, {
        choices: {...DEFAULTS, analytics: 'granted'},
        changed: ['analytics'],
      });
      const recordB = expectedRecord(keyOf(fake.posts()[1])!, {
        choices: MERGED,
        changed: ['ads'],
        collectedAt: new Date(LATER).toISOString(),
      });
      expect(fake.posts().map(bodyOf)).to.deep.equal([recordA, recordB]);
      expect(tabA.heard.saved).to.deep.equal([receiptOf(recordA)]);
      expect(tabB.heard.saved).to.deep.equal([receiptOf(recordB)]);
      expect(tabA.heard.changes).to.deep.equal([
        {choices: recordA.choices, changed: ['analytics'], method: 'toggle'},
        {choices: MERGED, changed: ['ads'], method: 'sync'},
      ]);
      expect(tabB.heard.changes).to.deep.equal([
        {choices: recordA.choices, changed: ['analytics'], method: 'sync'},
        {choices: MERGED, changed: ['ads'], method: 'toggle'},
      ]);
      expect(tabA.heard.statuses).to.deep.equal([
        sessionStatus('idle', undefined, true),
        sessionStatus('saving', undefined, true),
        // The decision in force is B's by now: A's receipt is not its time of saving.
        sessionStatus('saved', undefined, true),
        sessionStatus('saved', RECORDED_AT, true),
      ]);
      expect(tabB.heard.statuses).to.deep.equal([
        sessionStatus('idle', undefined, true),
        sessionStatus('saving', undefined, true),
        sessionStatus('saved', RECORDED_AT, true),
      ]);
      expect([...tabA.heard.errors, ...tabB.heard.errors]).to.deep.equal([]);
    });

    it('deciding at the same moment, each unaware of the other: one record carries both purposes', async () => {
      const fake = endpoint();
      const [tabA, tabB] = await twoTabs(fake);

      tabA.session.act({kind: 'toggle', id: 'analytics'});
      tabB.session.act({kind: 'toggle', id: 'ads'});
      await until(() => tabA.heard.saved.length + tabB.heard.saved.length === 2, 'both tabs told');
      await until(() => tabA.session.choices.ads === 'granted', 'tab A hears of it');
      await quiet();

      const [post] = fake.posts();
      const record = expectedRecord(keyOf(post)!, {
        choices: MERGED,
        changed: ['analytics', 'ads'],
        collectedAt: new Date(LATER).toISOString(),
      });
      expect(fake.posts()).to.have.length(1);
      expect(bodyOf(post)).to.deep.equal(record);
      expect(tabA.heard.saved).to.deep.equal([receiptOf(record)]);
      expect(tabB.heard.saved).to.deep.equal([receiptOf(record)]);
      expect(tabA.heard.changes).to.deep.equal([
        {choices: {...DEFAULTS, analytics: 'granted'}, changed: ['analytics'], method: 'toggle'},
        {choices: MERGED, changed: ['ads'], method: 'sync'},
      ]);
      expect(tabB.heard.changes).to.deep.equal([
        {choices: {...DEFAULTS, ads: 'granted'}, changed: ['ads'], method: 'toggle'},
        {choices: MERGED, changed: ['analytics'], method: 'sync'},
      ]);
    });
  });
});
