import {expect} from '@open-wc/testing';
import type {Choices} from '../../src/core/consent.js';
import {planEmbed, purposeIdsOf} from '../../src/core/embeds.js';
import {mediaPurposes} from '../fixtures/media-purposes.js';

const BASE = 'https://shop.example/stores/oslo';
const OFF: Choices = {essential: 'granted', media: 'denied', maps: 'denied'};
const ON: Choices = {essential: 'granted', media: 'granted', maps: 'granted'};
const MEDIA_ONLY: Choices = {essential: 'granted', media: 'granted', maps: 'denied'};

/** A plan as its table row shows it: what a frame does, and for whom. */
function summary(purposeValue: string | null, source: string | null, choices: Choices): string {
  const plan = planEmbed(mediaPurposes, choices, purposeValue, source, BASE);
  switch (plan.kind) {
    case 'load':
      return `load ${plan.url} (${plan.ids.join(' ')}) from ${plan.host}`;
    case 'ask':
      return `ask ${plan.missing.map(({id}) => id).join(' ')} of ${plan.purposes
        .map(({id}) => id)
        .join(
          ' ',
        )} from ${plan.host}, provider ${plan.provider?.url ?? plan.provider?.name ?? '-'}`;
    case 'never':
      return `never: ${plan.reason}${plan.unknown.length ? ` ${plan.unknown.join(' ')}` : ''}`;
  }
}

describe('planEmbed', () => {
  const rows: [purposes: string | null, source: string | null, choices: Choices, plan: string][] = [
    [
      'media',
      'https://video.example/e/1',
      ON,
      'load https://video.example/e/1 (media) from video.example',
    ],
    [
      'media',
      'https://video.example/e/1',
      OFF,
      'ask media of media from video.example, provider https://video.example/privacy',
    ],
    // The provider is the recipient whose hosts match, subdomains by `*.`.
    [
      'media',
      'https://cdn.streamtube.example/v',
      OFF,
      'ask media of media from cdn.streamtube.example, provider https://video.example/privacy',
    ],
    // No recipient lists the host: no provider (the placeholder names the host).
    ['media', 'https://clips.example/v', OFF, 'ask media of media from clips.example, provider -'],
    // A recipient without a privacy page.
    [
      'maps',
      'https://maps.example/oslo',
      OFF,
      'ask maps of maps from maps.example, provider MapWorks',
    ],
    // Several purposes: all must be granted; the provider is found in any of them.
    [
      'media maps',
      'https://maps.example/oslo',
      MEDIA_ONLY,
      'ask maps of media maps from maps.example, provider MapWorks',
    ],
    [
      'media  maps media',
      'https://maps.example/oslo',
      ON,
      'load https://maps.example/oslo (media maps) from maps.example',
    ],
    // A required purpose is always granted.
    [
      'essential',
      '/help/video',
      OFF,
      'load https://shop.example/help/video (essential) from shop.example',
    ],
    // Relative addresses resolve against the page.
    [
      'media',
      '//video.example/e/2',
      ON,
      'load https://video.example/e/2 (media) from video.example',
    ],
    ['media', 'e/3', ON, 'load https://shop.example/stores/e/3 (media) from shop.example'],
    // Never: addresses that are not http(s), whatever the choices.
    ['media', 'javascript:alert(1)', ON, 'never: address'],
    ['media', ' JavaScript:alert(1)', ON, 'never: address'],
    ['media', 'java\tscript:alert(1)', ON, 'never: address'],
    ['media', 'data:text/html,<script>alert(1)</script>', ON, 'never: address'],
    ['media', 'blob:https://shop.example/0b6e', ON, 'never: address'],
    ['media', 'about:blank', ON, 'never: address'],
    ['media', 'ftp://files.example/v', ON, 'never: address'],
    ['media', 'https://', ON, 'never: address'],
    ['media', '', ON, 'never: address'], // would be the page itself
    ['media', '   ', ON, 'never: address'],
    ['media', null, ON, 'never: address'],
    // Never: purposes nobody can consent to.
    ['videos', 'https://video.example/e/1', ON, 'never: purpose videos'],
    ['media videos', 'https://video.example/e/1', ON, 'never: purpose videos'],
    ['', 'https://video.example/e/1', ON, 'never: purpose'],
    [' ', 'https://video.example/e/1', ON, 'never: purpose'],
    [null, 'https://video.example/e/1', ON, 'never: purpose'],
    // An unknown purpose outweighs a bad address: the site owner hears of the purpose first.
    ['videos', 'javascript:alert(1)', ON, 'never: purpose videos'],
    // Before any choice is known (no entry): waiting, never loaded.
    [
      'media',
      'https://video.example/e/1',
      {},
      'ask media of media from video.example, provider https://video.example/privacy',
    ],
  ];
  for (const [purposes, source, choices, plan] of rows)
    it(`${JSON.stringify(purposes)} ${JSON.stringify(source)} ${JSON.stringify(choices)} → ${plan}`, () => {
      expect(summary(purposes, source, choices)).to.equal(plan);
    });
});

describe('purposeIdsOf', () => {
  const rows: [value: string | null, ids: string[]][] = [
    ['media', ['media']],
    [' media\n maps\t', ['media', 'maps']],
    ['media media', ['media']],
    ['', []],
    [null, []],
  ];
  for (const [value, ids] of rows)
    it(`${JSON.stringify(value)} → ${JSON.stringify(ids)}`, () => {
      expect(purposeIdsOf(value)).to.deep.equal(ids);
    });
});
