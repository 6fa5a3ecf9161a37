/**
 * Removes what a withdrawn purpose's tags left in the browser: its cookies (host-only and for
 * each parent domain, at `/` and at this page's default path) and its `localStorage` and
 * `sessionStorage` keys. Never the element's own keys. `HttpOnly` cookies are out of a page's
 * reach.
 */
import type {PurposeConfig} from '../core/config.js';
import type {Choices} from '../core/consent.js';
import {cookieDomains, cookiePaths, namesToRemove} from '../core/withdrawal.js';
import {STORAGE_PREFIX} from './storage.js';

export function removeWithdrawn(purposes: readonly PurposeConfig[], choices: Choices): void {
  if (!purposes.some((purpose) => purpose.cookies || purpose.storage)) return;
  const present = document.cookie
    .split(';')
    .map((cookie) => cookie.split('=')[0]!.trim())
    .filter(Boolean);
  const {hostname, pathname} = location;
  for (const name of namesToRemove(purposes, choices, 'cookies', present))
    for (const domain of ['', ...cookieDomains(hostname)])
      for (const path of cookiePaths(pathname))
        document.cookie = `${name}=; max-age=0; path=${path}${domain && `; domain=${domain}`}`;
  for (const storage of ['localStorage', 'sessionStorage'] as const) {
    try {
      const area = window[storage];
      const keys = Array.from({length: area.length}, (_, index) => area.key(index) ?? '');
      for (const key of namesToRemove(purposes, choices, 'storage', keys))
        if (!key.startsWith(STORAGE_PREFIX)) area.removeItem(key);
    } catch {
      // Storage blocked: nothing of it to remove.
    }
  }
}
