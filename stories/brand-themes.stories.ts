/**
 * Two re-brandings made only with tokens and parts — the very CSS the README shows (read from
 * it, so the two cannot drift) — each in the light and the dark theme.
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

const [outdoorShop = '', fashionLabel = ''] = [...readme.matchAll(/```css\n([\s\S]*?)```/g)].map(
  ([, css]) => css,
);

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
    await expect(getComputedStyle(action).backgroundColor).not.toBe('rgb(26, 95, 180)');
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
