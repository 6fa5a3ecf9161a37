/**
 * Themes: `theme="light|dark|auto"`, every colour a token, both themes meeting WCAG 2.2 AA
 * against what is actually behind each colour, on a light and on a dark host page; forced
 * colours usable, reduced motion honored.
 */
import {expect, html, waitUntil} from '@open-wc/testing';
import {executeServerCommand} from '@web/test-runner-commands';
import type {PrivacyPreferences} from '../../src/index.js';
import {shopConfig} from '../fixtures/shop-config.js';
import {
  captureErrors,
  failOnWarnings,
  forgetEverything,
  renderCenter,
  sendGpcSignal,
  shadow,
  switchNamed,
} from '../support/center.js';

type Rgb = readonly [number, number, number];

/**
 * Emulates media features in Chromium and Firefox alike (test/support/media-features-plugin.mjs);
 * `null` ends a feature's emulation.
 */
function emulateMediaFeatures(features: {
  colorScheme?: 'light' | 'dark' | null;
  reducedMotion?: 'reduce' | 'no-preference' | null;
  forcedColors?: 'active' | 'none' | null;
}): Promise<unknown> {
  return executeServerCommand('emulate-media-features', features);
}

/**
 * A computed colour as 8-bit sRGB: `rgb(…)`/`rgba(…)`, or `color(srgb …)`/`color(srgb-linear …)`
 * (what a colour derived with relative colour syntax computes to); `undefined` when transparent.
 */
