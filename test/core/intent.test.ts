import {expect} from '@open-wc/testing';
import type {Choices} from '../../src/core/consent.js';
import {intentDecision, type Intent, type IntentDecision} from '../../src/core/intent.js';
import {purpose} from '../fixtures/purpose.js';

describe('intentDecision', () => {
  const purposes = [
    purpose('essential', {required: true, default: 'granted'}),
    purpose('analytics'),
    purpose('media'),
  ];
  const shown: Choices = {essential: 'granted', analytics: 'granted', media: 'denied'};
  const rows: [what: string, intent: Intent, expected: IntentDecision | undefined][] = [
    [
      'accept all: every purpose but the required one, granted',
      {kind: 'accept-all'},
      {method: 'accept-all', decided: {analytics: 'granted', media: 'granted'}},
    ],
    [
      'reject all: the same, denied, even those already off',
      {kind: 'reject-all'},
      {method: 'reject-all', decided: {analytics: 'denied', media: 'denied'}},
    ],
    [
      'the banner asking about new purposes only: accept all grants only those',
      {kind: 'accept-all', only: ['media', 'essential']},
      {method: 'accept-all', decided: {media: 'granted'}},
    ],
    [
      'the banner asking about new purposes only: reject all denies only those',
      {kind: 'reject-all', only: ['media']},
      {method: 'reject-all', decided: {media: 'denied'}},
    ],
    [
      'a switch flips what the customer sees',
      {kind: 'toggle', id: 'analytics'},
      {method: 'toggle', decided: {analytics: 'denied'}},
    ],
    [
      'a flip made before the session ran goes the way the customer saw it, whatever is shown now',
      {kind: 'toggle', id: 'analytics', to: true},
      {method: 'toggle', decided: {analytics: 'granted'}},
    ],
    ['a required purpose is no decision', {kind: 'toggle', id: 'essential'}, undefined],
    ['an unknown purpose is no decision', {kind: 'set', id: 'nope', isGranted: true}, undefined],
    [
      "the site's script sets a purpose",
      {kind: 'set', id: 'media', isGranted: true},
      {method: 'api', decided: {media: 'granted'}},
    ],
    [
      "an embed's Allow grants its purposes, as their switches would",
      {kind: 'allow', ids: ['media', 'analytics']},
      {method: 'toggle', decided: {analytics: 'granted', media: 'granted'}},
    ],
    [
      "an embed's Allow skips required and unknown ids",
      {kind: 'allow', ids: ['essential', 'nope', 'media']},
      {method: 'toggle', decided: {media: 'granted'}},
    ],
    ["an embed's Allow of nothing it may decide", {kind: 'allow', ids: ['essential']}, undefined],
  ];
  for (const [what, intent, expected] of rows)
    it(what, () => {
      expect(intentDecision(purposes, shown, intent)).to.deep.equal(expected);
    });
});
