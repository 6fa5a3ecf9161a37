/**
 * The first-party cookie that tells the site's server the customer has decided under a policy
 * version, so that `renderBanner` (src/server.ts) writes no banner into their pages. It holds
 * the policy version and nothing else: nothing personal, nothing a tracker could use. The
 * element keeps it in step with its decision (src/browser/decided-cookie.ts). DOM-free.
 */

export const DECIDED_COOKIE = 'privacy-preferences-decided';

/** 13 months, the longest the CNIL accepts for keeping a consent choice before asking again. */
export const DECIDED_COOKIE_MAX_AGE = 34_128_000;

/** The policy version the `Cookie` header (or `document.cookie`) says was decided, if any. */
export function decidedVersionIn(cookies: string | null | undefined): string | undefined {
  for (const pair of (cookies ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at < 0 || pair.slice(0, at).trim() !== DECIDED_COOKIE) continue;
    try {
      return decodeURIComponent(pair.slice(at + 1).trim());
    } catch {
      return undefined; // not written by us: as if absent
    }
  }
  return undefined;
}

/** What to assign to `document.cookie` so that it says `policyVersion` (`undefined`: removed). */
export function decidedCookie(policyVersion: string | undefined, isSecure: boolean): string {
  const value = policyVersion === undefined ? '' : encodeURIComponent(policyVersion);
  const maxAge = policyVersion === undefined ? 0 : DECIDED_COOKIE_MAX_AGE;
  return `${DECIDED_COOKIE}=${value}; path=/; max-age=${maxAge}; samesite=lax${isSecure ? '; secure' : ''}`;
}
