import {expect} from '@open-wc/testing';
import {
  DECISION_KEY,
  memoryStore,
  readDecision,
  readJson,
  writeDecision,
  writeJson,
  type KeyValueStore,
  type StoredDecision,
} from '../../src/browser/storage.js';

const decision: StoredDecision = {
  subject: '3f1c2b9e-5a4d-4c1e-9f0a-7b6c5d4e3f21',
  policyVersion: '2026-11-01',
  choices: {essential: 'granted', analytics: 'granted', ads: 'denied'},
  decidedAt: '2026-11-23T06:00:00.000Z',
};

const savedDecision: StoredDecision = {
  ...decision,
  savedAt: '2026-11-23T06:00:01.250Z',
  receiptId: 'rcpt_01J9ZQ',
};

/** A store whose every call throws, like `localStorage` when the site's storage is blocked. */
function blockedStore(): KeyValueStore {
  const fail = (): never => {
    throw new DOMException('The operation is insecure.', 'SecurityError');
  };
  return {getItem: fail, setItem: fail, removeItem: fail};
}

/** A store that reads but is full, like `localStorage` past its quota. */
function fullStore(): KeyValueStore {
  const store = memoryStore();
  return {
    ...store,
    setItem: () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    },
  };
}

describe('memoryStore', () => {
  it('answers null for a key never set', () => {
    expect(memoryStore().getItem('privacy-preferences:decision')).to.equal(null);
  });

  it('returns what was set, and null after removal', () => {
    const store = memoryStore();
    store.setItem('key', 'value');
    expect(store.getItem('key')).to.equal('value');
    store.setItem('key', 'newer');
    expect(store.getItem('key')).to.equal('newer');
    store.removeItem('key');
    expect(store.getItem('key')).to.equal(null);
  });

  it('keeps values as strings, like localStorage', () => {
    const store = memoryStore();
    // localStorage.setItem converts its value with String(); the stand-in must too.
    store.setItem('count', 3 as unknown as string);
    expect(store.getItem('count')).to.equal('3');
  });

  it('gives every store its own values', () => {
    const first = memoryStore();
    const second = memoryStore();
    first.setItem('key', 'value');
    expect(second.getItem('key')).to.equal(null);
  });
});

describe('readDecision', () => {
  const rows: {name: string; stored: string | null; expected: StoredDecision | undefined}[] = [
    {name: 'nothing for an empty store', stored: null, expected: undefined},
    {name: 'nothing for text that is not JSON', stored: '{"subject": ', expected: undefined},
    {name: 'nothing for JSON null', stored: 'null', expected: undefined},
    {name: 'nothing for a JSON array', stored: JSON.stringify([decision]), expected: undefined},
    {name: 'nothing for a JSON string', stored: '"granted"', expected: undefined},
    {
      name: 'nothing without choices',
      stored: JSON.stringify({...decision, choices: undefined}),
      expected: undefined,
    },
    {
      name: 'nothing when choices are an array',
      stored: JSON.stringify({...decision, choices: ['analytics']}),
      expected: undefined,
    },
    {
      name: 'nothing without a subject',
      stored: JSON.stringify({...decision, subject: undefined}),
      expected: undefined,
    },
    {
      name: 'nothing with a numeric subject',
      stored: JSON.stringify({...decision, subject: 42}),
      expected: undefined,
    },
    {
      name: 'nothing without a policyVersion',
      stored: JSON.stringify({...decision, policyVersion: undefined}),
      expected: undefined,
    },
    {
      name: 'nothing without decidedAt',
      stored: JSON.stringify({...decision, decidedAt: undefined}),
      expected: undefined,
    },
    {name: 'a decision not yet saved', stored: JSON.stringify(decision), expected: decision},
    {
      name: 'a decision the endpoint acknowledged',
      stored: JSON.stringify(savedDecision),
      expected: savedDecision,
    },
  ];
  for (const {name, stored, expected} of rows) {
    it(`reads ${name}`, () => {
      const store = memoryStore();
      if (stored !== null) store.setItem(DECISION_KEY, stored);
      expect(readDecision(store)).to.deep.equal(expected);
    });
  }

  it('reads nothing, without throwing, from a blocked store', () => {
    expect(readDecision(blockedStore())).to.equal(undefined);
  });
});

describe('writeDecision', () => {
  const rows: {name: string; input: StoredDecision}[] = [
    {name: 'a decision not yet saved', input: decision},
    {name: 'a decision the endpoint acknowledged', input: savedDecision},
  ];
  for (const {name, input} of rows) {
    it(`stores ${name} so that readDecision gives it back`, () => {
      const store = memoryStore();
      writeDecision(store, input);
      expect(readDecision(store)).to.deep.equal(input);
    });
  }

  it('stores JSON under privacy-preferences:decision', () => {
    const store = memoryStore();
    writeDecision(store, decision);
    expect(DECISION_KEY).to.equal('privacy-preferences:decision');
    expect(JSON.parse(store.getItem('privacy-preferences:decision') ?? 'null')).to.deep.equal(
      decision,
    );
  });

  it('replaces the earlier decision', () => {
    const store = memoryStore();
    writeDecision(store, decision);
    writeDecision(store, savedDecision);
    expect(readDecision(store)).to.deep.equal(savedDecision);
  });

  it('does not throw when the store is full', () => {
    expect(() => writeDecision(fullStore(), decision)).to.not.throw();
  });

  it('does not throw when the store is blocked', () => {
    expect(() => writeDecision(blockedStore(), decision)).to.not.throw();
  });
});

describe('readJson and writeJson', () => {
  const rows: {name: string; value: unknown}[] = [
    {name: 'an object', value: {analytics: 'granted', nested: {list: [1, 2, 3]}}},
    {name: 'an array', value: ['analytics', 'ads']},
    {name: 'a string', value: 'granted'},
    {name: 'a number', value: 0},
    {name: 'false', value: false},
    {name: 'null', value: null},
  ];
  for (const {name, value} of rows) {
    it(`round-trips ${name}`, () => {
      const store = memoryStore();
      writeJson(store, 'privacy-preferences:test', value);
      expect(readJson(store, 'privacy-preferences:test')).to.deep.equal(value);
    });
  }

  it('reads undefined for a missing key', () => {
    expect(readJson(memoryStore(), 'privacy-preferences:missing')).to.equal(undefined);
  });

  it('reads undefined for text that is not JSON', () => {
    const store = memoryStore();
    store.setItem('privacy-preferences:test', 'granted');
    expect(readJson(store, 'privacy-preferences:test')).to.equal(undefined);
  });

  it('reads undefined from a blocked store and writes to it without throwing', () => {
    expect(readJson(blockedStore(), 'privacy-preferences:test')).to.equal(undefined);
    expect(() => writeJson(blockedStore(), 'privacy-preferences:test', {a: 1})).to.not.throw();
  });

  it('leaves the earlier value when the store is full', () => {
    const memory = memoryStore();
    writeJson(memory, 'privacy-preferences:test', 'earlier');
    const full: KeyValueStore = {
      ...memory,
      setItem: () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      },
    };
    writeJson(full, 'privacy-preferences:test', 'later');
    expect(readJson(memory, 'privacy-preferences:test')).to.equal('earlier');
  });
});
