import {expect} from '@open-wc/testing';
import type {Choices} from '../../src/core/consent.js';
import {cookieDomains, cookiePaths, matchesName, namesToRemove} from '../../src/core/withdrawal.js';
import {purpose} from '../fixtures/purpose.js';

describe('matchesName', () => {
  const rows: [name: string, pattern: string, matches: boolean][] = [
    ['_ga', '_ga', true],
    ['_ga_ABC123', '_ga', false], // a name is exact
    ['_ga_ABC123', '_ga_*', true],
    ['_ga_', '_ga_*', true], // the prefix alone
    ['_gid', '_ga_*', false],
    ['_GA', '_ga', false], // names are case-sensitive
    ['x_ga_1', '_ga_*', false], // a prefix, not anywhere
  ];
  for (const [name, pattern, matches] of rows)
    it(`${name} ${matches ? 'matches' : 'does not match'} ${pattern}`, () => {
      expect(matchesName(name, pattern)).to.equal(matches);
    });
});

describe('namesToRemove', () => {
  const purposes = [
    purpose('essential', {required: true, cookies: ['session_id'], storage: ['basket']}),
    purpose('analytics', {cookies: ['_ga', '_ga_*', 'session*'], storage: ['amplitude_*']}),
    purpose('ads', {cookies: ['_fbp']}),
    purpose('video'),
  ];
  const on: Choices = {
    essential: 'granted',
    analytics: 'granted',
    ads: 'granted',
    video: 'granted',
  };
  const off: Choices = {essential: 'granted', analytics: 'denied', ads: 'denied', video: 'denied'};
  const present = ['_ga', '_ga_X1', '_gid', '_fbp', 'session_id', 'session_x', 'basket', 'theme'];
  const rows: [what: string, choices: Choices, kind: 'cookies' | 'storage', expected: string[]][] =
    [
      ['all on: nothing', on, 'cookies', []],
      [
        'all off: what they list, not what a granted purpose lists too',
        off,
        'cookies',
        ['_ga', '_ga_X1', '_fbp', 'session_x'],
      ],
      ['one off: only its own', {...on, ads: 'denied'}, 'cookies', ['_fbp']],
      [
        'a purpose not chosen yet counts as off',
        {essential: 'granted'},
        'cookies',
        ['_ga', '_ga_X1', '_fbp', 'session_x'],
      ],
      ['storage keys the same way', off, 'storage', []],
    ];
  for (const [what, choices, kind, expected] of rows)
    it(what, () => {
      const names = namesToRemove(purposes, choices, kind, present).map(({name}) => name);
      expect(names).to.deep.equal(expected);
    });

  it('storage keys that match', () => {
    expect(
      namesToRemove(purposes, off, 'storage', ['amplitude_id', 'amplitude', 'basket']),
    ).to.deep.equal([{name: 'amplitude_id', purposeIds: ['analytics']}]);
  });

  it('names with each name the purposes that are off and list it', () => {
    const both = [...purposes, purpose('stats', {cookies: ['_ga']})];
    expect(
      namesToRemove(both, {...off, stats: 'denied'}, 'cookies', ['_ga', '_fbp']),
    ).to.deep.equal([
      {name: '_ga', purposeIds: ['analytics', 'stats']},
      {name: '_fbp', purposeIds: ['ads']},
    ]);
  });
});

describe('cookieDomains', () => {
  const rows: [hostname: string, expected: string[]][] = [
    ['www.shop.example', ['www.shop.example', 'shop.example']],
    ['a.b.shop.co.uk', ['a.b.shop.co.uk', 'b.shop.co.uk', 'shop.co.uk', 'co.uk']], // co.uk: refused by the browser, harmless
    ['shop.test', ['shop.test']],
    ['localhost', []], // host-only cookies only
    ['127.0.0.1', []],
    ['[::1]', []],
  ];
  for (const [hostname, expected] of rows)
    it(hostname, () => {
      expect(cookieDomains(hostname)).to.deep.equal(expected);
    });
});

describe('cookiePaths', () => {
  const rows: [pathname: string, expected: string[]][] = [
    ['/', ['/']],
    ['/index.html', ['/']],
    ['/products/tent.html', ['/', '/products']],
    ['/products/', ['/', '/products']],
    ['/a/b/c', ['/', '/a/b']],
  ];
  for (const [pathname, expected] of rows)
    it(pathname, () => {
      expect(cookiePaths(pathname)).to.deep.equal(expected);
    });
});
