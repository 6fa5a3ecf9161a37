import type {Meta, StoryObj} from '@storybook/web-components-vite';
import {html} from 'lit';
import '../src/privacy-preferences.js';
import shop from './fixtures/outdoor-shop.json';

interface Args {
  locale: string;
  config: unknown;
}

/** The inline center as an online shop's account page shows it. No network: config is a property. */
const meta: Meta<Args> = {
  title: 'Privacy preferences/Inline',
  component: 'privacy-preferences',
  tags: ['autodocs'],
  args: {locale: 'en', config: shop},
  argTypes: {
    locale: {control: 'select', options: ['en', 'de', 'fr', 'ja', 'ar']},
    config: {control: 'object'},
  },
  render: ({locale, config}) =>
    html`<privacy-preferences .config=${config} locale=${locale}></privacy-preferences>`,
};
export default meta;

type Story = StoryObj<Args>;

export const OnlineShop: Story = {};

export const German: Story = {args: {locale: 'de'}};

export const Arabic: Story = {args: {locale: 'ar'}};

export const InvalidConfiguration: Story = {
  args: {
    config: {
      policyVersion: '1',
      purposes: [{id: 'analytics', title: 'Usage analytics', description: 'Pages visited.'}],
    },
  },
};
