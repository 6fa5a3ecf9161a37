/**
 * "On this page", under a purpose of the center: what this page did about it. Here the shop's
 * analytics tag had left its cookie and queue before the customer said no (removed as the page
 * loads), and the tag keeps sending to its vendor (held back by the backstop). In place and in
 * the dialog, light and dark.
 */
import type {Meta, StoryObj} from '@storybook/web-components-vite';
import {html} from 'lit';
import {expect, userEvent, waitFor} from 'storybook/test';
import {
  centerArgs,
  centerArgTypes,
  centerIn,
  renderCenter,
  type CenterArgs,
} from './support/center-story.js';

/** The analytics vendor of the demo shop (`demo/purposes.json`): held back while it is off. */
const COLLECT = 'https://collect.vendor.test/collect?e=page_view';

const meta: Meta<CenterArgs> = {
  title: 'Privacy preferences/On this page',
  component: 'privacy-preferences',
  args: centerArgs,
  argTypes: centerArgTypes,
  render: renderCenter,
  // What the analytics tag left on an earlier visit, before the customer said no.
  beforeEach: () => {
    document.cookie = '_pa_id=PA1.1; path=/';
    localStorage.setItem('pa_queue', '[]');
    return () => {
      document.cookie = '_pa_id=; max-age=0; path=/';
    };
  },
  play: async ({canvasElement, args}) => {
    if (args.mode === 'modal') {
      canvasElement.querySelector<HTMLAnchorElement>('a[data-privacy-preferences-open]')!.focus();
      await userEvent.keyboard('{Enter}');
    }
    const {root} = await centerIn(
      canvasElement,
      args.mode === 'modal' ? 'dialog[open]' : undefined,
    );
    // The tag keeps sending; once the backstop is in, a beacon to its vendor is not sent.
    await waitFor(() => expect(navigator.sendBeacon(COLLECT, '')).toBe(false), {timeout: 5000});
    const said = () =>
      root
        .querySelector('[data-purpose="analytics"] [part="activity"]')
        ?.textContent?.replace(/\s+/g, ' ')
        .trim();
    await waitFor(() =>
      expect(said()).toMatch(
        /^On this page \d+ requests? held back while it was off, to: collect\.vendor\.test\. Removed because it is off: _pa_id and pa_queue\.$/,
      ),
    );
  },
};
export default meta;

type Story = StoryObj<CenterArgs>;

export const Inline: Story = {args: {theme: 'light'}};

export const InlineDark: Story = {args: {theme: 'dark'}};

/** In the dialog behind the footer's "Privacy choices" link. */
export const Dialog: Story = {
  args: {mode: 'modal', theme: 'light'},
  render: (args) =>
    html`<p><a href="#privacy" data-privacy-preferences-open>Privacy choices</a></p>
      ${renderCenter(args)}`,
};

export const DialogDark: Story = {...Dialog, args: {mode: 'modal', theme: 'dark'}};
