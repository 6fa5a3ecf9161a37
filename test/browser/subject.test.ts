import {expect} from '@open-wc/testing';
import {memoryStore, type KeyValueStore} from '../../src/browser/storage.js';
import {SUBJECT_KEY, resolveSubject} from '../../src/browser/subject.js';

/** Counts the ids it hands out, so a test can tell whether a new one was made. */
function idSource(ids: string[] = ['anon-new-1', 'anon-new-2']) {
  const source = {
    calls: 0,
    next: () => {
      const id = ids[source.calls] ?? `anon-new-${source.calls + 1}`;
      source.calls++;
      return id;
    },
  };
  return source;
}

function storeWith(subject: string | undefined): KeyValueStore {
  const store = memoryStore();
  if (subject !== undefined) store.setItem(SUBJECT_KEY, subject);
  return store;
}

describe('resolveSubject', () => {
  const rows: {
    name: string;
    given: string | undefined;
    stored: string | undefined;
    expected: string;
    expectedStored: string | undefined;
    expectedNewIds: number;
  }[] = [
    {
      name: 'uses the signed-in id given by the site',
      given: 'customer-42',
      stored: undefined,
      expected: 'customer-42',
      expectedStored: undefined,
      expectedNewIds: 0,
    },
    {
      name: 'prefers the given id over the anonymous one',
      given: 'customer-42',
      stored: 'anon-old',
      expected: 'customer-42',
      expectedStored: 'anon-old',
      expectedNewIds: 0,
    },
    {
      name: 'trims the given id',
      given: '  customer-42\n',
      stored: undefined,
      expected: 'customer-42',
      expectedStored: undefined,
      expectedNewIds: 0,
    },
    {
      name: 'keeps the anonymous id of this browser',
      given: undefined,
      stored: 'anon-old',
      expected: 'anon-old',
      expectedStored: 'anon-old',
      expectedNewIds: 0,
    },
    {
      name: 'treats an empty given id as absent',
      given: '',
      stored: 'anon-old',
      expected: 'anon-old',
      expectedStored: 'anon-old',
      expectedNewIds: 0,
    },
    {
      name: 'treats a blank given id as absent',
      given: '   ',
      stored: 'anon-old',
      expected: 'anon-old',
      expectedStored: 'anon-old',
      expectedNewIds: 0,
    },
    {
      name: 'makes and keeps a new anonymous id on the first visit',
      given: undefined,
      stored: undefined,
      expected: 'anon-new-1',
      expectedStored: 'anon-new-1',
      expectedNewIds: 1,
    },
    {
      name: 'makes a new id when the stored one is empty',
      given: undefined,
      stored: '',
      expected: 'anon-new-1',
      expectedStored: 'anon-new-1',
      expectedNewIds: 1,
    },
  ];
  for (const {name, given, stored, expected, expectedStored, expectedNewIds} of rows) {
    it(name, () => {
      const store = storeWith(stored);
      const ids = idSource();
      // Only an id made just now is new: the endpoint cannot have a record of it.
      expect(resolveSubject(given, store, ids.next)).to.deep.equal({
        id: expected,
        isNew: expectedNewIds === 1,
      });
      expect(store.getItem(SUBJECT_KEY) ?? undefined, 'stored anonymous id').to.equal(
        expectedStored,
      );
      expect(ids.calls, 'new ids made').to.equal(expectedNewIds);
    });
  }

  it('gives the same anonymous id on the next page load', () => {
    const store = memoryStore();
    const ids = idSource();
    const first = resolveSubject(undefined, store, ids.next);
    const second = resolveSubject(undefined, store, ids.next);
    expect(first.isNew).to.equal(true);
    expect(second).to.deep.equal({id: first.id, isNew: false});
    expect(ids.calls).to.equal(1);
  });

  it('keeps the anonymous id under privacy-preferences:subject', () => {
    const store = memoryStore();
    resolveSubject(undefined, store, () => 'anon-new-1');
    expect(store.getItem('privacy-preferences:subject')).to.equal('anon-new-1');
  });

  it('makes a random UUID when no id source is given', () => {
    const store = memoryStore();
    const subject = resolveSubject(undefined, store).id;
    expect(subject).to.match(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(resolveSubject(undefined, memoryStore())).to.not.equal(subject);
  });

  it('uses an id for this page only when storage cannot be read', () => {
    const blocked: KeyValueStore = {
      getItem: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
      removeItem: () => undefined,
    };
    expect(resolveSubject(undefined, blocked, () => 'anon-page')).to.deep.equal({
      id: 'anon-page',
      isNew: true,
    });
  });

  it('uses the new id even when storage is full', () => {
    const full: KeyValueStore = {
      ...memoryStore(),
      setItem: () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      },
    };
    expect(resolveSubject(undefined, full, () => 'anon-page')).to.deep.equal({
      id: 'anon-page',
      isNew: true,
    });
  });
});
