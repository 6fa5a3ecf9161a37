import {aTimeout, expect, waitUntil} from '@open-wc/testing';
import {gateScripts, type ScriptGate} from '../../src/browser/gating.js';

declare global {
  interface Window {
    /** Every script the tests gate pushes its name here when it runs. */
    gatingLog: string[];
    /** Called by hook.js while it runs, that is before the gate may move on to the next script. */
    gatingHook?: () => void;
  }
}

const FIXTURES = '/test/browser/gating-fixtures';

let container: HTMLDivElement;
let gates: ScriptGate[];

/** A gate that the test's clean-up stops, so its observer cannot act in later tests. */
function gate(root?: Document): ScriptGate {
  const created = gateScripts(root);
  gates.push(created);
  return created;
}

/** A gated script as the site writes it (inline code when `log` is given, else `src`). */
function gated(
  purpose: string,
  {src, log, attributes = {}}: {src?: string; log?: string; attributes?: Record<string, string>},
  parent: ParentNode = container,
): HTMLScriptElement {
  const script = document.createElement('script');
  script.setAttribute('type', 'text/plain');
  script.setAttribute('data-purpose', purpose);
  for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
  if (src) script.setAttribute('src', `${FIXTURES}/${src}`);
  if (log) script.append(`window.gatingLog.push(${JSON.stringify(log)});`);
  parent.append(script);
  return script;
}

/** Long enough for a mutation callback and an inline script's round to have run. */
const settle = () => aTimeout(50);

/** The scripts the gate inserted (originals keep `type="text/plain"`). */
function activeCopies(): HTMLScriptElement[] {
  return [...container.querySelectorAll('script')].filter((script) => script.type !== 'text/plain');
}

