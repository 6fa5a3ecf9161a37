/**
 * The cookie that a site's subdomains share (core/shared-cookie.ts): read, and kept in step with
 * the anonymous subject and the latest decision this page knows of. Written only when it
 * changes; a page that may not use cookies (a sandboxed frame) shares nothing. Loaded by the
 * entry only where the configuration has a `cookieDomain` and the page is within it.
 */
import {ANONYMOUS_SUBJECT_PATTERN} from '../core/patterns.js';
import {newer, readShared, sharedCookie, type Shared} from '../core/shared-cookie.js';
import type {DecisionCore} from '../core/stored-decision.js';
import {readMirroredDecision, type KeyValueStore} from './storage.js';

export type {Shared};

export function readSharedCookie(): Shared | undefined {
  try {
    return readShared(document.cookie);
  } catch {
    return undefined;
  }
}

/**
 * The subject, and the later of this browser's copy of its decision (`store`) and the one the
 * cookie holds: a subdomain that has not yet taken another's decision never overwrites it. A
 * signed-in subject is the site's to give on each page: never shared.
 */
export function keepSharedCookie(
  store: KeyValueStore,
  {domain, subject}: {readonly domain: string; readonly subject: string},
): void {
  if (!ANONYMOUS_SUBJECT_PATTERN.test(subject)) return;
  try {
    const current = readShared(document.cookie);
    const mirrored = readMirroredDecision(store);
    const decision = newer(
      mirrored?.subject === subject ? mirrored : undefined,
      current?.subject === subject ? current.decision : undefined,
    );
    const shared: Shared = {subject, ...(decision && {decision})};
    if (JSON.stringify(current) === JSON.stringify(shared)) return;
    document.cookie = sharedCookie(shared, domain, location.protocol === 'https:');
  } catch {
    // No cookies here: each subdomain keeps its own.
  }
}

/** The shared decision of `subject`, where it is later than this browser's own copy. */
export function laterShared(
  shared: Shared | undefined,
  subject: string,
  local: DecisionCore | undefined,
): DecisionCore | undefined {
  const decision = shared?.decision;
  return decision?.subject === subject && newer(local, decision) !== local ? decision : undefined;
}
