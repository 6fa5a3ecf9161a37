/**
 * The tag's vocabulary: its attributes, the values they take, and their types as a framework's
 * template sets them. A leaf module: the element, the interface and the typings read it.
 */
import type {PrivacyConfigInput} from './core/config.js';

/** Where and how the center shows: a section of a page, a dialog, or a first-visit banner. */
export type DisplayMode = 'inline' | 'modal' | 'banner';

/** How the center is coloured: `auto` follows the customer's `prefers-color-scheme`. */
export type Theme = 'auto' | 'light' | 'dark';

/**
 * The level of the center's and the banner's heading, so that they fit the page's outline (an
 * account page may need `3`); each purpose's title is one level below, at most 6.
 */
export type HeadingLevel = '2' | '3' | '4' | '5' | '6';

/** The tag's attributes and its `config` property, as a framework's template sets them. */
export interface PrivacyPreferencesAttributes {
  config?: PrivacyConfigInput;
  'config-url'?: string;
  endpoint?: string;
  subject?: string;
  'subject-token'?: string;
  credentials?: RequestCredentials;
  locale?: string;
  mode?: DisplayMode;
  theme?: Theme;
  'heading-level'?: HeadingLevel;
  region?: string;
}

/**
 * An attribute-backed property: property, attribute, and the values it may take (the first
 * is the default, returned for a missing or unknown value); without values, any string.
 */
export type Reflected = readonly [property: string, attribute: string, values?: readonly string[]];

export const REFLECTED: readonly Reflected[] = [
  ['configUrl', 'config-url'],
  ['endpoint', 'endpoint'],
  ['subject', 'subject'],
  ['subjectToken', 'subject-token'],
  ['credentials', 'credentials', ['same-origin', 'include', 'omit'] satisfies RequestCredentials[]],
  ['locale', 'locale'],
  ['mode', 'mode', ['inline', 'modal', 'banner'] satisfies DisplayMode[]],
  ['theme', 'theme', ['auto', 'light', 'dark'] satisfies Theme[]],
  ['headingLevel', 'heading-level', ['2', '3', '4', '5', '6'] satisfies HeadingLevel[]],
  ['region', 'region'],
];
