import {expect} from '@open-wc/testing';
import {loadConfig, type ConfigSources} from '../../src/browser/config-source.js';
import type {ConfigResult} from '../../src/core/config.js';
import {describeProblem} from '../../src/core/problem.js';
import {
  brokenBodyResponse,
  fakeFetch,
  jsonResponse,
  rejectionOf,
  textResponse,
} from '../support/fake-fetch.js';

/** Three valid configurations that differ only in policyVersion, so a test can tell which one won. */
function configFrom(source: string) {
  return {
    policyVersion: `from-${source}`,
    purposes: [
      {
        id: 'analytics',
        title: 'Usage analytics',
        description: 'Which pages you visit and how long pages take to load.',
        benefit: 'We find and fix slow or confusing pages sooner.',
      },
    ],
  };
}

const propertyConfig = configFrom('property');
const inlineJson = JSON.stringify(configFrom('inline'));
const urlConfig = configFrom('url');

function outcome(result: ConfigResult): string {
  return result.ok ? result.config.policyVersion : result.problems.map(describeProblem).join('; ');
}

function absolute(url: string): string {
  return new URL(url, document.baseURI).href;
}

describe('loadConfig precedence', () => {
  const rows: {
    name: string;
    sources: Omit<ConfigSources, 'fetch'>;
    expected: string;
    expectedFetches: number;
  }[] = [
    {
      name: 'the config property over inline JSON and config-url',
      sources: {config: propertyConfig, inlineJson, configUrl: '/privacy/purposes.json'},
      expected: 'from-property',
      expectedFetches: 0,
    },
    {
      name: 'the config property over config-url',
      sources: {config: propertyConfig, configUrl: '/privacy/purposes.json'},
      expected: 'from-property',
      expectedFetches: 0,
    },
    {
      name: 'inline JSON over config-url',
      sources: {inlineJson, configUrl: '/privacy/purposes.json'},
      expected: 'from-inline',
      expectedFetches: 0,
    },
    {
      name: 'inline JSON when the config property is null',
      sources: {config: null, inlineJson, configUrl: '/privacy/purposes.json'},
      expected: 'from-inline',
      expectedFetches: 0,
    },
    {
      name: 'config-url when it is the only source',
      sources: {configUrl: '/privacy/purposes.json'},
      expected: 'from-url',
      expectedFetches: 1,
    },
    {
      name: 'config-url when the config property is null',
      sources: {config: null, configUrl: '/privacy/purposes.json'},
      expected: 'from-url',
      expectedFetches: 1,
    },
    // A source that is present but invalid is reported; it does not silently give way to the next.
    {
      name: 'an invalid config property, not inline JSON',
      sources: {config: {purposes: []}, inlineJson},
      expected: 'policyVersion is missing; purposes must list at least one purpose',
      expectedFetches: 0,
    },
    {
      name: 'invalid inline JSON, not config-url',
      sources: {inlineJson: '{"policyVersion": ', configUrl: '/privacy/purposes.json'},
      expected: 'configuration is not valid JSON',
      expectedFetches: 0,
    },
    {
      name: 'an empty inline script, not config-url',
      sources: {inlineJson: '', configUrl: '/privacy/purposes.json'},
      expected: 'configuration is not valid JSON',
      expectedFetches: 0,
    },
  ];
  for (const {name, sources, expected, expectedFetches} of rows) {
    it(`uses ${name}`, async () => {
      const fake = fakeFetch(jsonResponse(200, urlConfig));
      const result = await loadConfig({...sources, fetch: fake.fetch});
      expect(outcome(result)).to.contain(expected);
      expect(fake.calls, 'requests to config-url').to.have.length(expectedFetches);
    });
  }
});

describe('loadConfig from config-url', () => {
  it('fetches the URL resolved against the page, asking for JSON with same-origin credentials', async () => {
    const fake = fakeFetch(jsonResponse(200, urlConfig));
    await loadConfig({configUrl: 'privacy/purposes.json', fetch: fake.fetch});
    expect(fake.calls).to.have.length(1);
    const [call] = fake.calls;
    expect(call.url).to.equal(absolute('privacy/purposes.json'));
    expect(call.headers.get('Accept')).to.equal('application/json');
    expect(call.init.credentials).to.equal('same-origin');
  });

  it('passes the abort signal on', async () => {
    const fake = fakeFetch(jsonResponse(200, urlConfig));
    const controller = new AbortController();
    await loadConfig({
      configUrl: '/privacy/purposes.json',
      fetch: fake.fetch,
      signal: controller.signal,
    });
    expect(fake.calls[0].init.signal).to.equal(controller.signal);
  });

  const url = '/privacy/purposes.json';
  const rows: {name: string; answer: () => Response | Error; expected: string}[] = [
    {name: 'a valid file', answer: () => jsonResponse(200, urlConfig), expected: 'from-url'},
    {
      name: '404',
      answer: () => textResponse(404, 'Not Found'),
      expected: `configuration could not be loaded from ${absolute(url)}: HTTP 404`,
    },
    {
      name: '500',
      answer: () => textResponse(500, ''),
      expected: `configuration could not be loaded from ${absolute(url)}: HTTP 500`,
    },
    {
      name: 'a network error',
      answer: () => new TypeError('Failed to fetch'),
      expected: `configuration could not be loaded from ${absolute(url)}: network error`,
    },
    {
      name: 'a file that is not JSON',
      answer: () =>
        textResponse(200, '<!doctype html><title>Shop</title>', {'Content-Type': 'text/html'}),
      expected: 'configuration is not valid JSON: ',
    },
    {
      name: 'a JSON file that is not a configuration',
      answer: () => jsonResponse(200, {policyVersion: '2026-11-01'}),
      expected: 'purposes is missing',
    },
    // The element must never throw on a configuration it cannot load (docs/configuration.md#validation): a body
    // that breaks off is a load failure like any network error.
    {
      name: 'a body that breaks off',
      answer: () => brokenBodyResponse(),
      expected: `configuration could not be loaded from ${absolute(url)}: network error`,
    },
  ];
  for (const {name, answer, expected} of rows) {
    it(`reports ${name}`, async () => {
      const fake = fakeFetch(answer);
      const result = await loadConfig({configUrl: url, fetch: fake.fetch});
      if (expected.startsWith('from-')) expect(result.ok, 'result.ok').to.equal(true);
      else expect(result.ok, 'result.ok').to.equal(false);
      expect(outcome(result)).to.contain(expected);
    });
  }

  it('lets an abort through as an AbortError', async () => {
    const fake = fakeFetch(() => {
      throw new DOMException('The operation was aborted.', 'AbortError');
    });
    const error = await rejectionOf(
      loadConfig({configUrl: url, fetch: fake.fetch, signal: AbortSignal.abort()}),
    );
    expect((error as DOMException).name).to.equal('AbortError');
  });
});

describe('loadConfig without a source', () => {
  const message =
    'no configuration: set the config property, add a <script type="application/json"> child, or set config-url';
  const rows: {name: string; sources: ConfigSources}[] = [
    {name: 'nothing given', sources: {}},
    {name: 'an empty config-url', sources: {configUrl: ''}},
    {name: 'a null config property only', sources: {config: null}},
  ];
  for (const {name, sources} of rows) {
    it(`says how to give one for ${name}`, async () => {
      const fake = fakeFetch(jsonResponse(200, urlConfig));
      const result = await loadConfig({...sources, fetch: fake.fetch});
      expect(result.ok).to.equal(false);
      expect(outcome(result)).to.equal(message);
      expect(fake.calls).to.have.length(0);
    });
  }
});
