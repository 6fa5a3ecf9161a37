/**
 * Parses and validates the site owner's configuration (docs/configuration.md) into typed purposes.
 * Pure: no DOM, no I/O. Every problem is reported with its exact path so a site owner can
 * fix it without guessing; nothing here throws.
 */
import {isRecord} from './json.js';
import {
  defaultReaskDays,
  DEFAULT_MAX_AGE_DAYS,
  ELSEWHERE,
  MODELS,
  REGION_GROUPS,
  REGION_PATTERN,
  type JurisdictionRule,
} from './jurisdiction.js';
import {PURPOSE_ID_PATTERN, type Choice} from './patterns.js';
import type {Problem} from './problem.js';

export {PURPOSE_ID_PATTERN, type Choice};

export type LocalizedText = string | Readonly<Record<string, string>>;

export const LEGAL_BASES = [
  'consent',
  'legitimate-interest',
  'contract',
  'legal-obligation',
] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

export const CONSENT_MODE_KEYS = [
  'ad_storage',
  'analytics_storage',
  'ad_user_data',
  'ad_personalization',
  'functionality_storage',
  'personalization_storage',
  'security_storage',
] as const;
export type ConsentModeKey = (typeof CONSENT_MODE_KEYS)[number];

/** Vendors whose own consent API follows a purpose (Consent Mode covers Google, UET, Clarity). */
export const INTEGRATIONS = ['meta-pixel', 'tiktok-pixel'] as const;
export type Integration = (typeof INTEGRATIONS)[number];

export interface Recipient {
  readonly name: LocalizedText;
  readonly url?: string;
  /**
   * The hosts its tags and embeds talk to: exact (`connect.facebook.net`) or `*.` and a domain
   * (`*.google-analytics.com`: the domain and every subdomain). Requests to them are held back
   * while every purpose listing them is off, and an embed's provider is found by them.
   */
  readonly hosts?: readonly string[];
}

/** An exact host name, or `*.` and a domain of at least two labels: never `*` or `*.com`. */
export const HOST_PATTERN =
  /^(?=.{1,253}$)(\*\.(?=[^.]+\.[^.])|)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

export interface PurposeConfig {
  readonly id: string;
  readonly title: LocalizedText;
  readonly description: LocalizedText;
  readonly benefit: LocalizedText;
  readonly legalBasis: LegalBasis;
  readonly required: boolean;
  /** Why a required purpose cannot be switched off; a generic reason is shown when absent. */
  readonly requiredReason?: LocalizedText;
  readonly default: Choice;
  readonly data: readonly LocalizedText[];
  readonly recipients: readonly Recipient[];
  readonly retention?: LocalizedText;
  readonly gpc: boolean;
  readonly consentMode: readonly ConsentModeKey[];
  /** Cookies this purpose's tags set: names, or prefixes ending in `*`; removed while it is off. */
  readonly cookies?: readonly string[];
  /** `localStorage` and `sessionStorage` keys, written the same way; removed while it is off. */
  readonly storage?: readonly string[];
  /** `"reload"`: after it is turned off while its scripts ran, the center offers a reload. */
  readonly onWithdraw?: 'reload';
  /** Vendors told through their own consent API, granted only while every purpose naming them is. */
  readonly integrations?: readonly Integration[];
  /** Sensitive data: asked first in every region, also where the others start on (opt-out). */
  readonly optIn?: true;
  /** Sells or shares personal information (CCPA): Global Privacy Control refuses it. */
  readonly saleOrSharing?: true;
}

export interface Controller {
  readonly name: LocalizedText;
  readonly contact?: string;
}

/** The configuration as validated, defaults filled in: what the element works with. */
export interface PrivacyConfig {
  readonly policyVersion: string;
  readonly policyUrl?: string;
  /** The language of text given as plain strings (BCP 47); `en` when not given. */
  readonly language?: string;
  readonly controller?: Controller;
  readonly purposes: readonly PurposeConfig[];
  /** Rules by region (`"EEA"`, `"US-CA"`, `"*"`); without them every region is opt-in. */
  readonly jurisdictions?: Readonly<Record<string, JurisdictionRule>>;
  /** The site's domain (`shop.example`): its subdomains share one decision and one subject. */
  readonly cookieDomain?: string;
}

