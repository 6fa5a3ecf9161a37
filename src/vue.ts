/**
 * `privacy-preferences/vue` (types only): types `<privacy-preferences>` in Vue templates —
 * its props and `@consent-*` listeners with their `detail` — for `vue-tsc` and editors. Add
 * `/// <reference types="privacy-preferences/vue" />` (or `import type {} from
 * 'privacy-preferences/vue'`) once in the app. Vue must also be told the tag is a custom
 * element (`compilerOptions.isCustomElement`; README).
 */
import type {DefineSetupFnComponent} from 'vue';
import type {ConsentEventDetails} from './events.js';
import type {PrivacyPreferencesAttributes} from './element/privacy-preferences-element.js';

/** Its events, as `@consent-change="…"` listens to them. */
export type PrivacyPreferencesVueEvents = {
  [Event in keyof ConsentEventDetails]: (event: CustomEvent<ConsentEventDetails[Event]>) => void;
};

declare module 'vue' {
  interface GlobalComponents {
    'privacy-preferences': DefineSetupFnComponent<
      PrivacyPreferencesAttributes,
      PrivacyPreferencesVueEvents
    >;
  }
}
