import {expect} from '@open-wc/testing';
import {
  browserStore,
  DECISION_KEY,
  memoryStore,
  readJson,
  STORAGE_PREFIX,
  writeJson,
  type KeyValueStore,
} from '../../src/browser/storage.js';

/** A store whose every call throws, like `localStorage` when the site's storage is blocked. */
function blockedStore(): KeyValueStore {
  const fail = (): never => {
    throw new DOMException('The operation is insecure.', 'SecurityError');
  };
  return {getItem: fail, setItem: fail, removeItem: fail};
}

/** A store that reads but is full, like `localStorage` past its quota. */
function fullStore(memory: KeyValueStore = memoryStore()): KeyValueStore {
  return {
    ...memory,
    setItem: () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    },
  };
}

const KEY = `${STORAGE_PREFIX}test`;

describe('storage keys', () => {
  it('keeps the decision where consent-defaults.js and older versions read it', () => {
    expect(STORAGE_PREFIX).to.equal('privacy-preferences:');
    expect(DECISION_KEY).to.equal('privacy-preferences:decision');
  });
});

describe('memoryStore', () => {
  it('answers null for a key never set', () => {
    expect(memoryStore().getItem(DECISION_KEY)).to.equal(null);
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

describe('browserStore', () => {
  afterEach(() => {
    localStorage.removeItem(KEY);
  });

  it('is localStorage when it works, and leaves no probe behind', () => {
    const before = localStorage.length;
    const store = browserStore();
    expect(store).to.equal(window.localStorage);
    expect(localStorage.length).to.equal(before);
    expect(localStorage.getItem(`${STORAGE_PREFIX}probe`)).to.equal(null);
  });

  const broken: {name: string; localStorage: PropertyDescriptor}[] = [
    {
      name: 'reading localStorage throws (storage blocked)',
      localStorage: {
        configurable: true,
        get: () => {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      },
    },
    {name: 'localStorage is missing', localStorage: {configurable: true, value: undefined}},
    {name: 'localStorage is full', localStorage: {configurable: true, value: fullStore()}},
  ];
  for (const row of broken) {
    it(`is a memory store for this page when ${row.name}`, () => {
      const descriptor = Object.getOwnPropertyDescriptor(window, 'localStorage')!;
      Object.defineProperty(window, 'localStorage', row.localStorage);
      let store: KeyValueStore;
      try {
        store = browserStore();
      } finally {
        Object.defineProperty(window, 'localStorage', descriptor);
      }
      expect(store).to.not.equal(window.localStorage);
      store.setItem(KEY, 'kept in memory');
      expect(store.getItem(KEY)).to.equal('kept in memory');
      expect(window.localStorage.getItem(KEY), 'not in the real localStorage').to.equal(null);
    });
  }
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
    it(`round-trips ${name}, as JSON text`, () => {
      const store = memoryStore();
      expect(writeJson(store, KEY, value)).to.be.true;
      expect(store.getItem(KEY)).to.equal(JSON.stringify(value));
      expect(readJson(store, KEY)).to.deep.equal(value);
    });
  }

  it('round-trips through the real localStorage', () => {
    try {
      expect(writeJson(localStorage, KEY, {analytics: 'granted'})).to.be.true;
      expect(readJson(localStorage, KEY)).to.deep.equal({analytics: 'granted'});
    } finally {
      localStorage.removeItem(KEY);
    }
  });

  it('writing undefined removes the key', () => {
    const store = memoryStore();
    writeJson(store, KEY, {analytics: 'granted'});
    expect(writeJson(store, KEY, undefined)).to.be.true;
    expect(store.getItem(KEY)).to.equal(null);
    expect(readJson(store, KEY)).to.equal(undefined);
  });

  it('reads undefined for a missing key', () => {
    expect(readJson(memoryStore(), `${STORAGE_PREFIX}missing`)).to.equal(undefined);
  });

  const unreadable = ['granted', '{"subject": ', '', 'undefined', 'NaN', "{'a': 1}"];
  for (const text of unreadable) {
    it(`reads undefined for text that is not JSON: ${JSON.stringify(text)}`, () => {
      const store = memoryStore();
      store.setItem(KEY, text);
      expect(readJson(store, KEY)).to.equal(undefined);
    });
  }

  it('reads undefined from a blocked store, and says a write to it was not kept', () => {
    expect(readJson(blockedStore(), KEY)).to.equal(undefined);
    expect(writeJson(blockedStore(), KEY, {a: 1})).to.be.false;
    expect(writeJson(blockedStore(), KEY, undefined)).to.be.false;
  });

  it('says a write to a full store was not kept, and leaves the earlier value', () => {
    const memory = memoryStore();
    writeJson(memory, KEY, 'earlier');
    expect(writeJson(fullStore(memory), KEY, 'later')).to.be.false;
    expect(readJson(memory, KEY)).to.equal('earlier');
  });

  it('says a value JSON cannot hold was not kept, without throwing', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const store = memoryStore();
    expect(writeJson(store, KEY, cyclic)).to.be.false;
    expect(writeJson(store, KEY, 10n)).to.be.false;
    expect(store.getItem(KEY)).to.equal(null);
  });
});
