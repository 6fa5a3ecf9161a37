/**
 * The customer's own copy of their choices ("Download my choices"). Field names follow the
 * Kantara Initiative Consent Receipt v1.1 and ISO/IEC TS 27560 where a field maps; the rest
 * are this product's own and say plainly what they hold.
 */
import type {PrivacyConfig} from './config.js';
import type {Choices} from './consent.js';
import {localizedText} from './locale.js';

export interface ReceiptInput {
  readonly config: PrivacyConfig;
  readonly subject: string;
  readonly choices: Choices;
  /** The customer's language: texts are given as they were shown. */
  readonly locale: string;
  readonly hasGpcSignal: boolean;
  /** When this receipt is made (ISO 8601). */
  readonly issuedAt: string;
  readonly decision?:
    | {
        readonly decidedAt: string;
        readonly savedAt?: string | undefined;
        readonly receiptId?: string | undefined;
        readonly changedAt?: Readonly<Record<string, string>> | undefined;
      }
    | undefined;
}

export interface PurposeReceipt {
  readonly purposeId: string;
  readonly purpose: string;
  readonly description: string;
  readonly benefit: string;
  readonly lawfulBasis: string;
  readonly consentStatus: 'granted' | 'denied';
  readonly required: boolean;
  readonly piiCategory: readonly string[];
  readonly thirdPartyDisclosure: boolean;
  readonly thirdPartyName: readonly string[];
  readonly termination: string | null;
  readonly changedAt: string | null;
}

export interface ConsentReceiptDocument {
  readonly receiptFormat: string;
  readonly consentReceiptID: string | null;
  readonly issuedAt: string;
  readonly consentTimestamp: string | null;
  readonly recordedAt: string | null;
  readonly collectionMethod: string;
  readonly language: string;
  readonly piiPrincipalId: string;
  readonly piiControllers: readonly {
    readonly piiController: string;
    readonly contact: string | null;
  }[];
  readonly policyUrl: string | null;
  readonly policyVersion: string;
  readonly globalPrivacyControl: boolean;
  readonly purposes: readonly PurposeReceipt[];
}

export const RECEIPT_FORMAT =
  'privacy-preferences-receipt/1 (field names after Kantara Consent Receipt v1.1 and ISO/IEC TS 27560)';

export function buildConsentReceipt(input: ReceiptInput): ConsentReceiptDocument {
  const {config, decision, locale} = input;
  const text = (value: Parameters<typeof localizedText>[0]) => localizedText(value, locale);
  return {
    receiptFormat: RECEIPT_FORMAT,
    consentReceiptID: decision?.receiptId || null,
    issuedAt: input.issuedAt,
    consentTimestamp: decision?.decidedAt ?? null,
    recordedAt: decision?.savedAt ?? null,
    collectionMethod: 'privacy preference center (web)',
    language: locale,
    piiPrincipalId: input.subject,
    piiControllers: config.controller
      ? [{piiController: text(config.controller.name), contact: config.controller.contact ?? null}]
      : [],
    policyUrl: config.policyUrl ?? null,
    policyVersion: config.policyVersion,
    globalPrivacyControl: input.hasGpcSignal,
    purposes: config.purposes.map((purpose) => ({
      purposeId: purpose.id,
      purpose: text(purpose.title),
      description: text(purpose.description),
      benefit: text(purpose.benefit),
      lawfulBasis: purpose.legalBasis,
      consentStatus: input.choices[purpose.id] ?? 'denied',
      required: purpose.required,
      piiCategory: purpose.data.map(text),
      thirdPartyDisclosure: purpose.recipients.length > 0,
      thirdPartyName: purpose.recipients.map((recipient) => text(recipient.name)),
      termination: purpose.retention === undefined ? null : text(purpose.retention),
      changedAt: decision?.changedAt?.[purpose.id] ?? null,
    })),
  };
}
