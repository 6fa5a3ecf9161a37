/**
 * `privacy-preferences/vue` (types only): types `<privacy-preferences>` in Vue templates —
 * its props and `@consent-*` listeners with their `detail` — for `vue-tsc` and editors. Add
 * `/// <reference types="privacy-preferences/vue" />` (or `import type {} from
 * 'privacy-preferences/vue'`) once in the app. Vue must also be told the tag is a custom
 * element (`compilerOptions.isCustomElement`; README).
 */
import type {DefineSetupFnComponent} from 'vue';
import type {PrivacyConfigInput} from './core/config.js';
import type {
  ConsentChangeEvent,
  ConsentErrorEvent,
  ConsentReadyEvent,
  ConsentSavedEvent,
} from './events.js';
import type {DisplayMode, Theme} from './privacy-preferences-element.js';

/** The tag's attributes and its `config` property, as a Vue template binds them. */
export interface PrivacyPreferencesVueProps {
  config?: PrivacyConfigInput;
  'config-url'?: string;
  endpoint?: string;
  subject?: string;
  'subject-token'?: string;
  credentials?: RequestCredentials;
  locale?: string;
  mode?: DisplayMode;
  theme?: Theme;
}

/** Its events, as `@consent-change="…"` listens to them. */
export type PrivacyPreferencesVueEvents = {
  'consent-ready': (event: ConsentReadyEvent) => void;
  'consent-change': (event: ConsentChangeEvent) => void;
  'consent-saved': (event: ConsentSavedEvent) => void;
  'consent-error': (event: ConsentErrorEvent) => void;
};

declare module 'vue' {
  interface GlobalComponents {
    'privacy-preferences': DefineSetupFnComponent<
      PrivacyPreferencesVueProps,
      PrivacyPreferencesVueEvents
    >;
  }
}
