// The consent tools the benchmarks compare — ours, Klaro, vanilla-cookieconsent, c15t and
// CookieYes' SDK — each set up as its own docs show, with the demo shop's purposes in the same
// English words. c15t and CookieYes are React components: each is a small React app (`app`,
// apps/<app>.js, built by react-apps.mjs) mounted into <div id="consent-root">.
// Two ways a page uses a tool:
// - 'banner': a first visit; the tool shows its first-visit banner by itself;
// - 'preferences': the page opens the full preferences view (every purpose with its switch) as
//   soon as the tool is ready: in a DOMContentLoaded listener (`open`), when every deferred and
//   module script of the page has run; a React app (no `open`) opens it itself as it mounts.
// The functions under `inPage` run in the page, not in Node: they go into the page as source.
import {readFileSync} from 'node:fs';
import {configScript, renderBanner} from '../../dist/server/server.js';

export const VARIANTS = ['banner', 'preferences'];

/** Our configuration: demo/purposes.json, English only, served as /purposes.json. */
export const CONFIG = inEnglish(JSON.parse(readFileSync('demo/purposes.json', 'utf8')));

export const PURPOSES = CONFIG.purposes.map((purpose) => ({
  id: purpose.id,
  title: purpose.title,
  // The peers have no field for what the customer gets: it joins their description, so every
  // tool shows the same words.
  description: `${purpose.description} What you get: ${purpose.benefit}`,
  required: purpose.required === true,
}));

/** The purpose the toggle benchmark switches on (optional, off on a first visit). */
export const TOGGLED = 'analytics';

/** The words of the banner and the dialog, the same in every tool (our English text). */
const TEXT = {
  title: 'Your privacy choices',
  intro: `${CONFIG.controller.name} would like to use your data for a few things, each with something in return for you. Nothing optional is on until you say yes.`,
  policy: 'Privacy policy',
  acceptAll: 'Accept all',
  rejectAll: 'Reject all',
  choose: 'Choose what to allow',
  save: 'Save my choices',
  close: 'Close',
};

/**
 * c15t's consent categories are five fixed names (AllConsentNames); each of ours goes to the
 * nearest by c15t's own descriptions: 'functionality' (basic interactions and functionalities),
 * 'experience' (a better user experience), 'measurement', 'marketing' (personalized ads or
 * marketing content; also the category of c15t's own YouTube embed, hence the videos).
 */
const C15T_CATEGORY = {
  essential: 'necessary',
  preferences: 'functionality',
  analytics: 'measurement',
  recommendations: 'experience',
  'newsletter-offers': 'marketing',
  media: 'marketing',
  ads: 'marketing',
};

