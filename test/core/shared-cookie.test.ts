import {expect} from '@open-wc/testing';
import {isWithin} from '../../src/core/cookie-domain.js';
import {
  newer,
  readShared,
  SHARED_COOKIE,
  sharedCookie,
  type Shared,
} from '../../src/core/shared-cookie.js';
import type {DecisionCore} from '../../src/core/stored-decision.js';

const SUBJECT = '3f1c2b9e-5a4d-4c1e-9f0a-7b6c5d4e3f21';
const DECISION: DecisionCore = {
  subject: SUBJECT,
  policyVersion: '2026-12-01',
  choices: {essential: 'granted', analytics: 'denied'},
  decidedAt: '2026-12-01T10:00:00.000Z',
  gpc: false,
};
const cookie = (value: unknown) =>
  `a=1; ${SHARED_COOKIE}=${encodeURIComponent(JSON.stringify(value))}; b=2`;

describe('isWithin', () => {
  const rows: [host: string, domain: string, expected: boolean][] = [
    ['shop.example', 'shop.example', true],
    ['www.shop.example', 'shop.example', true],
    ['a.b.shop.example', 'shop.example', true],
    ['WWW.Shop.Example', 'shop.example', true],
    ['evilshop.example', 'shop.example', false],
    ['shop.example.evil.test', 'shop.example', false],
    ['example', 'shop.example', false],
    ['127.0.0.1', 'shop.example', false],
  ];
  for (const [host, domain, expected] of rows)
    it(`${host} within ${domain}: ${expected}`, () => {
      expect(isWithin(host, domain)).to.equal(expected);
    });
});

describe('readShared', () => {
  const rows: [name: string, cookies: string | null, expected: Shared | undefined][] = [
    ['no cookie header', null, undefined],
    ['no such cookie', 'a=1; b=2', undefined],
    ['the subject alone', cookie({subject: SUBJECT}), {subject: SUBJECT}],
    [
      'the subject and its decision',
      cookie({subject: SUBJECT, decision: DECISION}),
      {subject: SUBJECT, decision: DECISION},
    ],
    [
      'a decision of another subject is dropped',
      cookie({
        subject: SUBJECT,
        decision: {...DECISION, subject: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'},
      }),
      {subject: SUBJECT},
    ],
    [
      'a malformed decision is dropped',
      cookie({subject: SUBJECT, decision: {...DECISION, choices: {analytics: 'yes'}}}),
      {subject: SUBJECT},
    ],
    [
      'a subject that is not an anonymous id (a signed-in one is never shared)',
      cookie({subject: 'alice@example.com'}),
      undefined,
    ],
    ['not JSON', `${SHARED_COOKIE}=%7Bnot-json`, undefined],
    ['not URI-encoded', `${SHARED_COOKIE}=%E0%A4%A`, undefined],
    ['an array', cookie([SUBJECT]), undefined],
  ];
  for (const [name, cookies, expected] of rows)
    it(name, () => {
      expect(readShared(cookies)).to.deep.equal(expected);
    });
});

describe('sharedCookie', () => {
  it('writes the domain, the whole site, 13 months, SameSite=Lax, Secure on https', () => {
    expect(sharedCookie({subject: SUBJECT}, 'shop.example', true)).to.equal(
      `${SHARED_COOKIE}=${encodeURIComponent(JSON.stringify({subject: SUBJECT}))}; domain=shop.example; path=/; max-age=34128000; samesite=lax; secure`,
    );
  });

  it('reads back what it writes', () => {
    const shared = {subject: SUBJECT, decision: DECISION};
    const [pair] = sharedCookie(shared, 'shop.example', false).split(';');
    expect(readShared(pair)).to.deep.equal(shared);
  });
});

describe('newer', () => {
  const later = {...DECISION, decidedAt: '2026-12-02T10:00:00.000Z'};
  it('takes the later decision, either way round, and one when the other is missing', () => {
    expect(newer(DECISION, later)).to.equal(later);
    expect(newer(later, DECISION)).to.equal(later);
    expect(newer(undefined, DECISION)).to.equal(DECISION);
    expect(newer(DECISION, undefined)).to.equal(DECISION);
    expect(newer(undefined, undefined)).to.equal(undefined);
  });
});
