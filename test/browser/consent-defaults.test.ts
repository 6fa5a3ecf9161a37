// Loads the built dist/consent-defaults.js the way a site does (a classic script in a page's
// head) because what matters is the shipped IIFE, not the source module.
import {expect} from '@open-wc/testing';
import {CONSENT_MODE_KEY} from '../../src/core/consent-mode.js';

const SCRIPT_URL = '/dist/consent-defaults.js';
const PAGE_URL = new URL('./consent-defaults-fixtures/page.html', import.meta.url).href;

const allDenied = {
  ad_storage: 'denied',
  analytics_storage: 'denied',
  ad_user_data: 'denied',
  ad_personalization: 'denied',
  functionality_storage: 'denied',
  personalization_storage: 'denied',
  security_storage: 'denied',
};

const opened: HTMLIFrameElement[] = [];

/**
 * Opens a same-origin iframe (it shares this page's localStorage): the fixture page, or a
 * blank page without the script.
 */
async function openFrame(src?: string): Promise<Window> {
  const iframe = document.createElement('iframe');
  opened.push(iframe);
  if (src === undefined) {
    document.body.append(iframe);
  } else {
    const loaded = new Promise((resolve) => iframe.addEventListener('load', resolve, {once: true}));
    iframe.src = src;
    document.body.append(iframe);
    await loaded;
  }
  return iframe.contentWindow!;
}

/** The page's data layer entries, each as its kind and its items. */
function dataLayerOf(page: Window): {kind: string; items: unknown[]}[] {
  expect(page.dataLayer, 'the page has a data layer').to.be.an('array');
  return page.dataLayer!.map((entry) => ({
    kind: Object.prototype.toString.call(entry),
    // Through JSON so objects from the iframe's realm compare like this realm's.
    items: JSON.parse(JSON.stringify(Array.from(entry as ArrayLike<unknown>))) as unknown[],
  }));
}

describe('dist/consent-defaults.js', () => {
  before(async () => {
    const response = await fetch(SCRIPT_URL, {cache: 'no-store'});
    if (!response.ok)
      throw new Error(
        `${SCRIPT_URL} is missing (HTTP ${response.status}): run \`npm run build\` first.`,
      );
  });

  afterEach(() => {
    localStorage.removeItem(CONSENT_MODE_KEY);
    for (const iframe of opened.splice(0)) iframe.remove();
  });

  it('declares everything denied with a wait on a first visit', async () => {
    localStorage.removeItem(CONSENT_MODE_KEY);
    const page = await openFrame(PAGE_URL);
    expect(dataLayerOf(page)).to.deep.equal([
      {
        kind: '[object Arguments]',
        items: ['consent', 'default', {...allDenied, wait_for_update: 500}],
      },
    ]);
  });

  it('declares a returning visitor’s stored state, without a wait', async () => {
    localStorage.setItem(
      CONSENT_MODE_KEY,
      JSON.stringify({analytics_storage: 'granted', ad_storage: 'denied'}),
    );
    const page = await openFrame(PAGE_URL);
    expect(dataLayerOf(page)).to.deep.equal([
      {
        kind: '[object Arguments]',
        items: ['consent', 'default', {...allDenied, analytics_storage: 'granted'}],
      },
    ]);
  });

  it('treats unreadable stored state as a first visit', async () => {
    localStorage.setItem(CONSENT_MODE_KEY, '{not json');
    const page = await openFrame(PAGE_URL);
    expect(dataLayerOf(page)[0]?.items[2]).to.deep.equal({...allDenied, wait_for_update: 500});
  });

  it('defines gtag so the site’s later commands queue the same way', async () => {
    const page = await openFrame(PAGE_URL);
    expect(page.gtag).to.be.a('function');
    page.gtag!('js', 'now');
    const entries = dataLayerOf(page);
    expect(entries).to.have.length(2);
    expect(entries[1]).to.deep.equal({kind: '[object Arguments]', items: ['js', 'now']});
  });

  it('defines no global of its own', async () => {
    const page = await openFrame(PAGE_URL);
    const blank = await openFrame();
    const added = Object.keys(page).filter((name) => !(name in blank));
    // Google's, Microsoft UET's and Clarity's queues, as their own snippets make them.
    expect(added.sort()).to.deep.equal(['clarity', 'dataLayer', 'gtag', 'uetq']);
  });

  it('declares Microsoft UET and Clarity denied on a first visit, a returning state after', async () => {
    const first = await openFrame(PAGE_URL);
    expect(JSON.parse(JSON.stringify(first.uetq))).to.deep.equal([
      'consent',
      'default',
      {ad_storage: 'denied'},
    ]);
    const queued = (first.clarity as unknown as {q: ArrayLike<unknown>[]}).q;
    expect(queued.map((entry) => Object.prototype.toString.call(entry))).to.deep.equal([
      '[object Arguments]',
    ]);
    expect(JSON.parse(JSON.stringify(Array.from(queued[0]!)))).to.deep.equal([
      'consentv2',
      {ad_Storage: 'denied', analytics_Storage: 'denied'},
    ]);

    localStorage.setItem(CONSENT_MODE_KEY, JSON.stringify({analytics_storage: 'granted'}));
    const returning = await openFrame(PAGE_URL);
    const again = (returning.clarity as unknown as {q: ArrayLike<unknown>[]}).q;
    expect(JSON.parse(JSON.stringify(Array.from(again[0]!)))).to.deep.equal([
      'consentv2',
      {ad_Storage: 'denied', analytics_Storage: 'granted'},
    ]);
  });
});
