/** The time of the last save as the customer reads it ("Last saved …"), in every RFC 3339 form. */
import {expect} from '@open-wc/testing';
import {formatDateTime} from '../../src/ui/status-line.js';

const T0 = Date.UTC(2026, 10, 23, 6, 0, 0);

/** How the interface's language writes an instant (in this browser's time zone). */
const written = (ms: number, locale: string) =>
  new Intl.DateTimeFormat(locale, {dateStyle: 'medium', timeStyle: 'short'}).format(ms);

describe('formatDateTime', () => {
  const rows: {name: string; iso: string; locale: string; expected: string}[] = [
    {
      name: 'UTC with milliseconds',
      iso: '2026-11-23T06:00:00.000Z',
      locale: 'en',
      expected: written(T0, 'en'),
    },
    // RFC 3339 allows a lowercase "t" and "z"; Firefox's Date refuses them.
    {
      name: 'a lowercase t and z',
      iso: '2026-11-23t06:00:00z',
      locale: 'en',
      expected: written(T0, 'en'),
    },
    {
      name: 'an offset',
      iso: '2026-11-23T07:00:00+01:00',
      locale: 'en',
      expected: written(T0, 'en'),
    },
    {name: 'in German', iso: '2026-11-23t06:00:00.000z', locale: 'de', expected: written(T0, 'de')},
    {name: 'not a time: shown as given', iso: 'soon', locale: 'en', expected: 'soon'},
  ];
  for (const {name, iso, locale, expected} of rows) {
    it(name, () => {
      expect(formatDateTime(iso, locale)).to.equal(expected);
    });
  }
});
