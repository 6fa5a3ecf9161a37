// CookieYes' SDK (@cookieyes/react) as its quick start sets it up: initCookieYes at the top of the
// module, then the banner, the preferences dialog and the recall button, with its styles. The
// configuration (cookie-only mode, the categories, the words) comes from the page's
// configuration script, `cookieyesConfig` (tools.mjs). A preferences page renders the dialog
// alone and opens it once mounted, through the SDK's own action.
import {
  CookieBanner,
  CookiePreferences,
  RecallButton,
  initCookieYes,
  useConsentActions,
} from '@cookieyes/react';
import '@cookieyes/react/styles.css';
import {Fragment, createElement as h, useEffect} from 'react';
import {createRoot} from 'react-dom/client';

const {config, preferences} = window.cookieyesConfig;
initCookieYes(config);

/** Opens the preferences dialog on mount (useConsentActions().showPreferences). */
function OpenPreferences() {
  const {showPreferences} = useConsentActions();
  useEffect(() => {
    showPreferences();
  }, [showPreferences]);
  return null;
}

createRoot(document.getElementById('consent-root')).render(
  h(
    Fragment,
    null,
    ...(preferences
      ? [h(OpenPreferences), h(CookiePreferences)]
      : [h(CookieBanner), h(CookiePreferences), h(RecallButton)]),
  ),
);
