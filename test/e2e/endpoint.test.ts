/**
 * End to end against the real reference endpoint (child process, real HTTP, a real SQLite
 * file): what a customer does reaches the site's backend as the contract's record.
 */
import {expect, html, waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import {shopConfig} from '../fixtures/shop-config.js';
import {
  failOnWarnings,
  forgetEverything,
  lastSavedText,
  nextEvent,
  renderCenter,
  shadow,
  statusText,
  switchNamed,
} from '../support/center.js';
import {
  attempts,
  failNextPosts,
  freshEndpoint,
  gets,
  injectFault,
  storedRecords,
} from '../support/consent-server.js';

describe('<privacy-preferences> with the reference endpoint', () => {
  failOnWarnings();
  const endpoint = freshEndpoint();

  it('sends subject-token as the Bearer token of every request for a signed-in customer', async () => {
    const seen: (string | null)[] = [];
    const original = window.fetch;
    window.fetch = (input, init) => {
      const request = new Request(input, init);
      if (request.url.startsWith(endpoint.url)) seen.push(request.headers.get('Authorization'));
      return original(input, init);
    };
    try {
      const {el} = await renderCenter(
        html`<privacy-preferences
          .config=${shopConfig}
          endpoint=${endpoint.url}
          subject="token-customer"
          subject-token="v1.1800000000.token-from-the-backend"
        ></privacy-preferences>`,
      );
      const saved = nextEvent('consent-saved');
      el.setChoice('analytics', true);
      await saved;
    } finally {
      window.fetch = original;
    }
    // The restore (GET) and the record (POST), each with the token.
    expect(seen).to.deep.equal([
      'Bearer v1.1800000000.token-from-the-backend',
      'Bearer v1.1800000000.token-from-the-backend',
    ]);
  });

  /** "Last saved …" as the interface's language writes a time in the last two minutes. */
  function lastSavedIn(locale: string, label: (date: string) => string): Set<string> {
    const format = new Intl.DateTimeFormat(locale, {dateStyle: 'medium', timeStyle: 'short'});
    const now = Date.now();
    return new Set([0, 1, 2].map((minutes) => label(format.format(now - minutes * 60_000))));
  }

  for (const {asked, shown, label} of [
    {asked: 'fa', shown: 'en', label: (date: string) => `Last saved ${date}.`},
    {asked: 'ko-KR', shown: 'ko', label: (date: string) => `${date}에 마지막으로 저장되었습니다.`},
  ]) {
    it(`writes the time of the last save as the interface's language does (${asked} → ${shown})`, async () => {
      const {el} = await renderCenter(
        html`<privacy-preferences
          .config=${shopConfig}
          endpoint=${endpoint.url}
          subject=${`dates-${asked}`}
          locale=${asked}
        ></privacy-preferences>`,
      );
      const saved = nextEvent('consent-saved');
      el.setChoice('analytics', true);
      await saved;
      await waitUntil(() => lastSavedText(el) !== '', 'no time of the last save');
      expect([...lastSavedIn(shown, label)]).to.include(lastSavedText(el));
    });
  }

  it('posts the contract record when a switch is toggled with the keyboard, and says it is saved', async () => {
    const {el, event} = await renderCenter(
      html`<privacy-preferences
        .config=${shopConfig}
        endpoint=${endpoint.url}
        subject="customer-7"
        locale="ja"
      ></privacy-preferences>`,
    );
    expect(event.detail.source).to.equal('default');
    const analytics = switchNamed(el, '利用状況の分析');
    analytics.focus();
    const saved = nextEvent('consent-saved');
    await sendKeys({press: ' '}); // Space (a name both Chromium and Firefox drivers know)
    const {detail} = await saved;

    const [stored] = await storedRecords('customer-7');
    expect(stored.receiptId).to.equal(detail.receiptId);
    const record = stored.record;
    expect(record).to.deep.include({
      subject: 'customer-7',
      policyVersion: '2026-11-01',
      changed: ['analytics'],
      method: 'toggle',
      locale: 'ja',
      gpc: false,
    });
    expect(record.choices).to.deep.equal({
      essential: 'granted',
      analytics: 'granted',
      recommendations: 'denied',
      ads: 'denied',
    });
    expect(record.recordId).to.match(/^[0-9a-f-]{36}$/);
    expect(Date.parse(record.collectedAt)).to.be.closeTo(Date.now(), 60_000);
    expect(detail.record).to.deep.equal(record);

    const posts = (await attempts()).filter((attempt) => attempt.method === 'POST');
    expect(posts).to.have.length(1);
    expect(posts[0].idempotencyKey).to.equal(record.recordId);
    await el.updateComplete;
    expect(statusText(el)).to.equal('保存しました。');
    await expect(el).to.be.accessible();
  });

  it('says "saved" in Arabic, right to left, once the endpoint acknowledged', async () => {
    const {el} = await renderCenter(
      html`<privacy-preferences
        .config=${shopConfig}
        endpoint=${endpoint.url}
        subject="customer-ar"
        locale="ar"
      ></privacy-preferences>`,
    );
    const saved = nextEvent('consent-saved');
    el.setChoice('analytics', true);
    await saved;
    await el.updateComplete;
    await waitUntil(() => statusText(el) === 'تم الحفظ.', `status is "${statusText(el)}"`);
    expect(shadow(el).querySelector('section')!.getAttribute('dir')).to.equal('rtl');
    const [stored] = await storedRecords('customer-ar');
    expect(stored.record.locale).to.equal('ar');
    await expect(el).to.be.accessible();
  });

  it('restores choices from the endpoint in a browser that has no copy (source "endpoint")', async () => {
    const first = await renderCenter(
      html`<privacy-preferences
        .config=${shopConfig}
        endpoint=${endpoint.url}
        subject="customer-8"
      ></privacy-preferences>`,
    );
    const saved = nextEvent('consent-saved');
    first.el.setChoice('recommendations', true);
    await saved;
    first.el.remove();
    await forgetEverything(); // another device

    const {el, event} = await renderCenter(
      html`<privacy-preferences
        .config=${shopConfig}
        endpoint=${endpoint.url}
        subject="customer-8"
      ></privacy-preferences>`,
    );
    expect(event.detail).to.deep.equal({
      source: 'endpoint',
      choices: {
        essential: 'granted',
        analytics: 'denied',
        recommendations: 'granted',
        ads: 'denied',
      },
    });
    expect(switchNamed(el, 'Personal recommendations').getAttribute('aria-checked')).to.equal(
      'true',
    );
    expect(lastSavedText(el)).to.match(/^Last saved .+\.$/);
  });

  it('asks again after Retry-After when the restore is answered 429, and restores the record', async () => {
    const first = await renderCenter(
      html`<privacy-preferences
        .config=${shopConfig}
        endpoint=${endpoint.url}
        subject="customer-9"
      ></privacy-preferences>`,
    );
    const saved = nextEvent('consent-saved');
    first.el.setChoice('ads', true);
    await saved;
    first.el.remove();
    await forgetEverything(); // another device, whose restore is answered "too many requests"
    const asked = (await gets()).length;
    await injectFault({method: 'GET', status: 429, times: 1, retryAfter: '1'});

    const {el, event} = await renderCenter(
      html`<privacy-preferences
        .config=${shopConfig}
        endpoint=${endpoint.url}
        subject="customer-9"
      ></privacy-preferences>`,
    );
    expect(event.detail).to.deep.equal({
      source: 'endpoint',
      choices: {
        essential: 'granted',
        analytics: 'denied',
        recommendations: 'denied',
        ads: 'granted',
      },
    });
    const restores = (await gets()).slice(asked);
    expect(restores.map(({path, status}) => ({path, status}))).to.deep.equal([
      {path: '/api/consent?subject=customer-9', status: 429},
      {path: '/api/consent?subject=customer-9', status: 200},
    ]);
    expect(restores[1].at - restores[0].at, 'after Retry-After').to.be.at.least(1000);
    expect(switchNamed(el, 'Ads on other websites').getAttribute('aria-checked')).to.equal('true');
  });

  it("restores the bare record a site's own backend stored, with only what a restore needs", async () => {
    // A site's endpoint that answers GET with the record its sign-up form stored: no
    // envelope, no recordId, changed, method, locale or gpc (the proxy answers in its place).
    const stored = {
      subject: 'customer-signup-1',
      policyVersion: shopConfig.policyVersion,
      choices: {
        essential: 'granted',
        analytics: 'granted',
        recommendations: 'denied',
        ads: 'granted',
      },
      collectedAt: '2026-11-20T09:30:00Z',
    };
    await injectFault({method: 'GET', status: 200, times: 1, body: JSON.stringify(stored)});

    const {el, event} = await renderCenter(
      html`<privacy-preferences
        mode="inline"
        .config=${shopConfig}
        endpoint=${endpoint.url}
        subject="customer-signup-1"
      ></privacy-preferences>`,
    );
    expect(event.detail).to.deep.equal({source: 'endpoint', choices: stored.choices});
    expect((await gets()).map(({path, status}) => ({path, status}))).to.deep.equal([
      {path: '/api/consent?subject=customer-signup-1', status: 200},
    ]);
    expect(switchNamed(el, 'Personal recommendations').getAttribute('aria-checked')).to.equal(
      'false',
    );
    expect(switchNamed(el, 'Ads on other websites').getAttribute('aria-checked')).to.equal('true');
  });

  it("shows the endpoint's reason when it refuses a record, and fires consent-error", async () => {
    const {el} = await renderCenter(
      html`<privacy-preferences
        .config=${shopConfig}
        endpoint=${endpoint.url}
        subject="customer-9"
        locale="en"
      ></privacy-preferences>`,
    );
    await failNextPosts(422, 1);
    const error = nextEvent('consent-error');
    el.setChoice('ads', true);
    const {detail} = await error;
    expect(detail).to.deep.equal({message: 'Injected fault.', status: 422, willRetry: false});
    await el.updateComplete;
    expect(statusText(el)).to.equal(
      "We couldn't save this change. It still applies in this browser. Try again, or contact us.",
    );
    expect(el.getChoice('ads')).to.equal('granted'); // the choice still applies in the page
    const retry = [...shadow(el).querySelectorAll('button')].find(
      (button) => button.textContent?.trim() === 'Try again',
    );
    expect(retry).to.exist;
    await expect(el).to.be.accessible();
  });

  it('records what Global Privacy Control switched off, with gpc: true and method "gpc"', async () => {
    // An opt-out purpose (on by default under legitimate interest) that GPC applies to.
    const optOut = {
      ...shopConfig,
      purposes: shopConfig.purposes.map((purpose) =>
        purpose.id === 'ads'
          ? {...purpose, legalBasis: 'legitimate-interest' as const, default: 'granted' as const}
          : purpose,
      ),
    };
    Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {
      get: () => true,
      configurable: true,
    });
    try {
      const saved = nextEvent('consent-saved');
      const {el, event} = await renderCenter(
        html`<privacy-preferences
          .config=${optOut}
          endpoint=${endpoint.url}
          subject="customer-gpc"
        ></privacy-preferences>`,
      );
      expect(event.detail.choices.ads).to.equal('denied');
      await saved;
      const [stored] = await storedRecords('customer-gpc');
      expect(stored.record).to.deep.include({method: 'gpc', gpc: true, changed: ['ads']});
      expect(stored.record.choices.ads).to.equal('denied');

      // The customer can still opt in; that record says so, and GPC was on.
      const optIn = nextEvent('consent-saved');
      switchNamed(el, 'Ads on other websites').click();
      await optIn;
      const [latest] = await storedRecords('customer-gpc');
      expect(latest.record).to.deep.include({method: 'toggle', gpc: true, changed: ['ads']});
      expect(latest.record.choices.ads).to.equal('granted');
    } finally {
      delete (Navigator.prototype as {globalPrivacyControl?: boolean}).globalPrivacyControl;
    }
  });
});
