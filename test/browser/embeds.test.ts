/**
 * Embeds wait for their purpose: in a real page, a frame marked `data-purpose` gets its `src`
 * only while its purposes are granted; until then a placeholder of its very size says who
 * provides it, what allowing gives and shares, and offers "Allow …". Checked as a customer and
 * a site owner see it: roles, names, focus, boxes on the page, what the frame holds.
 */
import {expect, fixture, html, nextFrame, waitUntil} from '@open-wc/testing';
import {sendKeys, setViewport} from '@web/test-runner-commands';
import {startEmbeds, type EmbedOptions, type Embeds} from '../../src/browser/embeds.js';
import type {Choices} from '../../src/core/consent.js';
import {useLocale} from '../../src/ui/localization.js';
import {mediaPurposes} from '../fixtures/media-purposes.js';

const OFF: Choices = {essential: 'granted', media: 'denied', maps: 'denied'};
const ON: Choices = {essential: 'granted', media: 'granted', maps: 'granted'};
const MEDIA_ONLY: Choices = {essential: 'granted', media: 'granted', maps: 'denied'};

const VIDEO = 'https://video.example/embed/tent-pitching';
const PROBE = new URL('/test/browser/embeds-fixtures/probe.html', location.href).href;

interface Started {
  readonly embeds: Embeds;
  /** Every call of `allow`, in order. */
  readonly allowed: string[][];
  /** Every call of `onLoaded`, in order. */
  readonly loaded: [string[], string][];
}

const started: Embeds[] = [];

function start(options: Partial<EmbedOptions> = {}): Started {
  const allowed: string[][] = [];
  const loaded: [string[], string][] = [];
  const embeds = startEmbeds(document, {
    purposes: mediaPurposes,
    locale: 'en',
    theme: 'light',
    allow: (ids) => void allowed.push([...ids]),
    onLoaded: (ids, host) => void loaded.push([[...ids], host]),
    ...options,
  });
  started.push(embeds);
  return {embeds, allowed, loaded};
}

/** The placeholder standing for `frame`: the element right before it. */
function placeholderOf(frame: HTMLIFrameElement): HTMLElement | undefined {
  const before = frame.previousElementSibling;
  return before?.localName === 'privacy-preferences-embed' ? (before as HTMLElement) : undefined;
}

function placeholderRoot(frame: HTMLIFrameElement): ShadowRoot {
  const root = placeholderOf(frame)?.shadowRoot;
  if (!root) throw new Error('no placeholder before the frame');
  return root;
}

