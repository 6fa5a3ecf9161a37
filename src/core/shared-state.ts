/**
 * The consent state every tab of a site shares: the customer's decision, the outbox of records
 * waiting for the endpoint, and how recent records settled. Pure functions from one state to
 * the next; the browser layer runs each of them as one atomic read-modify-write, so tabs
 * deciding at the same moment lose nothing. Whatever is read back from storage is validated
 * here first: it may have been written by an older version, another script, or not at all.
 */
import type {PurposeConfig} from './config.js';
import {resolveChoices, type Choices} from './consent.js';
import {
  DEFAULT_BACKOFF,
  enqueue,
  entryCarrying,
  removeRecord,
  type Outbox,
  type OutboxEntry,
} from './outbox.js';
import {isRecord} from './json.js';
import {timeOf} from './patterns.js';
import {instant, readDecisionCore, type DecisionCore} from './stored-decision.js';
import {
  isDateTime,
  isReceiptId,
  PURPOSE_ID_PATTERN,
  RECORD_ID_PATTERN,
  validateConsentRecord,
  type Acknowledgement,
  type ConsentRecord,
  type Evidence,
  type RecordedMethod,
  type RestoredReceipt,
} from './protocol.js';

export interface StoredDecision extends DecisionCore {
  /** When the customer last decided each purpose (ISO 8601): the later decision wins. */
  readonly changedAt: Readonly<Record<string, string>>;
  /** When the latest decision was acknowledged (the endpoint's time, else this browser's). */
  readonly savedAt?: string | undefined;
  /** The endpoint's receipt for the latest decision — only ever the endpoint's own. */
  readonly receiptId?: string | undefined;
  readonly recordedAt?: string | undefined;
}

/**
 * The whole decision as stored, validated, with no time in it beyond this device's clock (see
 * `isAhead`): a decision dated 9999 by a wrong clock or another script would otherwise come
 * after every later one — the customer's next records would follow it (`decide`), no other
 * device's would be newer (`adoptRemote`), and each purpose's own time would beat the
 * customer's next choice. As the endpoint counts a record collected after its arrival as
 * collected then, such a decision counts from when the endpoint recorded it (`recordedAt`), or
 * from now; a purpose's time that far ahead is dropped (unknown: the next choice wins).
 */
export function readDecision(value: unknown, now: number): StoredDecision | undefined {
  const core = readDecisionCore(value);
  if (!core || !isRecord(value)) return undefined;
  const {changedAt, savedAt, recordedAt} = value;
  const times = isRecord(changedAt)
    ? Object.fromEntries(
        Object.entries(changedAt)
          .filter(
            (entry): entry is [string, string] =>
              PURPOSE_ID_PATTERN.test(entry[0]) && isDateTime(entry[1]) && !isAhead(entry[1], now),
          )
          .map(([id, time]) => [id, instant(time)]),
      )
    : {};
  const recorded = isDateTime(recordedAt) ? recordedAt : undefined;
  const arrival =
    recorded && !isAhead(recorded, now) ? instant(recorded) : new Date(now).toISOString();
  return {
    ...core,
    ...(isAhead(core.decidedAt, now) && {decidedAt: arrival}),
    changedAt: times,
    ...(isDateTime(savedAt) && {savedAt: isAhead(savedAt, now) ? arrival : savedAt}),
    ...(isReceiptId(value.receiptId) && {receiptId: value.receiptId}),
    ...(recorded && {recordedAt: recorded}),
  };
}

/**
 * Later than any clock this device takes records from could be ahead of its own
 * (`MAX_CLOCK_SKEW_MS`, the bound of `adoptRemote`): a time no device should have stored.
 */
export function isAhead(dateTime: string, now: number): boolean {
  return timeOf(dateTime) > now + MAX_CLOCK_SKEW_MS;
}

/** How a record left the outbox; every tab whose record it carried learns it from here. */
export type Settlement =
  | {
      readonly outcome: 'saved';
      /** The delivered record and the earlier records folded into it. */
      readonly recordIds: readonly string[];
      readonly record: ConsentRecord;
      readonly receiptId: string | undefined;
      readonly recordedAt: string | undefined;
    }
  | {
      readonly outcome: 'refused';
      readonly recordIds: readonly string[];
      readonly record: ConsentRecord;
      readonly status: number | undefined;
      readonly message: string;
    };

