import {expect} from '@open-wc/testing';
import {randomUuid} from '../../src/browser/random-id.js';
import {ANONYMOUS_SUBJECT_PATTERN} from '../../src/core/patterns.js';

describe('randomUuid', () => {
  it('is a version 4 UUID, a new one each time', () => {
    const ids = new Set(Array.from({length: 200}, randomUuid));
    expect(ids.size).to.equal(200);
    for (const id of ids) expect(ANONYMOUS_SUBJECT_PATTERN.test(id), id).to.equal(true);
  });

  describe('on a page over plain http (no crypto.randomUUID outside secure contexts)', () => {
    const own = Object.getOwnPropertyDescriptor(Crypto.prototype, 'randomUUID')!;
    beforeEach(() => {
      Reflect.deleteProperty(Crypto.prototype, 'randomUUID');
    });
    afterEach(() => {
      Object.defineProperty(Crypto.prototype, 'randomUUID', own);
    });

    it('still makes version 4 UUIDs, from getRandomValues, a new one each time', () => {
      expect(typeof crypto.randomUUID).to.equal('undefined');
      const ids = new Set(Array.from({length: 200}, randomUuid));
      expect(ids.size).to.equal(200);
      for (const id of ids) expect(ANONYMOUS_SUBJECT_PATTERN.test(id), id).to.equal(true);
    });
  });
});
