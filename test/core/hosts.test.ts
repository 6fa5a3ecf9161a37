import {expect} from '@open-wc/testing';
import type {Choices} from '../../src/core/consent.js';
import {blockingPurposes, hostMatches, recipientForHost} from '../../src/core/hosts.js';
import {purpose} from '../fixtures/purpose.js';

describe('hostMatches', () => {
  const rows: [host: string, pattern: string, matches: boolean][] = [
    ['connect.facebook.net', 'connect.facebook.net', true],
    ['www.connect.facebook.net', 'connect.facebook.net', false], // exact means exact
    ['facebook.net', 'connect.facebook.net', false],
    ['google-analytics.com', '*.google-analytics.com', true], // the domain itself
    ['region1.google-analytics.com', '*.google-analytics.com', true],
    ['a.b.google-analytics.com', '*.google-analytics.com', true],
    ['evilgoogle-analytics.com', '*.google-analytics.com', false], // a label boundary
    ['google-analytics.com.evil.example', '*.google-analytics.com', false],
    ['Connect.Facebook.NET', 'connect.facebook.net', true], // hosts compare case-blind
    ['connect.facebook.net.', 'connect.facebook.net', true], // a fully qualified name
  ];
  for (const [host, pattern, matches] of rows)
    it(`${host} ${matches ? 'matches' : 'does not match'} ${pattern}`, () => {
      expect(hostMatches(host, pattern)).to.equal(matches);
    });
});

describe('blockingPurposes', () => {
  const purposes = [
    purpose('essential', {
      required: true,
      recipients: [{name: 'CDN', hosts: ['cdn.example']}],
    }),
    purpose('analytics', {
      recipients: [
        {name: 'Stats Co.', hosts: ['*.stats.example']},
        {name: 'Tag Hub', hosts: ['tags.example']},
      ],
    }),
    purpose('ads', {recipients: [{name: 'Tag Hub', hosts: ['tags.example']}]}),
    purpose('video', {recipients: [{name: 'Video Co.'}]}),
  ];
  const off: Choices = {essential: 'granted', analytics: 'denied', ads: 'denied', video: 'denied'};
  const rows: [what: string, choices: Choices, host: string, expected: string[]][] = [
    ['a host one denied purpose lists', off, 'beacon.stats.example', ['analytics']],
    ['a host two denied purposes list: both', off, 'tags.example', ['analytics', 'ads']],
    ['a host listed by a granted purpose too', {...off, ads: 'granted'}, 'tags.example', []],
    ['a host listed by a required purpose', off, 'cdn.example', []],
    ['a host nobody lists', off, 'www.shop.example', []],
    ['its purpose granted', {...off, analytics: 'granted'}, 'beacon.stats.example', []],
    ['no choice known yet counts as off', {}, 'beacon.stats.example', ['analytics']],
  ];
  for (const [what, choices, host, expected] of rows)
    it(what, () => {
      expect(blockingPurposes(purposes, choices, host)).to.deep.equal(expected);
    });

  it('finds the recipient whose hosts match, for an embed', () => {
    expect(recipientForHost(purposes[1]!, 'x.stats.example')?.name).to.equal('Stats Co.');
    expect(recipientForHost(purposes[1]!, 'tags.example')?.name).to.equal('Tag Hub');
    expect(recipientForHost(purposes[3]!, 'video.example')).to.equal(undefined);
  });
});