export interface SharedState {
  readonly decision: StoredDecision | undefined;
  readonly outbox: Outbox;
  /** The latest settlements, newest last. */
  readonly settled: readonly Settlement[];
}

export const EMPTY_STATE: SharedState = {decision: undefined, outbox: [], settled: []};

/** Enough for every tab to hear of its records, small enough to rewrite on every change. */
export const MAX_SETTLEMENTS = 50;

export interface Decision {
  readonly recordId: string;
  readonly subject: string;
  readonly policyVersion: string;
  readonly purposes: readonly PurposeConfig[];
  /** The choices this tab shows: the starting point where storage knows nothing newer. */
  readonly shown: Choices;
  /** The purposes the customer decided on in this action, and how. */
  readonly decided: Readonly<Record<string, 'granted' | 'denied'>>;
  readonly method: RecordedMethod;
  readonly locale: string;
  readonly gpc: boolean;
  /** When the customer acted (epoch ms). */
  readonly at: number;
  /** Whether the record goes to an endpoint (else it is only remembered). */
  readonly isDelivered: boolean;
  /** Where and under which rule it was made (the record's `evidence`). */
  readonly evidence?: Evidence | undefined;
}

/**
 * Records a decision: merged per purpose with what other tabs decided (the later decision on
 * each purpose wins), remembered, and queued as one record carrying the merged choices.
 */
export function decide(
  state: SharedState,
  decision: Decision,
): {readonly state: SharedState; readonly record: ConsentRecord} {
  const stored = sameDecision(state.decision, decision.subject, decision.policyVersion);
  const before: Choices = stored
    ? resolveChoices(decision.purposes, {...decision.shown, ...stored.choices})
    : decision.shown;
  const decidedAt = new Date(decision.at).toISOString();
  const after: Record<string, 'granted' | 'denied'> = {...before};
  const changedAt: Record<string, string> = {...stored?.changedAt};
  for (const [id, choice] of Object.entries(decision.decided)) {
    const earlier = stored?.changedAt[id];
    if (earlier !== undefined && earlier > decidedAt) continue; // another tab decided later
    after[id] = choice;
    changedAt[id] = decidedAt;
  }
  const choices = resolveChoices(decision.purposes, after);
  // Never earlier than the decision it follows, so "latest collectedAt" stays the latest.
  const collectedAt =
    stored && stored.decidedAt >= decidedAt
      ? new Date(Date.parse(stored.decidedAt) + 1).toISOString()
      : decidedAt;
  const record: ConsentRecord = {
    recordId: decision.recordId,
    subject: decision.subject,
    policyVersion: decision.policyVersion,
    choices,
    changed: Object.keys(choices).filter((id) => choices[id] !== before[id]),
    method: decision.method,
    locale: decision.locale,
    gpc: decision.gpc,
    collectedAt,
    ...(decision.evidence && {evidence: decision.evidence}),
  };
  return {
    record,
    state: {
      ...state,
      decision: {
        subject: decision.subject,
        policyVersion: decision.policyVersion,
        choices,
        decidedAt: collectedAt,
        changedAt,
        gpc: decision.gpc,
        // The signal's own record, with no decision of the customer's under it.
        ...(decision.method === 'gpc' && (!stored || stored.bySignal) && {bySignal: true}),
      },
      outbox: decision.isDelivered ? enqueue(state.outbox, record, decision.at) : state.outbox,
    },
  };
}

/** How far ahead of this device's clock another device's may run. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Takes the endpoint's record of the subject (restored on a new device, or newer from another
 * device) when it is newer than what this browser decided. A record collected later than a
 * clock could be ahead is not taken at all: answered again on every load, it would override
 * every later decision of the customer. (One a little ahead is taken; the next decision is
 * still later, for `decide` never goes back in time.)
 */
