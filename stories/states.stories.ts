/**
 * Every state a customer can meet, each reproduced on purpose: the story's endpoint is a stub
 * that saves, hangs, asks to retry later or refuses (stories/support/sandbox.ts), and every
 * story starts from a browser that has never seen the shop.
 */
import type {Meta, StoryObj} from '@storybook/web-components-vite';
import {html} from 'lit';
import {expect, userEvent, waitFor} from 'storybook/test';
import type {PrivacyConfig, PurposeConfig} from '../src/core/config.js';
import {
  centerArgs,
  centerArgTypes,
  centerIn,
  renderCenter,
  settle,
  SHOP,
  statusOf,
  type CenterArgs,
} from './support/center-story.js';
import {
  decidedEarlier,
  neverAnswer,
  STORY_ENDPOINT,
  sendGpcSignal,
  stubEndpoint,
  type EndpointBehaviour,
} from './support/sandbox.js';

const meta: Meta<CenterArgs> = {
  title: 'Privacy preferences/States',
  component: 'privacy-preferences',
  args: centerArgs,
  argTypes: centerArgTypes,
  render: renderCenter,
  play: settle,
};
export default meta;

type Story = StoryObj<CenterArgs>;

/** A decision made in the story's play function, against an endpoint that behaves as told. */
function afterDecision(behaviour: EndpointBehaviour, status: string): Story {
  return {
    args: {endpoint: STORY_ENDPOINT},
    beforeEach: () => stubEndpoint(behaviour),
    play: async ({canvasElement}) => {
      const {root, screen} = await centerIn(canvasElement);
      await userEvent.click(screen.getByRole('button', {name: 'Accept all'}));
      await waitFor(() => expect(statusOf(root)).toBe(status), {timeout: 5000});
    },
  };
}

const CONFIG_STILL_LOADING = '/story-configuration-still-loading.json';

/** The configuration has not arrived yet. */
export const Loading: Story = {
  args: {config: undefined, configUrl: CONFIG_STILL_LOADING},
  beforeEach: () => neverAnswer(CONFIG_STILL_LOADING),
  play: async ({canvasElement}) => {
    const {root} = await centerIn(canvasElement, '[part="base"]', false);
    await expect(root.textContent).toContain('Loading your privacy choices…');
    await expect(root.querySelector('[part="base"]')!.getAttribute('aria-busy')).toBe('true');
  },
};

/** The site's configuration is broken: a short error in place of the list, never a throw. */
export const InvalidConfiguration: Story = {
  args: {
    config: {
      policyVersion: '2026-11-01',
      purposes: [{id: 'analytics', title: 'Usage analytics', description: 'Pages visited.'}],
    },
  },
  play: async ({canvasElement}) => {
    const {screen} = await centerIn(canvasElement, '[part="error"]');
    await expect(screen.getByRole('alert').textContent).toContain('purposes[0].benefit is missing');
  },
};

/** The endpoint has not answered yet. */
export const Saving: Story = afterDecision('hangs', 'Saving…');

/** The endpoint acknowledged the record. */
export const Saved: Story = afterDecision('saves', 'Saved.');

/** The endpoint asked to come back later (503, Retry-After): the record waits and is retried. */
export const FailedAndRetrying: Story = afterDecision(
  'retries',
  "Not saved yet. We'll keep trying.",
);

const REFUSED =
  "We couldn't save this change. It still applies in this browser. Try again, or contact us.";

/** The endpoint refused the record for good (422): "Try again" from the keyboard. */
export const FailedWithTryAgain: Story = {
  ...afterDecision('refuses', REFUSED),
  play: async (context) => {
    await afterDecision('refuses', REFUSED).play!(context);
    const {root, screen} = await centerIn(context.canvasElement);
    screen.getByRole('button', {name: 'Try again'}).focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(root.activeElement?.getAttribute('role')).toBe('status'));
    await waitFor(() => expect(statusOf(root)).toBe(REFUSED));
  },
};

