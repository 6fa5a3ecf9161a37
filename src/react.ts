/**
 * `privacy-preferences/react`: the element as a React component, made with `@lit/react`. It
 * sets `config` and the other properties, and adds the event listeners, in a layout effect:
 * after `hydrateRoot` as after `createRoot` (React itself does not apply a custom element's
 * properties and listeners when it hydrates server-rendered markup). Importing this module
 * defines the element, from the package's main module.
 *
 * It also types the tag itself in JSX (`<privacy-preferences config={…}
 * onconsent-change={…}>`), for React 19 apps that render only in the browser.
 */
import {createComponent, type EventName} from '@lit/react';
import * as React from 'react';
import type {
  ConsentChangeEvent,
  ConsentErrorEvent,
  ConsentEventDetails,
  ConsentReadyEvent,
  ConsentSavedEvent,
} from './events.js';
import type {PrivacyConfigInput} from './core/config.js';
import {
  PrivacyPreferences as PrivacyPreferencesElement,
  type PrivacyPreferencesAttributes,
  type Theme,
} from './privacy-preferences.js';
import type {DisplayMode} from './ui/port.js';

export const PrivacyPreferences = createComponent({
  react: React,
  tagName: 'privacy-preferences',
  elementClass: PrivacyPreferencesElement,
  events: {
    onConsentReady: 'consent-ready' as EventName<ConsentReadyEvent>,
    onConsentChange: 'consent-change' as EventName<ConsentChangeEvent>,
    onConsentSaved: 'consent-saved' as EventName<ConsentSavedEvent>,
    onConsentError: 'consent-error' as EventName<ConsentErrorEvent>,
  },
  displayName: 'PrivacyPreferences',
});

/** The tag's attributes, its `config` property and its events, as React 19 passes them. */
export type PrivacyPreferencesIntrinsicProps = React.HTMLAttributes<PrivacyPreferencesElement> &
  React.RefAttributes<PrivacyPreferencesElement> &
  PrivacyPreferencesAttributes & {
    [Event in keyof ConsentEventDetails as `on${Event}`]?: (
      event: CustomEvent<ConsentEventDetails[Event]>,
    ) => void;
  };

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- React's JSX types live in a namespace.
  namespace JSX {
    interface IntrinsicElements {
      'privacy-preferences': PrivacyPreferencesIntrinsicProps;
    }
  }
}

export {PrivacyPreferencesElement};
export type {DisplayMode, Theme, PrivacyConfigInput};
export type * from './events.js';