/**
 * One purpose as a site owner writes it (docs/configuration.md#fields): `id`, `title`, `description` and
 * `benefit` are required; the rest have defaults.
 */
export interface PurposeConfigInput {
  readonly id: string;
  readonly title: LocalizedText;
  readonly description: LocalizedText;
  readonly benefit: LocalizedText;
  /** Default `"consent"`. */
  readonly legalBasis?: LegalBasis;
  /** Default `false`; a required purpose is always on. */
  readonly required?: boolean;
  /** Why a required purpose cannot be switched off; a generic reason is shown when absent. */
  readonly requiredReason?: LocalizedText;
  /** Default `"denied"`; `"granted"` needs a `legalBasis` other than `"consent"`. */
  readonly default?: Choice;
  readonly data?: readonly LocalizedText[];
  /** Each recipient's name, or its name and privacy policy URL. */
  readonly recipients?: readonly (string | Recipient)[];
  readonly retention?: LocalizedText;
  /** Default `false`: a Global Privacy Control signal refuses this purpose. */
  readonly gpc?: boolean;
  readonly consentMode?: readonly ConsentModeKey[];
  /** Cookies its tags set (`"_ga"`, or a prefix `"_ga_*"`): removed while the purpose is off. */
  readonly cookies?: readonly string[];
  /** Storage keys its tags write, written the same way: removed while the purpose is off. */
  readonly storage?: readonly string[];
  /** `"reload"`: turning it off after its scripts ran offers to reload the page. */
  readonly onWithdraw?: 'reload';
  /** `"meta-pixel"`, `"tiktok-pixel"`: told through their own consent API. */
  readonly integrations?: readonly Integration[];
  /** Default `false`; `true`: sensitive data, off until allowed in every region (opt-out too). */
  readonly optIn?: boolean;
  /** Default `false`; `true`: sells or shares personal information (CCPA): GPC refuses it. */
  readonly saleOrSharing?: boolean;
}

/** A jurisdiction's rule as a site owner writes it (docs/configuration.md#jurisdictions). */
export interface JurisdictionRuleInput {
  readonly model: JurisdictionRule['model'];
  /** Default 182 (365 for `"opt-out"`). */
  readonly reaskAfterRefusalDays?: number;
  /** Default 395. */
  readonly maxAgeDays?: number;
  readonly closeMeans?: 'reject';
}

/**
 * The configuration as a site owner writes it, for the `config` property, inline JSON or
 * `config-url` (the JSON Schema `privacy-preferences/schema.json` describes the same).
 */
export interface PrivacyConfigInput {
  /** The JSON Schema's URL, for editors; the element ignores it. */
  readonly $schema?: string;
  readonly policyVersion: string;
  readonly policyUrl?: string;
  /** The language of text given as plain strings (BCP 47); default `"en"`. */
  readonly language?: string;
  readonly controller?: Controller;
  readonly purposes: readonly PurposeConfigInput[];
  /** Rules keyed by region: `"EU"`, `"EEA"`, ISO 3166 codes (`"GB"`, `"US-CA"`), `"*"`. */
  readonly jurisdictions?: Readonly<Record<string, JurisdictionRuleInput>>;
  /**
   * The site's domain (`"shop.example"`): the decision and the anonymous id are also kept in a
   * first-party cookie for it, so that `www.`, `account.` and `help.` share them.
   */
  readonly cookieDomain?: string;
}

/** `warnings`: keys no reader knows (a typo such as `legalbasis`), valid configuration or not. */
export type ConfigResult = {readonly warnings: readonly Problem[]} & (
  | {readonly ok: true; readonly config: PrivacyConfig}
  | {readonly ok: false; readonly problems: readonly Problem[]}
);

const LOCALE_KEY_PATTERN = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

/** Parses configuration text (from `config-url` or inline JSON). */
export function parseConfigText(text: string): ConfigResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      problems: [{path: '', message: `configuration is not valid JSON: ${reason}`}],
      warnings: [],
    };
  }
  return parseConfig(json);
}

