/**
 * The bundle entry: defines `<privacy-preferences>`. A second copy on a page warns, not throws.
 * Outside a browser (server-side rendering) it defines nothing.
 */
import {PrivacyPreferences} from './element/privacy-preferences-element.js';

export * from './index.js';

if (typeof customElements !== 'undefined') {
  const defined = customElements.get('privacy-preferences');
  if (!defined) {
    customElements.define('privacy-preferences', PrivacyPreferences);
  } else if (defined !== PrivacyPreferences) {
    console.warn(
      '<privacy-preferences> is already defined by another copy of the script; this copy is not used.',
    );
  }
}
