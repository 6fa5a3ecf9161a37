import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {parseHeaderName} from '../listen.js';
import {allowedOrigin, startEndpoint} from './helpers.js';

describe('GET /api/consent/region', () => {
  it('answers the country the named header gives, upper-cased, and never to be cached', async () => {
    const {url} = await startEndpoint({regionHeader: 'CF-IPCountry'});
    const rows: [header: string | undefined, region: string | null][] = [
      ['DE', 'DE'],
      [' us-ca ', 'US-CA'],
      ['XX', null], // Cloudflare: unknown
      ['T1', null], // Cloudflare: Tor
      ['Germany', null],
      ['', null],
      [undefined, null],
    ];
    for (const [header, region] of rows) {
      const response = await fetch(`${url}/region`, {
        headers: {Origin: allowedOrigin, ...(header !== undefined && {'CF-IPCountry': header})},
      });
      assert.equal(response.status, 200, String(header));
      assert.equal(response.headers.get('Cache-Control'), 'private, no-store');
      assert.equal(response.headers.get('Access-Control-Allow-Origin'), allowedOrigin);
      assert.deepEqual(await response.json(), {region}, String(header));
    }
  });

  it('answers that it cannot tell when no header is named, whatever the request says', async () => {
    const {url} = await startEndpoint();
    const response = await fetch(`${url}/region`, {headers: {'CF-IPCountry': 'DE'}});
    assert.deepEqual(await response.json(), {region: null});
  });
});

describe('REGION_HEADER', () => {
  it('takes a header name, and refuses anything else with the variable named', () => {
    assert.equal(parseHeaderName('REGION_HEADER', 'CF-IPCountry'), 'CF-IPCountry');
    assert.equal(parseHeaderName('REGION_HEADER', ''), undefined);
    assert.equal(parseHeaderName('REGION_HEADER', undefined), undefined);
    assert.throws(() => parseHeaderName('REGION_HEADER', 'CF IPCountry'), {
      message:
        'REGION_HEADER must be an HTTP header name such as "CF-IPCountry", not "CF IPCountry".',
    });
  });
});
