/**
 * ConsentSession with a decision this browser stored dated far in the future (a wrong clock,
 * another script): it counts from when the endpoint recorded it, or from now, so the customer's
 * next choice applies, reaches the endpoint as a valid record and is saved, and a later
 * decision from another device is taken (issue 20, item 14). The harness is
 * test/support/session-harness.ts; what is asserted is what a site owner observes.
 */
import {expect} from '@open-wc/testing';
import {pageOnlyStore} from '../../src/center/shared-store.js';
import {validateConsentRecord} from '../../src/core/protocol.js';
import type {StoredDecision} from '../../src/core/shared-state.js';
import {
  DEFAULTS,
  LOCAL_DECISION,
  NOW,
  NOW_ISO,
  RECORDED_AT,
  REMOTE_CHOICES,
  bodyOf,
  currentRecord,
  endpoint,
  expectedRecord,
  indexedStore,
  keyOf,
  mirrorWith,
  pageStore,
  quiet,
  saves,
  sessionStatus,
  startTab,
  until,
  useSessionHarness,
  type StoreOpener,
} from '../support/session-harness.js';
import {writeStoredState} from '../support/indexeddb.js';

/** LOCAL_DECISION (analytics on, acknowledged 2026-11-21) with every time of its own at `at`. */
function decidedIn(at: string, overrides: Partial<StoredDecision> = {}): StoredDecision {
  return {...LOCAL_DECISION, decidedAt: at, changedAt: {analytics: at}, savedAt: at, ...overrides};
}

describe('ConsentSession: a stored decision dated in the future', () => {
  useSessionHarness();

  /** Where the decision was kept: this page (from the mirror), or IndexedDB (and its mirror). */
  const stores: {name: string; openStore: (decision: StoredDecision) => StoreOpener}[] = [
    {name: 'this page', openStore: () => pageStore},
    {
      name: 'IndexedDB',
      openStore: (decision) => async (mirror) => {
        await writeStoredState('decision', decision);
        return indexedStore(mirror);
      },
    },
  ];
  const futures = ['9999-12-31T23:59:59Z', '9999-12-31T23:59:59.999Z'];

  for (const {name, openStore} of stores) {
    for (const future of futures) {
      it(`${future} (${name}): the next choice applies, is recorded when made, and is saved`, async () => {
        const fake = endpoint();
        const tab = await startTab({
          endpoint: fake,
          openStore: openStore(decidedIn(future)),
          mirror: mirrorWith(decidedIn(future)),
        });
        tab.session.act({kind: 'toggle', id: 'analytics'}); // off again
        await until(() => tab.heard.saved.length > 0, 'onSaved');
        await quiet();

        const [post] = fake.posts();
        const record = expectedRecord(keyOf(post)!, {
          choices: DEFAULTS,
          changed: ['analytics'],
          collectedAt: NOW_ISO,
        });
        expect(bodyOf(post)).to.deep.equal(record);
        expect(validateConsentRecord(bodyOf(post)).ok).to.be.true;
        expect(fake.posts()).to.have.length(1);
        expect(tab.session.choices).to.deep.equal(DEFAULTS);
        expect(tab.heard.changes, 'no flip back').to.deep.equal([
          {choices: DEFAULTS, changed: ['analytics'], method: 'toggle'},
        ]);
        expect(saves(tab).at(-1)).to.equal('saved');
        expect(tab.session.status).to.deep.equal(
          sessionStatus('saved', RECORDED_AT, name === 'IndexedDB'),
        );
        expect(tab.session.decision?.decidedAt).to.equal(NOW_ISO);
        expect(
          tab.heard.statuses.slice(0, 1),
          'last saved when the endpoint recorded it',
        ).to.deep.equal([sessionStatus('idle', LOCAL_DECISION.recordedAt, name === 'IndexedDB')]);
      });
    }
  }

  it('a later decision from another device is taken', async () => {
    // Acknowledged 2026-11-21; the customer chose again on their phone on 2026-11-22.
    const {receipt, answer} = currentRecord('2026-11-22T10:00:00.000Z');
    const fake = endpoint({get: answer});
    const tab = await startTab({
      endpoint: fake,
      mirror: mirrorWith(decidedIn('9999-12-31T23:59:59.999Z')),
    });
    expect(await tab.starting).to.deep.equal({choices: LOCAL_DECISION.choices, source: 'local'});

    await until(() => tab.heard.changes.length > 0, 'the sync change');
    await quiet();
    expect(tab.heard.changes).to.deep.equal([
      {choices: REMOTE_CHOICES, changed: ['analytics', 'recommendations', 'ads'], method: 'sync'},
    ]);
    expect(tab.session.decision?.receiptId).to.equal(receipt.receiptId);
    expect(tab.session.decision?.decidedAt).to.equal(receipt.record.collectedAt);
    expect(fake.posts()).to.deep.equal([]);
  });

  it('never acknowledged: it counts from now, and the next record follows it by 1 ms', async () => {
    const future = '9999-12-31T23:59:59.999Z';
    const fake = endpoint();
    const tab = await startTab({
      endpoint: fake,
      // The store's clock is the session's (the harness's pageStore reads the real one).
      openStore: async (mirror) => pageOnlyStore(mirror, () => NOW),
      mirror: mirrorWith(
        decidedIn(future, {savedAt: undefined, receiptId: undefined, recordedAt: undefined}),
      ),
    });
    tab.session.act({kind: 'toggle', id: 'ads'});
    await until(() => tab.heard.saved.length > 0, 'onSaved');
    await quiet();

    const [post] = fake.posts();
    expect(bodyOf(post)).to.deep.equal(
      expectedRecord(keyOf(post)!, {
        choices: {...LOCAL_DECISION.choices, ads: 'granted'},
        changed: ['ads'],
        collectedAt: new Date(NOW + 1).toISOString(),
      }),
    );
    expect(saves(tab).at(-1)).to.equal('saved');
  });
});