export const TOOLS = [
  {
    id: 'ours',
    label: 'privacy-preferences',
    version: packageVersion('.'),
    setup: [
      'ours: <script type="module" src="/dist/privacy-preferences.js"> in <head>;',
      '  <privacy-preferences mode="banner" | mode="modal" config-url="/purposes.json"',
      '  endpoint="/api/consent"> at the end of <body> (the bench server acknowledges records);',
      '  preferences: open() of the element',
    ],
    head: () => '<script type="module" src="/dist/privacy-preferences.js"></script>',
    body: (variant) =>
      `<privacy-preferences mode="${variant === 'banner' ? 'banner' : 'modal'}" ` +
      'config-url="/purposes.json" endpoint="/api/consent"></privacy-preferences>',
    open: "document.querySelector('privacy-preferences').open()",
    files: [],
    inPage: {
      banner: function () {
        var host = document.querySelector('privacy-preferences');
        return host && host.shadowRoot && host.shadowRoot.querySelector('[part="banner"]');
      },
      preferences: function () {
        var host = document.querySelector('privacy-preferences');
        return host && host.shadowRoot && host.shadowRoot.querySelector('dialog[part="dialog"]');
      },
      switchOf: function (view, id) {
        return view.querySelector('[data-purpose="' + id + '"] [role="switch"]');
      },
      isOn: function (view, id) {
        var control = view.querySelector('[data-purpose="' + id + '"] [role="switch"]');
        return control.getAttribute('aria-checked') === 'true';
      },
    },
  },
  {
    id: 'klaro',
    label: 'Klaro',
    version: packageVersion('klaro'),
    setup: [
      'Klaro: <script defer src="/<variant>/klaro-config.js"> + <script defer',
      '  src="/vendor/klaro/klaro.js"> in <head> (dist/klaro.js, CSS inside); banner: the notice',
      '  Klaro renders at DOMContentLoaded; preferences: noAutoLoad, klaro.show(undefined, true)',
    ],
    head: (variant) =>
      `<script defer src="/${variant}/klaro-config.js"></script>\n` +
      '<script defer src="/vendor/klaro/klaro.js"></script>',
    body: () => '',
    open: 'klaro.show(undefined, true)',
    files: [{path: '/vendor/klaro/klaro.js', from: 'node_modules/klaro/dist/klaro.js'}],
    config: klaroConfig,
    inPage: {
      banner: function () {
        return document.getElementById('klaro-cookie-notice');
      },
      preferences: function () {
        return document.querySelector('#klaro .cm-modal');
      },
      switchOf: function (view, id) {
        var input = view.querySelector('#purpose-item-' + id);
        return input && input.parentElement.querySelector('.cm-switch .slider');
      },
      isOn: function (view, id) {
        return view.querySelector('#purpose-item-' + id).checked;
      },
    },
  },
  {
    id: 'cookieconsent',
    label: 'vanilla-cookieconsent',
    version: packageVersion('vanilla-cookieconsent'),
    setup: [
      'cookieconsent: <link rel="stylesheet" href="/vendor/cookieconsent/cookieconsent.css">,',
      '  <script defer src="/vendor/cookieconsent/cookieconsent.umd.js"> + <script defer',
      '  src="/<variant>/cookieconsent-config.js"> (CookieConsent.run; hideFromBots: false, or it',
      '  shows nothing to an automated browser); banner: autoShow, a bar at the bottom;',
      '  preferences: autoShow false, CookieConsent.showPreferences()',
    ],
    head: (variant) =>
      '<link rel="stylesheet" href="/vendor/cookieconsent/cookieconsent.css">\n' +
      '<script defer src="/vendor/cookieconsent/cookieconsent.umd.js"></script>\n' +
      `<script defer src="/${variant}/cookieconsent-config.js"></script>`,
    body: () => '',
    open: 'CookieConsent.showPreferences()',
    files: [
      {
        path: '/vendor/cookieconsent/cookieconsent.umd.js',
        from: 'node_modules/vanilla-cookieconsent/dist/cookieconsent.umd.js',
      },
      {
        path: '/vendor/cookieconsent/cookieconsent.css',
        from: 'node_modules/vanilla-cookieconsent/dist/cookieconsent.css',
      },
    ],
    config: cookieconsentConfig,
    inPage: {
      banner: function () {
        return document.querySelector('#cc-main .cm');
      },
      preferences: function () {
        return document.querySelector('#cc-main .pm');
      },
      switchOf: function (view, id) {
        var input = view.querySelector('input.section__toggle[value="' + id + '"]');
        return input && input.parentElement.querySelector('.toggle__icon');
      },
      isOn: function (view, id) {
        return view.querySelector('input.section__toggle[value="' + id + '"]').checked;
      },
    },
  },
  {
    id: 'c15t',
    label: '@c15t/react',
    version: packageVersion('@c15t/react'),
    app: 'c15t',
    setup: [
      'c15t: a React 19 app (apps/c15t.js, built with Vite): <link rel="stylesheet"',
      '  href="/apps/c15t/c15t.css"> + <script defer src="/<variant>/c15t-config.js"> + <script',
      '  type="module" src="/apps/c15t/c15t.js"> in <head>, <div id="consent-root"> at the end of',
      "  <body>; ConsentManagerProvider, mode 'offline', overrides.country 'DE' (its docs' offline",
      '  example: GDPR, so the banner shows), words through i18n; c15t has five fixed categories:',
      "  ours share them (a shared one joins its purposes' titles and descriptions):",
      ...c15tGroups().map(
        ({category, purposes}) => `    ${category} ← ${purposes.map((p) => p.id).join(', ')}`,
      ),
      "  legalLinks={['privacyPolicy']} on each (2.2.1 shows no link without it); banner:",
      '  <ConsentBanner> + <ConsentDialog>; preferences: <ConsentDialog open> alone (its',
      "  controlled state: setActiveUI('dialog') on mount is undone when the offline init ends)",
    ],
    head: (variant) =>
      '<link rel="stylesheet" href="/apps/c15t/c15t.css">\n' +
      `<script defer src="/${variant}/c15t-config.js"></script>\n` +
      '<script type="module" src="/apps/c15t/c15t.js"></script>',
    body: () => '<div id="consent-root"></div>',
    files: [],
    config: c15tConfig,
    inPage: {
      banner: function () {
        return document.querySelector('[data-testid="consent-banner-card"]');
      },
      preferences: function () {
        return document.querySelector('[data-testid="consent-dialog-card"]');
      },
      switchOf: withData(C15T_CATEGORY, function (category, view, id) {
        return view.querySelector('[data-testid="consent-widget-switch-' + category[id] + '"]');
      }),
      isOn: withData(C15T_CATEGORY, function (category, view, id) {
        var control = view.querySelector(
          '[data-testid="consent-widget-switch-' + category[id] + '"]',
        );
        return control.getAttribute('aria-checked') === 'true';
      }),
    },
  },
  {
    id: 'cookieyes',
    label: '@cookieyes/react',
    version: packageVersion('@cookieyes/react'),
    app: 'cookieyes',
    setup: [
      'cookieyes: a React 19 app (apps/cookieyes.js, built with Vite): <link rel="stylesheet"',
      '  href="/apps/cookieyes/cookieyes.css"> + <script defer src="/<variant>/cookieyes-config.js">',
      '  + <script type="module" src="/apps/cookieyes/cookieyes.js"> in <head>, <div',
      '  id="consent-root"> at the end of <body>; initCookieYes, mode \'cookie-only\', regulation',
      "  'GDPR', one category per purpose, words through i18n; banner: <CookieBanner> +",
      '  <CookiePreferences> + <RecallButton>; preferences: <CookiePreferences> alone,',
      '  useConsentActions().showPreferences() in an effect on mount',
    ],
    head: (variant) =>
      '<link rel="stylesheet" href="/apps/cookieyes/cookieyes.css">\n' +
      `<script defer src="/${variant}/cookieyes-config.js"></script>\n` +
      '<script type="module" src="/apps/cookieyes/cookieyes.js"></script>',
    body: () => '<div id="consent-root"></div>',
    files: [],
    config: cookieyesConfig,
    inPage: {
      banner: function () {
        return document.querySelector('[data-cky-banner]');
      },
      preferences: function () {
        return document.querySelector('[data-cy-part="dialog"]');
      },
      // The SDK marks a category by its label only; a required one shows "Always active" in
      // place of a switch.
      switchOf: withData(titles(), function (title, view, id) {
        var labels = view.querySelectorAll('[data-cy-part="category-label"]');
        for (var i = 0; i < labels.length; i++) {
          if (labels[i].textContent === title[id])
            return labels[i].parentElement.querySelector(
              '[data-cy-part="toggle"], .cy-always-active',
            );
        }
        return null;
      }),
      isOn: withData(titles(), function (title, view, id) {
        return view.querySelector('input[role="switch"][aria-label="' + title[id] + '"]').checked;
      }),
    },
  },
].map((tool) => ({...tool, name: `${tool.label} ${tool.version}`}));

