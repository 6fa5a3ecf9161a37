/**
 * Removes what a withdrawn purpose's tags left in the browser: its cookies (host-only and for
 * each parent domain, at `/` and at this page's default path) and its `localStorage` and
 * `sessionStorage` keys. Never the element's own keys. `HttpOnly` cookies are out of a page's
 * reach.
 */
import type {PurposeConfig} from '../core/config.js';
import type {Choices} from '../core/consent.js';
import {cookieDomains, cookiePaths, namesToRemove, type Withdrawn} from '../core/withdrawal.js';
import {STORAGE_PREFIX} from './storage.js';

/**
 * Removes them, and returns what is gone: a cookie still readable afterwards (set for a path
 * deeper than this page's, say) is not reported as removed.
 */
export function removeWithdrawn(purposes: readonly PurposeConfig[], choices: Choices): Withdrawn[] {
  const removed: Withdrawn[] = [];
  if (!purposes.some((purpose) => purpose.cookies || purpose.storage)) return removed;
  const cookieNames = () =>
    document.cookie
      .split(';')
      .map((cookie) => cookie.split('=')[0]!.trim())
      .filter(Boolean);
  const {hostname, pathname} = location;
  const cookies = namesToRemove(purposes, choices, 'cookies', cookieNames());
  for (const {name} of cookies)
    for (const domain of ['', ...cookieDomains(hostname)])
      for (const path of cookiePaths(pathname))
        document.cookie = `${name}=; max-age=0; path=${path}${domain && `; domain=${domain}`}`;
  const left = cookieNames();
  removed.push(...cookies.filter(({name}) => !left.includes(name)));
  for (const storage of ['localStorage', 'sessionStorage'] as const) {
    try {
      const area = window[storage];
      const keys = Array.from({length: area.length}, (_, index) => area.key(index) ?? '');
      for (const key of namesToRemove(purposes, choices, 'storage', keys)) {
        if (key.name.startsWith(STORAGE_PREFIX)) continue;
        area.removeItem(key.name);
        removed.push(key);
      }
    } catch {
      // Storage blocked: nothing of it to remove.
    }
  }
  return removed;
}
