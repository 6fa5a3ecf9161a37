/** Helpers that look at the element the way a customer or a site owner would. */
import {fixture} from '@open-wc/testing';
import type {TemplateResult} from 'lit';
import type {ConsentEventDetails, PrivacyPreferences} from '../../src/index.js';
import {decidedCookie} from '../../src/core/decided-cookie.js';
import '../../src/privacy-preferences.js';

export {sendGpcSignal} from './gpc.js';

type EventName = keyof ConsentEventDetails;

/** Resolves with the next such event fired anywhere in the document. */
export function nextEvent<K extends EventName>(
  type: K,
): Promise<CustomEvent<ConsentEventDetails[K]>> {
  return new Promise((resolve) => {
    document.addEventListener(
      type,
      (event) => resolve(event as CustomEvent<ConsentEventDetails[K]>),
      {
        once: true,
      },
    );
  });
}

/** Renders a center and waits until it has fired `consent-ready` (or `consent-error`). */
export async function renderCenter(
  template: TemplateResult,
  settledBy: EventName = 'consent-ready',
): Promise<{el: PrivacyPreferences; event: CustomEvent}> {
  const settled = nextEvent(settledBy);
  const root = await fixture<HTMLElement>(template);
  const el =
    root.localName === 'privacy-preferences' ? root : root.querySelector('privacy-preferences');
  if (!(el instanceof customElements.get('privacy-preferences')!))
    throw new Error('no <privacy-preferences>');
  const event = await settled;
  await (el as PrivacyPreferences).updateComplete;
  return {el: el as PrivacyPreferences, event};
}

export function shadow(el: PrivacyPreferences): ShadowRoot {
  if (!el.shadowRoot) throw new Error('no shadow root');
  return el.shadowRoot;
}

export function switches(el: PrivacyPreferences): HTMLElement[] {
  return [...shadow(el).querySelectorAll<HTMLElement>('[role="switch"]')];
}

/** The switch whose accessible name (its purpose's title) is `name`. */
export function switchNamed(el: PrivacyPreferences, name: string): HTMLElement {
  const found = switches(el).find((candidate) => accessibleName(el, candidate) === name);
  if (!found) throw new Error(`no switch named "${name}"`);
  return found;
}

/** The name given by aria-labelledby, as assistive technology computes it for our switches. */
export function accessibleName(el: PrivacyPreferences, element: HTMLElement): string {
  const ids = element.getAttribute('aria-labelledby')?.split(/\s+/) ?? [];
  return ids
    .map((id) => shadow(el).getElementById(id)?.textContent?.trim() ?? '')
    .join(' ')
    .trim();
}

export function buttonNamed(el: PrivacyPreferences, name: string): HTMLButtonElement {
  const found = [...shadow(el).querySelectorAll('button')].find(
    (button) => button.getAttribute('role') !== 'switch' && button.textContent?.trim() === name,
  );
  if (!found) throw new Error(`no button named "${name}"`);
  return found;
}

export function statusText(el: PrivacyPreferences): string {
  return (
    shadow(el).querySelector('[role="status"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? ''
  );
}

export function visibleText(el: PrivacyPreferences): string {
  return (shadow(el).textContent ?? '').replace(/\s+/g, ' ');
}

/** Lit's dev-mode warnings (and ours) fail the test that caused them. */
export function failOnWarnings(): void {
  let warnings: unknown[][] = [];
  const original = console.warn;
  beforeEach(() => {
    warnings = [];
    console.warn = (...args: unknown[]) => void warnings.push(args);
  });
  afterEach(() => {
    console.warn = original;
    if (warnings.length > 0)
      throw new Error(`console.warn was called: ${JSON.stringify(warnings)}`);
  });
}

/** Records console.error calls (invalid configuration is logged there) instead of printing them. */
export function captureErrors(): {readonly messages: string[]} {
  const captured = {messages: [] as string[]};
  const original = console.error;
  beforeEach(() => {
    captured.messages.length = 0;
    console.error = (...args: unknown[]) => void captured.messages.push(args.map(String).join(' '));
  });
  afterEach(() => {
    console.error = original;
  });
  return captured;
}

/**
 * Forgets everything this origin's earlier pages kept: `localStorage` and the shared state in
 * IndexedDB (as a customer clearing the site's data would). It waits while an element still
 * on a page holds the database open.
 */
export async function forgetEverything(): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.deleteDatabase('privacy-preferences');
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  });
  // Only now: a page that was still closing may have written its mirror until a moment ago.
  localStorage.clear();
  document.cookie = decidedCookie(undefined, false);
}

/** "Last saved …", shown beside the status but outside its live region. */
export function lastSavedText(el: PrivacyPreferences): string {
  return (
    shadow(el).querySelector('[part="last-saved"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? ''
  );
}
