/**
 * The consent state: one choice per purpose. Pure functions over immutable values, so the
 * element, the delivery queue and the page effects all read the same truth.
 */
import type {Choice, PurposeConfig} from './config.js';
import {OPT_IN, type JurisdictionRule, type Model} from './jurisdiction.js';
import {timeOf} from './patterns.js';

export type Choices = Readonly<Record<string, Choice>>;

/** How a change came about; `sync` is a change adopted from another tab or device. */
export const CHANGE_METHODS = ['toggle', 'accept-all', 'reject-all', 'gpc', 'api', 'sync'] as const;
export type ChangeMethod = (typeof CHANGE_METHODS)[number];

/**
 * The choice a purpose starts with before the customer decides: its `default` where consent
 * comes first (opt-in); where it does not (opt-out, notice), a purpose on consent starts
 * granted, unless it is `optIn` (sensitive data).
 */
export function ruleDefault(purpose: PurposeConfig, model: Model): Choice {
  return model !== 'opt-in' && purpose.legalBasis === 'consent' && !purpose.optIn
    ? 'granted'
    : purpose.default;
}

/** Global Privacy Control refuses the purposes marked `gpc`, and every sale or sharing. */
export function isGpcCovered(purpose: PurposeConfig): boolean {
  return !purpose.required && (purpose.gpc || purpose.saleOrSharing === true);
}

/**
 * The choices in force for these purposes: required purposes are always granted, a stored
 * choice wins over the rule's default, and stored ids that no longer exist are dropped.
 */
export function resolveChoices(
  purposes: readonly PurposeConfig[],
  stored: Readonly<Record<string, unknown>> = {},
  model: Model = 'opt-in',
): Choices {
  const choices: Record<string, Choice> = {};
  for (const purpose of purposes) {
    const previous = stored[purpose.id];
    choices[purpose.id] = purpose.required
      ? 'granted'
      : previous === 'granted' || previous === 'denied'
        ? previous
        : ruleDefault(purpose, model);
  }
  return choices;
}

/** The ids whose choice differs between two states, in the order of `after`. */
export function changedIds(before: Choices, after: Choices): string[] {
  return Object.keys(after).filter((id) => before[id] !== after[id]);
}

/** Where the choices a page starts with came from. */
export type ReadySource = 'endpoint' | 'local' | 'default';

/** The choices a page starts with, and where they came from. */
export interface ConsentStart {
  readonly choices: Choices;
  readonly source: ReadySource;
}

/** The policy changed since the customer's last decision. */
export interface PolicyChange {
  readonly newPurposeIds: readonly string[];
}

export interface PriorDecision {
  readonly policyVersion: string;
  readonly choices: Readonly<Record<string, unknown>>;
  /** When it was made (ISO 8601). */
  readonly decidedAt: string;
  /** Whether the browser sent Global Privacy Control when that decision was made. */
  readonly gpc?: boolean | undefined;
  /** Made by the browser's signal alone, not by the customer. */
  readonly bySignal?: boolean | undefined;
}

/**
 * What the banner asks on this load: nothing (a decision stands), everything, or only the
 * purposes added since a refusal (`newPurposeIds`).
 */
export type Ask = 'nothing' | 'everything' | 'new';

export interface StartingChoices {
  readonly choices: Choices;
  /** Purposes added since the last decision, which was made under another policy version. */
  readonly newPurposeIds: readonly string[];
  readonly isPolicyChanged: boolean;
  /** Purposes that Global Privacy Control switched off on this load. */
  readonly deniedByGpc: readonly string[];
  readonly ask: Ask;
}

const DAY_MS = 86_400_000;

/**
 * Where a decision stands under a rule at `now`. Without a decision of the customer's (none, or
 * only the browser's signal), opt-in asks and opt-out does not; a notice informs until dismissed
 * (`noticeSeen`: the policy version it was dismissed under). Only opt-in asks after a decision: it lapses after `maxAgeDays`; a refusal
 * (any purpose denied) is asked again after `reaskAfterRefusalDays`, and a new policy alone
 * does not ask again within that time — only about purposes added since. A decision dated
 * ahead of the clock counts as fresh, unless it is further ahead than the rule's time: a
 * clock set back never asks early, and a forged date never keeps a decision forever.
 */
