/**
 * Every jurisdiction, as a customer meets it: the rule the region picks (opt-in or opt-out),
 * the strictest rule where the region is unknown, the banner's close button that rejects, no
 * nagging after a refusal, and consent that ages — times set by the stored decision's date.
 */
import {expect, html, waitUntil} from '@open-wc/testing';
import type {PrivacyConfig, PrivacyPreferences} from '../../src/index.js';
import {DECISION_KEY} from '../../src/browser/storage.js';
import {SUBJECT_KEY} from '../../src/browser/subject.js';
import {shopConfig} from '../fixtures/shop-config.js';
import {writeStoredState} from '../support/indexeddb.js';
import {
  buttonNamed,
  failOnWarnings,
  forgetEverything,
  nextEvent,
  renderCenter,
  sendGpcSignal,
  shadow,
} from '../support/center.js';

const DAY = 86_400_000;
const SUBJECT = 'customer-abroad';

/** The shop, with a purpose on sensitive data and rules for Europe, California and elsewhere. */
const config: PrivacyConfig = {
  ...shopConfig,
  purposes: [
    ...shopConfig.purposes.map((purpose) =>
      purpose.id === 'ads' ? {...purpose, saleOrSharing: true as const} : purpose,
    ),
    {
      id: 'health',
      title: 'Fitness advice',
      description: 'Uses the sizes and sports you tell us about.',
      benefit: 'Advice that fits your body and sport.',
      legalBasis: 'consent',
      required: false,
      default: 'denied',
      data: ['Body size'],
      recipients: [],
      gpc: false,
      consentMode: [],
      optIn: true,
    },
  ],
  jurisdictions: {
    EEA: {model: 'opt-in', reaskAfterRefusalDays: 182, maxAgeDays: 395, closeMeans: 'reject'},
    'US-CA': {model: 'opt-out', reaskAfterRefusalDays: 365, maxAgeDays: 395},
    US: {model: 'opt-out', reaskAfterRefusalDays: 365, maxAgeDays: 395},
  },
};

function bannerOf(el: PrivacyPreferences): HTMLElement | null {
  return shadow(el).querySelector('[part="banner"]');
}

async function banner(region?: string) {
  return renderCenter(
    html`<privacy-preferences mode="banner" region=${region ?? ''} .config=${config}>
    </privacy-preferences>`,
  );
}

/** A decision an earlier page kept `daysAgo` days ago: in IndexedDB and its localStorage copy. */
async function decidedBefore(
  daysAgo: number,
  choices: Record<string, string>,
  policyVersion = config.policyVersion,
): Promise<void> {
  localStorage.setItem(SUBJECT_KEY, SUBJECT);
  const decidedAt = new Date(Date.now() - daysAgo * DAY).toISOString();
  const stored = {subject: SUBJECT, policyVersion, choices, decidedAt};
  await writeStoredState('decision', {...stored, changedAt: {}});
  localStorage.setItem(DECISION_KEY, JSON.stringify(stored));
}

const REFUSED = {
  essential: 'granted',
  analytics: 'denied',
  recommendations: 'denied',
  ads: 'denied',
  health: 'denied',
};
const ACCEPTED = {
  essential: 'granted',
  analytics: 'granted',
  recommendations: 'granted',
  ads: 'granted',
  health: 'granted',
};