/**
 * Ours with the banner in the server's HTML (`renderBanner`, and the configuration inline by
 * `configScript`, as docs/element.md shows): a first visit's banner page only. Timed beside the
 * others; its ratios to the peers are printed too.
 */
const served = configScript(CONFIG) + renderBanner(CONFIG, {locale: 'en', modules: '/dist/'});
const [ours] = TOOLS;
export const SERVER_RENDERED = {
  ...ours,
  id: 'ours-server',
  label: 'privacy-preferences, server-rendered',
  name: `privacy-preferences ${ours.version}, server-rendered`,
  setup: [
    'ours-server: the same <script type="module"> in <head>; <privacy-preferences mode="banner"',
    '  endpoint="/api/consent"> with configScript(config) + renderBanner(config, {locale: "en",',
    '  modules: "/dist/"}) (its modulepreloads first)',
    "  (privacy-preferences/server) inside it, as a server writes it into a first visit's page",
  ],
  body: () =>
    `<privacy-preferences mode="banner" endpoint="/api/consent">${served}</privacy-preferences>`,
};

/** Klaro (dist/config.js documents the options): one service per purpose, English, a bar. */
function klaroConfig(variant) {
  const klaro = {
    version: 1,
    lang: 'en',
    elementID: 'klaro',
    storageMethod: 'cookie',
    styling: {theme: ['light', 'bottom', 'wide']},
    noAutoLoad: variant === 'preferences',
    htmlTexts: false,
    groupByPurpose: true,
    acceptAll: true,
    hideDeclineAll: false,
    hideLearnMore: false,
    noticeAsModal: false,
    mustConsent: false,
    showNoticeTitle: true,
    default: false,
    translations: {
      zz: {privacyPolicyUrl: CONFIG.policyUrl},
      en: {
        ok: TEXT.acceptAll,
        decline: TEXT.rejectAll,
        privacyPolicy: {name: TEXT.policy},
        consentNotice: {
          title: TEXT.title,
          description: `${TEXT.intro} {privacyPolicy}`,
          learnMore: TEXT.choose,
        },
        consentModal: {title: TEXT.title, description: TEXT.intro},
        purposes: Object.fromEntries(
          PURPOSES.map((p) => [p.id, {title: p.title, description: p.description}]),
        ),
        ...Object.fromEntries(PURPOSES.map((p) => [p.id, {description: p.description}])),
      },
    },
    services: PURPOSES.map((p) => ({
      name: p.id,
      title: p.title,
      purposes: [p.id],
      required: p.required,
      default: false,
    })),
  };
  return `var klaroConfig = ${JSON.stringify(klaro, null, 2)};\n`;
}