export function decisionStanding(
  purposes: readonly PurposeConfig[],
  policyVersion: string,
  prior: PriorDecision | undefined,
  rule: JurisdictionRule,
  now: number,
  noticeSeen?: unknown,
): {readonly ask: Ask; readonly isExpired: boolean; readonly newPurposeIds: readonly string[]} {
  const isPolicyChanged = prior !== undefined && prior.policyVersion !== policyVersion;
  const newPurposeIds = isPolicyChanged
    ? purposes.filter((purpose) => !(purpose.id in prior.choices)).map((purpose) => purpose.id)
    : [];
  const age = prior ? now - timeOf(prior.decidedAt) : 0;
  // An unreadable date is past every time.
  const isPast = (days: number) => !(Math.abs(age) < days * DAY_MS);
  const isExpired = prior !== undefined && isPast(rule.maxAgeDays);
  // The browser's signal decided, the customer has not: asked as on a first visit.
  if (!prior || prior.bySignal) {
    const isTold = rule.model === 'notice' && noticeSeen === policyVersion;
    const ask = rule.model === 'opt-out' || isTold ? 'nothing' : 'everything';
    return {ask, isExpired, newPurposeIds};
  }
  const isRefusal = purposes.some(
    (purpose) => !purpose.required && prior.choices[purpose.id] === 'denied',
  );
  const ask: Ask =
    rule.model !== 'opt-in'
      ? 'nothing'
      : isExpired || (isRefusal && isPast(rule.reaskAfterRefusalDays))
        ? 'everything'
        : !isPolicyChanged
          ? 'nothing'
          : !isRefusal
            ? 'everything'
            : newPurposeIds.length > 0
              ? 'new'
              : 'nothing';
  return {ask, isExpired, newPurposeIds};
}

/**
 * The choices a page starts with under the rule that applies. Purposes that are new since a
 * decision under an older policy start denied where consent comes first, at the rule's default
 * elsewhere. A lapsed decision's grants fall back to the defaults; its refusals stand. With
 * Global Privacy Control on, every purpose it covers starts denied — unless the customer already
 * decided while the signal was on (an explicit opt-in made after the signal was honored stands).
 */
export function startingChoices(
  purposes: readonly PurposeConfig[],
  policyVersion: string,
  prior: PriorDecision | undefined,
  hasGpcSignal: boolean,
  rule: JurisdictionRule = OPT_IN,
  now = Date.now(),
  noticeSeen?: unknown,
): StartingChoices {
  const {ask, isExpired, newPurposeIds} = decisionStanding(
    purposes,
    policyVersion,
    prior,
    rule,
    now,
    noticeSeen,
  );
  const kept = isExpired
    ? Object.fromEntries(Object.entries(prior!.choices).filter(([, choice]) => choice === 'denied'))
    : prior?.choices;
  const stored =
    rule.model === 'opt-in'
      ? {...kept, ...Object.fromEntries(newPurposeIds.map((id) => [id, 'denied']))}
      : kept;
  const resolved = resolveChoices(purposes, stored, rule.model);
  const deniedByGpc =
    hasGpcSignal && !(prior?.gpc && !isExpired)
      ? purposes
          .filter((purpose) => isGpcCovered(purpose) && resolved[purpose.id] === 'granted')
          .map((purpose) => purpose.id)
      : [];
  const choices = {
    ...resolved,
    ...Object.fromEntries(deniedByGpc.map((id) => [id, 'denied' as const])),
  };
  return {
    choices,
    newPurposeIds,
    isPolicyChanged: prior !== undefined && prior.policyVersion !== policyVersion,
    deniedByGpc,
    ask,
  };
}
