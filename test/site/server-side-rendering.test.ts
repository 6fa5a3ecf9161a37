/**
 * Server-side rendering (docs/element.md#loading): a Next.js or Nuxt page, or a test runner, imports the
 * package in Node, where there is no DOM. Importing the built entry must do nothing and throw
 * nothing; the element class is still there to reference.
 */
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';

/** By name, as a site's server code imports it (the package's `exports`: the built entry). */
const PACKAGE: string = 'privacy-preferences';

describe('importing the package outside a browser', () => {
  it('import "privacy-preferences" defines nothing, touches no global, throws nothing; the class is exported', async () => {
    const globalsBefore = Object.getOwnPropertyNames(globalThis).sort();
    assert.equal(typeof globalThis.customElements, 'undefined');
    assert.equal(typeof globalThis.HTMLElement, 'undefined');

    const entry = (await import(PACKAGE)) as {readonly PrivacyPreferences?: unknown};

    assert.equal(typeof entry.PrivacyPreferences, 'function');
    assert.deepEqual(Object.getOwnPropertyNames(globalThis).sort(), globalsBefore);
  });

  it('the source entry behaves the same (a bundler importing src through the package)', async () => {
    const entry = await import('../../src/privacy-preferences.js');
    assert.equal(typeof entry.PrivacyPreferences, 'function');
    assert.deepEqual(entry.PrivacyPreferences.observedAttributes, [
      'config-url',
      'endpoint',
      'subject',
      'subject-token',
      'credentials',
      'locale',
      'mode',
      'heading-level',
      'region',
    ]);
  });
});
