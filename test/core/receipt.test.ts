import {expect} from '@open-wc/testing';
import type {PrivacyConfig} from '../../src/core/config.js';
import {buildConsentReceipt, RECEIPT_FORMAT} from '../../src/core/receipt.js';

const config: PrivacyConfig = {
  policyVersion: '2026-11-01',
  policyUrl: 'https://shop.example/privacy',
  controller: {name: {en: 'Example Shop', ja: '例ショップ'}, contact: 'privacy@shop.example'},
  purposes: [
    {
      id: 'analytics',
      title: {en: 'Usage analytics', ja: '利用状況の分析'},
      description: 'Pages visited.',
      benefit: 'Faster pages.',
      legalBasis: 'consent',
      required: false,
      default: 'denied',
      data: ['Pages visited'],
      recipients: [{name: 'Example Analytics Inc.', url: 'https://analytics.example/privacy'}],
      retention: '13 months',
      gpc: false,
      consentMode: ['analytics_storage'],
    },
    {
      id: 'essential',
      title: 'Your account',
      description: 'Keeps you signed in.',
      benefit: 'You can shop.',
      legalBasis: 'contract',
      required: true,
      default: 'granted',
      data: [],
      recipients: [],
      gpc: false,
      consentMode: [],
    },
  ],
};

describe('buildConsentReceipt', () => {
  const rows = [
    {
      name: 'a saved decision carries the endpoint receipt and each purpose’s time of change',
      decision: {
        decidedAt: '2026-11-20T10:00:00.000Z',
        savedAt: '2026-11-20T10:00:01.000Z',
        receiptId: 'rcpt-1',
        changedAt: {analytics: '2026-11-20T10:00:00.000Z'},
      },
      expected: {
        consentReceiptID: 'rcpt-1',
        consentTimestamp: '2026-11-20T10:00:00.000Z',
        recordedAt: '2026-11-20T10:00:01.000Z',
        analyticsChangedAt: '2026-11-20T10:00:00.000Z',
      },
    },
    {
      name: 'no decision yet gives nulls, not invented values',
      decision: undefined,
      expected: {
        consentReceiptID: null,
        consentTimestamp: null,
        recordedAt: null,
        analyticsChangedAt: null,
      },
    },
  ];
  for (const {name, decision, expected} of rows) {
    it(name, () => {
      const receipt = buildConsentReceipt({
        config,
        subject: 'subject-1',
        choices: {analytics: 'granted', essential: 'granted'},
        locale: 'ja-JP',
        hasGpcSignal: true,
        issuedAt: '2026-11-25T00:00:00.000Z',
        decision,
      });
      expect(receipt).to.deep.include({
        receiptFormat: RECEIPT_FORMAT,
        consentReceiptID: expected.consentReceiptID,
        consentTimestamp: expected.consentTimestamp,
        recordedAt: expected.recordedAt,
        issuedAt: '2026-11-25T00:00:00.000Z',
        language: 'ja-JP',
        piiPrincipalId: 'subject-1',
        piiControllers: [{piiController: '例ショップ', contact: 'privacy@shop.example'}],
        policyUrl: 'https://shop.example/privacy',
        policyVersion: '2026-11-01',
        globalPrivacyControl: true,
      });
      expect(receipt.purposes).to.deep.equal([
        {
          purposeId: 'analytics',
          purpose: '利用状況の分析',
          description: 'Pages visited.',
          benefit: 'Faster pages.',
          lawfulBasis: 'consent',
          consentStatus: 'granted',
          required: false,
          piiCategory: ['Pages visited'],
          thirdPartyDisclosure: true,
          thirdPartyName: ['Example Analytics Inc.'],
          termination: '13 months',
          changedAt: expected.analyticsChangedAt,
        },
        {
          purposeId: 'essential',
          purpose: 'Your account',
          description: 'Keeps you signed in.',
          benefit: 'You can shop.',
          lawfulBasis: 'contract',
          consentStatus: 'granted',
          required: true,
          piiCategory: [],
          thirdPartyDisclosure: false,
          thirdPartyName: [],
          termination: null,
          changedAt: null,
        },
      ]);
    });
  }
});
