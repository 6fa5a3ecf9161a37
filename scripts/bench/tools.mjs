// The three consent tools the benchmarks compare — ours, Klaro and vanilla-cookieconsent — each
// set up as its own docs show, with the demo shop's purposes in the same English words.
// Two ways a page uses a tool:
// - 'banner': a first visit; the tool shows its first-visit banner by itself;
// - 'preferences': the page opens the full preferences view (every purpose with its switch) as
//   soon as the tool is ready: in a DOMContentLoaded listener, when every deferred and module
//   script of the page has run.
// The functions under `inPage` run in the page, not in Node: they go into the page as source.
import {readFileSync} from 'node:fs';

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

/** The words of the banner and the dialog, the same in all three tools (our English text). */
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
].map((tool) => ({...tool, name: `${tool.label} ${tool.version}`}));

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
