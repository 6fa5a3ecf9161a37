/**
 * Words match actions: Global Privacy Control, policy changes and the customer's receipt,
 * as the customer sees them and as the page is told.
 */
import {expect, html, waitUntil} from '@open-wc/testing';
import {shopConfig} from '../fixtures/shop-config.js';
import {writeStoredState} from '../support/indexeddb.js';
import {
  failOnWarnings,
  forgetEverything,
  nextEvent,
  renderCenter,
  sendGpcSignal,
  shadow,
  switchNamed,
  visibleText,
} from '../support/center.js';
import type {
  ConsentChangeDetail,
  PrivacyConfig,
  PrivacyPreferences,
  PurposeConfig,
} from '../../src/index.js';

const DECISION_KEY = 'privacy-preferences:decision';
const SUBJECT = 'customer-honor';

/** A decision an earlier page kept: in IndexedDB, and its copy in localStorage. */
async function storeDecision(decision: Record<string, unknown>): Promise<void> {
  const stored = {subject: SUBJECT, decidedAt: '2026-10-01T10:00:00.000Z', ...decision};
  await writeStoredState('decision', stored);
  localStorage.setItem(DECISION_KEY, JSON.stringify(stored));
}

function storedDecision(): Record<string, unknown> | null {
  return JSON.parse(localStorage.getItem(DECISION_KEY) ?? 'null');
}

/** The browser sends Global Privacy Control for each test of the suite this is called in. */
function withGpcSignal(): void {
  let stop = () => {};
  beforeEach(() => {
    stop = sendGpcSignal();
  });
  afterEach(() => stop());
}