/** Validates a configuration object (from the `config` property or parsed JSON). */
export function parseConfig(input: unknown): ConfigResult {
  const problems = new Problems();
  if (!isRecord(input)) {
    problems.add('', 'configuration must be a JSON object');
    return {ok: false, problems: problems.list, warnings: []};
  }
  const config = problems.watch(input, '', '$schema');

  const policyVersion = readRequiredString(config.policyVersion, 'policyVersion', problems);
  const policyUrl = readOptionalUrl(config.policyUrl, 'policyUrl', problems);
  const language = readOptionalLanguage(config.language, 'language', problems);
  const controller = readController(config.controller, problems);
  const purposes = readPurposes(config.purposes, problems);
  const jurisdictions = readJurisdictions(config.jurisdictions, problems);
  const cookieDomain = readCookieDomain(config.cookieDomain, problems);

  const warnings = problems.unknownKeys();
  if (problems.count > 0 || policyVersion === undefined)
    return {ok: false, problems: problems.list, warnings};
  return {
    ok: true,
    warnings,
    config: {
      policyVersion,
      purposes,
      ...(policyUrl !== undefined && {policyUrl}),
      ...(language !== undefined && {language}),
      ...(controller !== undefined && {controller}),
      ...(jurisdictions && {jurisdictions}),
      ...(cookieDomain !== undefined && {cookieDomain}),
    },
  };
}

/** Collects problems so that a site owner sees all of them at once, not one per reload. */
class Problems {
  readonly list: Problem[] = [];
  get count(): number {
    return this.list.length;
  }
  readonly #checks: (() => void)[] = [];
  readonly #warnings: Problem[] = [];
  add(path: string, message: string): void {
    this.list.push({path, message});
  }
  /**
   * `value` through a proxy that notes each key read: the keys the readers below read are the
   * known keys, one definition; `unknownKeys` names the others. `known`: one more to accept.
   */
  watch(value: Record<string, unknown>, path: string, known?: string): Record<string, unknown> {
    const read = new Set([known]);
    this.#checks.push(() => {
      for (const key in value)
        if (!read.has(key))
          this.#warnings.push({path: path ? `${path}.${key}` : key, message: 'is not a known key'});
    });
    return new Proxy(value, {get: (target, key: string) => (read.add(key), target[key])});
  }
  /** Once every reader has run: the keys none of them read. */
  unknownKeys(): readonly Problem[] {
    for (const check of this.#checks) check();
    return this.#warnings;
  }
}

function readController(value: unknown, problems: Problems): Controller | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) {
    problems.add('controller', 'must be an object');
    return undefined;
  }
  const controller = problems.watch(value, 'controller');
  const name = readText(controller.name, 'controller.name', problems);
  const contact = readOptionalString(controller.contact, 'controller.contact', problems);
  if (name === undefined) return undefined;
  return {name, ...(contact !== undefined && {contact})};
}

function readPurposes(value: unknown, problems: Problems): PurposeConfig[] {
  if (value === undefined) {
    problems.add('purposes', 'is missing');
    return [];
  }
  if (!Array.isArray(value)) {
    problems.add('purposes', 'must be an array');
    return [];
  }
  if (value.length === 0) {
    problems.add('purposes', 'must list at least one purpose');
    return [];
  }
  const firstIndexOfId = new Map<string, number>();
  const purposes: PurposeConfig[] = [];
  value.forEach((entry: unknown, index) => {
    // Duplicates are checked on the raw id, so they show even while the purpose has other problems.
    const id = isRecord(entry) && typeof entry.id === 'string' ? entry.id : undefined;
    const earlier = id === undefined ? undefined : firstIndexOfId.get(id);
    if (id !== undefined && earlier !== undefined) {
      problems.add(`purposes[${index}].id`, `"${id}" is a duplicate of purposes[${earlier}].id`);
      return;
    }
    if (id !== undefined) firstIndexOfId.set(id, index);
    const purpose = readPurpose(entry, `purposes[${index}]`, problems);
    if (purpose) purposes.push(purpose);
  });
  return purposes;
}