/** The browser sends Global Privacy Control: the purposes it covers start off, and it says so. */
export const GpcHonored: Story = {
  beforeEach: () => sendGpcSignal(),
  play: async ({canvasElement}) => {
    const {root} = await centerIn(canvasElement, '[part~="gpc-notice"]');
    await expect(root.querySelector('[part~="gpc-notice"]')!.textContent).toContain(
      'so we switched these off: Ads on other websites.',
    );
  },
};

/** A returning customer after the policy changed: what is new is marked and starts off. */
export const PolicyChanged: Story = {
  beforeEach: async () => {
    await decidedEarlier('2026-10-01', {
      essential: 'granted',
      preferences: 'granted',
      analytics: 'denied',
      'newsletter-offers': 'denied',
    });
  },
  play: async ({canvasElement}) => {
    const {root} = await centerIn(canvasElement, '[part~="policy-notice"]');
    await expect(root.querySelector('[part~="policy-notice"]')!.textContent).toContain(
      'New since your last choice: Personal recommendations, Videos from other sites, and Ads on other websites.',
    );
    await expect(root.querySelectorAll('[part="new-badge"]')).toHaveLength(3);
  },
};

/** Only what the shop cannot work without: nothing to switch, nothing to count. */
export const RequiredOnly: Story = {
  args: {config: {...SHOP, purposes: SHOP.purposes.filter((purpose) => purpose.required)}},
};

const essential = SHOP.purposes[0]!;

function purpose(index: number): PurposeConfig {
  const id = `partner-${String(index).padStart(3, '0')}`;
  return {
    ...essential,
    id,
    title: `Partner ${index}: measurement`,
    required: false,
    default: 'denied',
    legalBasis: 'consent',
    requiredReason: undefined,
    recipients: [{name: `Partner ${index} Ltd.`}],
  };
}

/** A marketplace with 200 partners: the list stays usable, the actions stay in reach. */
export const TwoHundredPurposes: Story = {
  args: {
    config: {
      ...SHOP,
      purposes: [essential, ...Array.from({length: 199}, (_, index) => purpose(index + 1))],
    } satisfies PrivacyConfig,
  },
  play: async ({canvasElement}) => {
    const {root} = await centerIn(canvasElement);
    await expect(root.querySelectorAll('[role="switch"]')).toHaveLength(200);
  },
};

const LONG =
  'Measures how visitors who arrived from our partners’ newsletters, podcasts and outdoor festival sponsorships move through the catalogue, so that the partnership that actually helped you find gear is the one that keeps being paid for it';

/** Very long titles, descriptions and an unbroken address: nothing overflows. */
export const LongTexts: Story = {
  args: {
    config: {
      ...SHOP,
      purposes: [
        essential,
        {
          ...SHOP.purposes[2]!,
          title: `${LONG.slice(0, 120)}…`,
          description: `${LONG}. ${LONG}.`,
          benefit: `${LONG}.`,
          recipients: [
            {
              name: 'Nordic-Outdoor-Partnership-Attribution-Measurement-Services-International-Holding-AB',
              url: 'https://very-long-partner-domain-name-for-attribution.example/privacy/policy/section/recipients',
            },
          ],
        },
      ],
    } satisfies PrivacyConfig,
  },
  play: async ({canvasElement}) => {
    const {root} = await centerIn(canvasElement);
    const section = root.querySelector<HTMLElement>('[part="base"]')!;
    await expect(section.scrollWidth).toBeLessThanOrEqual(section.clientWidth);
  },
};

/** A phone 320 CSS pixels wide (WCAG 1.4.10 reflow): one column, nothing cut off. */
export const Narrow320: Story = {
  render: (args) => html`<div style="inline-size: 320px">${renderCenter(args)}</div>`,
  play: async ({canvasElement}) => {
    const {root} = await centerIn(canvasElement);
    const section = root.querySelector<HTMLElement>('[part="base"]')!;
    await expect(section.getBoundingClientRect().width).toBeLessThanOrEqual(320);
    await expect(section.scrollWidth).toBeLessThanOrEqual(section.clientWidth);
  },
};
