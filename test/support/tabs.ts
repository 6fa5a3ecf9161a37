/**
 * Tabs of the shop for end-to-end tests: each is a same-origin page in an iframe
 * (`test/e2e/pages/tab.html`), so closing one really unloads a page, and two share storage
 * as two tabs do.
 */
import {waitUntil} from '@open-wc/testing';
import type {PrivacyPreferences} from '../../src/index.js';

export interface TabEvent {
  readonly type: string;
  readonly detail: Record<string, unknown>;
}

export interface Tab {
  readonly frame: HTMLIFrameElement;
  readonly center: PrivacyPreferences;
  /** Every consent event the center fired, in order. */
  readonly events: TabEvent[];
  /** Uncaught errors and unhandled rejections in the tab. */
  readonly problems: string[];
  /** The tab's window, e.g. to post messages from inside it. */
  readonly window: Window;
  close(): void;
}

export interface TabOptions {
  /** `localStorage` refuses every write, as when its quota is used up. */
  readonly storage?: 'refuse-writes';
}

type TabWindow = Window & {consentEvents?: TabEvent[]; consentProblems?: string[]};

const open = new Set<Tab>();

/** Opens a tab and waits until its center is ready. */
export async function openTab(
  endpoint: string,
  subject: string,
  options: TabOptions = {},
): Promise<Tab> {
  const frame = document.createElement('iframe');
  const query = new URLSearchParams({endpoint, subject, ...options});
  frame.src = `/test/e2e/pages/tab.html?${query}`;
  document.body.append(frame);
  const view = () => frame.contentWindow as TabWindow | null;
  await waitUntil(
    () => view()?.consentEvents?.some((event) => event.type === 'consent-ready'),
    'tab not ready',
    {timeout: 10_000},
  );
  const center = frame.contentDocument!.querySelector('privacy-preferences') as PrivacyPreferences;
  await center.updateComplete;
  const tab: Tab = {
    frame,
    center,
    events: view()!.consentEvents!,
    problems: view()!.consentProblems!,
    window: view()!,
    close() {
      open.delete(tab);
      frame.remove();
    },
  };
  open.add(tab);
  return tab;
}

/** Closes every tab still open (call it after each test). */
export function closeTabs(): void {
  for (const tab of [...open]) tab.close();
}

/** The tab's events of one type. */
export function eventsOf(tab: Tab, type: string): TabEvent[] {
  return tab.events.filter((event) => event.type === type);
}