function readPurpose(value: unknown, path: string, problems: Problems): PurposeConfig | undefined {
  if (!isRecord(value)) {
    problems.add(path, 'must be an object');
    return undefined;
  }
  const purpose = problems.watch(value, path);
  const before = problems.count;
  const id = readId(purpose.id, `${path}.id`, problems);
  const title = readText(purpose.title, `${path}.title`, problems);
  const description = readText(purpose.description, `${path}.description`, problems);
  const benefit = readText(purpose.benefit, `${path}.benefit`, problems);
  const legalBasis = readEnum(
    purpose.legalBasis,
    LEGAL_BASES,
    'consent',
    `${path}.legalBasis`,
    problems,
  );
  const required = readBoolean(purpose.required, false, `${path}.required`, problems);
  const requiredReason = readOptionalText(
    purpose.requiredReason,
    `${path}.requiredReason`,
    problems,
  );
  const defaultChoice = readEnum(
    purpose.default,
    ['granted', 'denied'] as const,
    'denied',
    `${path}.default`,
    problems,
  );
  if (defaultChoice === 'granted' && legalBasis === 'consent' && !required) {
    // Pre-ticked consent is not consent (GDPR recital 32, CJEU Planet49).
    problems.add(`${path}.default`, '"granted" needs a legalBasis other than "consent"');
  }
  const data = readList(purpose.data, `${path}.data`, problems, (item, itemPath) =>
    readText(item, itemPath, problems),
  );
  const recipients = readList(
    purpose.recipients,
    `${path}.recipients`,
    problems,
    (item, itemPath) => readRecipient(item, itemPath, problems),
  );
  const retention = readOptionalText(purpose.retention, `${path}.retention`, problems);
  const gpc = readBoolean(purpose.gpc, false, `${path}.gpc`, problems);
  const consentMode = readList(
    purpose.consentMode,
    `${path}.consentMode`,
    problems,
    (item, itemPath) => readEnum(item, CONSENT_MODE_KEYS, undefined, itemPath, problems),
  );
  // A name, or a prefix ending in `*`; never `*` alone, which would take the site's own sign-in.
  const readNames = (field: 'cookies' | 'storage') =>
    readList(purpose[field], `${path}.${field}`, problems, (item, itemPath) => {
      if (typeof item === 'string' && /^[^\s*;,=]{1,128}\*?$/.test(item)) return item;
      problems.add(itemPath, 'must be a name, or a prefix ending in "*"');
      return undefined;
    });
  const cookies = readNames('cookies');
  const storage = readNames('storage');
  const integrations = readList(
    purpose.integrations,
    `${path}.integrations`,
    problems,
    (item, itemPath) => readEnum(item, INTEGRATIONS, undefined, itemPath, problems),
  );
  const onWithdraw =
    purpose.onWithdraw === undefined
      ? undefined
      : readEnum(
          purpose.onWithdraw,
          ['reload'] as const,
          undefined,
          `${path}.onWithdraw`,
          problems,
        );

  const optIn = readBoolean(purpose.optIn, false, `${path}.optIn`, problems);
  const saleOrSharing = readBoolean(
    purpose.saleOrSharing,
    false,
    `${path}.saleOrSharing`,
    problems,
  );
  for (const [field, isSet] of [
    ['optIn', optIn],
    ['saleOrSharing', saleOrSharing],
  ] as const)
    if (required && isSet)
      problems.add(`${path}.${field}`, 'cannot be true for a required purpose, which is always on');
  if (optIn && !required && legalBasis !== 'consent') {
    problems.add(`${path}.optIn`, 'needs the legalBasis "consent": it asks before anything is on');
  }

  if (problems.count > before) return undefined;
  if (id === undefined || title === undefined || description === undefined) return undefined;
  if (benefit === undefined || legalBasis === undefined || defaultChoice === undefined) {
    return undefined;
  }
  return {
    id,
    title,
    description,
    benefit,
    legalBasis,
    required,
    default: required ? 'granted' : defaultChoice,
    data,
    recipients,
    gpc,
    consentMode: [...new Set(consentMode)],
    ...(cookies.length > 0 && {cookies}),
    ...(storage.length > 0 && {storage}),
    ...(onWithdraw && {onWithdraw}),
    ...(integrations.length > 0 && {integrations: [...new Set(integrations)]}),
    ...(optIn && {optIn}),
    ...(saleOrSharing && {saleOrSharing}),
    ...(requiredReason !== undefined && {requiredReason}),
    ...(retention !== undefined && {retention}),
  };
}

