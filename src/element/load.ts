/**
 * What a load of `<privacy-preferences>` learns before anything is shown: the configuration
 * (from its three sources), who the customer is, whether the browser sends Global Privacy
 * Control, the choices this browser's copy gives, and whether the session must start now or
 * may wait until needed. Nothing here loads the interactive half.
 */
import type {PrivacyConfig} from '../core/config.js';
import {startingChoices, type Ask, type ConsentStart, type PolicyChange} from '../core/consent.js';
import {normalizeRegion, ruleFor, type AppliedRule} from '../core/jurisdiction.js';
import type {Problem} from '../core/problem.js';
import {loadConfig, type ConfigSources} from '../browser/config-source.js';
import {isWithin} from '../core/cookie-domain.js';
import {regionHint} from '../browser/region-hint.js';
import {
  NOTICE_KEY,
  readJson,
  readMirroredDecision,
  WAITING_KEY,
  type KeyValueStore,
} from '../browser/storage.js';
import {resolveSubject, writeSubject} from '../browser/subject.js';
import type {SessionSource} from '../center/center-controller.js';

export interface LoadInputs {
  readonly sources: ConfigSources & {readonly signal: AbortSignal};
  readonly subject: string | undefined;
  readonly subjectToken: string | undefined;
  readonly endpoint: string | undefined;
  readonly credentials: RequestCredentials;
  readonly isInline: boolean;
  readonly store: KeyValueStore;
  /** The `region` attribute (ISO 3166: `DE`, `US-CA`), as the site wrote it. */
  readonly region: string | undefined;
}

export type Loaded =
  | {
      readonly ok: false;
      readonly problems: readonly Problem[];
      readonly warnings: readonly Problem[];
    }
  | ({readonly ok: true; readonly warnings: readonly Problem[]} & LocalStart);

export interface LocalStart {
  readonly config: PrivacyConfig;
  /** The choices this browser's copy gives (or the defaults), before the session knows better. */
  readonly start: ConsentStart;
  /** What the banner asks, from this browser's copy of the decision. */
  readonly ask: Ask;
  /** The jurisdiction rule that applies on this page. */
  readonly rule: AppliedRule;
  /** Keeps the cookie the site's subdomains share (`cookieDomain`). */
  readonly keepShared: (() => void) | undefined;
  readonly localPolicyChange: PolicyChange | undefined;
  readonly hasGpcSignal: boolean;
  /** What the session starts from, now or when it is needed. */
  readonly session: SessionSource;
  /**
   * The session has work on this load: a record to send or to restore (an anonymous id's
   * record can only come from this browser), a signal to record, the center to show.
   */
  readonly isSessionDue: boolean;
}

export async function load(inputs: LoadInputs): Promise<Loaded> {
  const result = await loadConfig(inputs.sources);
  if (!result.ok) return result;
  const {config} = result;
  const {store, endpoint} = inputs;
  // A blank attribute names no region.
  const named = inputs.region?.trim() ? inputs.region : undefined;
  const region = normalizeRegion(named);
  const warnings: Problem[] = [...result.warnings];
  if (named && !region)
    warnings.push({
      path: 'region',
      message: `${JSON.stringify(named)} is not an ISO 3166 code ("DE", "US-CA"): the strictest rule applies`,
    });
  // One decision across the site's subdomains, where the page is one of them.
  const domain = config.cookieDomain;
  const sharing = domain && isWithin(location.hostname, domain) ? domain : undefined;
  if (domain && !sharing)
    warnings.push({
      path: 'cookieDomain',
      message: `"${domain}" is neither this page's domain (${location.hostname}) nor a parent of it: the decision stays on this host`,
    });
  // Only such a page loads what reads and writes the cookie (a failed load: not shared).
  const cookies = sharing
    ? await import('../browser/shared-cookie.js').catch(() => undefined)
    : undefined;
  const shared = cookies?.readSharedCookie();
  // The anonymous subject the subdomains share (a signed-in one is the site's to give).
  if (shared && !inputs.subject?.trim()) writeSubject(store, shared.subject);
  // The endpoint's hint only where the site gave no region and the configuration has rules by region.
  const rule = ruleFor(
    config.jurisdictions,
    region ??
      (endpoint && config.jurisdictions && !named
        ? await regionHint({
            endpoint,
            credentials: inputs.credentials,
            store,
            signal: inputs.sources.signal,
          })
        : undefined),
  );
  const subject = resolveSubject(inputs.subject, store);
  // Global Privacy Control (https://globalprivacycontrol.org): the browser's do-not-sell signal.
  const hasGpc = (navigator as {globalPrivacyControl?: boolean}).globalPrivacyControl === true;
  const stored = readMirroredDecision(store);
  const local = stored?.subject === subject.id ? stored : undefined;
  // Another subdomain's later decision of the same subject (this browser's IndexedDB lacks it).
  const fromShared = cookies?.laterShared(shared, subject.id, local);
  const prior = fromShared ?? local;
  const isCurrent = prior?.policyVersion === config.policyVersion;
  const noticeSeen = readJson(store, NOTICE_KEY);
  const starting = startingChoices(
    config.purposes,
    config.policyVersion,
    prior,
    hasGpc,
    rule,
    Date.now(),
    noticeSeen,
  );
  return {
    ok: true,
    warnings,
    config,
    start: {choices: starting.choices, source: prior ? 'local' : 'default'},
    ask: starting.ask,
    rule,
    localPolicyChange: starting.isPolicyChanged
      ? {newPurposeIds: starting.newPurposeIds}
      : undefined,
    keepShared:
      cookies && sharing
        ? () => cookies.keepSharedCookie(store, {domain: sharing, subject: subject.id})
        : undefined,
    hasGpcSignal: hasGpc,
    session: {
      config,
      subject: subject.id,
      isNewSubject: subject.isNew,
      endpoint: endpoint
        ? {url: endpoint, credentials: inputs.credentials, token: inputs.subjectToken}
        : undefined,
      mirror: store,
      hasGpcSignal: hasGpc,
      rule,
      shared: fromShared,
      signal: inputs.sources.signal,
    },
    isSessionDue:
      inputs.isInline ||
      hasGpc ||
      (endpoint !== undefined &&
        (readJson(store, WAITING_KEY) !== undefined ||
          (!subject.isNew && (!isCurrent || !!inputs.subject?.trim())))),
  };
}
