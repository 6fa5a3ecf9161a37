// The JSON Schema a site owner's editor uses (dist/privacy-preferences.schema.json) against the
// element's validator (src/core/config.ts): the same keys at every level, the same verdict on
// every configuration below, and the one deliberate difference — a key neither knows is an
// error for the editor and a console warning for the element.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {describe, it} from 'node:test';
import {Ajv2020} from 'ajv/dist/2020.js';
import {parseConfig} from '../../src/core/config.js';
import {describeProblem} from '../../src/core/problem.js';

const schema = JSON.parse(readFileSync('schema/privacy-preferences.schema.json', 'utf8'));
const validate = new Ajv2020({strict: true, allErrors: true}).compile(schema);

const purpose = (extra: Record<string, unknown> = {}) => ({
  id: 'analytics',
  title: 'Usage analytics',
  description: 'Which pages you visit.',
  benefit: 'We fix slow pages sooner.',
  ...extra,
});
const config = (extra: Record<string, unknown> = {}, purposes: unknown[] = [purpose()]) => ({
  policyVersion: '2026-11-01',
  purposes,
  ...extra,
});

describe('JSON Schema', () => {
  it('is shipped unchanged in dist/', () => {
    assert.deepEqual(
      JSON.parse(readFileSync('dist/privacy-preferences.schema.json', 'utf8')),
      schema,
    );
  });

  it('lists exactly the keys the validator reads, at every level', () => {
    // Each object is a proxy that notes the keys the validator asks for.
    const read = {
      config: new Set(),
      controller: new Set(),
      purpose: new Set(),
      recipient: new Set(),
      rule: new Set(),
    };
    const spy = (target: Record<string, unknown>, keys: Set<unknown>) =>
      new Proxy(target, {get: (object, key) => (keys.add(key), Reflect.get(object, key))});
    const input = spy(
      {
        policyVersion: '1',
        controller: spy({name: 'Shop'}, read.controller),
        purposes: [
          spy({...purpose(), recipients: [spy({name: 'R'}, read.recipient)]}, read.purpose),
        ],
        jurisdictions: {GB: spy({model: 'opt-in'}, read.rule)},
      },
      read.config,
    );
    assert.equal(parseConfig(input).ok, true);
    const keys = (set: Set<unknown>) => [...set].filter((key) => typeof key === 'string').sort();
    const defs = schema.$defs;
    assert.deepEqual(
      keys(read.config),
      Object.keys(schema.properties)
        .filter((key) => key !== '$schema')
        .sort(),
    );
    assert.deepEqual(
      keys(read.controller),
      Object.keys(schema.properties.controller.properties).sort(),
    );
    assert.deepEqual(keys(read.purpose), Object.keys(defs.purpose.properties).sort());
    assert.deepEqual(keys(read.recipient), Object.keys(defs.recipient.oneOf[1].properties).sort());
    assert.deepEqual(keys(read.rule), Object.keys(defs.jurisdictionRule.properties).sort());
  });

  // [name, configuration, valid]: the schema and the validator must both give `valid`.
  const rows: [string, unknown, boolean][] = [
    ['the demo shop', JSON.parse(readFileSync('demo/purposes.json', 'utf8')), true],
    ['the smallest configuration', config(), true],
    ['with $schema', config({$schema: './privacy-preferences.schema.json'}), true],
    [
      'every optional key',
      config(
        {
          policyUrl: '/privacy',
          language: 'de',
          controller: {name: {en: 'Shop', de: 'Laden'}, contact: 'privacy@shop.example'},
          jurisdictions: {
            EEA: {
              model: 'opt-in',
              reaskAfterRefusalDays: 182,
              maxAgeDays: 395,
              closeMeans: 'reject',
            },
            EU: {model: 'opt-in'},
            GB: {model: 'opt-in', closeMeans: 'reject'},
            US: {model: 'opt-out'},
            'US-CA': {model: 'opt-out', reaskAfterRefusalDays: 365},
            JP: {model: 'notice'},
            'FR-75C': {model: 'opt-in', reaskAfterRefusalDays: 1, maxAgeDays: 3650},
            '*': {model: 'opt-in'},
          },
        },
        [
          purpose({
            legalBasis: 'legitimate-interest',
            required: false,
            default: 'granted',
            data: ['Pages visited', {en: 'Device', de: 'Gerät'}],
            recipients: [
              'Analytics Inc.',
              {
                name: 'Ads Ltd.',
                url: 'https://ads.example/privacy',
                hosts: ['connect.ads.example', '*.ads-cdn.example'],
              },
            ],
            retention: '13 months',
            gpc: true,
            consentMode: ['analytics_storage'],
            cookies: ['_ga', '_ga_*'],
            storage: ['amplitude_*'],
            onWithdraw: 'reload',
            integrations: ['meta-pixel', 'tiktok-pixel'],
            optIn: false,
            saleOrSharing: true,
          }),
          purpose({id: 'health', legalBasis: 'consent', default: 'denied', optIn: true}),
          purpose({
            id: 'essential',
            required: true,
            requiredReason: 'Keeps you signed in.',
            default: 'granted',
            optIn: false,
            saleOrSharing: false,
          }),
        ],
      ),
      true,
    ],
    ['not an object', [], false],
    ['no policyVersion', {purposes: [purpose()]}, false],
    ['a blank policyVersion', config({policyVersion: '  '}), false],
    ['a number as policyVersion', config({policyVersion: 3}), false],
    ['no purposes', {policyVersion: '1'}, false],
    ['an empty purposes list', config({}, []), false],
    ['purposes not a list', config({purposes: {}}), false],
    [
      'a purpose without a benefit',
      config(
        {},
        [{...purpose(), benefit: undefined}].map((p) => JSON.parse(JSON.stringify(p))),
      ),
      false,
    ],
    ['a blank title', config({}, [purpose({title: ' '})]), false],
    ['a title keyed by a non-language', config({}, [purpose({title: {english: 'T'}})]), false],
    ['a title with no languages', config({}, [purpose({title: {}})]), false],
    ['a title with a blank translation', config({}, [purpose({title: {en: 'T', de: ''}})]), false],
    ['an id with capitals', config({}, [purpose({id: 'Analytics'})]), false],
    ['an id of 65 characters', config({}, [purpose({id: 'a'.repeat(65)})]), false],
    ['an unknown legal basis', config({}, [purpose({legalBasis: 'interest'})]), false],
    ['pre-ticked consent', config({}, [purpose({default: 'granted'})]), false],
    [
      'pre-ticked consent, said explicitly',
      config({}, [purpose({default: 'granted', legalBasis: 'consent'})]),
      false,
    ],
    [
      'a required purpose on by default',
      config({}, [purpose({required: true, default: 'granted'})]),
      true,
    ],
    ['an unknown default', config({}, [purpose({default: 'on'})]), false],
    ['a cookie pattern of just "*"', config({}, [purpose({cookies: ['*']})]), false],
    ['a "*" inside a cookie name', config({}, [purpose({cookies: ['_ga*x']})]), false],
    ['a storage key with a space', config({}, [purpose({storage: ['my key']})]), false],
    ['cookies not a list', config({}, [purpose({cookies: '_ga'})]), false],
    ['a number as a storage key', config({}, [purpose({storage: [3]})]), false],
    ['an unknown onWithdraw', config({}, [purpose({onWithdraw: 'restart'})]), false],
    ['an unknown integration', config({}, [purpose({integrations: ['snap-pixel']})]), false],
    ['required as a string', config({}, [purpose({required: 'yes'})]), false],
    ['gpc as a number', config({}, [purpose({gpc: 1})]), false],
    ['an unknown Consent Mode key', config({}, [purpose({consentMode: ['ads']})]), false],
    ['data not a list', config({}, [purpose({data: 'Pages'})]), false],
    [
      'a recipient without a name',
      config({}, [purpose({recipients: [{url: 'https://x.example'}]})]),
      false,
    ],
    ['a recipient as a number', config({}, [purpose({recipients: [7]})]), false],
    ...(['*', '*.com', 'Ads.example', 'https://ads.example', 'ads.example/', 'ads.example:443'].map(
      (host) => [
        `a recipient host ${JSON.stringify(host)}`,
        config({}, [purpose({recipients: [{name: 'R', hosts: [host]}]})]),
        false,
      ],
    ) as [string, unknown, boolean][]),
    [
      'recipient hosts, exact and wildcard',
      config({}, [purpose({recipients: [{name: 'R', hosts: ['x.example', '*.y.example']}]})]),
      true,
    ],
    ['a javascript: policy URL', config({policyUrl: 'javascript:alert(1)'}), false],
    ['a policy URL with a tab in its scheme', config({policyUrl: 'java\tscript:alert(1)'}), false],
    [
      'a data: recipient URL',
      config({}, [purpose({recipients: [{name: 'R', url: 'data:text/html,x'}]})]),
      false,
    ],
    ['an HTTP policy URL in capitals', config({policyUrl: 'HTTPS://shop.example/privacy'}), true],
    ['a protocol-relative policy URL', config({policyUrl: '//shop.example/privacy'}), true],
    ['a relative policy URL with a colon later', config({policyUrl: 'privacy?at=12:00'}), true],
    ['a language that is not a tag', config({language: 'English'}), false],
    ['a controller without a name', config({controller: {contact: 'x'}}), false],
    ['a controller as a string', config({controller: 'Shop'}), false],
    [
      'optIn on a consent purpose',
      config({}, [purpose({legalBasis: 'consent', optIn: true})]),
      true,
    ],
    ['optIn with the default legal basis', config({}, [purpose({optIn: true})]), true],
    [
      'optIn on a legitimate-interest purpose',
      config({}, [purpose({legalBasis: 'legitimate-interest', optIn: true})]),
      false,
    ],
    [
      'optIn on a contract purpose',
      config({}, [purpose({legalBasis: 'contract', optIn: true})]),
      false,
    ],
    [
      'optIn false on a legitimate-interest purpose',
      config({}, [purpose({legalBasis: 'legitimate-interest', optIn: false})]),
      true,
    ],
    ['optIn on a required purpose', config({}, [purpose({required: true, optIn: true})]), false],
    [
      'saleOrSharing on a required purpose',
      config({}, [purpose({required: true, saleOrSharing: true})]),
      false,
    ],
    ['optIn as a string', config({}, [purpose({optIn: 'true'})]), false],
    ['saleOrSharing as "yes"', config({}, [purpose({saleOrSharing: 'yes'})]), false],
    ['jurisdictions as a list', config({jurisdictions: [{model: 'opt-in'}]}), false],
    ['empty jurisdictions', config({jurisdictions: {}}), false],
    ...([
      'Europe',
      'DEU',
      'us-ca',
      'eea',
      'gb',
      'US-',
      'US-CAL1',
      '',
      'constructor',
      '__proto__',
      'toString',
    ].map((key) => [
      `a jurisdiction keyed ${JSON.stringify(key)}`,
      JSON.parse(`{"policyVersion": "1", "purposes": [${JSON.stringify(purpose())}],
        "jurisdictions": {${JSON.stringify(key)}: {"model": "opt-in"}}}`),
      false,
    ]) as [string, unknown, boolean][]),
    ['a rule as a string', config({jurisdictions: {GB: 'opt-in'}}), false],
    ['a rule without a model', config({jurisdictions: {GB: {maxAgeDays: 30}}}), false],
    ['an unknown model', config({jurisdictions: {GB: {model: 'opt_in'}}}), false],
    ['a notice model', config({jurisdictions: {'*': {model: 'notice'}}}), true],
    [
      'a notice model with its own days',
      config({jurisdictions: {JP: {model: 'notice', reaskAfterRefusalDays: 30, maxAgeDays: 730}}}),
      true,
    ],
    ['a model in capitals', config({jurisdictions: {'*': {model: 'Notice'}}}), false],
    ...([0, -1, 1.5, 3651, '30'].flatMap((days) =>
      ['reaskAfterRefusalDays', 'maxAgeDays'].map((field) => [
        `${field} of ${JSON.stringify(days)}`,
        config({jurisdictions: {GB: {model: 'opt-in', [field]: days}}}),
        false,
      ]),
    ) as [string, unknown, boolean][]),
    [
      'closeMeans on an opt-out rule',
      config({jurisdictions: {'US-CA': {model: 'opt-out', closeMeans: 'reject'}}}),
      false,
    ],
    [
      'closeMeans on a notice rule',
      config({jurisdictions: {'*': {model: 'notice', closeMeans: 'reject'}}}),
      false,
    ],
    [
      'a closeMeans of "dismiss"',
      config({jurisdictions: {GB: {model: 'opt-in', closeMeans: 'dismiss'}}}),
      false,
    ],
  ];
  for (const [name, input, valid] of rows) {
    it(`${valid ? 'accepts' : 'refuses'} ${name}, as the validator does`, () => {
      const result = parseConfig(input);
      assert.equal(
        result.ok,
        valid,
        result.ok ? 'validator accepted' : result.problems.map(describeProblem).join('; '),
      );
      assert.equal(validate(input), valid, JSON.stringify(validate.errors));
    });
  }

  it('refuses duplicate purpose ids only in the validator (JSON Schema cannot say it)', () => {
    const input = config({}, [purpose(), purpose()]);
    assert.equal(validate(input), true);
    assert.equal(parseConfig(input).ok, false);
  });

  it('flags a misspelled key: an error in the editor, a warning from the element', () => {
    const input = config(
      {policyurl: '/privacy', jurisdictions: {GB: {model: 'opt-in', closemeans: 'reject'}}},
      [purpose({legalbasis: 'contract', recipients: [{name: 'R', URL: 'https://r.example'}]})],
    );
    assert.equal(validate(input), false);
    assert.deepEqual(
      validate.errors
        ?.filter((error) => error.keyword === 'additionalProperties')
        .map((error) => `${error.instancePath} ${String(error.params.additionalProperty)}`),
      [
        ' policyurl',
        '/purposes/0 legalbasis',
        '/purposes/0/recipients/0 URL',
        '/jurisdictions/GB closemeans',
      ],
    );
    const result = parseConfig(input);
    assert.equal(result.ok, true);
    assert.deepEqual(result.warnings.map(describeProblem), [
      'policyurl is not a known key',
      'purposes[0].legalbasis is not a known key',
      'purposes[0].recipients[0].URL is not a known key',
      'jurisdictions.GB.closemeans is not a known key',
    ]);
  });
});