function readJurisdictions(
  value: unknown,
  problems: Problems,
): Record<string, JurisdictionRule> | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value) || Object.keys(value).length === 0) {
    problems.add('jurisdictions', 'must be an object with a rule per region ("EEA", "US-CA", "*")');
    return undefined;
  }
  const rules: Record<string, JurisdictionRule> = {};
  for (const [key, entry] of Object.entries(value)) {
    const path = `jurisdictions.${key}`;
    if (!isRegionKey(key)) {
      const upper = key.trim().toUpperCase();
      problems.add(
        path,
        isRegionKey(upper)
          ? `is written "${upper}" (upper case, as ISO 3166 writes it)`
          : 'is not a region: an ISO 3166 code ("DE", "US-CA"), "EU", "EEA" or "*"',
      );
      continue;
    }
    const rule = readRule(entry, path, problems);
    if (rule) rules[key] = rule;
  }
  return rules;
}

/** A domain of two labels or more, as a cookie's `Domain` takes it: `shop.example`. */
function readCookieDomain(value: unknown, problems: Problems): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && HOST_PATTERN.test(value) && /^[^*]+\./.test(value)) return value;
  problems.add(
    'cookieDomain',
    'must be a lowercase domain of two labels or more, such as "shop.example" (no scheme, port or leading dot)',
  );
  return undefined;
}

function isRegionKey(key: string): boolean {
  return key === ELSEWHERE || Object.hasOwn(REGION_GROUPS, key) || REGION_PATTERN.test(key);
}

function readRule(value: unknown, path: string, problems: Problems): JurisdictionRule | undefined {
  if (!isRecord(value)) {
    problems.add(path, 'must be an object with a "model"');
    return undefined;
  }
  const rule = problems.watch(value, path);
  if (rule.model === undefined) {
    problems.add(`${path}.model`, 'is missing');
    return undefined;
  }
  const model = readEnum(rule.model, MODELS, undefined, `${path}.model`, problems);
  if (!model) return undefined;
  const readDays = (field: 'reaskAfterRefusalDays' | 'maxAgeDays', fallback: number) => {
    const days = rule[field];
    if (days === undefined) return fallback;
    if (Number.isInteger(days) && (days as number) >= 1 && (days as number) <= 3650)
      return days as number;
    problems.add(`${path}.${field}`, 'must be a whole number of days from 1 to 3650');
    return fallback;
  };
  const reaskAfterRefusalDays = readDays('reaskAfterRefusalDays', defaultReaskDays(model));
  const maxAgeDays = readDays('maxAgeDays', DEFAULT_MAX_AGE_DAYS);
  if (rule.closeMeans === undefined) return {model, reaskAfterRefusalDays, maxAgeDays};
  const closeMeans = readEnum(
    rule.closeMeans,
    ['reject'] as const,
    undefined,
    `${path}.closeMeans`,
    problems,
  );
  if (closeMeans && model !== 'opt-in')
    problems.add(
      `${path}.closeMeans`,
      'applies to an "opt-in" rule only (the others ask nothing to reject)',
    );
  return {model, reaskAfterRefusalDays, maxAgeDays, ...(closeMeans && {closeMeans})};
}

function readRecipient(value: unknown, path: string, problems: Problems): Recipient | undefined {
  if (typeof value === 'string') {
    const name = readText(value, path, problems);
    return name === undefined ? undefined : {name};
  }
  if (!isRecord(value)) {
    problems.add(path, 'must be an object with a name');
    return undefined;
  }
  const recipient = problems.watch(value, path);
  const name = readText(recipient.name, `${path}.name`, problems);
  const url = readOptionalUrl(recipient.url, `${path}.url`, problems);
  const hosts = readList(recipient.hosts, `${path}.hosts`, problems, (item, itemPath) => {
    if (typeof item === 'string' && HOST_PATTERN.test(item)) return item;
    problems.add(
      itemPath,
      'must be a lowercase host name, or "*." and a domain of at least two labels',
    );
    return undefined;
  });
  if (name === undefined) return undefined;
  return {
    name,
    ...(url !== undefined && {url}),
    ...(hosts.length > 0 && {hosts: [...new Set(hosts)]}),
  };
}

