/**
 * One decision across a site's subdomains (`"cookieDomain"`): the anonymous subject and the core
 * of its current decision, in a first-party cookie for the site's domain, so that `www.` and
 * `account.` read the same. Small on purpose: the decision's core, not the outbox. What is read
 * back is validated like anything stored: another subdomain's script may have written it.
 * DOM-free.
 */
import {isRecord} from './json.js';
import {ANONYMOUS_SUBJECT_PATTERN} from './patterns.js';
import {readDecisionCore, type DecisionCore} from './stored-decision.js';

export const SHARED_COOKIE = 'privacy-preferences-shared';

/** 13 months, as long as the decided cookie. */
export const SHARED_COOKIE_MAX_AGE = 34_128_000;

export interface Shared {
  /** The anonymous subject the subdomains share (a signed-in subject is the site's to give). */
  readonly subject: string;
  readonly decision?: DecisionCore | undefined;
}

/** What the `Cookie` header (or `document.cookie`) shares, if anything valid. */
export function readShared(cookies: string | null | undefined): Shared | undefined {
  for (const pair of (cookies ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at < 0 || pair.slice(0, at).trim() !== SHARED_COOKIE) continue;
    let value: unknown;
    try {
      value = JSON.parse(decodeURIComponent(pair.slice(at + 1).trim()));
    } catch {
      return undefined;
    }
    if (!isRecord(value) || typeof value.subject !== 'string') return undefined;
    if (!ANONYMOUS_SUBJECT_PATTERN.test(value.subject)) return undefined;
    const decision = readDecisionCore(value.decision);
    return {
      subject: value.subject,
      ...(decision?.subject === value.subject && {decision}),
    };
  }
  return undefined;
}

/** The cookie's value for `shared` (`undefined`: removed). */
export function sharedCookie(
  shared: Shared | undefined,
  domain: string,
  isSecure: boolean,
): string {
  const value = shared ? encodeURIComponent(JSON.stringify(shared)) : '';
  const maxAge = shared ? SHARED_COOKIE_MAX_AGE : 0;
  return `${SHARED_COOKIE}=${value}; domain=${domain}; path=/; max-age=${maxAge}; samesite=lax${isSecure ? '; secure' : ''}`;
}

/** The later of two copies of a decision (by when it was made); either may be missing. */
export function newer(
  a: DecisionCore | undefined,
  b: DecisionCore | undefined,
): DecisionCore | undefined {
  if (!a || !b) return a ?? b;
  return b.decidedAt > a.decidedAt ? b : a;
}
