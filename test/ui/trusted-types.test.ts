/**
 * Under Trusted Types, the README's advice word for word: a page that allows the two policies
 * the bundle creates (`privacy-preferences`, `lit-html`) gets the full center; a page that
 * allows only the first gets no center, and the site hears why. Each page is a frame with its
 * own Content Security Policy and its own copy of the element.
 */
import {expect, waitUntil} from '@open-wc/testing';
import {shopConfig} from '../fixtures/shop-config.js';

/** A page with this policy and an inline center; its events are kept on `window.heard`. */
async function pageUnder(policy: string): Promise<Window & {heard?: string[]}> {
  const frame = document.createElement('iframe');
  frame.srcdoc = `<meta http-equiv="Content-Security-Policy" content="${policy}">
    <script type="module">
      window.heard = [];
      for (const type of ['consent-ready', 'consent-error'])
        document.addEventListener(type, (event) =>
          window.heard.push(type + (event.detail.message ? ': ' + event.detail.message : '')));
      await import('/src/privacy-preferences.ts?trusted-types');
    </script>
    <privacy-preferences>
      <script type="application/json">${JSON.stringify(shopConfig)}</script>
    </privacy-preferences>`;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, {once: true}));
  document.body.append(frame);
  await loaded;
  frames.push(frame);
  return frame.contentWindow as Window & {heard?: string[]};
}

const frames: HTMLIFrameElement[] = [];

describe('<privacy-preferences> under Trusted Types', () => {
  afterEach(() => {
    for (const frame of frames.splice(0)) frame.remove();
  });

  it("renders the full center where the README's policy allows privacy-preferences and lit-html", async () => {
    const page = await pageUnder(
      "require-trusted-types-for 'script'; trusted-types privacy-preferences lit-html",
    );
    const center = () => page.document.querySelector('privacy-preferences')?.shadowRoot;
    await waitUntil(() => (page.heard ?? []).length > 0, 'the center never got ready');
    // Rendered, or refused: whichever comes first says which.
    await waitUntil(
      () => center()?.querySelectorAll('[role="switch"]').length === 4 || page.heard!.length > 1,
      'the center never rendered',
    );
    expect(page.heard).to.deep.equal(['consent-ready']);
    expect(center()!.querySelectorAll('[role="switch"]')).to.have.length(4);
  });

  it('shows no center where only privacy-preferences is allowed, and the site hears why', async () => {
    const page = await pageUnder(
      "require-trusted-types-for 'script'; trusted-types privacy-preferences",
    );
    await waitUntil(() => (page.heard ?? []).length === 2, `heard: ${String(page.heard)}`);
    // The choices are known (ready); the center's module could not create its policy.
    const [error] = page.heard!.filter((heard) => heard !== 'consent-ready');
    expect(page.heard).to.include('consent-ready');
    expect(
      error!.startsWith(
        'consent-error: <privacy-preferences>: the interface (the center) could not be loaded (',
      ),
      error,
    ).to.equal(true);
    expect(error).to.include('lit-html');
    expect(
      page.document
        .querySelector('privacy-preferences')!
        .shadowRoot!.querySelector('[role="switch"]'),
    ).to.equal(null);
  });
});
