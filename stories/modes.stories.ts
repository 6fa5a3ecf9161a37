/**
 * The three placements a site chooses with `mode`, each in the light and the dark theme: the
 * center in place on an account page, the first-visit banner, and the dialog behind a "Privacy
 * choices" link. Forced colours (Windows High Contrast) cannot be switched on from Storybook:
 * Chromium's DevTools show it under Rendering → "Emulate CSS media feature forced-colors"
 * (the browser suite tests it, test/ui/themes.test.ts).
 */
import type {Meta, StoryObj} from '@storybook/web-components-vite';
import {html} from 'lit';
import {expect, userEvent, waitFor} from 'storybook/test';
import {
  centerArgs,
  centerArgTypes,
  centerIn,
  renderCenter,
  settle,
  type CenterArgs,
} from './support/center-story.js';
import {sendGpcSignal} from '../test/support/gpc.js';

const meta: Meta<CenterArgs> = {
  title: 'Privacy preferences/Modes',
  component: 'privacy-preferences',
  tags: ['autodocs'],
  args: centerArgs,
  argTypes: centerArgTypes,
  render: renderCenter,
  play: settle,
};
export default meta;

type Story = StoryObj<CenterArgs>;

/** `mode="inline"`: a section of the account page. */
export const Inline: Story = {args: {theme: 'light'}};

export const InlineDark: Story = {args: {theme: 'dark'}};

/** `mode="banner"`: shown at the bottom edge while the customer has decided nothing. */
export const Banner: Story = {
  args: {mode: 'banner', theme: 'light'},
  play: async ({canvasElement}) => {
    const {screen} = await centerIn(canvasElement, '[part="banner"]');
    await expect(screen.getByRole('region', {name: 'Your privacy choices'})).toBeTruthy();
  },
};

export const BannerDark: Story = {
  args: {mode: 'banner', theme: 'dark'},
  play: Banner.play,
};

/**
 * A choice in the banner hides it at once, here and in the customer's other tabs; it applies
 * once recorded (the session may still be loading when the banner goes).
 */
export const BannerDecision: Story = {
  args: {mode: 'banner', theme: 'light'},
  play: async ({canvasElement}) => {
    const {el, root, screen} = await centerIn(canvasElement, '[part="banner"]');
    await userEvent.click(screen.getByRole('button', {name: 'Accept all'}));
    await waitFor(() => expect(root.querySelector('[part="banner"]')).toBeNull());
    await waitFor(() => expect(el.getChoice('analytics')).toBe('granted'));
  },
};

/** `mode="modal"`: nothing until the footer's "Privacy choices" link is used; then a dialog. */
export const Dialog: Story = {
  args: {mode: 'modal', theme: 'light'},
  render: (args) =>
    html`<p><a href="#privacy" data-privacy-preferences-open>Privacy choices</a></p>
      ${renderCenter(args)}`,
  play: async ({canvasElement}) => {
    const link = canvasElement.querySelector<HTMLAnchorElement>(
      'a[data-privacy-preferences-open]',
    )!;
    link.focus();
    await userEvent.keyboard('{Enter}');
    const {root, screen} = await centerIn(canvasElement, 'dialog[open]');
    await expect(screen.getByRole('dialog', {name: 'Privacy choices'})).toBeTruthy();
    screen.getByRole('button', {name: 'Close'}).focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(root.querySelector('dialog[open]')).toBeNull());
    await expect(document.activeElement).toBe(link);
    // Shown open, as a designer wants to see it.
    await userEvent.keyboard('{Enter}');
    await centerIn(canvasElement, 'dialog[open]');
  },
};

export const DialogDark: Story = {
  args: {mode: 'modal', theme: 'dark'},
  render: Dialog.render,
  play: Dialog.play,
};

/**
 * Where the rule is a notice (the demo shop's rule outside Europe and California): the banner
 * informs, with "OK" and "Choose what to allow"; "OK" records nothing.
 */
export const BannerNotice: Story = {
  args: {mode: 'banner', theme: 'light', region: 'JP'},
  play: async ({canvasElement}) => {
    const {screen} = await centerIn(canvasElement, '[part="banner"]');
    await expect(screen.getByRole('button', {name: 'OK'})).toBeTruthy();
    await expect(screen.queryByRole('button', {name: 'Accept all'})).toBeNull();
  },
};

/** In the EEA, where closing the banner means "Reject all": the "×" named "Close and reject". */
export const BannerCloseRejects: Story = {
  args: {mode: 'banner', theme: 'dark', region: 'DE'},
  play: async ({canvasElement}) => {
    const {screen} = await centerIn(canvasElement, '[part="banner"]');
    await expect(screen.getByRole('button', {name: 'Close and reject'})).toBeTruthy();
  },
};

/**
 * California (opt-out) with Global Privacy Control: every sale or sharing first in the list,
 * "Opt-Out Request Honored" beside what the signal turned off.
 */
export const OptOutRequestHonored: Story = {
  args: {mode: 'inline', theme: 'light', region: 'US-CA'},
  beforeEach: () => sendGpcSignal(),
  play: async ({canvasElement}) => {
    const {root} = await centerIn(canvasElement, '[part="purposes"]');
    const first = root.querySelector('[part="purpose"]')!;
    await expect(first.getAttribute('data-purpose')).toBe('ads');
    await expect(first.querySelector('[part="opt-out-honored"]')?.textContent?.trim()).toBe(
      'Opt-Out Request Honored',
    );
  },
};
