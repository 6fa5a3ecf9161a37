/**
 * The consent endpoint protocol, v1 (docs/consent-endpoint.md): the record and its answers, the patterns
 * and limits, the record validator and the readers of the endpoint's answers. One definition,
 * imported by the component (to build records and to judge answers) and by the reference
 * endpoint in `server/` (to judge requests), so the two cannot disagree. Pure: no DOM, no I/O.
 */
import {isRecord} from './json.js';
import {MODELS, REGION_PATTERN, type Model} from './jurisdiction.js';
import {
  isDateTime,
  isReceiptId,
  PURPOSE_ID_PATTERN,
  RECORD_ID_PATTERN,
  type Choice,
} from './patterns.js';
import type {Problem} from './problem.js';

export {
  isDateTime,
  isReceiptId,
  MAX_RECEIPT_ID_LENGTH,
  PURPOSE_ID_PATTERN,
  RECORD_ID_PATTERN,
  type Choice,
} from './patterns.js';
export type ProtocolChoices = Readonly<Record<string, Choice>>;

/** How a recorded decision came about (`sync` changes are never recorded: another tab did). */
export const RECORDED_METHODS = ['toggle', 'accept-all', 'reject-all', 'gpc', 'api'] as const;
export type RecordedMethod = (typeof RECORDED_METHODS)[number];

/** Where a decision was made (protocol v1.1, `evidence.surface`). */
export const SURFACES = [
  'banner',
  'banner-close',
  'dialog',
  'inline',
  'embed',
  'api',
  'gpc',
  'other-device',
] as const;
export type Surface = (typeof SURFACES)[number];

/**
 * What a site needs to demonstrate a consent (protocol v1.1, optional for endpoints to use): where
 * it was made, the jurisdiction rule applied and where (no `region` when unknown), and a hash of
 * the texts shown. Fields an endpoint does not know inside it are ignored, not refused.
 */
export interface Evidence {
  readonly surface?: Surface;
  readonly region?: string;
  readonly rule?: Model;
  /** SHA-256 (hex) of the texts shown for the purposes, in the shown locale. */
  readonly textHash?: string;
}

const EVIDENCE_CHECKS: Record<keyof Evidence, (value: unknown) => string | undefined> = {
  surface: (value) =>
    SURFACES.includes(value as Surface) ? undefined : `must be one of ${SURFACES.join(', ')}`,
  region: (value) =>
    typeof value === 'string' && REGION_PATTERN.test(value)
      ? undefined
      : 'must be an ISO 3166 code such as "DE" or "US-CA"',
  rule: (value) =>
    MODELS.includes(value as Model) ? undefined : `must be one of ${MODELS.join(', ')}`,
  textHash: (value) =>
    typeof value === 'string' && /^[0-9a-f]{64}$/.test(value)
      ? undefined
      : 'must be a SHA-256 digest in lowercase hex (64 characters)',
};

/** The fields of `evidence` this version knows (the others are left out). */
export const EVIDENCE_FIELDS = Object.keys(EVIDENCE_CHECKS);

/** BCP 47 shape (language, then subtags); whether a tag is registered does not matter here. */
export const LOCALE_PATTERN = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/;
export const MAX_LOCALE_LENGTH = 35;
export const MAX_SUBJECT_LENGTH = 256;
export const MAX_POLICY_VERSION_LENGTH = 64;
export const MAX_CHOICES = 500;
/**
 * The largest body an endpoint must accept: every valid record fits (the largest — 500
 * purposes with 64-character ids, all changed, the longest subject in 4-byte characters — is
 * about 75 KB; server/test/limits.test.ts builds it).
 */
export const MAX_RECORD_BYTES = 128 * 1024;
/**
 * Printable text, the rule for every free string field of a record (`subject`, `policyVersion`):
 * what each pattern finds, and what the field then must not contain. Such a character cannot be
 * stored everywhere (PostgreSQL refuses NUL), breaks the line it is shown or logged on, or makes
 * one id look like another or read backwards.
 */
const NOT_PRINTABLE: readonly (readonly [RegExp, string])[] = [
  [/\p{Cc}/u, 'must not contain control characters'], // C0, DEL and C1, NUL included
  [/\p{Cs}/u, 'must be well-formed Unicode text'], // half of a surrogate pair alone
  [/\p{Noncharacter_Code_Point}/u, 'must not contain noncharacters such as U+FFFF'],
  [/[\u2028\u2029]/, 'must not contain line or paragraph separators'],
  [
    // Bidi_Control: U+061C, U+200E–200F, U+202A–202E, U+2066–2069; then the zero-width ones.
    /[\p{Bidi_Control}\u200b-\u200d\u2060-\u2064\ufeff]/u,
    'must not contain invisible or direction-changing characters',
  ],
  [/^\s+$/u, 'must not be only whitespace'],
];

