/**
 * Every shipped language, in place on the account page, with the demo shop's texts translated
 * too. Arabic and Hebrew render mirrored. Each story checks that the interface says the language
 * it shows (`lang`) and its direction.
 */
import type {Meta, StoryObj} from '@storybook/web-components-vite';
import {expect} from 'storybook/test';
import {
  centerArgs,
  centerArgTypes,
  centerIn,
  renderCenter,
  type CenterArgs,
} from './support/center-story.js';

const meta: Meta<CenterArgs> = {
  title: 'Privacy preferences/Languages',
  component: 'privacy-preferences',
  args: centerArgs,
  argTypes: centerArgTypes,
  render: renderCenter,
  play: async ({canvasElement, args}) => {
    const {root} = await centerIn(canvasElement);
    const section = root.querySelector('[part="base"]')!;
    await expect(section.getAttribute('lang')).toBe(args.locale);
    await expect(section.getAttribute('dir')).toBe(
      ['ar', 'he'].includes(args.locale) ? 'rtl' : 'ltr',
    );
  },
};
export default meta;

type Story = StoryObj<CenterArgs>;

export const English: Story = {args: {locale: 'en'}};

export const Arabic: Story = {args: {locale: 'ar'}};

export const German: Story = {args: {locale: 'de'}};

export const Spanish: Story = {args: {locale: 'es'}};

export const French: Story = {args: {locale: 'fr'}};

export const Hebrew: Story = {args: {locale: 'he'}};

export const Hindi: Story = {args: {locale: 'hi'}};

export const Italian: Story = {args: {locale: 'it'}};

export const Japanese: Story = {args: {locale: 'ja'}};

export const Korean: Story = {args: {locale: 'ko'}};

export const Dutch: Story = {args: {locale: 'nl'}};

export const Polish: Story = {args: {locale: 'pl'}};

export const PortugueseBrazil: Story = {args: {locale: 'pt-BR'}};

export const Swedish: Story = {args: {locale: 'sv'}};

export const Turkish: Story = {args: {locale: 'tr'}};

export const ChineseSimplified: Story = {args: {locale: 'zh-Hans'}};

export const ChineseTraditional: Story = {args: {locale: 'zh-Hant'}};
