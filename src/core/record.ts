/**
 * The consent record of the endpoint protocol (CONTRACT §6): what the site's backend stores
 * for each change.
 */
import type {ChangeMethod, Choices} from './consent.js';

/** Methods that come from this page; `sync` changes were recorded by the tab that made them. */
export type RecordedMethod = Exclude<ChangeMethod, 'sync'>;

export interface ConsentRecord {
  /** Equals the `Idempotency-Key` header: the same on every retry of this record. */
  readonly recordId: string;
  readonly subject: string;
  readonly policyVersion: string;
  readonly choices: Choices;
  readonly changed: readonly string[];
  readonly method: RecordedMethod;
  readonly locale: string;
  readonly gpc: boolean;
  /** ISO 8601 time at which the customer made the change. */
  readonly collectedAt: string;
}

/** The endpoint's acknowledgement of a record. */
export interface ConsentReceipt {
  readonly receiptId: string;
  readonly recordedAt: string;
  readonly record: ConsentRecord;
}
