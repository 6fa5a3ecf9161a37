/**
 * Keeps the decided cookie (core/decided-cookie.ts) in step with the element's decision: the
 * policy version while a decision under it is current, nothing otherwise. Written only when it
 * changes; a page that may not use cookies (a sandboxed frame) keeps none.
 */
import {DECIDED_COOKIE, decidedCookie} from '../core/decided-cookie.js';

export function keepDecidedCookie(policyVersion: string | undefined): void {
  try {
    // `document.cookie` is "a=1; b=2": each pair between "; " and ";" once framed so.
    const cookies = `; ${document.cookie};`;
    const isKept =
      policyVersion === undefined
        ? !cookies.includes(`; ${DECIDED_COOKIE}=`)
        : cookies.includes(`; ${DECIDED_COOKIE}=${encodeURIComponent(policyVersion)};`);
    if (!isKept) document.cookie = decidedCookie(policyVersion, location.protocol === 'https:');
  } catch {
    // No cookies here: the server cannot know, and the entry removes its banner instead.
  }
}