export function adoptRemote(
  state: SharedState,
  remote: RestoredReceipt,
  purposes: readonly PurposeConfig[],
  now: number,
): SharedState {
  const {record} = remote;
  const collectedAt = instant(record.collectedAt);
  if (isAhead(collectedAt, now)) return state;
  const current = state.decision?.subject === record.subject ? state.decision : undefined;
  if (current && current.decidedAt >= collectedAt) return state;
  if (state.outbox.some((entry) => entry.record.subject === record.subject)) return state;
  const choices = resolveChoices(purposes, record.choices);
  return {
    ...state,
    decision: {
      subject: record.subject,
      policyVersion: record.policyVersion,
      choices,
      decidedAt: collectedAt,
      changedAt: Object.fromEntries(Object.keys(choices).map((id) => [id, collectedAt])),
      // A record the site's backend wrote itself may not say: no signal was recorded then.
      gpc: record.gpc ?? false,
      ...(record.method === 'gpc' && {bySignal: true}),
      savedAt: remote.recordedAt ?? collectedAt,
      receiptId: remote.receiptId,
      recordedAt: remote.recordedAt,
    },
  };
}

/** The endpoint acknowledged a record: it leaves the outbox, and its tabs learn of it. */
export function settleSaved(
  state: SharedState,
  record: ConsentRecord,
  ack: Acknowledgement,
  now: number,
): SharedState {
  const entry = state.outbox.find((candidate) => candidate.record.recordId === record.recordId);
  if (!entry) return state; // settled already (a keepalive send, another tab)
  const decision = state.decision;
  const isLatest =
    decision?.subject === record.subject && decision.decidedAt === record.collectedAt;
  return {
    decision: isLatest
      ? {
          ...decision,
          savedAt: ack.recordedAt ?? new Date(now).toISOString(),
          receiptId: ack.receiptId,
          recordedAt: ack.recordedAt,
        }
      : decision,
    outbox: removeRecord(state.outbox, record.recordId),
    settled: appendSettlement(state.settled, {
      outcome: 'saved',
      recordIds: recordIdsOf(entry),
      record: entry.record,
      receiptId: ack.receiptId,
      recordedAt: ack.recordedAt,
    }),
  };
}

/** The endpoint refused a record for good (a 4xx): it leaves the outbox, its tabs are told. */
export function settleRefused(
  state: SharedState,
  record: ConsentRecord,
  status: number | undefined,
  message: string,
): SharedState {
  const entry = state.outbox.find((candidate) => candidate.record.recordId === record.recordId);
  if (!entry) return state;
  return {
    ...state,
    outbox: removeRecord(state.outbox, record.recordId),
    settled: appendSettlement(state.settled, {
      outcome: 'refused',
      recordIds: recordIdsOf(entry),
      record: entry.record,
      status,
      message,
    }),
  };
}

/**
 * "Try again" on a refused record: it is queued once more under its own key (unless it is
 * queued already), and its refusal is history — no tab may take it for the outcome of this try.
 */
export function offerAgain(state: SharedState, record: ConsentRecord, now: number): SharedState {
  if (state.outbox.some((entry) => entry.record.recordId === record.recordId)) return state;
  return {
    ...state,
    outbox: [...state.outbox, {record, attempts: 1, notBefore: now}],
    settled: state.settled.filter((settlement) => !settlement.recordIds.includes(record.recordId)),
  };
}

/** Where one of this tab's records stands. */
export type Standing =
  | {readonly kind: 'pending'; readonly entry: OutboxEntry}
  | {readonly kind: 'settled'; readonly settlement: Settlement}
  | {readonly kind: 'unknown'};

export function standingOf(state: SharedState, recordId: string): Standing {
  const entry = entryCarrying(state.outbox, recordId);
  if (entry) return {kind: 'pending', entry};
  const settlement = state.settled.findLast((candidate) => candidate.recordIds.includes(recordId));
  return settlement ? {kind: 'settled', settlement} : {kind: 'unknown'};
}

function appendSettlement(settled: readonly Settlement[], next: Settlement): Settlement[] {
  return [...settled, next].slice(-MAX_SETTLEMENTS);
}

