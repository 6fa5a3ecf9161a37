/**
 * The consent state: one choice per purpose. Pure functions over immutable values, so the
 * element, the delivery queue and the page effects all read the same truth.
 */
import type {Choice, PurposeConfig} from './config.js';

export type Choices = Readonly<Record<string, Choice>>;

/** How a change came about; `sync` is a change adopted from another tab or device. */
export const CHANGE_METHODS = ['toggle', 'accept-all', 'reject-all', 'gpc', 'api', 'sync'] as const;
export type ChangeMethod = (typeof CHANGE_METHODS)[number];

/**
 * The choices in force for these purposes: required purposes are always granted, a stored
 * choice wins over the purpose's default, and stored ids that no longer exist are dropped.
 */
export function resolveChoices(
  purposes: readonly PurposeConfig[],
  stored: Readonly<Record<string, unknown>> = {},
): Choices {
  const choices: Record<string, Choice> = {};
  for (const purpose of purposes) {
    const previous = stored[purpose.id];
    choices[purpose.id] = purpose.required
      ? 'granted'
      : previous === 'granted' || previous === 'denied'
        ? previous
        : purpose.default;
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
  /** Whether the browser sent Global Privacy Control when that decision was made. */
  readonly gpc?: boolean | undefined;
}

export interface StartingChoices {
  readonly choices: Choices;
  /** Purposes added since the last decision, which was made under another policy version. */
  readonly newPurposeIds: readonly string[];
  readonly isPolicyChanged: boolean;
  /** Purposes that Global Privacy Control switched off on this load. */
  readonly deniedByGpc: readonly string[];
}

/**
 * The choices a page starts with. Purposes that are new since a decision under an older
 * policy start denied. With Global Privacy Control on, every purpose marked `gpc` starts
 * denied — unless the customer already decided while the signal was on (an explicit opt-in
 * made after the signal was honored stands).
 */
export function startingChoices(
  purposes: readonly PurposeConfig[],
  policyVersion: string,
  prior: PriorDecision | undefined,
  hasGpcSignal: boolean,
): StartingChoices {
  const isPolicyChanged = prior !== undefined && prior.policyVersion !== policyVersion;
  const newPurposeIds = isPolicyChanged
    ? purposes.filter((purpose) => !(purpose.id in prior.choices)).map((purpose) => purpose.id)
    : [];
  const stored = {
    ...prior?.choices,
    ...Object.fromEntries(newPurposeIds.map((id) => [id, 'denied'])),
  };
  const resolved = resolveChoices(purposes, stored);
  const deniedByGpc =
    hasGpcSignal && !prior?.gpc
      ? purposes
          .filter(
            (purpose) => purpose.gpc && !purpose.required && resolved[purpose.id] === 'granted',
          )
          .map((purpose) => purpose.id)
      : [];
  const choices = {
    ...resolved,
    ...Object.fromEntries(deniedByGpc.map((id) => [id, 'denied' as const])),
  };
  return {choices, newPurposeIds, isPolicyChanged, deniedByGpc};
}