export interface ConsentRecord {
  /** Equals the `Idempotency-Key` header: the same on every retry of this record. */
  readonly recordId: string;
  readonly subject: string;
  readonly policyVersion: string;
  readonly choices: ProtocolChoices;
  readonly changed: readonly string[];
  readonly method: RecordedMethod;
  readonly locale: string;
  readonly gpc: boolean;
  /** ISO 8601 time at which the customer made the decision. */
  readonly collectedAt: string;
  /** Protocol v1.1: where and under which rule the decision was made (optional). */
  readonly evidence?: Evidence;
}

/** What the endpoint answers for a stored record (POST 201/200, GET, each history entry). */
export interface ConsentAnswer {
  readonly receiptId: string;
  readonly recordedAt: string;
  readonly record: ConsentRecord;
  /**
   * From an endpoint that signs its receipts (§8): Ed25519 over the canonical JSON (RFC 8785)
   * of exactly `receiptContent(answer)`, in base64url; its public key at `{endpoint}/receipt-key`.
   */
  readonly signature?: string;
}

/**
 * Base64url without padding of an Ed25519 signature (64 bytes), in its one spelling: the last
 * character leaves the four unused bits zero, as a standard encoder writes it.
 */
export const SIGNATURE_PATTERN = /^[A-Za-z0-9_-]{85}[AQgw]$/;

export function isSignature(value: unknown): value is string {
  return typeof value === 'string' && SIGNATURE_PATTERN.test(value);
}

/** What a receipt's signature covers: these three fields and nothing else of the answer. */
export function receiptContent({
  receiptId,
  recordedAt,
  record,
}: ConsentAnswer): Pick<ConsentAnswer, 'receiptId' | 'recordedAt' | 'record'> {
  return {receiptId, recordedAt, record};
}

/**
 * What an acknowledgement told the component. A simple endpoint may answer `201 {}` or `204`:
 * then there is no receipt id or time, and none is made up.
 */
export interface Acknowledgement {
  readonly receiptId: string | undefined;
  readonly recordedAt: string | undefined;
  /** Present only when well-formed and beside the receipt id and time it signs. */
  readonly signature?: string;
}

/** A record with what its acknowledgement said. */
export interface ConsentReceipt extends Acknowledgement {
  readonly record: ConsentRecord;
}

/** The fields a restore needs; a record a site's backend wrote itself may lack the others. */
export const RESTORE_FIELDS = ['subject', 'policyVersion', 'choices', 'collectedAt'] as const;

/** The subject's current record as a `GET` answers it: the fields it has, each valid. */
export type RestoredRecord = Pick<ConsentRecord, (typeof RESTORE_FIELDS)[number]> &
  Partial<ConsentRecord>;

/** A restored record with what the endpoint said of it (nothing, for a bare record). */
export interface RestoredReceipt extends Acknowledgement {
  readonly record: RestoredRecord;
}

export type {Problem} from './problem.js';

export type Validation =
  | {readonly ok: true; readonly record: ConsentRecord}
  | {readonly ok: false; readonly problems: readonly Problem[]};

/**
 * A language tag as the protocol accepts it: `en_US` → `en-US`, case and aliases
 * canonicalized (`iw` → `he`); `undefined` when it is not a tag at all.
 */
export function canonicalLocale(tag: string): string | undefined {
  const hyphenated = tag.trim().replaceAll('_', '-');
  let canonical: string | undefined;
  try {
    canonical = Intl.getCanonicalLocales(hyphenated)[0];
  } catch {
    return undefined; // RangeError: not a well-formed tag
  }
  return canonical && isLocale(canonical) ? canonical : undefined;
}

export function isLocale(value: unknown): value is string {
  return (
    typeof value === 'string' && value.length <= MAX_LOCALE_LENGTH && LOCALE_PATTERN.test(value)
  );
}

/** Why `value` of `field` is not printable text (see `NOT_PRINTABLE`), if it is not. */
export function printableProblem(field: string, value: string): string | undefined {
  const found = NOT_PRINTABLE.find(([pattern]) => pattern.test(value));
  return found && `${field} ${found[1]}`;
}