function recordIdsOf(entry: OutboxEntry): string[] {
  return [entry.record.recordId, ...(entry.covers ?? [])];
}

function sameDecision(
  decision: StoredDecision | undefined,
  subject: string,
  policyVersion: string,
): StoredDecision | undefined {
  return decision?.subject === subject && decision.policyVersion === policyVersion
    ? decision
    : undefined;
}

/**
 * The shared state as read back from storage, keeping only what is well formed: a malformed
 * decision is dropped, malformed outbox entries and settlements are skipped, and an entry
 * that says it may not be sent until far in the future (further than any Retry-After we
 * honor) is due now instead of blocking every later record.
 */
export function readSharedState(
  raw: {decision?: unknown; outbox?: unknown; settled?: unknown},
  now: number,
  maxWaitMs: number = DEFAULT_BACKOFF.maxRetryAfterMs,
): SharedState {
  const outbox: OutboxEntry[] = [];
  for (const entry of Array.isArray(raw.outbox) ? raw.outbox : []) {
    const valid = readEntry(entry, now, maxWaitMs);
    if (valid && !outbox.some((other) => other.record.recordId === valid.record.recordId))
      outbox.push(valid);
  }
  return {
    decision: readDecision(raw.decision, now),
    outbox,
    settled: (Array.isArray(raw.settled) ? raw.settled : [])
      .map(readSettlement)
      .filter((settlement): settlement is Settlement => settlement !== undefined)
      .slice(-MAX_SETTLEMENTS),
  };
}

function readEntry(value: unknown, now: number, maxWaitMs: number): OutboxEntry | undefined {
  if (!isRecord(value)) return undefined;
  const validation = validateConsentRecord(value.record);
  const {attempts, notBefore, covers, failure} = value;
  if (!validation.ok || !Number.isSafeInteger(attempts) || (attempts as number) < 0)
    return undefined;
  if (typeof notBefore !== 'number' || !Number.isFinite(notBefore)) return undefined;
  const coveredIds = Array.isArray(covers)
    ? covers.filter((id): id is string => typeof id === 'string' && RECORD_ID_PATTERN.test(id))
    : [];
  const isHeld = isRecord(failure) && failure.kind === 'held';
  const isRetrying = isRecord(failure) && failure.kind === 'retrying';
  const status = isRecord(failure) && Number.isInteger(failure.status) ? failure.status : undefined;
  const message =
    isRecord(failure) && typeof failure.message === 'string' ? failure.message : undefined;
  return {
    record: validation.record,
    attempts: attempts as number,
    notBefore: notBefore > now + maxWaitMs ? now : notBefore,
    ...(coveredIds.length > 0 && {covers: coveredIds}),
    ...((isHeld || isRetrying) && {
      failure: {
        kind: isHeld ? 'held' : 'retrying',
        status: status as number | undefined,
        message,
        attempt:
          isRecord(failure) &&
          Number.isSafeInteger(failure.attempt) &&
          (failure.attempt as number) >= 0
            ? (failure.attempt as number)
            : (attempts as number),
      },
    }),
  };
}

function readSettlement(value: unknown): Settlement | undefined {
  if (!isRecord(value) || !Array.isArray(value.recordIds)) return undefined;
  const recordIds = value.recordIds.filter(
    (id): id is string => typeof id === 'string' && RECORD_ID_PATTERN.test(id),
  );
  const validation = validateConsentRecord(value.record);
  if (recordIds.length === 0 || !validation.ok) return undefined;
  const {record} = validation;
  if (value.outcome === 'saved') {
    return {
      outcome: 'saved',
      recordIds,
      record,
      receiptId: isReceiptId(value.receiptId) ? value.receiptId : undefined,
      recordedAt: isDateTime(value.recordedAt) ? value.recordedAt : undefined,
    };
  }
  if (value.outcome === 'refused' && typeof value.message === 'string') {
    return {
      outcome: 'refused',
      recordIds,
      record,
      status: Number.isInteger(value.status) ? (value.status as number) : undefined,
      message: value.message,
    };
  }
  return undefined;
}
