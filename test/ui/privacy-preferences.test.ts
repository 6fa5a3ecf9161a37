import {expect, html} from '@open-wc/testing';
import {executeServerCommand, sendKeys} from '@web/test-runner-commands';
import {shopConfig} from '../fixtures/shop-config.js';
import {
  accessibleName,
  buttonNamed,
  captureErrors,
  failOnWarnings,
  forgetEverything,
  nextEvent,
  renderCenter,
  shadow,
  statusText,
  switches,
  switchNamed,
  visibleText,
} from '../support/center.js';
import type {
  ConsentChangeDetail,
  ConsentErrorDetail,
  LocalizedText,
  PrivacyPreferences,
} from '../../src/index.js';

/** A configuration text as an English page shows it; a text with no English fails the test. */
function english(text: LocalizedText): string {
  const shown = typeof text === 'string' ? text : text.en;
  if (!shown) throw new Error(`no English text in ${JSON.stringify(text)}`);
  return shown;
}

describe('<privacy-preferences> inline', () => {
  failOnWarnings();
  const errors = captureErrors();

  beforeEach(() => forgetEverything());

  describe('what every customer sees', () => {
    it('shows each purpose with its title, description, benefit and a switch named after it', async () => {
      const {el} = await renderCenter(
        html`<privacy-preferences .config=${shopConfig} locale="en"></privacy-preferences>`,
      );
      const text = visibleText(el);
      for (const purpose of shopConfig.purposes) {
        expect(text).to.contain(english(purpose.description));
        expect(text).to.contain(english(purpose.benefit));
      }
      expect(switches(el).map((toggle) => accessibleName(el, toggle))).to.deep.equal([
        'Your account and basket',
        'Usage analytics',
        'Personal recommendations',
        'Ads on other websites',
      ]);
      expect(text).to.contain('What you get: We find and fix slow or confusing pages sooner.');
      await expect(el).to.be.accessible();
    });

    it("a switch's description, as the browser gives it to a screen reader: what the purpose is, what you get, why it is on — each word apart", async () => {
      const {el} = await renderCenter(
        html`<privacy-preferences .config=${shopConfig} locale="en"></privacy-preferences>`,
      );
      const described = (id: string) =>
        (switchNamed(el, id).getAttribute('aria-describedby') ?? '')
          .split(' ')
          .map((ref) => shadow(el).getElementById(ref)?.getAttribute('part'));
      expect(described('Your account and basket')).to.deep.equal([
        'description',
        'benefit',
        'required',
      ]);
      expect(described('Usage analytics')).to.deep.equal(['description', 'benefit']);
      // The browser's own computation (Chromium; Firefox's is not reachable from a test yet).
      const computed = (await executeServerCommand('accessible-text', {
        selector: '[role="switch"][aria-labelledby="title-essential"]',
      })) as {name: string; description: string} | false;
      if (computed)
        expect(computed).to.deep.equal({
          name: 'Your account and basket',
          description:
            'Keeps you signed in and remembers your basket. What you get: You can shop and pay. Always on: needed to provide the service you asked for.',
        });
    });

    it('switches nothing on by default, and shows required purposes on and locked with the reason', async () => {
      const {el, event} = await renderCenter(
        html`<privacy-preferences .config=${shopConfig}></privacy-preferences>`,
      );
      expect(event.detail).to.deep.equal({
        choices: {
          essential: 'granted',
          analytics: 'denied',
          recommendations: 'denied',
          ads: 'denied',
        },
        source: 'default',
      });
      const essential = switchNamed(el, 'Your account and basket');
      expect(essential.getAttribute('aria-checked')).to.equal('true');
      expect(essential.getAttribute('aria-disabled')).to.equal('true');
      expect(visibleText(el)).to.contain('Always on: needed to provide the service you asked for.');
      essential.click();
      await el.updateComplete;
      expect(essential.getAttribute('aria-checked')).to.equal('true');
      expect(el.getChoice('essential')).to.equal('granted');
    });

    it('offers Accept all and Reject all as equal buttons', async () => {
      const {el} = await renderCenter(
        html`<privacy-preferences .config=${shopConfig}></privacy-preferences>`,
      );
      const accept = buttonNamed(el, 'Accept all');
      const reject = buttonNamed(el, 'Reject all');
      expect(accept.getAttribute('part')).to.equal(reject.getAttribute('part'));
      const acceptStyle = getComputedStyle(accept);
      const rejectStyle = getComputedStyle(reject);
      for (const property of [
        'background-color',
        'color',
        'font-size',
        'font-weight',
        'border-top-width',
      ]) {
        expect(acceptStyle.getPropertyValue(property), property).to.equal(
          rejectStyle.getPropertyValue(property),
        );
      }
      expect(Math.abs(accept.offsetWidth - reject.offsetWidth)).to.be.below(2);
    });

    it('lists data used, recipients as links, retention and legal basis behind a details disclosure', async () => {
      const {el} = await renderCenter(
        html`<privacy-preferences .config=${shopConfig}></privacy-preferences>`,
      );
      const row = shadow(el).querySelector('[data-purpose="analytics"]')!;
      const details = row.querySelector('details')!;
      expect(details.open).to.equal(false);
      row.querySelector('summary')!.click();
      await el.updateComplete;
      expect(details.open).to.equal(true);
      const text = details.textContent!.replace(/\s+/g, ' ');
      expect(text).to.contain('Pages visited').and.contain('Device type');
      expect(text).to.contain('13 months').and.contain('Your consent');
      const link = details.querySelector('a')!;
      expect(link.textContent!.trim()).to.equal('Example Analytics Inc.');
      expect(link.getAttribute('href')).to.equal('https://analytics.example/privacy');
      await expect(el).to.be.accessible();
    });

    it('names the controller and links its policy and contact', async () => {
      const {el} = await renderCenter(
        html`<privacy-preferences .config=${shopConfig}></privacy-preferences>`,
      );
      expect(visibleText(el)).to.contain('Choose how Example Shop may use your data.');
      const links = [...shadow(el).querySelectorAll('header a')].map((a) => a.getAttribute('href'));
      expect(links).to.deep.equal(['https://shop.example/privacy', 'mailto:privacy@shop.example']);
    });

    it('renders configuration text as text, never as HTML', async () => {
      const hostile = {
        ...shopConfig,
        controller: {name: '<b id="c">Evil</b>'},
        purposes: [
          {
            ...shopConfig.purposes[1],
            title: '<img src=x onerror="window.__pwned=1">Analytics',
            description: '<script>window.__pwned=1</script>',
            benefit: '<a href="javascript:alert(1)">click</a>',
          },
        ],
      };
      const {el} = await renderCenter(
        html`<privacy-preferences .config=${hostile}></privacy-preferences>`,
      );
      const root = shadow(el);
      expect(root.querySelector('img, script, b')).to.equal(null);
      expect(root.querySelector('a[href^="javascript"]')).to.equal(null);
      expect(visibleText(el)).to.contain('<img src=x onerror="window.__pwned=1">Analytics');
      expect((window as {__pwned?: number}).__pwned).to.equal(undefined);
    });

    it('has no horizontal scrolling at 320 CSS pixels', async () => {
      const {el} = await renderCenter(
        html`<div style="inline-size: 320px">
          <privacy-preferences .config=${shopConfig}></privacy-preferences>
        </div>`,
      );
      for (const summary of shadow(el).querySelectorAll('summary')) summary.click();
      await el.updateComplete;
      const section = shadow(el).querySelector('section')!;
      expect(section.scrollWidth).to.be.at.most(320);
      expect(el.scrollWidth).to.be.at.most(320);
    });
  });

  describe('switching', () => {
    it('reaches every switch with Tab and toggles it with Space', async function () {
      this.timeout(30_000); // a dozen real key presses; slow under Firefox's WebDriver BiDi
      const {el} = await renderCenter(
        html`<div>
          <button id="before">A control of the page before the center</button>
          <privacy-preferences .config=${shopConfig}></privacy-preferences>
        </div>`,
      );
      // Start from a known place in the tab order, whatever an earlier test focused.
      document.querySelector<HTMLButtonElement>('#before')!.focus();
      const reached: string[] = [];
      for (let press = 0; press < 30 && reached.length < 4; press++) {
        await sendKeys({press: 'Tab'});
        const focused = shadow(el).activeElement as HTMLElement | null;
        if (focused?.getAttribute('role') === 'switch') reached.push(accessibleName(el, focused));
      }
      expect(reached).to.deep.equal([
        'Your account and basket',
        'Usage analytics',
        'Personal recommendations',
        'Ads on other websites',
      ]);
      // Focus is on the last switch ("Ads on other websites"): Space turns it on, then off.
      const ads = switchNamed(el, 'Ads on other websites');
      expect(shadow(el).activeElement).to.equal(ads);
      const change = nextEvent('consent-change');
      await sendKeys({press: ' '}); // Space (a name both Chromium and Firefox drivers know)
      const {detail} = await change;
      expect(detail).to.deep.equal({
        choices: {
          essential: 'granted',
          analytics: 'denied',
          recommendations: 'denied',
          ads: 'granted',
        },
        changed: ['ads'],
        revoked: [],
        method: 'toggle',
      } satisfies ConsentChangeDetail);
      await el.updateComplete;
      expect(ads.getAttribute('aria-checked')).to.equal('true');
      const turnedOff = nextEvent('consent-change');
      await sendKeys({press: ' '}); // Space (a name both Chromium and Firefox drivers know)
      expect((await turnedOff).detail.revoked, 'off again: revoked').to.deep.equal(['ads']);
      await el.updateComplete;
      expect(ads.getAttribute('aria-checked')).to.equal('false');
      expect(el.choices.ads).to.equal('denied');
      await expect(el).to.be.accessible();
    });

    it('accepts all and rejects all, keeping required purposes on', async () => {
      const {el} = await renderCenter(
        html`<privacy-preferences .config=${shopConfig}></privacy-preferences>`,
      );
      let change = nextEvent('consent-change');
      buttonNamed(el, 'Accept all').click();
      expect((await change).detail).to.deep.equal({
        choices: {
          essential: 'granted',
          analytics: 'granted',
          recommendations: 'granted',
          ads: 'granted',
        },
        changed: ['analytics', 'recommendations', 'ads'],
        revoked: [],
        method: 'accept-all',
      });
      change = nextEvent('consent-change');
      buttonNamed(el, 'Reject all').click();
      expect((await change).detail).to.deep.equal({
        choices: {
          essential: 'granted',
          analytics: 'denied',
          recommendations: 'denied',
          ads: 'denied',
        },
        changed: ['analytics', 'recommendations', 'ads'],
        revoked: ['analytics', 'recommendations', 'ads'],
        method: 'reject-all',
      });
      await el.updateComplete;
      expect(switches(el).map((toggle) => toggle.getAttribute('aria-checked'))).to.deep.equal([
        'true',
        'false',
        'false',
        'false',
      ]);
    });

    it('says the choices stay in this browser when there is no endpoint', async () => {
      const {el} = await renderCenter(
        html`<privacy-preferences .config=${shopConfig}></privacy-preferences>`,
      );
      expect(statusText(el)).to.equal('Your choices are kept in this browser.');
      expect(shadow(el).querySelector('[role="status"]')).to.exist;
    });
  });

  describe('methods and properties', () => {
    it('taken off the page while it starts: no event, no gated script run, no interface left', async () => {
      const events: string[] = [];
      for (const type of ['consent-ready', 'consent-change', 'consent-error'])
        document.addEventListener(type, () => events.push(type));
      const gated = document.createElement('script');
      gated.type = 'text/plain';
      gated.dataset.purpose = 'essential';
      gated.textContent = 'window.__ranWhileGone = true;';
      document.body.append(gated);
      const el = document.createElement('privacy-preferences');
      el.config = shopConfig;
      document.body.append(el);
      // Gone while the session opens the shared state (after the configuration, before ready).
      await new Promise((resolve) => setTimeout(resolve, 0));
      el.remove();
      await el.updateComplete;
      await new Promise((resolve) => setTimeout(resolve, 300));
      gated.remove();
      expect(events).to.deep.equal([]);
      expect((window as {__ranWhileGone?: boolean}).__ranWhileGone).to.equal(undefined);
      expect(el.shadowRoot!.childElementCount).to.equal(0);
    });

    it('reads and sets choices through the API, reported with method "api"', async () => {
      const {el} = await renderCenter(
        html`<privacy-preferences .config=${shopConfig}></privacy-preferences>`,
      );
      const changes: ConsentChangeDetail[] = [];
      el.addEventListener('consent-change', (event) => changes.push(event.detail));
      el.setChoice('analytics', true);
      el.setChoice('analytics', true); // no change, no event
      el.setChoice('essential', false); // required: stays on
      el.setChoice('no-such-purpose', true);
      expect(changes).to.deep.equal([
        {
          choices: {
            essential: 'granted',
            analytics: 'granted',
            recommendations: 'denied',
            ads: 'denied',
          },
          changed: ['analytics'],
          revoked: [],
          method: 'api',
        },
      ]);
      expect(el.getChoice('analytics')).to.equal('granted');
      expect(el.getChoice('essential')).to.equal('granted');
      expect(el.getChoice('no-such-purpose')).to.equal(undefined);
      const copy = el.choices as Record<string, string>;
      copy.analytics = 'denied';
      expect(el.getChoice('analytics')).to.equal('granted');
      el.rejectAll();
      expect(el.choices).to.deep.equal({
        essential: 'granted',
        analytics: 'denied',
        recommendations: 'denied',
        ads: 'denied',
      });
      el.acceptAll();
      expect(el.getChoice('ads')).to.equal('granted');
    });

    it('maps its attributes to properties', async () => {
      const {el} = await renderCenter(
        html`<privacy-preferences
          .config=${shopConfig}
          config-url="/demo/purposes.json"
          endpoint="/nowhere"
          subject="customer-42"
          locale="en-GB"
          mode="inline"
          credentials="include"
        ></privacy-preferences>`,
      );
      expect([
        el.configUrl,
        el.endpoint,
        el.subject,
        el.locale,
        el.mode,
        el.credentials,
      ]).to.deep.equal([
        '/demo/purposes.json',
        '/nowhere',
        'customer-42',
        'en-GB',
        'inline',
        'include',
      ]);
    });

    it('restores the choices after a reload from this browser (source "local")', async () => {
      const first = await renderCenter(
        html`<privacy-preferences .config=${shopConfig}></privacy-preferences>`,
      );
      first.el.setChoice('recommendations', true);
      first.el.remove();
      const {el, event} = await renderCenter(
        html`<privacy-preferences .config=${shopConfig}></privacy-preferences>`,
      );
      expect(event.detail).to.deep.equal({
        choices: {
          essential: 'granted',
          analytics: 'denied',
          recommendations: 'granted',
          ads: 'denied',
        },
        source: 'local',
      });
      expect(switchNamed(el, 'Personal recommendations').getAttribute('aria-checked')).to.equal(
        'true',
      );
    });

    it('keeps the anonymous id stable, and uses the subject attribute when given', async () => {
      const first = await renderCenter(
        html`<privacy-preferences .config=${shopConfig}></privacy-preferences>`,
      );
      const id = localStorage.getItem('privacy-preferences:subject');
      expect(id).to.match(/^[0-9a-f-]{36}$/);
      first.el.remove();
      await renderCenter(html`<privacy-preferences .config=${shopConfig}></privacy-preferences>`);
      expect(localStorage.getItem('privacy-preferences:subject')).to.equal(id);
    });
  });

  describe('configuration sources', () => {
    it('reads inline JSON', async () => {
      const {el} = await renderCenter(
        html`<privacy-preferences
          ><script type="application/json">
            ${JSON.stringify({policyVersion: 'v1', purposes: [{id: 'inline-only', title: 'From inline JSON', description: 'd', benefit: 'b'}]})}
          </script></privacy-preferences
        >`,
      );
      expect(switches(el).map((toggle) => accessibleName(el, toggle))).to.deep.equal([
        'From inline JSON',
      ]);
    });

    it('loads config-url', async () => {
      const {el} = await renderCenter(
        html`<privacy-preferences config-url="/demo/purposes.json"></privacy-preferences>`,
      );
      expect(switches(el)).to.have.length(7);
      await expect(el).to.be.accessible();
    });

    it('prefers the config property, then inline JSON, then config-url', async () => {
      const inline = JSON.stringify({
        policyVersion: 'v1',
        purposes: [{id: 'inline', title: 'Inline', description: 'd', benefit: 'b'}],
      });
      const both = await renderCenter(
        html`<privacy-preferences config-url="/demo/purposes.json"
          ><script type="application/json">
            ${inline}
          </script></privacy-preferences
        >`,
      );
      expect(switches(both.el).map((toggle) => accessibleName(both.el, toggle))).to.deep.equal([
        'Inline',
      ]);
      const all = await renderCenter(
        html`<privacy-preferences .config=${shopConfig} config-url="/demo/purposes.json"
          ><script type="application/json">
            ${inline}
          </script></privacy-preferences
        >`,
      );
      expect(switches(all.el)).to.have.length(shopConfig.purposes.length);
    });

    it('reloads when the config property changes', async () => {
      const {el} = await renderCenter(
        html`<privacy-preferences .config=${shopConfig}></privacy-preferences>`,
      );
      const ready = nextEvent('consent-ready');
      el.config = {...shopConfig, purposes: shopConfig.purposes.slice(0, 2)};
      await ready;
      await el.updateComplete;
      expect(switches(el)).to.have.length(2);
    });
  });

  describe('invalid configuration', () => {
    const cases: {name: string; config: unknown; path: string}[] = [
      {
        name: 'a missing benefit',
        config: {
          ...shopConfig,
          purposes: [
            shopConfig.purposes[0],
            shopConfig.purposes[1],
            {...shopConfig.purposes[2], benefit: undefined},
          ],
        },
        path: 'purposes[2].benefit is missing',
      },
      {
        name: 'an invalid id',
        config: {
          ...shopConfig,
          purposes: [shopConfig.purposes[0], {...shopConfig.purposes[1], id: 'Ads!'}],
        },
        path: 'purposes[1].id "Ads!" is not a valid id',
      },
    ];
    for (const {name, config, path} of cases) {
      it(`shows an error for ${name}, fires consent-error with the path and logs it`, async () => {
        localStorage.setItem('privacy-preferences:decision', '{"kept":true}');
        const {el, event} = await renderCenter(
          html`<privacy-preferences .config=${config}></privacy-preferences>`,
          'consent-error',
        );
        const detail = event.detail as ConsentErrorDetail;
        expect(detail.message).to.contain(path);
        expect(detail.willRetry).to.equal(false);
        expect(errors.messages.join('\n')).to.contain(path);
        const alert = shadow(el).querySelector('[role="alert"]')!;
        expect(alert.textContent).to.contain("can't be shown").and.contain(path);
        expect(switches(el)).to.have.length(0);
        expect(el.choices).to.deep.equal({});
        expect(localStorage.getItem('privacy-preferences:decision')).to.equal('{"kept":true}');
        await expect(el).to.be.accessible();
      });
    }

    it('warns in the console about a key it does not know, and shows the center', async () => {
      const warned: string[] = [];
      const failOnWarning = console.warn;
      console.warn = (...args: unknown[]) => void warned.push(args.map(String).join(' '));
      try {
        const config = {
          ...shopConfig,
          purposes: [{...shopConfig.purposes[1], legalbasis: 'contract'}],
        };
        const {el} = await renderCenter(
          html`<privacy-preferences .config=${config}></privacy-preferences>`,
          'consent-ready',
        );
        expect(warned).to.deep.equal([
          '<privacy-preferences>: purposes[0].legalbasis is not a known key',
        ]);
        expect(switches(el)).to.have.length(1);
        await expect(el).to.be.accessible();
      } finally {
        console.warn = failOnWarning;
      }
    });

    it('waits a moment for a framework to set config before calling it missing', async () => {
      const seen: string[] = [];
      document.addEventListener('consent-error', (event) => seen.push(event.detail.message));
      const {el} = await renderCenter(
        html`<privacy-preferences></privacy-preferences>`,
        'consent-error',
      );
      // Nothing came: "no configuration" after a second, and only then.
      expect(seen).to.deep.equal([
        'no configuration: set the config property, add a <script type="application/json"> child, or set config-url',
      ]);
      expect(errors.messages).to.have.length(1);
      expect(shadow(el).querySelector('[role="alert"]')).to.exist;

      // Set a moment after the element connected (as React does after hydrating): no error.
      const late = document.createElement('privacy-preferences');
      const ready = new Promise((resolve) =>
        late.addEventListener('consent-ready', resolve, {once: true}),
      );
      document.body.append(late);
      await new Promise((resolve) => setTimeout(resolve, 300));
      late.config = shopConfig;
      await ready;
      await new Promise((resolve) => setTimeout(resolve, 1200));
      expect(seen).to.have.length(1);
      expect(errors.messages).to.have.length(1);
      expect(late.getChoice('analytics')).to.equal('denied');
      await expect(el).to.be.accessible();
      await expect(late).to.be.accessible();
      late.remove();
    });

    it('reports invalid JSON in config-url without throwing', async () => {
      const url = URL.createObjectURL(new Blob(['{"policyVersion": '], {type: 'application/json'}));
      const {event} = await renderCenter(
        html`<privacy-preferences config-url=${url}></privacy-preferences>`,
        'consent-error',
      );
      expect((event.detail as ConsentErrorDetail).message).to.contain('not valid JSON');
    });

    it('reports a config-url that answers 404', async () => {
      const {event} = await renderCenter(
        html`<privacy-preferences config-url="/demo/missing.json"></privacy-preferences>`,
        'consent-error',
      );
      expect((event.detail as ConsentErrorDetail).message).to.contain('HTTP 404');
    });
  });

  describe('languages', () => {
    it('shows German when asked, with the German purpose titles', async () => {
      const {el} = await renderCenter(
        html`<privacy-preferences .config=${shopConfig} locale="de-AT"></privacy-preferences>`,
      );
      await waitForText(el, 'Alle akzeptieren');
      expect(switchNamed(el, 'Nutzungsanalyse')).to.exist;
      await expect(el).to.be.accessible();
    });

    it('follows the nearest lang attribute and mirrors right-to-left languages', async () => {
      const {el} = await renderCenter(
        html`<div lang="ar">
          <privacy-preferences .config=${shopConfig}></privacy-preferences>
        </div>`,
      );
      await waitForText(el, 'قبول الكل');
      expect(shadow(el).querySelector('section')!.getAttribute('dir')).to.equal('rtl');
      expect(switchNamed(el, 'تحليلات الاستخدام')).to.exist;
      const row = shadow(el).querySelector('.purpose-head')!;
      const title = row.querySelector('h3')!.getBoundingClientRect();
      const toggle = row.querySelector('[role="switch"]')!.getBoundingClientRect();
      expect(toggle.left).to.be.below(title.left);
      await expect(el).to.be.accessible();
    });
  });
});

async function waitForText(el: PrivacyPreferences, text: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    if (visibleText(el).includes(text)) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
    await el.updateComplete;
  }
  throw new Error(`"${text}" never appeared; text is: ${visibleText(el).slice(0, 300)}`);
}