/** Checks a subject id (also the `subject` query parameter); returns what is wrong, if anything. */
export function subjectProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'subject must be a string';
  if (value.length < 1 || value.length > MAX_SUBJECT_LENGTH)
    return `subject must be 1 to ${MAX_SUBJECT_LENGTH} characters`;
  // The admin routes carry the subject as a path segment, where every URL parser removes these.
  if (value === '.' || value === '..') return 'subject must not be "." or ".."';
  return printableProblem('subject', value);
}

/** Checks a policy version; returns what is wrong, if anything. */
function policyVersionProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length < 1 || value.length > MAX_POLICY_VERSION_LENGTH)
    return `policyVersion must be a string of 1 to ${MAX_POLICY_VERSION_LENGTH} characters`;
  return printableProblem('policyVersion', value);
}

/**
 * Why an endpoint would refuse every record of this subject under this configuration — its
 * subject, its policy version, its number of purposes — or `undefined` when records can go.
 * The component asks before sending anything, so that it never queues what cannot be saved.
 */
export function undeliverable(
  subject: string,
  policyVersion: string,
  purposeIds: readonly string[],
): string | undefined {
  const validation = validateConsentRecord({
    recordId: 'probe-record',
    subject,
    policyVersion,
    choices: Object.fromEntries(purposeIds.map((id) => [id, 'denied'])),
    changed: [],
    method: 'api',
    locale: 'en',
    gpc: false,
    collectedAt: '2026-01-01T00:00:00Z',
  });
  return validation.ok ? undefined : validation.problems[0]?.message;
}

/** One check per field, in the order problems are reported. */
const FIELD_CHECKS: Record<
  keyof ConsentRecord,
  (value: unknown, body: Record<string, unknown>) => Problem[]
> = {
  recordId: (value) =>
    problem(
      'recordId',
      typeof value === 'string' && RECORD_ID_PATTERN.test(value)
        ? undefined
        : 'recordId must be 8 to 128 characters of A-Z, a-z, 0-9, "_" or "-"',
    ),
  subject: (value) => problem('subject', subjectProblem(value)),
  policyVersion: (value) => problem('policyVersion', policyVersionProblem(value)),
  choices: (value) => choicesProblems(value),
  changed: (value, body) => changedProblems(value, body.choices),
  method: (value) =>
    problem(
      'method',
      RECORDED_METHODS.includes(value as RecordedMethod)
        ? undefined
        : `method must be one of ${RECORDED_METHODS.join(', ')}`,
    ),
  locale: (value) =>
    problem(
      'locale',
      isLocale(value) ? undefined : 'locale must be a BCP 47 language tag such as "en" or "pt-BR"',
    ),
  gpc: (value) =>
    problem('gpc', typeof value === 'boolean' ? undefined : 'gpc must be true or false'),
  collectedAt: (value) =>
    problem(
      'collectedAt',
      isDateTime(value)
        ? undefined
        : 'collectedAt must be an RFC 3339 date-time with seconds and a time zone, such as "2026-11-23T06:00:00.000Z"',
    ),
  evidence: (value) => {
    if (!isRecord(value)) return problem('evidence', 'evidence must be an object');
    return Object.entries(EVIDENCE_CHECKS).flatMap(([field, check]) => {
      if (!Object.hasOwn(value, field)) return [];
      const message = check(value[field]);
      return message ? problem(`evidence.${field}`, `evidence.${field} ${message}`) : [];
    });
  },
};

/** Every field but `evidence` (protocol v1.1: an older client sends none). */
const REQUIRED_FIELDS = Object.keys(FIELD_CHECKS).filter((field) => field !== 'evidence');

/**
 * Validates a consent record: every problem with its path, or the record rebuilt field by
 * field (a fixed field order keeps stored JSON stable; unknown fields are refused, not dropped).
 */
export function validateConsentRecord(body: unknown): Validation {
  if (!isRecord(body)) {
    return {ok: false, problems: [{path: '', message: 'the body must be a JSON object'}]};
  }
  const problems = fieldProblems(body, REQUIRED_FIELDS);
  for (const key of Object.keys(body)) {
    if (!Object.hasOwn(FIELD_CHECKS, key)) {
      problems.push({
        path: key,
        message: `${JSON.stringify(key)} is not a field of a consent record`,
      });
    }
  }
  if (problems.length > 0) return {ok: false, problems};
  return {ok: true, record: rebuilt(body) as unknown as ConsentRecord};
}

/** The problems of the known fields present in `body`, and of the `required` ones missing. */
function fieldProblems(body: Record<string, unknown>, required: readonly string[]): Problem[] {
  const problems: Problem[] = [];
  for (const [field, check] of Object.entries(FIELD_CHECKS)) {
    if (Object.hasOwn(body, field)) problems.push(...check(body[field], body));
    else if (required.includes(field)) problems.push(...problem(field, `${field} is missing`));
  }
  return problems;
}

