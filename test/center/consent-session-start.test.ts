/**
 * ConsentSession, tested directly (not through the element): what it starts from — this browser’s
 * copy, the endpoint’s record, the defaults — and whether the customer decided. The harness
 * (test/support/session-harness.ts) gives each test a real shared store, a scripted endpoint and
 * a listener that records every call; what is asserted is what a site owner observes.
 */
import {expect} from '@open-wc/testing';
import {DECISION_KEY} from '../../src/browser/storage.js';
import {RESTORE_WAIT_MS} from '../../src/center/consent-session.js';
import {OTHER_SUBJECT, SUBJECT} from '../fixtures/record.js';
import {jsonResponse, textResponse, type FetchAnswer} from '../support/fake-fetch.js';
import {gate} from '../support/gates.js';
import {fakeClock} from '../support/fake-clock.js';
import {
  ENDPOINT_URL,
  POLICY_VERSION,
  quiet,
  DEFAULTS,
  LOCAL_DECISION,
  REMOTE_CHOICES,
  noRecord,
  htmlPage,
  currentRecord,
  endpoint,
  after,
  heldBy,
  indexedStore,
  mirrorWith,
  openTab,
  startTab,
  sessionStatus,
  until,
  useSessionHarness,
} from '../support/session-harness.js';

describe('ConsentSession', () => {
  useSessionHarness();

  describe('a record from another device is taken when it is newer', () => {
    it('with no copy in this browser, the endpoint’s record is the start (source endpoint)', async () => {
      const {receipt, answer} = currentRecord('2026-11-22T10:00:00.000Z');
      // Answered within the wait: the center waits for it rather than flash the defaults.
      const clock = fakeClock();
      const answered = () => new Promise<void>((resolve) => clock.timers.setTimeout(resolve, 50));
      const fake = endpoint({get: after(answered, answer)});
      const tab = openTab({endpoint: fake, timers: clock.timers});
      await until(() => fake.gets().length > 0, 'the GET');
      await clock.advance(50);
      await quiet();

      expect(await tab.starting).to.deep.equal({choices: REMOTE_CHOICES, source: 'endpoint'});
      const [get] = fake.gets();
      expect(fake.gets()).to.have.length(1);
      expect(get.url).to.equal(`${location.origin}${ENDPOINT_URL}?subject=${SUBJECT}`);
      expect(get.init.credentials).to.equal('same-origin');
      expect(tab.session.decision).to.deep.equal({
        subject: SUBJECT,
        policyVersion: POLICY_VERSION,
        choices: REMOTE_CHOICES,
        decidedAt: receipt.record.collectedAt,
        changedAt: Object.fromEntries(
          Object.keys(REMOTE_CHOICES).map((id) => [id, receipt.record.collectedAt]),
        ),
        gpc: false,
        savedAt: receipt.recordedAt,
        receiptId: receipt.receiptId,
        recordedAt: receipt.recordedAt,
      });
      expect(tab.heard.statuses).to.deep.equal([sessionStatus('idle', receipt.recordedAt, false)]);
      expect(tab.heard.changes, 'it is the start, not a change').to.deep.equal([]);
      expect(tab.heard.errors).to.deep.equal([]);
      expect(fake.posts(), 'a restored record is not sent back').to.deep.equal([]);
    });

    it('with no copy in this browser, a bare record the site’s backend wrote is the start', async () => {
      // A sign-up form wrote it: only what a restore needs, and no envelope around it.
      const collectedAt = '2026-11-22T10:00:00.000Z';
      const fake = endpoint({
        get: () =>
          jsonResponse(200, {
            subject: SUBJECT,
            policyVersion: POLICY_VERSION,
            choices: REMOTE_CHOICES,
            collectedAt,
          }),
      });
      const tab = await startTab({endpoint: fake});
      await quiet();

      expect(await tab.starting).to.deep.equal({choices: REMOTE_CHOICES, source: 'endpoint'});
      expect(fake.gets()).to.have.length(1);
      expect(tab.session.decision, 'no receipt is made up').to.deep.equal({
        subject: SUBJECT,
        policyVersion: POLICY_VERSION,
        choices: REMOTE_CHOICES,
        decidedAt: collectedAt,
        changedAt: Object.fromEntries(Object.keys(REMOTE_CHOICES).map((id) => [id, collectedAt])),
        gpc: false,
        savedAt: collectedAt,
        receiptId: undefined,
        recordedAt: undefined,
      });
      expect(tab.heard.statuses).to.deep.equal([sessionStatus('idle', collectedAt, false)]);
      expect(tab.heard.changes).to.deep.equal([]);
      expect(tab.heard.errors).to.deep.equal([]);
      expect(fake.posts(), 'a restored record is not sent back').to.deep.equal([]);
    });

    it('a newer one than this browser’s decision follows the local start as a sync change', async () => {
      const {receipt, answer} = currentRecord('2026-11-22T10:00:00.000Z');
      const fake = endpoint({get: answer});
      const tab = await startTab({endpoint: fake, mirror: mirrorWith(LOCAL_DECISION)});
      expect(await tab.starting).to.deep.equal({
        choices: LOCAL_DECISION.choices,
        source: 'local',
      });

      await until(() => tab.heard.changes.length > 0, 'the sync change');
      await quiet();

      expect(tab.heard.changes).to.deep.equal([
        {choices: REMOTE_CHOICES, changed: ['analytics', 'recommendations', 'ads'], method: 'sync'},
      ]);
      expect(tab.session.choices).to.deep.equal(REMOTE_CHOICES);
      expect(tab.session.decision?.receiptId).to.equal(receipt.receiptId);
      expect(tab.heard.statuses).to.deep.equal([
        sessionStatus('idle', LOCAL_DECISION.savedAt, false),
        sessionStatus('idle', receipt.recordedAt, false),
      ]);
      expect(tab.heard.errors).to.deep.equal([]);
      expect(fake.posts()).to.deep.equal([]);
    });

    it('an older one does not override this browser’s newer decision', async () => {
      const {answer} = currentRecord('2026-11-20T10:00:00.000Z');
      const fake = endpoint({get: answer});
      const tab = await startTab({endpoint: fake, mirror: mirrorWith(LOCAL_DECISION)});
      await until(() => fake.gets().length > 0, 'the GET');
      await quiet();

      expect(await tab.starting).to.deep.equal({
        choices: LOCAL_DECISION.choices,
        source: 'local',
      });
      expect(tab.heard.changes).to.deep.equal([]);
      expect(tab.session.choices).to.deep.equal(LOCAL_DECISION.choices);
      expect(tab.session.decision).to.deep.equal(LOCAL_DECISION);
      expect(tab.heard.statuses).to.deep.equal([
        sessionStatus('idle', LOCAL_DECISION.savedAt, false),
      ]);
    });

    it(`one slower than ${RESTORE_WAIT_MS} ms: the defaults first, the record as a sync change when it comes`, async () => {
      const clock = fakeClock();
      const held = gate();
      const {receipt, answer} = currentRecord('2026-11-22T10:00:00.000Z');
      const fake = endpoint({get: heldBy(held, answer)});
      const tab = openTab({endpoint: fake, timers: clock.timers});
      let isStarted = false;
      void tab.starting.then(() => (isStarted = true));
      await until(() => fake.gets().length > 0, 'the GET');

      await clock.advance(RESTORE_WAIT_MS - 1);
      expect(isStarted, 'waits for the endpoint').to.be.false;
      await clock.advance(1);
      // Not the request's own 20 s timeout: started at RESTORE_WAIT_MS on the dot.
      expect(isStarted, 'but no longer').to.be.true;
      expect(await tab.starting).to.deep.equal({choices: DEFAULTS, source: 'default'});
      expect(tab.heard.changes).to.deep.equal([]);

      held.open();
      await until(() => tab.heard.changes.length > 0, 'the sync change');
      expect(tab.heard.changes).to.deep.equal([
        {choices: REMOTE_CHOICES, changed: ['recommendations', 'ads'], method: 'sync'},
      ]);
      expect(tab.heard.statuses).to.deep.equal([
        sessionStatus('idle', undefined, false),
        sessionStatus('idle', receipt.recordedAt, false),
      ]);
      expect(tab.heard.errors).to.deep.equal([]);
    });

    it('a subject made on this load asks the endpoint nothing', async () => {
      const fake = endpoint({get: currentRecord('2026-11-22T10:00:00.000Z').answer});
      const tab = await startTab({endpoint: fake, isNewSubject: true});
      await quiet();
      expect(await tab.starting).to.deep.equal({choices: DEFAULTS, source: 'default'});
      expect(fake.gets()).to.deep.equal([]);
      expect(tab.heard.changes).to.deep.equal([]);
    });

    const notARecord: {name: string; answer: FetchAnswer}[] = [
      {name: '204', answer: noRecord},
      {name: '404 (older endpoints)', answer: () => textResponse(404, 'Not Found')},
      {name: '200 with an HTML page', answer: htmlPage},
      {
        name: 'a record of another subject',
        answer: currentRecord('2026-11-22T10:00:00.000Z', {subject: OTHER_SUBJECT}).answer,
      },
      // 429 and 503 are asked again (consent-session-restore.test.ts).
      {name: '500', answer: () => textResponse(500, 'Internal Server Error')},
      {name: 'a network failure', answer: new TypeError('Failed to fetch')},
    ];
    for (const {name, answer} of notARecord) {
      it(`a GET answering ${name}: the defaults, and no error`, async () => {
        const fake = endpoint({get: answer});
        const tab = await startTab({endpoint: fake});
        await quiet();

        expect(await tab.starting).to.deep.equal({choices: DEFAULTS, source: 'default'});
        expect(fake.gets()).to.have.length(1);
        expect(tab.session.decision).to.equal(undefined);
        expect(tab.heard.changes).to.deep.equal([]);
        expect(tab.heard.errors).to.deep.equal([]);
        expect(tab.heard.statuses).to.deep.equal([sessionStatus('idle', undefined, false)]);
      });
    }
  });

  describe('whether the customer decided under the current policy (a banner shows until then)', () => {
    it('not at first; yes after "Reject all" that changed nothing, and the page is told once', async () => {
      const tab = await startTab({endpoint: undefined, isNewSubject: true});
      expect(tab.session.isDecided).to.equal(false);
      tab.session.act({kind: 'reject-all'});
      await tab.session.whenStored();
      expect(tab.session.isDecided).to.equal(true);
      expect(tab.heard.decided).to.deep.equal([false, true]);
    });

    it('after an acceptance, a decision under an earlier policy version is not current', async () => {
      const choices = Object.fromEntries(
        Object.keys(LOCAL_DECISION.choices).map((id) => [id, 'granted' as const]),
      );
      const mirror = mirrorWith({...LOCAL_DECISION, choices, policyVersion: '2025-01-01'});
      const tab = await startTab({endpoint: undefined, mirror});
      expect(tab.session.isDecided).to.equal(false);
      expect(tab.heard.decided).to.deep.equal([false]);
    });

    it('after a refusal, a new policy version alone does not ask again (no nagging)', async () => {
      const mirror = mirrorWith({...LOCAL_DECISION, policyVersion: '2025-01-01'});
      const tab = await startTab({endpoint: undefined, mirror});
      expect(tab.session.isDecided).to.equal(true);
      expect(tab.heard.decided).to.deep.equal([true]);
    });

    it('a decision this browser kept is current from the start', async () => {
      const tab = await startTab({endpoint: undefined, mirror: mirrorWith(LOCAL_DECISION)});
      expect(tab.session.isDecided).to.equal(true);
      expect(tab.heard.decided).to.deep.equal([true]);
    });
  });

  describe("another subdomain's decision (cookieDomain)", () => {
    const shared = {
      subject: SUBJECT,
      policyVersion: POLICY_VERSION,
      choices: REMOTE_CHOICES,
      decidedAt: '2026-11-22T08:00:00.000Z',
      gpc: false,
    };

    it('a later one is taken into this browser, and starts the page', async () => {
      const tab = await startTab({endpoint: undefined, mirror: mirrorWith(LOCAL_DECISION), shared});
      expect((await tab.starting).choices).to.deep.equal(REMOTE_CHOICES);
      expect(tab.session.decision).to.deep.include({
        choices: REMOTE_CHOICES,
        decidedAt: shared.decidedAt,
      });
      expect(tab.session.isDecided).to.equal(true);
    });

    it('an earlier one is not', async () => {
      const earlier = {...shared, decidedAt: '2026-11-20T08:00:00.000Z'};
      const tab = await startTab({
        endpoint: undefined,
        mirror: mirrorWith(LOCAL_DECISION),
        shared: earlier,
      });
      expect((await tab.starting).choices).to.deep.equal(LOCAL_DECISION.choices);
      expect(tab.session.decision?.decidedAt).to.equal(LOCAL_DECISION.decidedAt);
    });
  });

  it('a decision only localStorage holds (another script wrote it) is no decision: the defaults, the mirror corrected', async () => {
    const mirror = mirrorWith(LOCAL_DECISION);
    const tab = await startTab({endpoint: undefined, mirror, openStore: indexedStore});
    expect(await tab.starting).to.deep.equal({choices: DEFAULTS, source: 'default'});
    expect(tab.session.isDecided).to.equal(false);
    expect(tab.heard.decided).to.deep.equal([false]);
    expect(mirror.getItem(DECISION_KEY)).to.equal(null);
  });
});
