/**
 * The placeholder an embedded video or map shows while its purpose is off, as a shop's product
 * page has it: the page effect is started as the element starts it, the frame is rendered with
 * `data-purpose` and `data-src`, and the placeholder takes its place at its size. Nothing loads:
 * "Allow" is heard (the Actions panel shows it) but no choice changes, so no frame is fetched.
 */
import type {Meta, StoryObj} from '@storybook/web-components-vite';
import {html, nothing} from 'lit';
import {styleMap} from 'lit/directives/style-map.js';
import {expect, fn, userEvent, waitFor, within} from 'storybook/test';
import {startEmbeds} from '../src/browser/embeds.js';
import type {Choices} from '../src/core/consent.js';
import {allLocales} from '../src/generated/locale-codes.js';
import type {Theme} from '../src/index.js';
import {useLocale} from '../src/ui/localization.js';
import {mediaPurposes} from '../test/fixtures/media-purposes.js';

interface EmbedArgs {
  theme: Theme;
  locale: string;
  /** The frame's `data-purpose`: one purpose id, or several separated by spaces. */
  purpose: string;
  /** The frame's `data-src`. */
  src: string;
  /** The frame's `title`. */
  frameTitle: string;
  /** The width of the page's column the frame fills. */
  width: string;
  /** The frame's height; `auto` keeps a 16:9 video's ratio. */
  height: string;
  /** What the element hears when "Allow" is pressed. */
  allow: (purposeIds: readonly string[]) => void;
}

/** Video and maps both off: what a first visit (or a refusal) looks like. */
const OFF: Choices = {essential: 'granted', media: 'denied', maps: 'denied'};

const meta: Meta<EmbedArgs> = {
  title: 'Privacy preferences/Embeds',
  tags: ['autodocs'],
  args: {
    theme: 'auto',
    locale: 'en',
    purpose: 'media',
    src: 'https://video.example/embed/tent-pitching',
    frameTitle: 'How to pitch the Fjord 2 tent',
    width: '560px',
    height: 'auto',
    allow: fn(),
  },
  argTypes: {
    theme: {control: 'inline-radio', options: ['auto', 'light', 'dark']},
    locale: {control: 'select', options: [...allLocales]},
    purpose: {control: 'inline-radio', options: ['media', 'maps', 'media maps', 'videos']},
  },
  // Started before the story renders, as on a page whose frames arrive after the element: the
  // page effect picks them up as they are added.
  beforeEach: async ({args}) => {
    await useLocale([args.locale]);
    const embeds = startEmbeds(document, {
      purposes: mediaPurposes,
      locale: args.locale,
      theme: args.theme,
      allow: args.allow,
      onLoaded: () => {},
    });
    embeds.update(OFF);
    return () => embeds.stop();
  },
  render: (args) =>
    html`<article style=${styleMap({inlineSize: args.width, maxInlineSize: '100%'})}>
      <h2>Fjord 2 tent</h2>
      <iframe
        data-purpose=${args.purpose}
        data-src=${args.src}
        title=${args.frameTitle || nothing}
        style=${styleMap({
          display: 'block',
          inlineSize: '100%',
          blockSize: args.height,
          aspectRatio: args.height === 'auto' ? '16 / 9' : undefined,
          border: '0',
        })}
      ></iframe>
      <p>Two people pitch it in under five minutes, even in the wind.</p>
    </article>`,
  play: async ({canvasElement, args}) => {
    const frame = canvasElement.querySelector('iframe')!;
    const placeholder = await waitFor(() => {
      const found = canvasElement.querySelector('privacy-preferences-embed');
      if (!found) throw new Error('no placeholder yet');
      return found as HTMLElement;
    });
    await expect(frame.hasAttribute('src')).toBe(false);
    await expect(placeholder.nextElementSibling).toBe(frame);
    const group = placeholder.shadowRoot!.querySelector('[role="group"]')!;
    await expect(group.getAttribute('lang')).toBe(args.locale);
    await expect(group.getAttribute('dir')).toBe(
      ['ar', 'he'].includes(args.locale) ? 'rtl' : 'ltr',
    );
    const allow = within(group as HTMLElement).queryByRole('button');
    if (!allow) return;
    await userEvent.click(allow);
    await expect(args.allow).toHaveBeenCalledWith(
      args.purpose.split(' ').filter((id) => OFF[id] !== 'granted'),
    );
  },
};
export default meta;

type Story = StoryObj<EmbedArgs>;

/** A product video, in the light theme. */
export const Light: Story = {args: {theme: 'light'}};

/** The same in the dark theme: the placeholder paints its own surface. */
export const Dark: Story = {args: {theme: 'dark'}};

/** Arabic: mirrored, with the shop's Arabic texts. */
export const RightToLeft: Story = {args: {locale: 'ar'}};

/** A phone's column (280 px): the 16:9 box is small, so its content scrolls inside it. */
export const Narrow: Story = {args: {width: '280px'}};

/** A store map from a provider that gives no privacy page: named, not linked. */
export const MapWithoutPrivacyPage: Story = {
  args: {
    purpose: 'maps',
    src: 'https://maps.example/store/oslo',
    frameTitle: 'Our store in Oslo',
    width: '360px',
    height: '400px',
  },
};

/** A frame that needs two purposes: "Allow" asks for both. */
export const TwoPurposes: Story = {args: {purpose: 'media maps'}};

/** A purpose the configuration does not have: it can never load, and says so. */
export const NeverLoads: Story = {args: {purpose: 'videos'}};
