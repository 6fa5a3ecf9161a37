import {expect} from '@open-wc/testing';
import {rememberConsentMode, updateConsentMode, type Gtag} from '../../src/browser/consent-mode.js';
import {memoryStore, readJson, STORAGE_PREFIX} from '../../src/browser/storage.js';
import {CONSENT_MODE_KEY, type ConsentModeState} from '../../src/core/consent-mode.js';

const state: ConsentModeState = {
  analytics_storage: 'granted',
  ad_storage: 'denied',
  ad_user_data: 'denied',
};

/** A stand-in page: only the globals `updateConsentMode` reads. */
function fakeWindow(globals: object): Window {
  // The function reads nothing else from the window, so a plain object is a faithful page.
  return globals as unknown as Window;
}

function recordingGtag(): {gtag: Gtag; calls: unknown[][]} {
  const calls: unknown[][] = [];
  return {gtag: (...args) => void calls.push(args), calls};
}

describe('updateConsentMode', () => {
  it('calls the page’s gtag with a consent update', () => {
    const {gtag, calls} = recordingGtag();
    const dataLayer: unknown[] = [];
    updateConsentMode(state, {}, fakeWindow({gtag, dataLayer}));
    expect(calls).to.deep.equal([['consent', 'update', state]]);
    expect(dataLayer, 'gtag does the pushing').to.have.length(0);
  });

  it('pushes what gtag would, an Arguments object, when only the data layer exists', () => {
    const dataLayer: unknown[] = [{event: 'gtm.js'}];
    updateConsentMode(state, {}, fakeWindow({dataLayer}));
    expect(dataLayer).to.have.length(2);
    const entry = dataLayer[1];
    expect(Object.prototype.toString.call(entry)).to.equal('[object Arguments]');
    expect(Array.from(entry as ArrayLike<unknown>)).to.deep.equal(['consent', 'update', state]);
  });

  it('leaves a page without Google tags untouched', () => {
    const page = {};
    expect(() => updateConsentMode(state, {}, fakeWindow(page))).not.to.throw();
    expect(page).to.deep.equal({});
  });

  it('leaves a data layer that is not an array alone', () => {
    const page = {dataLayer: {name: 'site analytics'}};
    expect(() => updateConsentMode(state, {}, fakeWindow(page))).not.to.throw();
    expect(page).to.deep.equal({dataLayer: {name: 'site analytics'}});
  });

  it('sends nothing when no purpose names a Consent Mode key', () => {
    const {gtag, calls} = recordingGtag();
    const dataLayer: unknown[] = [];
    updateConsentMode({}, {}, fakeWindow({gtag}));
    updateConsentMode({}, {}, fakeWindow({dataLayer}));
    expect(calls).to.have.length(0);
    expect(dataLayer).to.have.length(0);
  });

  it('tells Microsoft UET and Clarity from the same keys, and only the keys a purpose lists', () => {
    const uetq: unknown[][] = [];
    const clarity: unknown[][] = [];
    const page = {
      uetq: {push: (...args: unknown[]) => void uetq.push(args)},
      clarity: (...args: unknown[]) => void clarity.push(args),
    };
    updateConsentMode(state, {}, fakeWindow(page));
    updateConsentMode({analytics_storage: 'denied'}, {}, fakeWindow(page));
    expect(uetq).to.deep.equal([['consent', 'update', {ad_storage: 'denied'}]]);
    expect(clarity).to.deep.equal([
      ['consentv2', {ad_Storage: 'denied', analytics_Storage: 'granted'}],
      ['consentv2', {analytics_Storage: 'denied'}],
    ]);
  });

  it("tells Meta's and TikTok's pixels what the purposes naming them decide", () => {
    const calls: unknown[][] = [];
    const page = {
      fbq: (...args: unknown[]) => void calls.push(['fbq', ...args]),
      ttq: {
        grantConsent: () => void calls.push(['ttq.grantConsent']),
        revokeConsent: () => void calls.push(['ttq.revokeConsent']),
      },
    };
    updateConsentMode({}, {'meta-pixel': 'granted', 'tiktok-pixel': 'denied'}, fakeWindow(page));
    updateConsentMode({}, {'meta-pixel': 'denied', 'tiktok-pixel': 'granted'}, fakeWindow(page));
    updateConsentMode({}, {}, fakeWindow(page)); // no purpose names them: nothing
    expect(calls).to.deep.equal([
      ['fbq', 'consent', 'grant'],
      ['ttq.revokeConsent'],
      ['fbq', 'consent', 'revoke'],
      ['ttq.grantConsent'],
    ]);
  });

  it('a vendor that throws keeps none of the others from hearing, and is reported', () => {
    const heard: string[] = [];
    const reported: unknown[] = [];
    const reportError = window.reportError;
    window.reportError = (error: unknown) => void reported.push(error);
    const broken = new Error('uet is broken');
    try {
      updateConsentMode(
        state,
        {'meta-pixel': 'denied'},
        fakeWindow({
          gtag: () => void heard.push('gtag'),
          uetq: {
            push: () => {
              throw broken;
            },
          },
          clarity: () => void heard.push('clarity'),
          fbq: () => void heard.push('fbq'),
        }),
      );
    } finally {
      window.reportError = reportError;
    }
    expect(heard).to.deep.equal(['gtag', 'clarity', 'fbq']);
    expect(reported).to.deep.equal([broken]);
  });

  it('uses the real window by default', () => {
    const {gtag, calls} = recordingGtag();
    const previous = window.gtag;
    window.gtag = gtag;
    try {
      updateConsentMode(state, {});
    } finally {
      if (previous) window.gtag = previous;
      else delete window.gtag;
    }
    expect(calls).to.deep.equal([['consent', 'update', state]]);
  });
});

describe('rememberConsentMode', () => {
  it('keeps the state where the defaults script reads it', () => {
    const store = memoryStore();
    rememberConsentMode(store, state);
    expect(readJson(store, CONSENT_MODE_KEY)).to.deep.equal(state);
  });

  it('replaces the state kept before', () => {
    const store = memoryStore();
    rememberConsentMode(store, state);
    rememberConsentMode(store, {analytics_storage: 'denied'});
    expect(readJson(store, CONSENT_MODE_KEY)).to.deep.equal({analytics_storage: 'denied'});
  });

  it('does not throw when storage is blocked', () => {
    const fail = (): never => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
    const store = {getItem: fail, setItem: fail, removeItem: fail};
    expect(() => rememberConsentMode(store, state)).not.to.throw();
  });

  it('stores under the element’s storage prefix', () => {
    expect(CONSENT_MODE_KEY).to.equal(`${STORAGE_PREFIX}consent-mode`);
  });
});
