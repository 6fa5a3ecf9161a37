/**
 * The element's events (docs/element.md#events): all bubble and cross shadow boundaries so a site can
 * listen on `document`.
 */
import type {ChangeMethod, Choices, ReadySource} from './core/consent.js';
import type {ConsentRecord} from './core/protocol.js';

export type {ReadySource};

export interface ConsentReadyDetail {
  readonly choices: Choices;
  readonly source: ReadySource;
}

export interface ConsentChangeDetail {
  readonly choices: Choices;
  readonly changed: readonly string[];
  /** Of `changed`, the purposes that went from granted to denied: what the site may clean up. */
  readonly revoked: readonly string[];
  readonly method: ChangeMethod;
}

export interface ConsentSavedDetail {
  /** The endpoint's receipt id; `undefined` when its answer gave none (none is made up). */
  readonly receiptId: string | undefined;
  readonly record: ConsentRecord;
}

export interface ConsentErrorDetail {
  readonly message: string;
  readonly status?: number;
  readonly willRetry: boolean;
}

export interface ConsentEventDetails {
  'consent-ready': ConsentReadyDetail;
  'consent-change': ConsentChangeDetail;
  'consent-saved': ConsentSavedDetail;
  'consent-error': ConsentErrorDetail;
}

export type ConsentReadyEvent = CustomEvent<ConsentReadyDetail>;
export type ConsentChangeEvent = CustomEvent<ConsentChangeDetail>;
export type ConsentSavedEvent = CustomEvent<ConsentSavedDetail>;
export type ConsentErrorEvent = CustomEvent<ConsentErrorDetail>;

export function consentEvent<K extends keyof ConsentEventDetails>(
  type: K,
  detail: ConsentEventDetails[K],
): CustomEvent<ConsentEventDetails[K]> {
  return new CustomEvent(type, {detail, bubbles: true, composed: true});
}

declare global {
  interface GlobalEventHandlersEventMap {
    'consent-ready': ConsentReadyEvent;
    'consent-change': ConsentChangeEvent;
    'consent-saved': ConsentSavedEvent;
    'consent-error': ConsentErrorEvent;
  }
}
