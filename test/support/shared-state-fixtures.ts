/**
 * Fixtures of the shared state's tests (test/core/shared-state-*.test.ts): an online shop's
 * purposes, the moment its customer acts, and the decisions, records and settlements they start from.
 */
import type {PurposeConfig} from '../../src/core/config.js';
import type {OutboxEntry} from '../../src/core/outbox.js';
import type {Acknowledgement, ConsentRecord} from '../../src/core/protocol.js';
import {
  EMPTY_STATE,
  type Decision,
  type Settlement,
  type SharedState,
  type StoredDecision,
} from '../../src/core/shared-state.js';
import {purpose} from '../fixtures/purpose.js';
import {CHOICES, consentRecord, SUBJECT} from '../fixtures/record.js';

/** 2026-11-23T06:00:00.000Z: the moment this tab's customer acts, unless a row says otherwise. */
export const T0 = Date.UTC(2026, 10, 23, 6, 0, 0);
export const iso = (ms: number) => new Date(ms).toISOString();
export const POLICY = '2026-11-01';

/** An online shop: one required purpose, two the customer may refuse. */
export const PURPOSES: readonly PurposeConfig[] = [
  purpose('essential', {required: true, legalBasis: 'contract', default: 'granted'}),
  purpose('analytics'),
  purpose('ads'),
];

/** A deep copy, to check that a function left its input alone. */
export const snapshot = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** One customer action in this tab: decides analytics on, from the defaults, at T0. */
export function action(overrides: Partial<Decision> = {}): Decision {
  return {
    recordId: 'tab-a-0001',
    subject: SUBJECT,
    policyVersion: POLICY,
    purposes: PURPOSES,
    shown: CHOICES,
    decided: {analytics: 'granted'},
    method: 'toggle',
    locale: 'en',
    gpc: false,
    at: T0,
    isDelivered: true,
    ...overrides,
  };
}

/** What another tab already stored. */
export function stored(overrides: Partial<StoredDecision> = {}): StoredDecision {
  return {
    subject: SUBJECT,
    policyVersion: POLICY,
    choices: CHOICES,
    decidedAt: iso(T0 - 5),
    changedAt: {},
    gpc: false,
    ...overrides,
  };
}

export function state(overrides: Partial<SharedState> = {}): SharedState {
  return {...EMPTY_STATE, ...overrides};
}

export function entry(
  record: ConsentRecord,
  attempts = 0,
  notBefore = T0 - 5,
  extra: Partial<OutboxEntry> = {},
): OutboxEntry {
  return {record, attempts, notBefore, ...extra};
}

export const ALL_DENIED = {essential: 'granted', analytics: 'denied', ads: 'denied'} as const;
export const ANALYTICS_ON = {essential: 'granted', analytics: 'granted', ads: 'denied'} as const;
export const ADS_ON = {essential: 'granted', analytics: 'denied', ads: 'granted'} as const;
export const BOTH_ON = {essential: 'granted', analytics: 'granted', ads: 'granted'} as const;

/** The record another tab queued a moment earlier when it switched ads on. */
export const theirs = consentRecord('tab-b-0001', {
  choices: ADS_ON,
  changed: ['ads'],
  collectedAt: iso(T0 - 5),
});
export function savedSettlement(
  record: ConsentRecord,
  recordIds: readonly string[],
  ack: Acknowledgement = {receiptId: `rcpt-${record.recordId}`, recordedAt: iso(T0 + 50)},
): Settlement {
  return {outcome: 'saved', recordIds, record, ...ack};
}

export function refusedSettlement(
  record: ConsentRecord,
  recordIds: readonly string[],
  status: number | undefined,
  message: string,
): Settlement {
  return {outcome: 'refused', recordIds, record, status, message};
}