describe('jurisdictions', () => {
  failOnWarnings();
  beforeEach(() => forgetEverything());

  describe('opt-out (California)', () => {
    it('shows no banner; purposes on consent start on, sensitive data stays off', async () => {
      const {el, event} = await banner('US-CA');
      expect(bannerOf(el)).to.equal(null);
      expect(event.detail.choices).to.deep.equal({
        essential: 'granted',
        analytics: 'granted',
        recommendations: 'granted',
        ads: 'granted',
        health: 'denied',
      });
    });

    it('with Global Privacy Control: what it covers starts off', async () => {
      const stop = sendGpcSignal();
      try {
        const {el} = await banner('us-ca');
        expect(el.choices).to.deep.include({analytics: 'granted', ads: 'denied', health: 'denied'});
      } finally {
        stop();
      }
    });

    it("a country without its own state rule takes the country's (US)", async () => {
      const {el} = await banner('US-NY');
      expect(bannerOf(el)).to.equal(null);
      expect(el.getChoice('analytics')).to.equal('granted');
    });
  });

  describe('the center where the customer may opt out', () => {
    /** The purposes' titles in the list's order, and the "Opt-Out Request Honored" marks. */
    function listed(el: PrivacyPreferences) {
      return [...shadow(el).querySelectorAll('[part="purpose"]')].map((row) => ({
        id: row.getAttribute('data-purpose'),
        honored: row.querySelector('[part="opt-out-honored"]')?.textContent?.trim() ?? null,
      }));
    }

    async function inline(region: string) {
      return renderCenter(
        html`<div>
          <a href="/privacy" id="sale" data-privacy-preferences-open="ads"
            >Do Not Sell or Share My Personal Information</a
          >
          <privacy-preferences region=${region} .config=${config}></privacy-preferences>
        </div>`,
      );
    }

    it('lists every sale or sharing first, and says "Opt-Out Request Honored" where GPC turned it off', async () => {
      const stop = sendGpcSignal();
      try {
        const {el} = await inline('US-CA');
        await waitUntil(() => listed(el).length === 5, 'no list');
        expect(listed(el)).to.deep.equal([
          {id: 'ads', honored: 'Opt-Out Request Honored'},
          {id: 'essential', honored: null},
          {id: 'analytics', honored: null},
          {id: 'recommendations', honored: null},
          {id: 'health', honored: null},
        ]);
        const ads = shadow(el).querySelector('[data-purpose="ads"] [role="switch"]')!;
        expect(ads.getAttribute('aria-describedby')!.split(' ')).to.include('honored-ads');
        await expect(el).to.be.accessible();
      } finally {
        stop();
      }
    });

    it('in an opt-in region: the order of the configuration, and no such mark', async () => {
      const stop = sendGpcSignal();
      try {
        const {el} = await inline('DE');
        await waitUntil(() => listed(el).length === 5, 'no list');
        expect(listed(el).map(({id}) => id)).to.deep.equal([
          'essential',
          'analytics',
          'recommendations',
          'ads',
          'health',
        ]);
        expect(listed(el).every(({honored}) => honored === null)).to.equal(true);
      } finally {
        stop();
      }
    });

    it('a "Do Not Sell or Share" link naming its purpose focuses that switch (inline)', async () => {
      const {el} = await inline('US-CA');
      await waitUntil(() => listed(el).length === 5, 'no list');
      document.querySelector<HTMLAnchorElement>('#sale')!.click();
      await el.updateComplete;
      const focused = shadow(el).activeElement;
      expect(focused?.getAttribute('role')).to.equal('switch');
      expect(focused?.closest('[data-purpose]')?.getAttribute('data-purpose')).to.equal('ads');
      expect(focused?.getAttribute('aria-checked')).to.equal('true');
    });

    it('… and opens the dialog with focus on that switch (banner and modal pages)', async () => {
      const {el} = await renderCenter(
        html`<div>
          <a href="/privacy" id="sale" data-privacy-preferences-open="ads">Do Not Sell</a>
          <privacy-preferences mode="modal" region="US-CA" .config=${config}></privacy-preferences>
        </div>`,
      );
      document.querySelector<HTMLAnchorElement>('#sale')!.click();
      await waitUntil(
        () =>
          shadow(el).activeElement?.closest('[data-purpose]')?.getAttribute('data-purpose') ===
          'ads',
        'focus never reached the switch of "ads"',
      );
      expect(shadow(el).querySelector('dialog')!.open).to.equal(true);
      expect(shadow(el).activeElement!.getAttribute('role')).to.equal('switch');
      await expect(el).to.be.accessible();
    });
  });

  describe('opt-in (the EEA)', () => {
    it('asks, every consent purpose off, with a close button named "Close and reject"', async () => {
      const {el, event} = await banner('DE');
      expect(bannerOf(el)).to.exist;
      expect(event.detail.choices).to.deep.include({analytics: 'denied', ads: 'denied'});
      const close = bannerOf(el)!.querySelector<HTMLButtonElement>('[part="banner-close"]')!;
      expect(close.getAttribute('aria-label')).to.equal('Close and reject');
      expect(close.textContent).to.equal('×');
      await expect(el).to.be.accessible();
    });

    it('with Global Privacy Control: still asks about the rest, says what the signal turned off, and "Accept all" leaves that off', async () => {
      const stop = sendGpcSignal();
      try {
        const {el} = await banner('DE');
        await waitUntil(() => localStorage.getItem(DECISION_KEY) !== null, 'no gpc record');
        await el.updateComplete;
        const shown = bannerOf(el)!;
        expect(shown, "the banner after the signal's record").to.exist;
        expect(
          shown.querySelector('[part~="gpc-notice"]')!.textContent!.replace(/\s+/g, ' ').trim(),
        ).to.equal(
          'Your browser sent a Global Privacy Control signal, so we switched these off: Ads on other websites. You can switch them back on at any time.',
        );
        await expect(el).to.be.accessible();
        const changed = nextEvent('consent-change');
        buttonNamed(el, 'Accept all').click();
        expect((await changed).detail.changed).to.deep.equal([
          'analytics',
          'recommendations',
          'health',
        ]);
        await waitUntil(() => bannerOf(el) === null, 'the banner stayed');
        expect(el.getChoice('ads')).to.equal('denied');
      } finally {
        stop();
      }
    });

    it('closing the banner records "Reject all"', async () => {
      const {el} = await banner('FR');
      bannerOf(el)!.querySelector<HTMLButtonElement>('[part="banner-close"]')!.click();
      await waitUntil(() => bannerOf(el) === null, 'the banner stayed');
      await el.updateComplete;
      await waitUntil(() => localStorage.getItem(DECISION_KEY) !== null, 'never recorded');
      expect(JSON.parse(localStorage.getItem(DECISION_KEY)!).choices).to.deep.equal(REFUSED);
    });
  });

  describe('notice (elsewhere, where the site only informs)', () => {
    const noticeConfig: PrivacyConfig = {
      ...config,
      jurisdictions: {
        ...config.jurisdictions,
        '*': {model: 'notice', reaskAfterRefusalDays: 182, maxAgeDays: 395},
      },
    };
    const notice = () =>
      renderCenter(
        html`<privacy-preferences mode="banner" region="JP" .config=${noticeConfig}>
        </privacy-preferences>`,
      );

    it('informs: purposes on (sensitive data off), "OK" and "Choose what to allow", no accept/reject pair', async () => {
      const {el, event} = await notice();
      expect(event.detail.choices).to.deep.equal({
        essential: 'granted',
        analytics: 'granted',
        recommendations: 'granted',
        ads: 'granted',
        health: 'denied',
      });
      const shown = bannerOf(el)!;
      expect(shown.querySelector('.intro')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
        'Example Shop uses your data for a few things, each with something in return for you. You can switch any of them off at any time. Privacy policy',
      );
      expect(
        [...shown.querySelectorAll('button')].map((button) => button.textContent!.trim()),
      ).to.deep.equal(['OK', 'Choose what to allow']);
      await expect(el).to.be.accessible();
    });

    it('"OK" closes it for good under this policy, and records nothing', async () => {
      const {el} = await notice();
      let changes = 0;
      el.addEventListener('consent-change', () => changes++);
      buttonNamed(el, 'OK').click();
      await waitUntil(() => bannerOf(el) === null, 'the notice stayed');
      expect(localStorage.getItem(DECISION_KEY)).to.equal(null);
      expect(changes).to.equal(0);
      el.remove();
      const again = await notice();
      expect(bannerOf(again.el)).to.equal(null);
    });

    it('a new policy version shows it again', async () => {
      localStorage.setItem('privacy-preferences:notice', JSON.stringify('2026-01-01'));
      const {el} = await notice();
      expect(bannerOf(el)).to.exist;
    });
  });

  describe('an unknown region', () => {
    it('without a region, nor an endpoint to ask: the strictest rule (opt-in)', async () => {
      const {el} = await banner();
      expect(bannerOf(el)).to.exist;
      expect(el.getChoice('analytics')).to.equal('denied');
    });

    it('a region no rule covers, without "*": the strictest rule', async () => {
      const {el} = await banner('JP');
      expect(bannerOf(el)).to.exist;
      expect(bannerOf(el)!.querySelector('[part="banner-close"]')).to.exist;
    });

    it('a region that is no ISO 3166 code is unknown, and the site is told', async () => {
      const warned: string[] = [];
      const original = console.warn;
      console.warn = (...args: unknown[]) => void warned.push(args.join(' '));
      try {
        const {el} = await banner('California');
        expect(bannerOf(el)).to.exist;
      } finally {
        console.warn = original;
      }
      expect(warned).to.deep.equal([
        '<privacy-preferences>: region "California" is not an ISO 3166 code ("DE", "US-CA"): the strictest rule applies',
      ]);
    });

    it('a region set after load is re-evaluated, and records nothing by itself', async () => {
      const {el} = await banner('US-CA');
      expect(bannerOf(el)).to.equal(null);
      const ready = nextEvent('consent-ready');
      el.region = 'DE';
      expect((await ready).detail.choices).to.deep.include({analytics: 'denied'});
      await waitUntil(() => bannerOf(el) !== null, 'no banner for Germany');
      expect(localStorage.getItem(DECISION_KEY)).to.equal(null);
    });
  });

  describe('no nagging', () => {
    it('a refusal 181 days old is not asked again, not even after a new policy', async () => {
      await decidedBefore(181, REFUSED, '2026-01-01');
      const {el} = await banner('DE');
      expect(bannerOf(el)).to.equal(null);
      expect(el.getChoice('analytics')).to.equal('denied');
    });

    it('a refusal 183 days old is asked again', async () => {
      await decidedBefore(183, REFUSED);
      const {el} = await banner('DE');
      expect(bannerOf(el)).to.exist;
    });

    it('after a refusal, a new policy asks about its new purposes only, and "Accept all" grants only those', async () => {
      const before = Object.fromEntries(Object.entries(REFUSED).filter(([id]) => id !== 'health'));
      await decidedBefore(30, before, '2026-01-01');
      const {el} = await banner('DE');
      const notice = bannerOf(el)!.querySelector('[part~="policy-notice"]')!;
      expect(notice.textContent!.replace(/\s+/g, ' ')).to.contain(
        'New since your last choice: Fitness advice.',
      );
      const changed = nextEvent('consent-change');
      buttonNamed(el, 'Accept all').click();
      expect((await changed).detail).to.deep.include({changed: ['health'], method: 'accept-all'});
      await waitUntil(() => bannerOf(el) === null, 'the banner stayed');
      expect(el.choices).to.deep.equal({...REFUSED, health: 'granted'});
    });
  });

  describe('consent ages', () => {
    it('an acceptance 396 days old is asked again, its grants off until then', async () => {
      await decidedBefore(396, ACCEPTED);
      const {el, event} = await banner('DE');
      expect(bannerOf(el)).to.exist;
      expect(event.detail.choices).to.deep.equal({
        essential: 'granted',
        analytics: 'denied',
        recommendations: 'denied',
        ads: 'denied',
        health: 'denied',
      });
    });

    it('an acceptance 394 days old stands', async () => {
      await decidedBefore(394, ACCEPTED);
      const {el} = await banner('DE');
      expect(bannerOf(el)).to.equal(null);
      expect(el.getChoice('analytics')).to.equal('granted');
    });
  });

  describe('every new piece, in both themes, without an axe violation', () => {
    const pieces: {
      name: string;
      mode: 'banner' | 'inline' | 'modal';
      region: string;
      gpc?: boolean;
      notice?: boolean;
      selector: string;
    }[] = [
      {name: 'the close button', mode: 'banner', region: 'DE', selector: '[part="banner-close"]'},
      {name: 'the notice', mode: 'banner', region: 'JP', notice: true, selector: '[part="banner"]'},
      {
        name: "the banner's GPC line",
        mode: 'banner',
        region: 'DE',
        gpc: true,
        selector: '[part~="gpc-notice"]',
      },
      {
        name: '"Opt-Out Request Honored" in place',
        mode: 'inline',
        region: 'US-CA',
        gpc: true,
        selector: '[part="opt-out-honored"]',
      },
      {
        name: '"Opt-Out Request Honored" in the dialog',
        mode: 'modal',
        region: 'US-CA',
        gpc: true,
        selector: '[part="opt-out-honored"]',
      },
    ];
    for (const theme of ['light', 'dark'] as const)
      for (const {name, mode, region, gpc, notice, selector} of pieces)
        it(`${name}, ${theme}`, async () => {
          const stop = gpc ? sendGpcSignal() : () => {};
          try {
            const jurisdictions = notice
              ? {
                  ...config.jurisdictions,
                  '*': {model: 'notice' as const, reaskAfterRefusalDays: 182, maxAgeDays: 395},
                }
              : config.jurisdictions;
            const {el} = await renderCenter(
              html`<privacy-preferences
                mode=${mode}
                theme=${theme}
                region=${region}
                .config=${{...config, jurisdictions}}
              ></privacy-preferences>`,
            );
            if (mode === 'modal') el.open();
            await waitUntil(() => shadow(el).querySelector(selector), `no ${name}`);
            await el.updateComplete;
            await expect(el).to.be.accessible();
          } finally {
            stop();
          }
        });
  });
});
