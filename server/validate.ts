/**
 * Validation of a consent record (protocol v1, CONTRACT.md section 6). Pure: no I/O, so every
 * rule is tested table-driven without a server.
 */

export type Choice = 'granted' | 'denied';

export const consentMethods = ['toggle', 'accept-all', 'reject-all', 'gpc', 'api'] as const;
export type ConsentMethod = (typeof consentMethods)[number];

export interface ConsentRecord {
  recordId: string;
  subject: string;
  policyVersion: string;
  choices: Record<string, Choice>;
  changed: string[];
  method: ConsentMethod;
  locale: string;
  gpc: boolean;
  collectedAt: string;
}

/** One thing wrong with a body; `path` is '' for the body itself. */
export interface Problem {
  path: string;
  message: string;
}

export type Validation = {ok: true; record: ConsentRecord} | {ok: false; problems: Problem[]};

const recordIdPattern = /^[A-Za-z0-9_-]{8,128}$/;
const purposeIdPattern = /^[a-z0-9][a-z0-9_-]{0,63}$/;
// BCP 47 shape only (language, then subtags); whether the tag is registered does not matter here.
const localePattern = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/;
const dateTimePattern =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const controlCharacters = /[\u0000-\u001f\u007f]/;
const maxChoices = 500;

/** One check per field, in the order problems are reported; each returns its problems. */
const fieldChecks: Record<
  keyof ConsentRecord,
  (value: unknown, body: Record<string, unknown>) => Problem[]
> = {
  recordId: (value) =>
    problem(
      'recordId',
      typeof value === 'string' && recordIdPattern.test(value)
        ? undefined
        : 'recordId must be 8 to 128 characters of A-Z, a-z, 0-9, "_" or "-"',
    ),
  subject: (value) => problem('subject', subjectProblem(value)),
  policyVersion: (value) =>
    problem(
      'policyVersion',
      typeof value === 'string' && value.length >= 1 && value.length <= 64
        ? undefined
        : 'policyVersion must be a string of 1 to 64 characters',
    ),
  choices: (value) => choicesProblems(value),
  changed: (value, body) => changedProblems(value, body.choices),
  method: (value) =>
    problem(
      'method',
      consentMethods.includes(value as ConsentMethod)
        ? undefined
        : `method must be one of ${consentMethods.join(', ')}`,
    ),
  locale: (value) =>
    problem(
      'locale',
      typeof value === 'string' && value.length <= 35 && localePattern.test(value)
        ? undefined
        : 'locale must be a BCP 47 language tag such as "en" or "pt-BR"',
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
};

/** Checks a subject id (also used for the `subject` query parameter); returns a problem message. */
export function subjectProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'subject must be a string';
  if (value.length < 1 || value.length > 256) return 'subject must be 1 to 256 characters';
  if (controlCharacters.test(value)) return 'subject must not contain control characters';
  return undefined;
}

export function validateConsentRecord(body: unknown): Validation {
  if (!isPlainObject(body)) {
    return {ok: false, problems: [{path: '', message: 'the body must be a JSON object'}]};
  }
  const problems: Problem[] = [];
  for (const [field, check] of Object.entries(fieldChecks)) {
    problems.push(
      ...(field in body ? check(body[field], body) : problem(field, `${field} is missing`)),
    );
  }
  // Unknown fields are refused rather than dropped, so the store only ever holds v1 records.
  for (const key of Object.keys(body)) {
    if (!Object.hasOwn(fieldChecks, key)) {
      problems.push({
        path: key,
        message: `${JSON.stringify(key)} is not a field of a consent record`,
      });
    }
  }
  if (problems.length > 0) return {ok: false, problems};

  // Rebuilt field by field: a fixed field order keeps the stored JSON stable.
  const record = body as unknown as ConsentRecord;
  return {
    ok: true,
    record: {
      recordId: record.recordId,
      subject: record.subject,
      policyVersion: record.policyVersion,
      choices: {...record.choices},
      changed: [...record.changed],
      method: record.method,
      locale: record.locale,
      gpc: record.gpc,
      collectedAt: record.collectedAt,
    },
  };
}

function problem(path: string, message: string | undefined): Problem[] {
  return message === undefined ? [] : [{path, message}];
}

function choicesProblems(choices: unknown): Problem[] {
  if (!isPlainObject(choices)) return [{path: 'choices', message: 'choices must be an object'}];
  const entries = Object.entries(choices);
  if (entries.length < 1 || entries.length > maxChoices) {
    return [{path: 'choices', message: `choices must have 1 to ${maxChoices} entries`}];
  }
  const problems: Problem[] = [];
  for (const [key, value] of entries) {
    if (!purposeIdPattern.test(key)) {
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
    } else if (isPlainObject(choices) && !Object.hasOwn(choices, key)) {
      problems.push({path, message: `${path} ${JSON.stringify(key)} is not a key of choices`});
    }
    if (typeof key === 'string') seen.add(key);
  });
  return problems;
}

function isDateTime(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const match = dateTimePattern.exec(value);
  if (!match || Number.isNaN(Date.parse(value))) return false;
  const [year, month, day, hour, minute, second] = match
    .slice(1, 7)
    .map((part) => Number(part ?? 0));
  // Date.parse rolls 2026-02-30 over into March, so the calendar date is checked separately.
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
