// c15t (@c15t/react) as its React quickstart sets it up: a ConsentManagerProvider holding the
// banner and the dialog, its styles from the app's CSS entry. The options (offline mode, the
// categories, the words) come from the page's configuration script, `c15tConfig` (tools.mjs).
// A preferences page renders the dialog alone, held open through its `open` prop (the docs'
// settings page): the store's own state would turn to the banner once its offline init ends.
// The policy link is named on each component: without `legalLinks`, 2.2.1 shows none (its docs
// say all configured ones).
import {ConsentBanner, ConsentDialog, ConsentManagerProvider} from '@c15t/react';
import {createElement as h} from 'react';
import {createRoot} from 'react-dom/client';
import './c15t.css';

const {options, preferences} = window.c15tConfig;
const links = {legalLinks: ['privacyPolicy']};

createRoot(document.getElementById('consent-root')).render(
  h(
    ConsentManagerProvider,
    {options},
    ...(preferences
      ? [h(ConsentDialog, {...links, open: true})]
      : [h(ConsentBanner, links), h(ConsentDialog, links)]),
  ),
);