/** vanilla-cookieconsent v3 (types/index.d.ts documents the options): one category per purpose. */
function cookieconsentConfig(variant) {
  const cc = {
    autoShow: variant === 'banner',
    hideFromBots: false,
    guiOptions: {consentModal: {layout: 'bar', position: 'bottom', equalWeightButtons: true}},
    categories: Object.fromEntries(
      PURPOSES.map((p) => [p.id, p.required ? {enabled: true, readOnly: true} : {}]),
    ),
    language: {
      default: 'en',
      translations: {
        en: {
          consentModal: {
            title: TEXT.title,
            description: TEXT.intro,
            acceptAllBtn: TEXT.acceptAll,
            acceptNecessaryBtn: TEXT.rejectAll,
            showPreferencesBtn: TEXT.choose,
            footer: `<a href="${CONFIG.policyUrl}">${TEXT.policy}</a>`,
          },
          preferencesModal: {
            title: TEXT.title,
            acceptAllBtn: TEXT.acceptAll,
            acceptNecessaryBtn: TEXT.rejectAll,
            savePreferencesBtn: TEXT.save,
            closeIconLabel: TEXT.close,
            sections: [
              {description: TEXT.intro},
              ...PURPOSES.map((p) => ({
                title: p.title,
                description: p.description,
                linkedCategory: p.id,
              })),
            ],
          },
        },
      },
    },
  };
  return `CookieConsent.run(${JSON.stringify(cc, null, 2)});\n`;
}

