/**
 * Re-brandings made only with tokens and parts — the very CSS the README shows (read from it, so
 * the two cannot drift) — each in the light and the dark theme; and a site that sets one accent
 * for both themes, still readable in the dark one.
 */
import type {Meta, StoryObj} from '@storybook/web-components-vite';
import {html} from 'lit';
import {expect} from 'storybook/test';
import readme from '../README.md?raw';
import {
  centerArgs,
  centerArgTypes,
  centerIn,
  renderCenter,
  type CenterArgs,
} from './support/center-story.js';

/** The README's CSS block whose first line (a comment) mentions `name`. */
function readmeCss(name: string): string {
  const blocks = [...readme.matchAll(/```css\n([\s\S]*?)```/g)].map(([, css]) => css ?? '');
  const found = blocks.find((css) => css.includes(name));
  if (!found) throw new Error(`no CSS for ${name} in the README`);
  return found;
}

const accentPair = readmeCss('--pp-color-on-accent: light-dark(#ffffff, #062b28)');
const outdoorShop = readmeCss('An outdoor shop');
const fashionLabel = readmeCss('A fashion label');

/** The brand's CSS, scoped to this story's center. */
function branded(css: string) {
  const scoped = css.replaceAll('privacy-preferences', '.brand privacy-preferences');
  return (args: CenterArgs) =>
    html`<style>
        ${scoped}
      </style>
      <div class="brand">${renderCenter(args)}</div>`;
}

const meta: Meta<CenterArgs> = {
  title: 'Privacy preferences/Brand themes',
  component: 'privacy-preferences',
  args: centerArgs,
  argTypes: centerArgTypes,
  play: async ({canvasElement}) => {
    const {el, root} = await centerIn(canvasElement);
    // Restyled: the accent is the brand's, not the default blue.
    await expect(getComputedStyle(el).getPropertyValue('--pp-color-accent')).toContain(
      'light-dark(',
    );
    const action = root.querySelector('[part="action"]')!;
    // Not the default blue, as the element computes it (in linear light).
    const probe = canvasElement.appendChild(document.createElement('span'));
    probe.style.color = 'color(from #1a5fb4 srgb-linear r g b)';
    await expect(getComputedStyle(action).backgroundColor).not.toBe(getComputedStyle(probe).color);
    probe.remove();
  },
};
export default meta;

type Story = StoryObj<CenterArgs>;

/** Forest green, square corners, the shop's typeface, upper-case titles. */
export const OutdoorShop: Story = {args: {theme: 'light'}, render: branded(outdoorShop)};

export const OutdoorShopDark: Story = {args: {theme: 'dark'}, render: branded(outdoorShop)};

/** Ink on paper, pill buttons, generous spacing. */
export const FashionLabel: Story = {args: {theme: 'light'}, render: branded(fashionLabel)};

export const FashionLabelDark: Story = {args: {theme: 'dark'}, render: branded(fashionLabel)};

/** The demo shop's teal as the README shows it: a light and a dark value. */
export const AccentPair: Story = {args: {theme: 'light'}, render: branded(accentPair)};

export const AccentPairDark: Story = {args: {theme: 'dark'}, render: branded(accentPair)};

/**
 * One value for both themes, the dark banner: the teal is lightened just enough (hue kept) for
 * the dark surface and the dark text on the buttons.
 */
export const SingleAccentDarkBanner: Story = {
  args: {theme: 'dark', mode: 'banner', '--pp-color-accent': '#0d5c58'},
  render: renderCenter,
  play: async ({canvasElement}) => {
    const {root} = await centerIn(canvasElement, '[part="banner"]');
    const action = root.querySelector('[part="action"]')!;
    await expect(getComputedStyle(action).backgroundColor).not.toBe('rgb(13, 92, 88)');
  },
};

export const SingleAccentDark: Story = {
  args: {theme: 'dark', '--pp-color-accent': '#0d5c58'},
  render: renderCenter,
  play: async ({canvasElement}) => {
    await centerIn(canvasElement);
  },
};
