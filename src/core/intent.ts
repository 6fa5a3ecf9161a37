/**
 * What the customer (or the site's script) asks for, as data: the session records it, and a
 * page whose session cannot load still applies it. Pure, so every case is a table row.
 */
import type {PurposeConfig} from './config.js';
import type {Choices} from './consent.js';
import type {RecordedMethod} from './protocol.js';

export type Intent =
  /**
   * "Accept all": every purpose the customer may refuse, granted; `only` these, when the
   * banner asks about purposes added since a refusal.
   */
  | {readonly kind: 'accept-all'; readonly only?: readonly string[] | undefined}
  /** "Reject all": every purpose the customer may refuse (or `only` these), denied. */
  | {readonly kind: 'reject-all'; readonly only?: readonly string[] | undefined}
  /**
   * The customer flipped a purpose's switch: to the other side of what they see, or `to` the
   * side they saw it flip to (a flip made before the session ran, recorded once it runs).
   */
  | {readonly kind: 'toggle'; readonly id: string; readonly to?: boolean}
  /** The site's script set a purpose (`setChoice()`). */
  | {readonly kind: 'set'; readonly id: string; readonly isGranted: boolean}
  /** "Allow …" on an embed's placeholder: its purposes granted, as by their switches. */
  | {readonly kind: 'allow'; readonly ids: readonly string[]};

export interface IntentDecision {
  readonly method: RecordedMethod;
  /** The purposes decided on, and how: recorded even when a choice does not change. */
  readonly decided: Readonly<Record<string, 'granted' | 'denied'>>;
}

/**
 * What an intent decides, given the choices the customer sees; `undefined` when it decides
 * nothing (an unknown or a required purpose is no decision the customer can make).
 */
export function intentDecision(
  purposes: readonly PurposeConfig[],
  shown: Choices,
  intent: Intent,
): IntentDecision | undefined {
  if (intent.kind === 'accept-all' || intent.kind === 'reject-all') {
    const choice = intent.kind === 'accept-all' ? 'granted' : 'denied';
    const {only} = intent;
    const refusable = purposes.filter(
      (purpose) => !purpose.required && (!only || only.includes(purpose.id)),
    );
    return {
      method: intent.kind,
      decided: Object.fromEntries(refusable.map((purpose) => [purpose.id, choice])),
    };
  }
  if (intent.kind === 'allow') {
    const allowed = purposes.filter(({id, required}) => !required && intent.ids.includes(id));
    if (allowed.length === 0) return undefined;
    return {method: 'toggle', decided: Object.fromEntries(allowed.map(({id}) => [id, 'granted']))};
  }
  const purpose = purposes.find((candidate) => candidate.id === intent.id);
  if (!purpose || purpose.required) return undefined;
  const isGranted =
    intent.kind === 'toggle' ? (intent.to ?? shown[intent.id] !== 'granted') : intent.isGranted;
  return {
    method: intent.kind === 'toggle' ? 'toggle' : 'api',
    decided: {[intent.id]: isGranted ? 'granted' : 'denied'},
  };
}