describe('honoring choices', () => {
  failOnWarnings();
  beforeEach(() => forgetEverything());

  describe('Global Privacy Control', () => {
    withGpcSignal();

    it('starts every "gpc" purpose denied, says so, and reports the change with method "gpc"', async () => {
      await storeDecision({
        policyVersion: '2026-11-01',
        choices: {
          essential: 'granted',
          analytics: 'granted',
          recommendations: 'denied',
          ads: 'granted',
        },
      });
      const changes: ConsentChangeDetail[] = [];
      const record = (event: CustomEvent<ConsentChangeDetail>) => changes.push(event.detail);
      document.addEventListener('consent-change', record);
      const {el, event} = await renderCenter(
        html`<privacy-preferences
          .config=${shopConfig}
          subject=${SUBJECT}
          locale="en"
        ></privacy-preferences>`,
      );
      document.removeEventListener('consent-change', record);
      expect(event.detail.choices).to.deep.include({analytics: 'granted', ads: 'denied'});
      expect(changes).to.deep.equal([
        {
          choices: {
            essential: 'granted',
            analytics: 'granted',
            recommendations: 'denied',
            ads: 'denied',
          },
          changed: ['ads'],
          revoked: ['ads'],
          method: 'gpc',
        },
      ]);
      expect(visibleText(el)).to.contain(
        'Your browser sent a Global Privacy Control signal, so we switched these off: Ads on other websites. You can switch them back on at any time.',
      );
      expect(switchNamed(el, 'Ads on other websites').getAttribute('aria-checked')).to.equal(
        'false',
      );
      await waitUntil(() => storedDecision()?.gpc === true, 'the GPC decision was not kept');
      await expect(el).to.be.accessible();
    });

    it('still lets the customer switch a "gpc" purpose on, and keeps that explicit choice on the next load', async () => {
      const first = await renderCenter(
        html`<privacy-preferences .config=${shopConfig} subject=${SUBJECT}></privacy-preferences>`,
      );
      const change = nextEvent('consent-change');
      switchNamed(first.el, 'Ads on other websites').click();
      expect((await change).detail).to.deep.include({changed: ['ads'], method: 'toggle'});
      first.el.remove();

      const {el, event} = await renderCenter(
        html`<privacy-preferences .config=${shopConfig} subject=${SUBJECT}></privacy-preferences>`,
      );
      expect(event.detail).to.deep.include({source: 'local'});
      expect(el.getChoice('ads')).to.equal('granted');
      expect(switchNamed(el, 'Ads on other websites').getAttribute('aria-checked')).to.equal(
        'true',
      );
    });
  });

  describe('Global Privacy Control in Arabic', () => {
    withGpcSignal();

    it("says the signal was honored in the customer's language, mirrored", async () => {
      const {el} = await renderCenter(
        html`<privacy-preferences .config=${shopConfig} locale="ar"></privacy-preferences>`,
      );
      await waitUntil(
        () =>
          visibleText(el).includes('Global Privacy Control') &&
          visibleText(el).includes('قبول الكل'),
      );
      const notice = shadow(el).querySelector('[part~="gpc-notice"]')!;
      expect(notice.textContent).to.contain('Ads on other websites');
      expect(notice.textContent).not.to.contain('Your browser sent');
      expect(shadow(el).querySelector('section')!.getAttribute('dir')).to.equal('rtl');
      await expect(el).to.be.accessible();
    });
  });

  it('shows no Global Privacy Control notice when the browser sends no signal', async () => {
    const {el} = await renderCenter(
      html`<privacy-preferences .config=${shopConfig}></privacy-preferences>`,
    );
    expect(visibleText(el)).not.to.contain('Global Privacy Control');
  });

  describe('policy changes', () => {
    const fraud: PurposeConfig = {
      id: 'fraud-checks',
      title: 'Fraud checks',
      description: 'Checks orders against known fraud patterns.',
      benefit: 'Your account is harder to misuse.',
      legalBasis: 'legitimate-interest',
      required: false,
      default: 'granted',
      data: [],
      recipients: [],
      gpc: false,
      consentMode: [],
    };
    const newPolicy: PrivacyConfig = {
      ...shopConfig,
      policyVersion: '2026-12-01',
      purposes: [...shopConfig.purposes, fraud],
    };

    async function renderAfterPolicyChange(): Promise<PrivacyPreferences> {
      await storeDecision({
        policyVersion: '2026-11-01',
        choices: {
          essential: 'granted',
          analytics: 'granted',
          recommendations: 'denied',
          ads: 'denied',
        },
      });
      const {el, event} = await renderCenter(
        html`<privacy-preferences
          .config=${newPolicy}
          subject=${SUBJECT}
          locale="en"
        ></privacy-preferences>`,
      );
      expect(event.detail.choices).to.deep.equal({
        essential: 'granted',
        analytics: 'granted',
        recommendations: 'denied',
        ads: 'denied',
        'fraud-checks': 'denied', // new purposes start denied, whatever their default
      });
      return el;
    }

    it('says the policy changed, links it, and marks the purposes that are new', async () => {
      const el = await renderAfterPolicyChange();
      const notice = shadow(el).querySelector('[part~="policy-notice"]')!;
      expect(notice.textContent).to.contain(
        'Our privacy policy has changed since you last made your choices.',
      );
      expect(notice.textContent).to.contain(
        'New since your last choice: Fraud checks. New choices stay off until you turn them on.',
      );
      expect(notice.querySelector('a')!.getAttribute('href')).to.equal(
        'https://shop.example/privacy',
      );
      const fraudSwitch = switchNamed(el, 'Fraud checks');
      const describedBy = fraudSwitch.getAttribute('aria-describedby')!.split(' ');
      expect(
        describedBy.map((id) => shadow(el).getElementById(id)!.textContent!.trim()),
      ).to.include('New');
      expect(shadow(el).querySelectorAll('[part="new-badge"]')).to.have.length(1);
      await expect(el).to.be.accessible();
    });

    it('clears the notice once the customer decides under the new policy', async () => {
      const el = await renderAfterPolicyChange();
      el.rejectAll();
      await el.updateComplete;
      expect(shadow(el).querySelector('[part~="policy-notice"]')).to.equal(null);
      expect(shadow(el).querySelector('[part="new-badge"]')).to.equal(null);
      await waitUntil(
        () => storedDecision()?.policyVersion === '2026-12-01',
        'the decision under the new policy was not kept',
      );
    });

    it('shows no notice when the policy is the same', async () => {
      await storeDecision({policyVersion: '2026-11-01', choices: {analytics: 'granted'}});
      const {el} = await renderCenter(
        html`<privacy-preferences .config=${shopConfig} subject=${SUBJECT}></privacy-preferences>`,
      );
      expect(shadow(el).querySelector('[part~="policy-notice"]')).to.equal(null);
    });
  });

  describe("the customer's receipt", () => {
    /** Stops the browser's download and hands over what it would have saved. */
    function catchDownload(el: PrivacyPreferences): Promise<{name: string; text: string}> {
      return new Promise((resolve) => {
        shadow(el).addEventListener('click', (event) => {
          const link = event.target as HTMLAnchorElement;
          if (!link.download) return;
          event.preventDefault();
          void fetch(link.href)
            .then((response) => response.text())
            .then((text) => resolve({name: link.download, text}));
        });
      });
    }

    it('downloads every purpose with its state, legal basis and time of change', async () => {
      const {el} = await renderCenter(
        html`<privacy-preferences
          .config=${shopConfig}
          subject=${SUBJECT}
          locale="de"
        ></privacy-preferences>`,
      );
      el.setChoice('analytics', true);
      const download = [...shadow(el).querySelectorAll('button')].find(
        (button) => button.getAttribute('part') === 'download',
      )!;
      const downloaded = catchDownload(el);
      download.click();
      const {name, text} = await downloaded;
      expect(name).to.match(/^privacy-choices-\d{4}-\d{2}-\d{2}\.json$/);
      const receipt = JSON.parse(text);
      expect(receipt).to.deep.include({
        piiPrincipalId: SUBJECT,
        policyVersion: '2026-11-01',
        policyUrl: 'https://shop.example/privacy',
        language: 'de',
        globalPrivacyControl: false,
        consentReceiptID: null,
        piiControllers: [{piiController: 'Example Shop', contact: 'privacy@shop.example'}],
      });
      expect(receipt.receiptFormat).to.contain('Kantara Consent Receipt v1.1');
      expect(Date.parse(receipt.consentTimestamp)).to.be.closeTo(Date.now(), 60_000);
      const analytics = receipt.purposes.find(
        (purpose: {purposeId: string}) => purpose.purposeId === 'analytics',
      );
      expect(analytics).to.deep.include({
        purpose: 'Nutzungsanalyse',
        consentStatus: 'granted',
        lawfulBasis: 'consent',
        piiCategory: ['Pages visited', 'Device type'],
        thirdPartyDisclosure: true,
        thirdPartyName: ['Example Analytics Inc.'],
        termination: '13 months',
      });
      expect(analytics.changedAt).to.equal(receipt.consentTimestamp);
      const ads = receipt.purposes.find(
        (purpose: {purposeId: string}) => purpose.purposeId === 'ads',
      );
      expect(ads).to.deep.include({consentStatus: 'denied', changedAt: null});
      expect(
        receipt.purposes.map((purpose: {purposeId: string}) => purpose.purposeId),
      ).to.deep.equal(['essential', 'analytics', 'recommendations', 'ads']);
    });
  });
});