function parseColor(color: string): Rgb | undefined {
  const fn = /^color\((srgb|srgb-linear) ([-\d.e]+) ([-\d.e]+) ([-\d.e]+)(?: \/ ([\d.]+))?\)$/.exec(
    color,
  );
  if (fn) {
    if (fn[5] !== undefined && Number(fn[5]) === 0) return undefined;
    const encode = (value: number) => {
      const c = Math.min(1, Math.max(0, value));
      if (fn[1] === 'srgb') return c * 255;
      return (c <= 0.0031308 ? c * 12.92 : 1.055 * c ** (1 / 2.4) - 0.055) * 255;
    };
    return [encode(Number(fn[2])), encode(Number(fn[3])), encode(Number(fn[4]))];
  }
  const match = /rgba?\(([\d.]+),? ([\d.]+),? ([\d.]+)(?:,? \/? ?([\d.]+))?\)/.exec(color);
  if (!match) throw new Error(`unexpected colour ${color}`);
  if (match[4] !== undefined && Number(match[4]) === 0) return undefined;
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function luminance([r, g, b]: Rgb): number {
  const channel = (value: number) => {
    const c = value / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** The WCAG contrast ratio of two colours. */
function contrast(a: Rgb, b: Rgb): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

/** The colour actually painted behind an element: the nearest opaque background up the tree. */
function backdropOf(element: Element): Rgb {
  for (let node: Element | null = element; node;) {
    const background = parseColor(getComputedStyle(node).backgroundColor);
    if (background) return background;
    node = node.parentElement ?? ((node.getRootNode() as ShadowRoot).host || null);
  }
  return [255, 255, 255];
}

/** An element's background, rounded to 8-bit sRGB. */
function backgroundOf(element: Element): number[] {
  return (parseColor(getComputedStyle(element).backgroundColor) ?? []).map(Math.round);
}

function colorOf(element: Element, property: 'color' | 'outlineColor' | 'borderTopColor'): Rgb {
  const color = parseColor(getComputedStyle(element)[property]);
  if (!color) throw new Error(`${property} is transparent`);
  return color;
}

/** One measured pair per promise: text 4.5:1, UI components and the focus ring 3:1. */
async function measure(el: PrivacyPreferences): Promise<Record<string, number>> {
  // One switch on by the customer's hand, beside the required one (on and locked).
  el.setChoice('analytics', true);
  await el.updateComplete;
  const root = shadow(el);
  for (const animation of root.getAnimations()) animation.finish(); // the switch's 120 ms
  const one = (selector: string) => {
    const found = root.querySelector(selector);
    if (!found) throw new Error(`no ${selector}`);
    return found;
  };
  const text = (selector: string) => {
    const element = one(selector);
    return contrast(colorOf(element, 'color'), backdropOf(element));
  };
  const on = switchNamed(el, 'Usage analytics').querySelector('.track')!;
  const off = switchNamed(el, 'Personal recommendations').querySelector('.track')!;
  const onTrack = parseColor(getComputedStyle(on).backgroundColor)!;
  // The required purpose's switch: on and locked. What is painted, its opacity included.
  const locked = switchNamed(el, 'Your account and basket').querySelector('.track')!;
  const lockedBackdrop = backdropOf(locked.parentElement!);
  const lockedTrack = painted(locked, lockedBackdrop);
  const lockedThumb = painted(locked.querySelector('.thumb')!, lockedBackdrop, locked);
  return {
    'heading text': text('h2'),
    'introduction (muted)': text('.intro'),
    'notice text': text('[part~="gpc-notice"]'),
    'benefit text': text('[part="benefit"]'),
    'required reason (muted)': text('[part="required"]'),
    'status (muted)': text('[part="status"]'),
    'link in the header': text('.links a'),
    'details summary': text('summary'),
    'button text on accent': text('[part="action"]'),
    'switch on: track': contrast(onTrack, backdropOf(on.parentElement!)),
    'locked switch: track': contrast(lockedTrack, lockedBackdrop),
    'locked switch: thumb on its track': contrast(lockedThumb, lockedTrack),
    'switch off: track border': contrast(colorOf(off, 'borderTopColor'), backdropOf(off)),
    'focus ring': focusRingContrast(one('[part="action"]') as HTMLElement),
  };
}

/**
 * The colour an element's background is painted in, over `backdrop`: blended by the opacity of
 * `group` (the element itself, or the ancestor whose opacity applies to both).
 */
function painted(element: Element, backdrop: Rgb, group: Element = element): Rgb {
  const color = parseColor(getComputedStyle(element).backgroundColor);
  if (!color) throw new Error('transparent background');
  const opacity = Number(getComputedStyle(group).opacity);
  return color.map(
    (channel, at) => opacity * channel + (1 - opacity) * backdrop[at]!,
  ) as unknown as Rgb;
}

/** The ring a keyboard user sees around a focused control, against what surrounds the control. */
function focusRingContrast(control: HTMLElement): number {
  control.focus({focusVisible: true} as FocusOptions);
  if (!control.matches(':focus-visible')) throw new Error('no visible focus');
  const ratio = contrast(colorOf(control, 'outlineColor'), backdropOf(control.parentElement!));
  control.blur();
  return ratio;
}

const MINIMUM: Record<string, number> = {
  'switch on: track': 3,
  'locked switch: track': 3,
  'locked switch: thumb on its track': 3,
  'switch off: track border': 3,
  'focus ring': 3,
};

const HOST_PAGES = {
  'a light page': {background: '#ffffff', color: '#111111'},
  'a dark page': {background: '#121212', color: '#f0f0f0'},
} as const;

async function renderThemed(
  theme: string,
  page: keyof typeof HOST_PAGES,
  mode: 'inline' | 'modal' | 'banner' = 'inline',
): Promise<PrivacyPreferences> {
  Object.assign(document.body.style, HOST_PAGES[page]);
  const {el} = await renderCenter(
    html`<privacy-preferences
      .config=${shopConfig}
      theme=${theme}
      mode=${mode}
      locale="en"
    ></privacy-preferences>`,
  );
  if (mode === 'modal') el.open();
  const selector = {inline: '[part="base"]', modal: 'dialog[open]', banner: '[part="banner"]'}[
    mode
  ];
  await waitUntil(() => shadow(el).querySelector(selector), `no ${mode} center shown`);
  await el.updateComplete;
  return el;
}

describe('themes', () => {
  failOnWarnings();
  const errors = captureErrors();
  let restoreGpc: (() => void) | undefined;
  beforeEach(() => forgetEverything());
  afterEach(async () => {
    restoreGpc?.();
    restoreGpc = undefined;
    document.body.removeAttribute('style');
    await emulateMediaFeatures({colorScheme: null, reducedMotion: null, forcedColors: null});
    expect(errors.messages, errors.messages.join('\n')).to.deep.equal([]);
  });

  for (const theme of ['light', 'dark'] as const) {
    for (const page of Object.keys(HOST_PAGES) as (keyof typeof HOST_PAGES)[]) {
      it(`${theme} on ${page}: every text 4.5:1, switches and focus ring 3:1`, async () => {
        restoreGpc = sendGpcSignal(); // for the notice
        const el = await renderThemed(theme, page);
        const ratios = await measure(el);
        const failing = Object.entries(ratios)
          .filter(([name, ratio]) => ratio < (MINIMUM[name] ?? 4.5))
          .map(([name, ratio]) => `${name}: ${ratio.toFixed(2)}`);
        expect(failing).to.deep.equal([]);
      });

      for (const mode of ['inline', 'modal', 'banner'] as const) {
        it(`${theme} on ${page}, ${mode}: no accessibility violation (axe)`, async () => {
          const el = await renderThemed(theme, page, mode);
          await expect(el).to.be.accessible();
        });
      }
    }
  }

  it('dark and light really differ: the dark surface is dark, the light one light', async () => {
    const dark = await renderThemed('dark', 'a light page');
    const light = await renderThemed('light', 'a dark page');
    expect(luminance(backdropOf(shadow(dark).querySelector('h2')!))).to.be.below(0.05);
    expect(luminance(backdropOf(shadow(light).querySelector('h2')!))).to.be.above(0.9);
  });

  for (const scheme of ['dark', 'light'] as const) {
    it(`auto (and an unknown theme) follows prefers-color-scheme: ${scheme}`, async () => {
      await emulateMediaFeatures({colorScheme: scheme});
      for (const theme of ['auto', 'sepia']) {
        const el = await renderThemed(theme, 'a light page');
        const surface = luminance(backdropOf(shadow(el).querySelector('h2')!));
        expect(scheme === 'dark' ? surface < 0.05 : surface > 0.9).to.equal(true);
        expect(el.theme).to.equal('auto');
      }
    });
  }

  it('switches theme in place when the attribute changes', async () => {
    const el = await renderThemed('light', 'a light page');
    const heading = shadow(el).querySelector('h2')!;
    expect(luminance(backdropOf(heading))).to.be.above(0.9);
    el.theme = 'dark';
    expect(el.getAttribute('theme')).to.equal('dark');
    expect(luminance(backdropOf(heading))).to.be.below(0.05);
  });

  it('a brand re-colours with tokens alone, in both themes', async () => {
    const el = await renderThemed('dark', 'a light page');
    el.style.setProperty('--pp-color-accent', 'light-dark(#7a1f5c, #f4a9d8)');
    const action = shadow(el).querySelector('[part="action"]')!;
    // A pair that has the contrast it needs is used exactly as given.
    expect(backgroundOf(action)).to.deep.equal([244, 169, 216]);
    el.theme = 'light';
    expect(backgroundOf(action)).to.deep.equal([122, 31, 92]);
  });

  describe("the demo shop's accent, as demo/demo.css sets it", () => {
    let style: HTMLStyleElement | undefined;
    afterEach(() => style?.remove());

    for (const [theme, scheme] of [
      ['light', null],
      ['dark', null],
      ['auto', 'dark'],
    ] as const) {
      for (const page of Object.keys(HOST_PAGES) as (keyof typeof HOST_PAGES)[]) {
        for (const mode of ['inline', 'modal', 'banner'] as const) {
          it(`${theme}${scheme ? ` under ${scheme}` : ''} on ${page}, ${mode}: no violation (axe)`, async () => {
            const demo = await (await fetch('/demo/demo.css')).text();
            const rule = /^privacy-preferences \{[^}]*\}/m.exec(demo)?.[0];
            expect(rule, 'the demo styles the element').to.contain('--pp-color-accent');
            style = document.head.appendChild(document.createElement('style'));
            style.textContent = rule!;
            if (scheme) await emulateMediaFeatures({colorScheme: scheme});
            const el = await renderThemed(theme, page, mode);
            expect(getComputedStyle(el).getPropertyValue('--pp-color-accent')).to.contain(
              '#0d5c58',
            );
            await expect(el).to.be.accessible();
          });
        }
      }
    }
  });

  describe('a site that sets one accent for both themes', () => {
    let style: HTMLStyleElement | undefined;
    afterEach(() => style?.remove());
    const setAccent = (accent: string) => {
      style = document.head.appendChild(document.createElement('style'));
      style.textContent = `privacy-preferences { --pp-color-accent: ${accent}; }`;
    };

    // The demo shop's teal, a brand yellow, the extremes, primaries, a plum.
    for (const accent of [
      '#0d5c58',
      '#ffcc00',
      '#000000',
      '#ffffff',
      '#ff0000',
      '#0000ff',
      '#7a1f5c',
    ]) {
      for (const theme of ['light', 'dark'] as const) {
        it(`${accent}, ${theme}: moved just enough to keep every contrast`, async () => {
          setAccent(accent);
          restoreGpc = sendGpcSignal();
          const el = await renderThemed(theme, theme === 'dark' ? 'a dark page' : 'a light page');
          const failing = Object.entries(await measure(el))
            .filter(([measured, ratio]) => ratio < (MINIMUM[measured] ?? 4.5))
            .map(([measured, ratio]) => `${measured}: ${ratio.toFixed(2)}`);
          expect(failing).to.deep.equal([]);
        });
      }
    }

    it('a value that already has the contrast is used as given, keeping its hue when moved', async () => {
      setAccent('#0d5c58');
      const el = await renderThemed('light', 'a light page');
      const action = shadow(el).querySelector('[part="action"]')!;
      expect(backgroundOf(action)).to.deep.equal([13, 92, 88]);
      el.theme = 'dark';
      const [red, green, blue] = backgroundOf(action);
      expect(luminance([red, green, blue])).to.be.within(0.279, 0.29);
      expect(green).to.be.above(red + 100); // still a teal, not a grey
    });

    for (const [theme, scheme] of [
      ['dark', null],
      ['auto', 'dark'],
    ] as const) {
      for (const mode of ['inline', 'modal', 'banner'] as const) {
        it(`single-value accent under dark (theme="${theme}"), ${mode}: no violation (axe), buttons and links 4.5:1`, async () => {
          if (scheme) await emulateMediaFeatures({colorScheme: scheme});
          setAccent('#0d5c58');
          const el = await renderThemed(theme, 'a light page', mode);
          await expect(el).to.be.accessible();
          const root = shadow(el);
          const action = root.querySelector<HTMLElement>('[part="action"]')!;
          const link = root.querySelector<HTMLElement>('a[href]')!;
          expect(contrast(colorOf(action, 'color'), backdropOf(action))).to.be.at.least(4.5);
          expect(contrast(colorOf(link, 'color'), backdropOf(link))).to.be.at.least(4.5);
          expect(focusRingContrast(action)).to.be.at.least(3);
        });
      }
    }
  });

  describe('the re-brandings shown in the README', () => {
    let style: HTMLStyleElement | undefined;
    afterEach(() => style?.remove());

    const names = ['the accent pair (the demo shop)', 'an outdoor shop', 'a fashion label'];
    for (const [index, name] of names.entries()) {
      for (const theme of ['light', 'dark'] as const) {
        it(`${name}, ${theme}: restyled by tokens and parts, contrast kept`, async () => {
          const readme = await (await fetch('/README.md')).text();
          const blocks = [...readme.matchAll(/```css\n([\s\S]*?)```/g)].map(([, css]) => css!);
          expect(blocks).to.have.length(names.length);
          style = document.head.appendChild(document.createElement('style'));
          style.textContent = blocks[index]!;
          restoreGpc = sendGpcSignal();
          const el = await renderThemed(theme, theme === 'dark' ? 'a dark page' : 'a light page');
          const action = shadow(el).querySelector('[part="action"]')!;
          const accent = getComputedStyle(el).getPropertyValue('--pp-color-accent');
          expect(accent).to.contain('light-dark(');
          expect(backgroundOf(action)).to.not.deep.equal([26, 95, 180]);
          const failing = Object.entries(await measure(el))
            .filter(([measured, ratio]) => ratio < (MINIMUM[measured] ?? 4.5))
            .map(([measured, ratio]) => `${measured}: ${ratio.toFixed(2)}`);
          expect(failing).to.deep.equal([]);
          await expect(el).to.be.accessible();
        });
      }
    }
  });

  it('without motion when the customer asks for reduced motion', async () => {
    const el = await renderThemed('light', 'a light page');
    const track = switchNamed(el, 'Usage analytics').querySelector('.track')!;
    expect(getComputedStyle(track).transitionDuration).to.equal('0.12s');
    await emulateMediaFeatures({reducedMotion: 'reduce'});
    expect(getComputedStyle(track).transitionDuration).to.equal('0s');
  });

  describe('in forced colours (Windows High Contrast)', () => {
    it('shows a switch on and off apart without colour: thumb side, word, system colours', async () => {
      const el = await renderThemed('dark', 'a dark page');
      await emulateMediaFeatures({forcedColors: 'active'});
      expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
      const on = switchNamed(el, 'Your account and basket');
      const off = switchNamed(el, 'Personal recommendations');
      const thumbOffset = (toggle: HTMLElement) =>
        toggle.querySelector('.thumb')!.getBoundingClientRect().left -
        toggle.querySelector('.track')!.getBoundingClientRect().left;
      expect(thumbOffset(on) - thumbOffset(off)).to.be.above(10);
      expect(on.querySelector('.state')!.textContent!.trim()).to.equal('On');
      expect(off.querySelector('.state')!.textContent!.trim()).to.equal('Off');
      const track = (toggle: HTMLElement) =>
        getComputedStyle(toggle.querySelector('.track')!).backgroundColor;
      expect(track(on)).to.not.equal(track(off));
      await expect(el).to.be.accessible();
    });
  });
});