/** The known fields present in `body`, in protocol order, as copies (choices, changed). */
function rebuilt(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(FIELD_CHECKS)
      .filter((field) => Object.hasOwn(body, field))
      .map((field) => {
        const value = body[field];
        // Inside `evidence`, what this version does not know is left out.
        if (field === 'evidence' && isRecord(value))
          return [
            field,
            Object.fromEntries(
              Object.keys(EVIDENCE_CHECKS)
                .filter((key) => Object.hasOwn(value, key))
                .map((key) => [key, value[key]]),
            ),
          ];
        return [field, Array.isArray(value) ? [...value] : isRecord(value) ? {...value} : value];
      }),
  );
}

/**
 * Reads the body of a `2xx` answer to a POST (already known to be JSON or empty). Only a
 * well-formed receipt id and time are taken, and a well-formed signature with both (without
 * them it could not be checked); anything else in the body is ignored.
 */
export function readAcknowledgement(body: unknown): Acknowledgement {
  if (!isRecord(body)) return {receiptId: undefined, recordedAt: undefined};
  const receiptId = isReceiptId(body.receiptId) ? body.receiptId : undefined;
  const recordedAt = isDateTime(body.recordedAt) ? body.recordedAt : undefined;
  const isSigned =
    receiptId !== undefined && recordedAt !== undefined && isSignature(body.signature);
  return {receiptId, recordedAt, ...(isSigned && {signature: body.signature as string})};
}

/**
 * Reads the answer to `GET ?subject=`: the subject's current record, either inside the POST
 * answer's envelope or bare. Only `RESTORE_FIELDS` must be there (a site's backend may have
 * written the record itself); every known field present must be valid, and the record must be
 * of that very subject. A receipt id, time or signature that is missing or malformed is dropped.
 */
export function readCurrentRecord(body: unknown, subject: string): RestoredReceipt | undefined {
  if (!isRecord(body)) return undefined;
  const record = isRecord(body.record) ? body.record : body;
  const isEnveloped = record !== body;
  // Fields a newer endpoint may add are not this reader's to judge: only the known ones are.
  if (fieldProblems(record, RESTORE_FIELDS).length > 0 || record.subject !== subject) {
    return undefined;
  }
  const {signature, ...receipt} = readAcknowledgement(isEnveloped ? body : undefined);
  // The signature covers the record as the endpoint sent it: kept only when nothing was left out.
  const isWhole = Object.keys(record).every((field) => Object.hasOwn(FIELD_CHECKS, field));
  return {
    ...receipt,
    ...(signature !== undefined && isWhole && {signature}),
    record: rebuilt(record) as unknown as RestoredRecord,
  };
}

function problem(path: string, message: string | undefined): Problem[] {
  return message === undefined ? [] : [{path, message}];
}

function choicesProblems(choices: unknown): Problem[] {
  if (!isRecord(choices)) return [{path: 'choices', message: 'choices must be an object'}];
  const entries = Object.entries(choices);
  if (entries.length < 1 || entries.length > MAX_CHOICES) {
    return [{path: 'choices', message: `choices must have 1 to ${MAX_CHOICES} entries`}];
  }
  const problems: Problem[] = [];
  for (const [key, value] of entries) {
    if (!PURPOSE_ID_PATTERN.test(key)) {
      problems.push({
        path: 'choices',
        message: `choices key ${JSON.stringify(key)} must be 1 to 64 characters of a-z, 0-9, "_" or "-", starting with a letter or digit`,
      });
    } else if (value !== 'granted' && value !== 'denied') {
      problems.push({
        path: `choices.${key}`,
        message: `choices.${key} must be "granted" or "denied"`,
      });
    }
  }
  return problems;
}

function changedProblems(changed: unknown, choices: unknown): Problem[] {
  if (!Array.isArray(changed)) return [{path: 'changed', message: 'changed must be an array'}];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  changed.forEach((key: unknown, index) => {
    const path = `changed[${index}]`;
    if (typeof key !== 'string') {
      problems.push({path, message: `${path} must be a string`});
    } else if (seen.has(key)) {
      problems.push({path, message: `${path} ${JSON.stringify(key)} is listed twice`});
    } else if (isRecord(choices) && !Object.hasOwn(choices, key)) {
      problems.push({path, message: `${path} ${JSON.stringify(key)} is not a key of choices`});
    }
    if (typeof key === 'string') seen.add(key);
  });
  return problems;
}
