import {expect} from '@open-wc/testing';
import {
  DECIDED_COOKIE_MAX_AGE,
  decidedCookie,
  decidedVersionIn,
} from '../../src/core/decided-cookie.js';

describe('the decided cookie', () => {
  const rows: [what: string, header: string | null | undefined, expected: string | undefined][] = [
    ['no header', undefined, undefined],
    ['an empty header', '', undefined],
    ['only other cookies', 'session=abc; theme=dark', undefined],
    ['alone', 'privacy-preferences-decided=2026-11-01', '2026-11-01'],
    ['among others, spaced', 'a=1;  privacy-preferences-decided=v2 ; b=2', 'v2'],
    ['encoded', 'privacy-preferences-decided=2026%2F11%20%C3%A9', '2026/11 é'],
    ['a name that only starts like it', 'privacy-preferences-decided-old=1', undefined],
    ['a name that only ends like it', 'x-privacy-preferences-decided=1', undefined],
    ['empty: decided under an empty version', 'privacy-preferences-decided=', ''],
    ['malformed encoding: as if absent', 'privacy-preferences-decided=%E0%A4%A', undefined],
    ['the first of two wins', 'privacy-preferences-decided=a; privacy-preferences-decided=b', 'a'],
  ];
  for (const [what, header, expected] of rows)
    it(`reads ${what}`, () => expect(decidedVersionIn(header)).to.equal(expected));

  it('is written with the policy version encoded, for the whole site, for 13 months, same-site', () => {
    expect(decidedCookie('2026/11 é', false)).to.equal(
      `privacy-preferences-decided=2026%2F11%20%C3%A9; path=/; max-age=${DECIDED_COOKIE_MAX_AGE}; samesite=lax`,
    );
    expect(DECIDED_COOKIE_MAX_AGE).to.equal(395 * 24 * 60 * 60);
  });

  it('is secure on https, and removed by an immediate expiry', () => {
    expect(decidedCookie('v1', true)).to.match(/; secure$/);
    expect(decidedCookie(undefined, true)).to.equal(
      'privacy-preferences-decided=; path=/; max-age=0; samesite=lax; secure',
    );
  });

  it('reads back what it writes', () => {
    for (const version of ['v1', '2026-11-01', 'a;b=c', ' spaced ', 'ü'])
      expect(decidedVersionIn(decidedCookie(version, false).split(';')[0])).to.equal(version);
  });
});