const words = (node: Node | null | undefined) =>
  (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The group a screen reader announces, and its name as aria-labelledby gives it. */
function groupOf(frame: HTMLIFrameElement): {role: string | null; name: string} {
  const root = placeholderRoot(frame);
  const group = root.querySelector('[role="group"]');
  const ids = group?.getAttribute('aria-labelledby')?.split(/\s+/) ?? [];
  return {
    role: group?.getAttribute('role') ?? null,
    name: ids.map((id) => words(root.getElementById(id))).join(' '),
  };
}

function allowButton(frame: HTMLIFrameElement): HTMLButtonElement | null {
  return placeholderRoot(frame).querySelector('button');
}

/**
 * What an element is, in words: failed assertions name elements this way, never by the element
 * itself (serializing a DOM node for the report can stall the test run).
 */
function nameOf(element: Element | null | undefined): string {
  if (!element) return 'nothing';
  const label = element.getAttribute('data-src') ?? words(element).slice(0, 40);
  return `<${element.localName}> ${label}`.trim();
}

/** Focus is on `element` (for a shadow root's host: somewhere inside it). */
function expectFocusOn(element: Element | null | undefined, root: DocumentOrShadowRoot = document) {
  expect(nameOf(root.activeElement)).to.equal(nameOf(element));
  expect(root.activeElement === element).to.equal(true);
}

const hasPlaceholder = (frame: HTMLIFrameElement) => placeholderOf(frame) !== undefined;

/** Lets the page's MutationObservers run. */
const mutationsDelivered = () => new Promise<void>((resolve) => setTimeout(resolve));

function boxOf(element: Element): {x: number; y: number; width: number; height: number} {
  const {x, y, width, height} = element.getBoundingClientRect();
  return {x, y, width, height};
}

describe('embeds', () => {
  let warnings: string[];
  const originalWarn = console.warn;
  beforeEach(() => {
    warnings = [];
    console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
  });
  afterEach(async () => {
    console.warn = originalWarn;
    // Tests that expect a warning take it; any other is a failure.
    expect(warnings).to.deep.equal([]);
    for (const embeds of started.splice(0)) embeds.stop();
    await useLocale(['en']);
  });

  describe('while the purpose is off', () => {
    it('shows a placeholder, not the frame: the provider, the purpose, its benefit, the privacy page and "Allow"', async () => {
      const container = await fixture<HTMLElement>(
        html`<div>
          <iframe
            data-purpose="media"
            data-src=${VIDEO}
            title="How to pitch the Fjord 2 tent"
            width="560"
            height="315"
          ></iframe>
        </div>`,
      );
      const frame = container.querySelector('iframe')!;
      start().embeds.update(OFF);

      expect(frame.hasAttribute('src')).to.equal(false);
      expect(frame.hidden).to.equal(true);
      expect(getComputedStyle(frame).display).to.equal('none');
      expect(groupOf(frame)).to.deep.equal({role: 'group', name: 'Video from StreamTube'});
      expect(words(allowButton(frame))).to.equal('Allow Video');
      const root = placeholderRoot(frame);
      expect(words(root.querySelector('[part="embed-benefit"]'))).to.equal(
        'What you get: Watch how our tents go up, right here on the page.',
      );
      expect(words(root.querySelector('[part="embed-frame-title"]'))).to.equal(
        'How to pitch the Fjord 2 tent',
      );
      expect(words(root.querySelector('[part="embed-note"]'))).to.equal(
        'Once you allow it, this content loads from StreamTube, which then receives data about your visit, such as your IP address. You can turn it off again at any time. Privacy policy of StreamTube',
      );
      const link = root.querySelector<HTMLAnchorElement>('a[part="embed-provider-link"]')!;
      expect(link.getAttribute('href')).to.equal('https://video.example/privacy');
      expect(words(link)).to.equal('Privacy policy of StreamTube');
      expect(link.hasAttribute('target')).to.equal(false);
      expect(placeholderOf(frame)!.getAttribute('theme')).to.equal('light');
      expect(warnings).to.deep.equal([]);
    });

    it("names the frame's host when no recipient lists it, and links no privacy page it was not given", async () => {
      const container = await fixture<HTMLElement>(
        html`<div>
          <iframe data-purpose="media" data-src="https://clips.other.example/42"></iframe>
          <iframe data-purpose="maps" data-src="https://maps.example/store/oslo"></iframe>
        </div>`,
      );
      const [video, map] = container.querySelectorAll('iframe');
      start().embeds.update(OFF);

      expect(groupOf(video!).name).to.equal('Video from clips.other.example');
      expect(nameOf(placeholderRoot(video!).querySelector('a'))).to.equal('nothing');
      // A recipient without a privacy page: named, not linked.
      expect(groupOf(map!).name).to.equal('Maps from MapWorks');
      expect(words(allowButton(map!))).to.equal('Allow Maps');
      expect(nameOf(placeholderRoot(map!).querySelector('a'))).to.equal('nothing');
    });

    it('loads nothing and shows nothing before the first update', async () => {
      const container = await fixture<HTMLElement>(
        html`<div><iframe data-purpose="media" data-src=${VIDEO}></iframe></div>`,
      );
      const frame = container.querySelector('iframe')!;
      const {embeds} = start();
      const later = frame.cloneNode() as HTMLIFrameElement;
      container.append(later);
      await mutationsDelivered();
      for (const each of [frame, later]) {
        expect(hasPlaceholder(each)).to.equal(false);
        expect(each.hasAttribute('src')).to.equal(false);
        expect(each.hidden).to.equal(false);
      }

      embeds.update(OFF);
      expect(hasPlaceholder(frame)).to.equal(true);
      expect(hasPlaceholder(later)).to.equal(true);
    });
  });

  describe('when the purpose is granted', () => {
    it('gives the frame its data-src, removes the placeholder and reports the host once', async () => {
      const container = await fixture<HTMLElement>(
        html`<div><iframe data-purpose="media" data-src=${VIDEO}></iframe></div>`,
      );
      const frame = container.querySelector('iframe')!;
      const {embeds, loaded} = start();
      embeds.update(OFF);
      embeds.update(ON);

      expect(frame.src).to.equal(VIDEO);
      expect(frame.getAttribute('data-src')).to.equal(VIDEO);
      expect(hasPlaceholder(frame)).to.equal(false);
      expect(container.querySelectorAll('privacy-preferences-embed')).to.have.length(0);
      expect(frame.hidden).to.equal(false);
      expect(frame.hasAttribute('style')).to.equal(false);
      expect(loaded).to.deep.equal([[['media'], 'video.example']]);

      embeds.update(ON);
      expect(loaded).to.have.length(1);
    });

    it("puts back the site's own inline display and hidden state", async () => {
      const container = await fixture<HTMLElement>(
        html`<div>
          <iframe data-purpose="media" data-src=${VIDEO} style="display: block; border: 0"></iframe>
        </div>`,
      );
      const frame = container.querySelector('iframe')!;
      const {embeds} = start();
      embeds.update(OFF);
      expect(getComputedStyle(frame).display).to.equal('none');
      embeds.update(ON);
      expect(frame.style.display).to.equal('block');
      expect(frame.style.getPropertyPriority('display')).to.equal('');
      expect(frame.hidden).to.equal(false);
    });
  });

  describe('"Allow"', () => {
    it('asks for exactly the purpose, and focus goes to the frame that replaced the placeholder', async () => {
      const container = await fixture<HTMLElement>(
        html`<div>
          <button>Before</button>
          <iframe data-purpose="media" data-src=${VIDEO}></iframe>
          <iframe data-purpose="media" data-src="https://video.example/embed/other"></iframe>
        </div>`,
      );
      const [first, second] = container.querySelectorAll('iframe');
      const {embeds, allowed} = start();
      embeds.update(OFF);

      allowButton(second!)!.focus();
      await sendKeys({press: 'Enter'});
      expect(allowed).to.deep.equal([['media']]);
      // Nothing loads on the press itself: the element records the decision, then updates.
      expect(second!.hasAttribute('src')).to.equal(false);

      embeds.update(ON);
      expectFocusOn(second);
      // Every embed of the purpose loads.
      expect(first!.src).to.equal(VIDEO);
      expect(second!.src).to.equal('https://video.example/embed/other');
    });

    it('moves focus to the frame after a click that focused nothing', async () => {
      const container = await fixture<HTMLElement>(
        html`<div><iframe data-purpose="media" data-src=${VIDEO}></iframe></div>`,
      );
      const frame = container.querySelector('iframe')!;
      const {embeds, allowed} = start();
      embeds.update(OFF);
      (document.activeElement as HTMLElement | null)?.blur();
      allowButton(frame)!.click();
      expect(allowed).to.deep.equal([['media']]);
      embeds.update(ON);
      expectFocusOn(frame);
    });

    it('moves focus to the next control when the frame cannot take it', async () => {
      const container = await fixture<HTMLElement>(
        html`<div>
          <iframe data-purpose="media" data-src=${VIDEO} style="visibility: hidden"></iframe>
          <p>Text</p>
          <a href="#next">Next</a>
        </div>`,
      );
      const frame = container.querySelector('iframe')!;
      const {embeds} = start();
      embeds.update(OFF);
      allowButton(frame)!.focus();
      await sendKeys({press: 'Enter'});
      embeds.update(ON);
      expectFocusOn(container.querySelector('a'));
    });

    it('leaves focus alone when an update comes from elsewhere', async () => {
      const container = await fixture<HTMLElement>(
        html`<div>
          <button>Elsewhere</button>
          <iframe data-purpose="media" data-src=${VIDEO}></iframe>
        </div>`,
      );
      const frame = container.querySelector('iframe')!;
      const {embeds} = start();
      embeds.update(OFF);
      const elsewhere = container.querySelector('button')!;
      elsewhere.focus();
      embeds.update(ON);
      expect(frame.src).to.equal(VIDEO);
      expectFocusOn(elsewhere);
    });
  });

  describe('several purposes', () => {
    it('loads only when every one is granted, and "Allow" asks for those still off', async () => {
      const container = await fixture<HTMLElement>(
        html`<div><iframe data-purpose="media maps" data-src=${VIDEO}></iframe></div>`,
      );
      const frame = container.querySelector('iframe')!;
      const {embeds, allowed, loaded} = start();
      embeds.update(OFF);
      expect(groupOf(frame).name).to.equal('Video and Maps from StreamTube');
      expect(words(allowButton(frame))).to.equal('Allow Video and Maps');

      embeds.update(MEDIA_ONLY);
      expect(frame.hasAttribute('src')).to.equal(false);
      expect(groupOf(frame).name).to.equal('Video and Maps from StreamTube');
      expect(words(allowButton(frame))).to.equal('Allow Maps');
      allowButton(frame)!.click();
      expect(allowed).to.deep.equal([['maps']]);

      embeds.update(ON);
      expect(frame.src).to.equal(VIDEO);
      expect(loaded).to.deep.equal([[['media', 'maps'], 'video.example']]);
    });
  });

  describe('turning the purpose off again', () => {
    it('unloads the frame and puts the placeholder back, with focus on its button', async () => {
      const container = await fixture<HTMLElement>(
        html`<div><iframe data-purpose="media" data-src=${PROBE} title="Probe"></iframe></div>`,
      );
      const frame = container.querySelector('iframe')!;
      const {embeds, loaded} = start();
      const probeLoaded = new Promise((resolve) =>
        frame.addEventListener('load', resolve, {once: true}),
      );
      embeds.update(ON);
      await probeLoaded;
      expect(frame.contentDocument!.title).to.equal('Embed probe');
      expect(loaded).to.deep.equal([[['media'], 'localhost']]);
      frame.focus();
      expectFocusOn(frame);

      embeds.update(OFF);
      expect(frame.hasAttribute('src')).to.equal(false);
      expect(frame.contentWindow!.location.href).to.equal('about:blank');
      expect(frame.contentDocument!.title).to.equal('');
      expect(groupOf(frame).name).to.equal('Video from localhost');
      expectFocusOn(placeholderOf(frame));
      expectFocusOn(allowButton(frame), placeholderRoot(frame));

      // And on again: loaded anew, reported anew.
      embeds.update(ON);
      expect(frame.src).to.equal(PROBE);
      expect(loaded).to.have.length(2);
    });

    it('leaves focus where it was when the frame did not have it', async () => {
      const container = await fixture<HTMLElement>(
        html`<div>
          <button>Elsewhere</button>
          <iframe data-purpose="media" data-src=${VIDEO}></iframe>
        </div>`,
      );
      const {embeds} = start();
      embeds.update(ON);
      const elsewhere = container.querySelector('button')!;
      elsewhere.focus();
      embeds.update(OFF);
      expectFocusOn(elsewhere);
    });
  });

  describe('frames the page adds and removes', () => {
    it('handles frames added later with the current choices', async () => {
      const container = await fixture<HTMLElement>(html`<div></div>`);
      const {embeds, loaded} = start();
      embeds.update(OFF);
      const later = Object.assign(document.createElement('iframe'), {title: 'Later'});
      later.setAttribute('data-purpose', 'media');
      later.setAttribute('data-src', VIDEO);
      const wrapper = document.createElement('section');
      wrapper.append(later);
      container.append(wrapper);
      await mutationsDelivered();
      expect(groupOf(later).name).to.equal('Video from StreamTube');
      expect(later.hasAttribute('src')).to.equal(false);

      embeds.update(ON);
      const muchLater = later.cloneNode() as HTMLIFrameElement;
      container.append(muchLater);
      await mutationsDelivered();
      expect(muchLater.src).to.equal(VIDEO);
      expect(hasPlaceholder(muchLater)).to.equal(false);
      expect(loaded).to.deep.equal([
        [['media'], 'video.example'],
        [['media'], 'video.example'],
      ]);
    });

    it('removes the placeholder of a frame the page removed', async () => {
      const container = await fixture<HTMLElement>(
        html`<div><iframe data-purpose="media" data-src=${VIDEO}></iframe></div>`,
      );
      const frame = container.querySelector('iframe')!;
      start().embeds.update(OFF);
      expect(container.querySelectorAll('privacy-preferences-embed')).to.have.length(1);
      await mutationsDelivered();
      frame.remove();
      await mutationsDelivered();
      expect(container.querySelectorAll('privacy-preferences-embed')).to.have.length(0);
    });

    it('follows a changed data-src', async () => {
      const container = await fixture<HTMLElement>(
        html`<div><iframe data-purpose="media" data-src=${VIDEO}></iframe></div>`,
      );
      const frame = container.querySelector('iframe')!;
      const {embeds, loaded} = start();
      embeds.update(ON);
      await mutationsDelivered();
      frame.setAttribute('data-src', 'https://cdn.streamtube.example/v/2');
      await mutationsDelivered();
      expect(frame.src).to.equal('https://cdn.streamtube.example/v/2');
      expect(loaded).to.deep.equal([
        [['media'], 'video.example'],
        [['media'], 'cdn.streamtube.example'],
      ]);
    });

    it('stops watching once stopped, and leaves the placeholders shown', async () => {
      const container = await fixture<HTMLElement>(
        html`<div><iframe data-purpose="media" data-src=${VIDEO}></iframe></div>`,
      );
      const {embeds} = start();
      embeds.update(OFF);
      embeds.stop();
      const later = document.createElement('iframe');
      later.setAttribute('data-purpose', 'media');
      later.setAttribute('data-src', VIDEO);
      container.append(later);
      await mutationsDelivered();
      expect(hasPlaceholder(later)).to.equal(false);
      expect(container.querySelectorAll('privacy-preferences-embed')).to.have.length(1);
    });
  });

  describe('two centers on one page', () => {
    it('gives a frame one placeholder, and the second center takes over when the first stops', async () => {
      const container = await fixture<HTMLElement>(
        html`<div><iframe data-purpose="media" data-src=${VIDEO}></iframe></div>`,
      );
      const frame = container.querySelector('iframe')!;
      const first = start();
      const second = start();
      first.embeds.update(OFF);
      second.embeds.update(OFF);
      expect(container.querySelectorAll('privacy-preferences-embed')).to.have.length(1);
      // The second center's choices do not reach a frame the first one holds.
      second.embeds.update(ON);
      expect(frame.hasAttribute('src')).to.equal(false);
      second.embeds.update(OFF);

      first.embeds.stop();
      await mutationsDelivered();
      expect(container.querySelectorAll('privacy-preferences-embed')).to.have.length(1);
      allowButton(frame)!.click();
      expect(second.allowed).to.deep.equal([['media']]);
      expect(first.allowed).to.deep.equal([]);
    });
  });

  describe('what never loads', () => {
    it('never loads a data-src that is not http(s), says so, and warns once', async () => {
      const container = await fixture<HTMLElement>(
        html`<div>
          <iframe data-purpose="media" data-src="javascript:parent.hijacked=true"></iframe>
          <iframe data-purpose="media" data-src="javascript:parent.hijacked=true"></iframe>
          <iframe data-purpose="media" data-src="data:text/html,<p>hi</p>"></iframe>
        </div>`,
      );
      const frames = [...container.querySelectorAll('iframe')];
      const {embeds, loaded} = start();
      embeds.update(ON);
      embeds.update(ON);
      await nextFrame();

      for (const frame of frames) {
        expect(frame.hasAttribute('src')).to.equal(false);
        expect(groupOf(frame)).to.deep.equal({role: 'group', name: 'Embedded content'});
        const lines = placeholderRoot(frame).querySelectorAll('[role="group"] p');
        expect([...lines].map(words)).to.deep.equal([
          'Embedded content',
          "This content can't be shown here.",
        ]);
        expect(nameOf(allowButton(frame))).to.equal('nothing');
      }
      expect((window as {hijacked?: boolean}).hijacked).to.equal(undefined);
      expect(loaded).to.deep.equal([]);
      expect(warnings).to.deep.equal([
        '<privacy-preferences>: an embedded frame never loads: its data-src is not an http(s) address: "javascript:parent.hijacked=true".',
        '<privacy-preferences>: an embedded frame never loads: its data-src is not an http(s) address: "data:text/html,<p>hi</p>".',
      ]);
      warnings.length = 0;
    });

    it('never loads a frame naming a purpose the configuration does not have, and warns once', async () => {
      const container = await fixture<HTMLElement>(
        html`<div>
          <iframe data-purpose="media videos" data-src=${VIDEO}></iframe>
          <iframe data-purpose="videos" data-src=${VIDEO}></iframe>
        </div>`,
      );
      const frames = [...container.querySelectorAll('iframe')];
      const {embeds} = start();
      embeds.update(ON);
      for (const frame of frames) {
        expect(frame.hasAttribute('src')).to.equal(false);
        expect(groupOf(frame).name).to.equal('Embedded content');
      }
      expect(warnings).to.deep.equal([
        '<privacy-preferences>: an embedded frame never loads: its data-purpose names "videos", which is not configured.',
      ]);
      warnings.length = 0;
    });
  });

  describe('the same box, so that nothing shifts', () => {
    const layouts = {
      'width and height attributes': html`<iframe
        data-purpose="media"
        data-src=${VIDEO}
        width="560"
        height="315"
      ></iframe>`,
      'no size at all (300 × 150 and the default border)': html`<iframe
        data-purpose="media"
        data-src=${VIDEO}
      ></iframe>`,
      'a fluid width and an aspect ratio': html`<iframe
        data-purpose="media"
        data-src=${VIDEO}
        style="display: block; width: 100%; height: auto; aspect-ratio: 16 / 9; border: 0; margin-block: 12px"
      ></iframe>`,
      'the padding-top wrapper, absolutely positioned': html`<div
        style="position: relative; padding-top: 56.25%"
      >
        <iframe
          data-purpose="media"
          data-src=${VIDEO}
          style="position: absolute; top: 0; left: 0; width: 100%; height: 100%; border: 0"
        ></iframe>
      </div>`,
      'inline, in a line of text': html`<p>
        Our store:
        <iframe
          data-purpose="maps"
          data-src="https://maps.example/oslo"
          width="200"
          height="120"
        ></iframe>
        open daily.
      </p>`,
      'a percentage height the page cannot resolve': html`<div>
        <iframe data-purpose="media" data-src=${VIDEO} style="width: 80%; height: 100%"></iframe>
      </div>`,
      'a flex item': html`<div style="display: flex; gap: 8px; align-items: stretch">
        <span>Map</span>
        <iframe
          data-purpose="maps"
          data-src="https://maps.example/oslo"
          style="flex: 1; height: 200px"
        ></iframe>
      </div>`,
    };
    for (const [layout, template] of Object.entries(layouts)) {
      it(layout, async () => {
        const container = await fixture<HTMLElement>(
          html`<div style="width: 640px">
            <p>Before</p>
            ${template}
            <p class="after">After</p>
          </div>`,
        );
        const frame = container.querySelector('iframe')!;
        const after = container.querySelector('.after')!;
        const shown = boxOf(frame);
        const {embeds} = start();
        embeds.update(OFF);
        const placeholder = placeholderOf(frame)!;
        const held = {placeholder: boxOf(placeholder), after: boxOf(after)};
        embeds.update(ON);
        expect(hasPlaceholder(frame)).to.equal(false);
        expect(held).to.deep.equal({placeholder: boxOf(frame), after: boxOf(after)});
        expect(held.placeholder).to.deep.equal(shown);
      });
    }

    it('a frame in a tab panel that was hidden at first: the default 300 × 150 once it shows', async () => {
      const container = await fixture<HTMLElement>(
        html`<div>
          <div role="tabpanel" hidden>
            <iframe data-purpose="media" data-src=${VIDEO}></iframe>
          </div>
        </div>`,
      );
      const frame = container.querySelector('iframe')!;
      start().embeds.update(OFF);
      container.querySelector<HTMLElement>('[role="tabpanel"]')!.hidden = false;
      // A frame's default size and border (CSS 2, 10.3.2).
      expect(boxOf(placeholderOf(frame)!)).to.include({width: 304, height: 154});
    });

    it("follows the frame's size when a media query changes it", async () => {
      const container = await fixture<HTMLElement>(
        html`<div>
          <style>
            .sized {
              width: 400px;
              height: 225px;
            }
            @media (max-width: 700px) {
              .sized {
                width: 300px;
                height: 170px;
              }
            }
          </style>
          <iframe class="sized" data-purpose="media" data-src=${VIDEO}></iframe>
        </div>`,
      );
      const frame = container.querySelector('iframe')!;
      await setViewport({width: 800, height: 600});
      start().embeds.update(OFF);
      const placeholder = placeholderOf(frame)!;
      // The default 2px border of a frame, around the content box.
      expect([boxOf(placeholder).width, boxOf(placeholder).height]).to.deep.equal([404, 229]);
      try {
        await setViewport({width: 640, height: 600});
        await nextFrame();
        await nextFrame();
        expect([boxOf(placeholder).width, boxOf(placeholder).height]).to.deep.equal([304, 174]);
      } finally {
        await setViewport({width: 800, height: 600});
      }
    });

    it('stays fluid: a placeholder of a 100% wide frame follows its container', async () => {
      const container = await fixture<HTMLElement>(
        html`<div style="width: 640px">
          <iframe
            data-purpose="media"
            data-src=${VIDEO}
            style="display: block; width: 100%; aspect-ratio: 16 / 9; border: 0"
          ></iframe>
        </div>`,
      );
      const frame = container.querySelector('iframe')!;
      start().embeds.update(OFF);
      container.style.width = '320px';
      expect(boxOf(placeholderOf(frame)!).width).to.equal(320);
      expect(boxOf(placeholderOf(frame)!).height).to.equal(180);
    });
  });

  describe('under a strict Content Security Policy and Trusted Types', () => {
    it('draws the placeholder with no inline style and no Trusted Types policy', async () => {
      const page = document.createElement('iframe');
      page.style.width = '700px';
      page.srcdoc = `<meta http-equiv="Content-Security-Policy"
          content="style-src 'self'; require-trusted-types-for 'script'; trusted-types 'none'">
        <iframe data-purpose="media" data-src="${VIDEO}" width="560" height="315"></iframe>
        <script type="module">
          window.violations = [];
          document.addEventListener('securitypolicyviolation', (event) =>
            window.violations.push(event.violatedDirective));
          const {startEmbeds} = await import('/src/browser/embeds.ts');
          const {mediaPurposes} = await import('/test/fixtures/media-purposes.ts');
          startEmbeds(document, {
            purposes: mediaPurposes, locale: 'en', theme: 'light', allow() {}, onLoaded() {},
          }).update({media: 'denied'});
          window.done = true;
        </script>`;
      const loaded = new Promise((resolve) => page.addEventListener('load', resolve, {once: true}));
      document.body.append(page);
      try {
        await loaded;
        const inner = page.contentWindow as Window & {done?: boolean; violations?: string[]};
        await waitUntil(() => inner.done, 'the page never started its embeds');
        const frame = inner.document.querySelector('iframe')!;
        const placeholder = placeholderOf(frame)!;
        expect(groupOf(frame).name).to.equal('Video from StreamTube');
        // The sizes went in through the CSSOM, the styles through an adopted sheet.
        expect(boxOf(placeholder)).to.include({width: 564, height: 319});
        expect(inner.getComputedStyle(placeholder).backgroundColor).to.equal('rgb(255, 255, 255)');
        expect(inner.violations).to.deep.equal([]);
      } finally {
        page.remove();
      }
    });
  });

  describe('accessibility and languages', () => {
    for (const theme of ['light', 'dark'] as const)
      it(`passes axe in the ${theme} theme`, async () => {
        const container = await fixture<HTMLElement>(
          html`<div>
            <iframe
              data-purpose="media"
              data-src=${VIDEO}
              title="Tent video"
              width="560"
              height="315"
            ></iframe>
            <iframe data-purpose="media" data-src="javascript:void 0"></iframe>
          </div>`,
        );
        start({theme}).embeds.update(OFF);
        const [first, second] = container.querySelectorAll('iframe');
        expect(placeholderOf(first!)!.getAttribute('theme')).to.equal(theme);
        await expect(placeholderOf(first!)).to.be.accessible();
        await expect(placeholderOf(second!)).to.be.accessible();
        warnings.length = 0;
      });

    it('speaks German', async () => {
      const container = await fixture<HTMLElement>(
        html`<div><iframe data-purpose="media" data-src=${VIDEO}></iframe></div>`,
      );
      const frame = container.querySelector('iframe')!;
      expect(await useLocale(['de'])).to.equal('de');
      start({locale: 'de'}).embeds.update(OFF);
      expect(groupOf(frame).name).to.equal('Videos von StreamTube');
      expect(words(allowButton(frame))).to.equal('Videos erlauben');
      expect(words(placeholderRoot(frame).querySelector('a'))).to.equal(
        'Datenschutzerklärung von StreamTube',
      );
      expect(placeholderRoot(frame).querySelector('[role="group"]')!.getAttribute('lang')).to.equal(
        'de',
      );
    });

    it('is mirrored in Hebrew, and passes axe', async () => {
      const container = await fixture<HTMLElement>(
        html`<div><iframe data-purpose="media" data-src=${VIDEO}></iframe></div>`,
      );
      const frame = container.querySelector('iframe')!;
      expect(await useLocale(['he'])).to.equal('he');
      start({locale: 'he'}).embeds.update(OFF);
      const group = placeholderRoot(frame).querySelector('[role="group"]')!;
      expect(group.getAttribute('dir')).to.equal('rtl');
      expect(group.getAttribute('lang')).to.equal('he');
      expect(words(allowButton(frame))).to.not.include('Allow');
      await expect(placeholderOf(frame)).to.be.accessible();
    });
  });
});