describe('gateScripts', () => {
  beforeEach(() => {
    window.gatingLog = [];
    gates = [];
    container = document.createElement('div');
    document.body.append(container);
  });

  afterEach(() => {
    delete window.gatingHook;
    for (const each of gates) each.stop();
    container.remove();
  });

  describe('before consent', () => {
    it('runs nothing before the first update', async () => {
      gated('analytics', {log: 'analytics-inline'});
      gated('analytics', {src: 'first.js'});
      gate();
      await settle();
      expect(window.gatingLog).to.deep.equal([]);
      expect(activeCopies()).to.have.length(0);
    });

    it('runs nothing whose purpose is denied or not mentioned', async () => {
      gated('analytics', {log: 'analytics-inline'});
      gated('ads', {src: 'first.js'});
      const scripts = gate();
      await scripts.update({analytics: 'denied'});
      await settle();
      expect(window.gatingLog).to.deep.equal([]);
      expect(activeCopies()).to.have.length(0);
      expect(scripts.activatedPurposes.size).to.equal(0);
    });

    it('never runs a script whose data-purpose names nothing', async () => {
      gated('', {log: 'no-purpose'});
      gated('  ', {log: 'blank-purpose'});
      await gate().update({analytics: 'granted', ads: 'granted'});
      expect(window.gatingLog).to.deep.equal([]);
    });
  });

  describe('once granted', () => {
    it('runs an inline script exactly once, and marks the original', async () => {
      const original = gated('analytics', {log: 'analytics-inline'});
      const scripts = gate();
      await scripts.update({analytics: 'granted'});
      expect(window.gatingLog).to.deep.equal(['analytics-inline']);
      await scripts.update({analytics: 'granted', ads: 'denied'});
      expect(window.gatingLog).to.deep.equal(['analytics-inline']);
      expect(original.hasAttribute('data-consent-activated')).to.be.true;
      // Compared as a boolean: a failing equality of two elements would serialize the page.
      expect(original.nextElementSibling === activeCopies()[0], 'copy after original').to.be.true;
    });

    it('still runs once after off, on, off, on', async () => {
      gated('analytics', {log: 'analytics-inline'});
      gated('analytics', {src: 'first.js'});
      const scripts = gate();
      for (const choice of ['denied', 'granted', 'denied', 'granted'] as const) {
        await scripts.update({analytics: choice});
      }
      expect(window.gatingLog).to.deep.equal(['analytics-inline', 'first']);
      expect(activeCopies()).to.have.length(2);
    });

    it('needs every purpose that data-purpose lists', async () => {
      gated('analytics ads', {log: 'both'});
      const scripts = gate();
      await scripts.update({analytics: 'granted', ads: 'denied'});
      await scripts.update({analytics: 'denied', ads: 'granted'});
      expect(window.gatingLog).to.deep.equal([]);
      await scripts.update({analytics: 'granted', ads: 'granted'});
      expect(window.gatingLog).to.deep.equal(['both']);
    });

    it('keeps document order across external and inline scripts', async () => {
      gated('analytics', {src: 'first.js'});
      gated('analytics', {log: 'second'});
      gated('ads', {src: 'third.js'});
      await gate().update({analytics: 'granted', ads: 'granted'});
      // Resolved only once the non-async external scripts have loaded, in order.
      expect(window.gatingLog).to.deep.equal(['first', 'second', 'third']);
    });

    it('does not hold later scripts for an async one', async () => {
      gated('analytics', {src: 'first.js', attributes: {async: ''}});
      gated('analytics', {log: 'second'});
      await gate().update({analytics: 'granted'});
      expect(window.gatingLog).to.deep.equal(['second']);
      await waitUntil(() => window.gatingLog.length === 2, 'first.js never ran');
      expect(window.gatingLog).to.deep.equal(['second', 'first']);
    });

    it('does not wait for a script the browser will not run', async () => {
      gated('analytics', {src: 'first.js', attributes: {'data-type': 'text/x-template'}});
      gated('analytics', {log: 'second'});
      const round = gate().update({analytics: 'granted'});
      const outcome = await Promise.race([round.then(() => 'done'), aTimeout(2000)]);
      expect(outcome).to.equal('done');
      expect(window.gatingLog).to.deep.equal(['second']);
    });

    it('skips a script the site removed while an earlier one loaded', async () => {
      gated('analytics', {src: 'hook.js'});
      const removed = gated('ads', {log: 'removed'});
      window.gatingHook = () => removed.remove();
      const scripts = gate();
      await scripts.update({analytics: 'granted', ads: 'granted'});
      expect(window.gatingLog).to.deep.equal(['hook']);
      expect(scripts.activatedPurposes).to.deep.equal(new Set(['analytics']));
    });

    it('skips a script whose purpose is revoked while an earlier one loads', async () => {
      gated('analytics', {src: 'hook.js'});
      gated('ads', {log: 'ads'});
      const scripts = gate();
      let revoked: Promise<void> | undefined;
      window.gatingHook = () => (revoked = scripts.update({analytics: 'granted', ads: 'denied'}));
      await scripts.update({analytics: 'granted', ads: 'granted'});
      await revoked;
      expect(window.gatingLog).to.deep.equal(['hook']);
    });
  });

  describe('the running copy', () => {
    it('keeps the attributes of the original, the nonce included', async () => {
      const source = await (await fetch(`${FIXTURES}/attributes.js`)).arrayBuffer();
      const digest = await crypto.subtle.digest('SHA-384', source);
      const integrity = `sha384-${btoa(String.fromCharCode(...new Uint8Array(digest)))}`;
      const original = gated('analytics', {
        src: 'attributes.js',
        attributes: {
          async: '',
          integrity,
          crossorigin: 'anonymous',
          id: 'shop-analytics',
          'data-site': 'north-shop',
          'xml:lang': 'en',
        },
      });
      // Set through the property only, as a browser shows it once it hides the attribute.
      original.nonce = 'r4nd0m';
      await gate().update({analytics: 'granted'});
      // The integrity check passed, so the script ran. Awaited first, so that a failure
      // below cannot leave it to run during the next test.
      await waitUntil(() => window.gatingLog.includes('attributes'), 'attributes.js never ran');
      const [copy] = activeCopies();
      expect(copy.async).to.be.true;
      expect(copy.getAttribute('integrity')).to.equal(integrity);
      expect(copy.getAttribute('crossorigin')).to.equal('anonymous');
      expect(copy.id).to.equal('shop-analytics');
      expect(copy.dataset.site).to.equal('north-shop');
      expect(copy.getAttribute('xml:lang')).to.equal('en');
      expect(copy.nonce).to.equal('r4nd0m');
      expect(copy.getAttribute('src')).to.equal(`${FIXTURES}/attributes.js`);
      expect(copy.hasAttribute('type')).to.be.false;
      expect(copy.hasAttribute('data-purpose')).to.be.false;
      expect(copy.hasAttribute('data-consent-activated')).to.be.false;
    });

    it('keeps a non-async script in line', async () => {
      gated('analytics', {src: 'first.js'});
      await gate().update({analytics: 'granted'});
      const [copy] = activeCopies();
      expect(copy.async).to.be.false;
    });

    it('takes its type from data-type', async () => {
      gated('analytics', {
        log: 'inline-module',
        attributes: {'data-type': 'module'},
      });
      gated('analytics', {src: 'module.js', attributes: {'data-type': 'module'}});
      await gate().update({analytics: 'granted'});
      const copies = activeCopies();
      expect(copies.map((copy) => copy.type)).to.deep.equal(['module', 'module']);
      await waitUntil(
        () => window.gatingLog.includes('inline-module') && window.gatingLog.includes('module'),
        'the module scripts never ran',
      );
      expect([...window.gatingLog].sort()).to.deep.equal(['inline-module', 'module']);
    });
  });

  describe('scripts added later', () => {
    it('runs one whose purpose is already granted', async () => {
      await gate().update({analytics: 'granted'});
      // Inside a new element, as a site's widget would add it.
      const wrapper = document.createElement('section');
      gated('analytics', {log: 'late'}, wrapper);
      container.append(wrapper);
      await waitUntil(() => window.gatingLog.includes('late'), 'the late script never ran');
      await settle();
      expect(window.gatingLog).to.deep.equal(['late']);
    });

    it('holds one whose purpose is not granted until it is', async () => {
      const scripts = gate();
      await scripts.update({analytics: 'granted', ads: 'denied'});
      gated('ads', {log: 'late-ads'});
      await settle();
      expect(window.gatingLog).to.deep.equal([]);
      await scripts.update({analytics: 'granted', ads: 'granted'});
      expect(window.gatingLog).to.deep.equal(['late-ads']);
    });

    it('holds one added before the first update', async () => {
      gate();
      gated('analytics', {log: 'early'});
      await settle();
      expect(window.gatingLog).to.deep.equal([]);
    });

    it('stops watching after stop()', async () => {
      const scripts = gate();
      await scripts.update({analytics: 'granted'});
      scripts.stop();
      gated('analytics', {log: 'after-stop'});
      await settle();
      expect(window.gatingLog).to.deep.equal([]);
      // An explicit update still honours it.
      await scripts.update({analytics: 'granted'});
      expect(window.gatingLog).to.deep.equal(['after-stop']);
    });
  });

  describe('two gates on one page', () => {
    it('run each script once', async () => {
      gated('analytics', {log: 'analytics-inline'});
      gated('analytics', {src: 'first.js'});
      const one = gate();
      const other = gate();
      await Promise.all([one.update({analytics: 'granted'}), other.update({analytics: 'granted'})]);
      gated('analytics', {log: 'late'});
      await waitUntil(() => window.gatingLog.includes('late'), 'the late script never ran');
      await one.update({analytics: 'granted'});
      await other.update({analytics: 'granted'});
      await settle();
      expect(window.gatingLog).to.deep.equal(['analytics-inline', 'first', 'late']);
      expect(activeCopies()).to.have.length(3);
    });

    it('run each script once even from two copies of the bundle', async () => {
      // A second import under another URL is a separate module instance, as when a page
      // loads the component from two bundles: it has its own queue and its own policy slot.
      const secondBundle = '../../src/browser/gating.ts?second-bundle';
      const second = (await import(secondBundle)) as typeof import('../../src/browser/gating.js');
      gated('analytics', {src: 'first.js'});
      gated('analytics', {log: 'second'});
      const other = second.gateScripts();
      gates.push(other);
      await Promise.all([
        gate().update({analytics: 'granted'}),
        other.update({analytics: 'granted'}),
      ]);
      await settle();
      // Order across two bundles is not promised (each keeps its own queue), the once is.
      expect([...window.gatingLog].sort()).to.deep.equal(['first', 'second']);
    });

    it('share what ran', async () => {
      gated('analytics', {log: 'analytics-inline'});
      await gate().update({analytics: 'granted'});
      expect(gate().activatedPurposes).to.deep.equal(new Set(['analytics']));
    });
  });

  describe('activatedPurposes', () => {
    it('lists the purposes whose scripts ran, and keeps them after revocation', async () => {
      gated('analytics', {log: 'analytics-inline'});
      gated('ads personalization', {log: 'ads'});
      gated('ads', {log: 'ads-only'});
      const scripts = gate();
      expect(scripts.activatedPurposes.size).to.equal(0);
      await scripts.update({analytics: 'granted', ads: 'granted', personalization: 'denied'});
      expect(scripts.activatedPurposes).to.deep.equal(new Set(['analytics', 'ads']));
      await scripts.update({analytics: 'denied', ads: 'denied', personalization: 'denied'});
      expect(scripts.activatedPurposes).to.deep.equal(new Set(['analytics', 'ads']));
    });

    it('tells of each script it ran: its purposes and the host it came from', async () => {
      const runs: [readonly string[], string][] = [];
      gated('analytics', {log: 'analytics-inline'});
      // The same test server under another host name.
      const elsewhere = `http://127.0.0.1:${location.port}${FIXTURES}/first.js`;
      gated('analytics ads', {attributes: {src: elsewhere}});
      gated('ads', {log: 'ads-only'});
      const scripts = gateScripts(document, (ids, host) => runs.push([ids, host]));
      gates.push(scripts);
      await scripts.update({analytics: 'granted', ads: 'denied'});
      await scripts.update({analytics: 'granted', ads: 'granted'});
      await scripts.update({analytics: 'granted', ads: 'granted'});
      expect(runs).to.deep.equal([
        [['analytics'], location.hostname],
        [['analytics', 'ads'], '127.0.0.1'],
        [['ads'], location.hostname],
      ]);
    });
  });

  describe('under Trusted Types', () => {
    let frame: HTMLIFrameElement | undefined;

    afterEach(() => frame?.remove());

    /**
     * A same-origin frame whose page enforces Trusted Types. The gated scripts come from the
     * parser, as on a real page: there even a test cannot set a script URL or text as a string.
     */
    async function enforcingFrame(policy: string, body: string) {
      frame = document.createElement('iframe');
      frame.srcdoc = `<meta http-equiv="Content-Security-Policy" content="${policy}">${body}`;
      const loaded = new Promise((resolve) =>
        frame!.addEventListener('load', resolve, {once: true}),
      );
      document.body.append(frame);
      await loaded;
      const frameWindow = frame.contentWindow as Window & {frameGate?: ScriptGate};
      frameWindow.gatingLog = window.gatingLog;
      const frameDocument = frame.contentDocument as Document;
      // The page really refuses plain strings, so a gate that passed them would fail.
      expect(() => {
        frameDocument.createElement('script').text = 'gatingLog.push("plain")';
      }).to.throw(/TrustedScript|Sink type mismatch/); // Chromium's and Firefox's words
      return {frameWindow, frameDocument};
    }

    const gatedMarkup = `
      <script type="text/plain" data-purpose="analytics" src="${FIXTURES}/first.js"
        onload="gatingLog.push('onload')"></script>
      <script type="text/plain" data-purpose="analytics">gatingLog.push('tt-inline');</script>`;

    /** Loads a separate copy of the module inside the frame, so it uses the frame's policies. */
    const gateInsideFrame = (copy: string) => `
      <script type="module">
        import {gateScripts} from '/src/browser/gating.ts?${copy}';
        window.frameGate = gateScripts();
      </script>`;

    it('runs inline and external scripts through its policy', async () => {
      const {frameDocument} = await enforcingFrame(
        "require-trusted-types-for 'script'",
        gatedMarkup,
      );
      await gate(frameDocument).update({analytics: 'granted'});
      expect(window.gatingLog).to.deep.equal(['first', 'onload', 'tt-inline']);
    });

    it('runs when the page allows its policy by name', async () => {
      const {frameWindow} = await enforcingFrame(
        "require-trusted-types-for 'script'; trusted-types privacy-preferences",
        gatedMarkup + gateInsideFrame('allowed'),
      );
      await waitUntil(() => frameWindow.frameGate, 'the module never loaded in the frame');
      await frameWindow.frameGate!.update({analytics: 'granted'});
      expect(window.gatingLog).to.deep.equal(['first', 'onload', 'tt-inline']);
    });

    it('reports each script and runs none when the page refuses its policy', async () => {
      const {frameWindow, frameDocument} = await enforcingFrame(
        "require-trusted-types-for 'script'; trusted-types 'none'",
        gatedMarkup + gateInsideFrame('refused'),
      );
      const errors: string[] = [];
      frameWindow.addEventListener('error', (event) => {
        errors.push(event.message);
        event.preventDefault();
      });
      await waitUntil(() => frameWindow.frameGate, 'the module never loaded in the frame');
      const frameGate = frameWindow.frameGate!;
      await frameGate.update({analytics: 'granted'});
      expect(window.gatingLog).to.deep.equal([]);
      expect(errors).to.have.length(2);
      // Chromium names Trusted Types; Firefox says "Sink type mismatch".
      expect(
        errors.every((message) => /Trusted|Sink type mismatch/.test(message)),
        errors.join('\n'),
      ).to.be.true;
      expect(frameDocument.querySelectorAll('[data-consent-activated]')).to.have.length(0);
      expect(frameGate.activatedPurposes.size).to.equal(0);
    });
  });
});
