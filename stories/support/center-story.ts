/**
 * The center as every story renders it, from the same arguments a site owner sets: the element's
 * attributes, its configuration (the demo shop's by default) and the main colour tokens. Controls
 * change them live; the docs page lists the rest from the Custom Elements Manifest.
 */
import type {ArgTypes} from '@storybook/web-components-vite';
import {html, nothing} from 'lit';
import {styleMap} from 'lit/directives/style-map.js';
import {expect, waitFor, within} from 'storybook/test';
import shop from '../../demo/purposes.json';
import type {PrivacyConfig} from '../../src/core/config.js';
import type {DisplayMode, PrivacyPreferences, Theme} from '../../src/index.js';
import '../../src/privacy-preferences.js';
import {allLocales} from '../../src/generated/locale-codes.js';

export interface CenterArgs {
  mode: DisplayMode;
  theme: Theme;
  locale: string;
  config: unknown;
  configUrl?: string;
  endpoint?: string;
  /** Where the customer is (the demo shop's rules: `DE`, `GB`, `US-CA`, anything else). */
  region?: string;
  '--pp-color-accent'?: string;
  '--pp-color-surface'?: string;
  '--pp-color-text'?: string;
  '--pp-font-family'?: string;
  '--pp-radius'?: string;
}

/** The demo shop's configuration: seven purposes in 17 languages. */
export const SHOP = shop as unknown as PrivacyConfig;

export const centerArgs: CenterArgs = {mode: 'inline', theme: 'auto', locale: 'en', config: SHOP};

const TOKENS = [
  '--pp-color-accent',
  '--pp-color-surface',
  '--pp-color-text',
  '--pp-font-family',
  '--pp-radius',
] as const;

export const centerArgTypes: Partial<ArgTypes<CenterArgs>> = {
  mode: {control: 'inline-radio', options: ['inline', 'modal', 'banner']},
  theme: {control: 'inline-radio', options: ['auto', 'light', 'dark']},
  locale: {control: 'select', options: [...allLocales]},
  region: {
    control: 'select',
    options: ['', 'DE', 'GB', 'US-CA', 'JP'],
    description: 'Where the customer is; empty: unknown (the strictest rule)',
  },
  config: {control: 'object'},
  ...Object.fromEntries(
    TOKENS.map((token) => [
      token,
      {
        control: token.startsWith('--pp-color') ? 'color' : 'text',
        table: {category: 'CSS tokens'},
      },
    ]),
  ),
};

export function renderCenter(args: CenterArgs) {
  const tokens = Object.fromEntries(
    TOKENS.filter((token) => args[token]).map((token) => [token, args[token]!]),
  );
  return html`<privacy-preferences
    .config=${args.config}
    config-url=${args.configUrl ?? nothing}
    endpoint=${args.endpoint ?? nothing}
    region=${args.region || nothing}
    mode=${args.mode}
    theme=${args.theme}
    locale=${args.locale}
    style=${styleMap(tokens)}
  ></privacy-preferences>`;
}

/**
 * The story's center, once `selector` shows in it and what it was doing has settled (unless
 * `settled` is false: a configuration that never arrives never settles).
 */
export async function centerIn(canvas: HTMLElement, selector = '[part="base"]', settled = true) {
  const el = canvas.querySelector<PrivacyPreferences>('privacy-preferences');
  if (!el) throw new Error('no <privacy-preferences> in the story');
  await waitFor(() => expect(el.shadowRoot?.querySelector(selector)).toBeTruthy(), {
    timeout: 5000,
  });
  if (settled) await el.updateComplete;
  const root = el.shadowRoot!;
  return {el, root, screen: within(root as unknown as HTMLElement)};
}

/**
 * The default play of every story: wait until the center has rendered what it shows, so that
 * the accessibility check after it (addon-a11y) looks at the center, not at an empty host.
 */
export async function settle({
  canvasElement,
  args,
}: {
  canvasElement: HTMLElement;
  args: CenterArgs;
}): Promise<void> {
  await centerIn(canvasElement, args.mode === 'banner' ? '[part="banner"]' : '[part="base"]');
}

/** The status line's words, as a screen reader hears them. */
export function statusOf(root: ShadowRoot): string {
  return root.querySelector('[role="status"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}