function readId(value: unknown, path: string, problems: Problems): string | undefined {
  if (value === undefined) {
    problems.add(path, 'is missing');
    return undefined;
  }
  if (typeof value !== 'string' || !PURPOSE_ID_PATTERN.test(value)) {
    problems.add(
      path,
      `${JSON.stringify(value)} is not a valid id (lowercase letters, digits, "_" or "-", at most 64)`,
    );
    return undefined;
  }
  return value;
}

function readText(value: unknown, path: string, problems: Problems): LocalizedText | undefined {
  if (value === undefined || value === null) {
    problems.add(path, 'is missing');
    return undefined;
  }
  if (typeof value === 'string') {
    if (value.trim() === '') {
      problems.add(path, 'is empty');
      return undefined;
    }
    return value;
  }
  if (!isRecord(value)) {
    problems.add(path, 'must be a string or an object keyed by locale');
    return undefined;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) {
    problems.add(path, 'must have at least one locale');
    return undefined;
  }
  let isValid = true;
  for (const [locale, text] of entries) {
    if (!LOCALE_KEY_PATTERN.test(locale)) {
      problems.add(`${path}.${locale}`, 'is not a BCP 47 language tag');
      isValid = false;
    } else if (typeof text !== 'string' || text.trim() === '') {
      problems.add(`${path}.${locale}`, 'must be a non-empty string');
      isValid = false;
    }
  }
  return isValid ? (value as Record<string, string>) : undefined;
}

function readOptionalText(value: unknown, path: string, problems: Problems) {
  return value === undefined ? undefined : readText(value, path, problems);
}

function readRequiredString(value: unknown, path: string, problems: Problems): string | undefined {
  if (value === undefined) {
    problems.add(path, 'is missing');
    return undefined;
  }
  return readOptionalString(value, path, problems);
}

function readOptionalString(value: unknown, path: string, problems: Problems): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    problems.add(path, 'must be a non-empty string');
    return undefined;
  }
  return value;
}

/**
 * Only http(s) or relative URLs: anything else (e.g. `javascript:`) must never become a link.
 * Resolved the way a browser would, since browsers drop tabs and newlines inside a scheme.
 */
function readOptionalLanguage(
  value: unknown,
  path: string,
  problems: Problems,
): string | undefined {
  const tag = readOptionalString(value, path, problems);
  if (tag === undefined || LOCALE_KEY_PATTERN.test(tag)) return tag;
  problems.add(path, 'is not a BCP 47 language tag');
  return undefined;
}

function readOptionalUrl(value: unknown, path: string, problems: Problems): string | undefined {
  const url = readOptionalString(value, path, problems);
  if (url === undefined) return undefined;
  let protocol: string;
  try {
    protocol = new URL(url, 'https://relative.invalid/').protocol;
  } catch {
    protocol = '';
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    problems.add(path, 'must be an http(s) or relative URL');
    return undefined;
  }
  return url;
}

function readBoolean(value: unknown, fallback: boolean, path: string, problems: Problems): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') {
    problems.add(path, 'must be true or false');
    return fallback;
  }
  return value;
}

function readEnum<T extends string, F extends T | undefined>(
  value: unknown,
  allowed: readonly T[],
  fallback: F,
  path: string,
  problems: Problems,
): T | F {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value))
    return value as T;
  const expected = allowed.map((option) => `"${option}"`).join(', ');
  problems.add(path, `${JSON.stringify(value) ?? 'undefined'} is not one of ${expected}`);
  return fallback;
}

function readList<T>(
  value: unknown,
  path: string,
  problems: Problems,
  readItem: (item: unknown, itemPath: string) => T | undefined,
): T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.add(path, 'must be an array');
    return [];
  }
  return value
    .map((item: unknown, index) => readItem(item, `${path}[${index}]`))
    .filter((item): item is T => item !== undefined);
}