/**
 * c15t (@c15t/react: ConsentManagerProvider options): offline mode, the categories ours map to
 * (C15T_CATEGORY), each with its purposes' titles and descriptions; the words through i18n.
 */
function c15tConfig(variant) {
  const groups = c15tGroups();
  const consentTypes = Object.fromEntries(
    groups.map(({category, purposes}) => [
      category,
      purposes.length === 1
        ? {title: purposes[0].title, description: purposes[0].description}
        : {
            title: purposes.map((p) => p.title).join(' · '),
            description: purposes.map((p) => `${p.title}: ${p.description}`).join(' '),
          },
    ]),
  );
  const options = {
    mode: 'offline',
    consentCategories: groups.map(({category}) => category),
    overrides: {country: 'DE'},
    legalLinks: {privacyPolicy: {href: CONFIG.policyUrl, target: '_self'}},
    i18n: {
      locale: 'en',
      detectBrowserLanguage: false,
      messages: {
        en: {
          common: {
            acceptAll: TEXT.acceptAll,
            rejectAll: TEXT.rejectAll,
            customize: TEXT.choose,
            save: TEXT.save,
            close: TEXT.close,
          },
          cookieBanner: {title: TEXT.title, description: TEXT.intro},
          consentManagerDialog: {title: TEXT.title, description: TEXT.intro},
          consentTypes,
          legalLinks: {privacyPolicy: TEXT.policy},
        },
      },
    },
  };
  const config = {preferences: variant === 'preferences', options};
  return `var c15tConfig = ${JSON.stringify(config, null, 2)};\n`;
}

/** CookieYes' SDK (@cookieyes/core CookieYesConfig): cookie-only, one category per purpose. */
function cookieyesConfig(variant) {
  const config = {
    mode: 'cookie-only',
    regulation: 'GDPR',
    colorScheme: 'light',
    categories: PURPOSES.map((p) => ({
      id: p.id,
      label: p.title,
      description: p.description,
      required: p.required,
    })),
    i18n: {
      locale: 'en',
      detectBrowserLanguage: false,
      messages: {
        en: {
          bannerTitle: TEXT.title,
          bannerDescription: TEXT.intro,
          acceptAll: TEXT.acceptAll,
          rejectAll: TEXT.rejectAll,
          managePreferences: TEXT.choose,
          savePreferences: TEXT.save,
          preferencesTitle: TEXT.title,
          preferencesIntro: TEXT.intro,
          preferencesCloseLabel: TEXT.close,
        },
      },
    },
  };
  return `var cookieyesConfig = ${JSON.stringify({preferences: variant === 'preferences', config}, null, 2)};\n`;
}

/** c15t's categories in use, each with the purposes it holds (C15T_CATEGORY), in our order. */
function c15tGroups() {
  return [...new Set(Object.values(C15T_CATEGORY))].map((category) => ({
    category,
    purposes: PURPOSES.filter((p) => C15T_CATEGORY[p.id] === category),
  }));
}

/** Each purpose's title, by id. */
function titles() {
  return Object.fromEntries(PURPOSES.map((p) => [p.id, p.title]));
}

/**
 * A function for the page that reads a table from here (its source cannot reach Node's
 * variables): source text of `fn` with `data` bound as its first argument.
 */
function withData(data, fn) {
  return `(${fn}).bind(null, ${JSON.stringify(data)})`;
}

function packageVersion(name) {
  const file = name === '.' ? 'package.json' : `node_modules/${name}/package.json`;
  return JSON.parse(readFileSync(file, 'utf8')).version;
}

/** A configuration's localized texts (objects keyed by language tag) reduced to their English. */
function inEnglish(value) {
  if (Array.isArray(value)) return value.map(inEnglish);
  if (typeof value !== 'object' || value === null) return value;
  if (
    typeof value.en === 'string' &&
    Object.keys(value).every((key) => /^[a-z]{2}(-[A-Za-z]+)?$/.test(key))
  )
    return value.en;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, inEnglish(item)]));
}
