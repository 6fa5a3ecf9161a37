import {expect} from '@open-wc/testing';
import type {OutboxEntry} from '../../src/core/outbox.js';
import {saveStatus, type SaveStatus, type SaveStatusInput} from '../../src/core/save-status.js';
import type {Settlement, Standing} from '../../src/core/shared-state.js';
import {consentRecord} from '../fixtures/record.js';

const rec = consentRecord('mine-0001');

function pending(failure?: OutboxEntry['failure']): Standing {
  return {
    kind: 'pending',
    entry: {record: rec, attempts: 1, notBefore: 0, ...(failure && {failure})},
  };
}

const saving = pending();
const retrying = pending({kind: 'retrying', status: 503, message: 'Unavailable', attempt: 1});
const held = pending({kind: 'held', status: 401, message: 'Sign in again.', attempt: 1});
const savedSettlement: Settlement = {
  outcome: 'saved',
  recordIds: ['mine-0001'],
  record: rec,
  receiptId: undefined,
  recordedAt: undefined,
};
const settled: Standing = {kind: 'settled', settlement: savedSettlement};
const unknown: Standing = {kind: 'unknown'};

/** Every input at its quietest; rows set what they are about. */
function input(overrides: Partial<SaveStatusInput>): SaveStatusInput {
  return {hasEndpoint: true, awaiting: [], hasRefusal: false, hasSavedHere: false, ...overrides};
}

describe('saveStatus', () => {
  const rows: {name: string; input: SaveStatusInput; expected: SaveStatus}[] = [
    {name: 'nothing decided on this page', input: input({}), expected: 'idle'},
    {
      name: 'no endpoint: local-only, whatever else is known',
      input: input({
        hasEndpoint: false,
        awaiting: [held, retrying],
        hasRefusal: true,
        hasSavedHere: true,
      }),
      expected: 'local-only',
    },
    {
      name: 'no endpoint, nothing decided',
      input: input({hasEndpoint: false}),
      expected: 'local-only',
    },
    {
      name: 'a refusal wins over held, retrying and saving records',
      input: input({awaiting: [saving, retrying, held], hasRefusal: true, hasSavedHere: true}),
      expected: 'refused',
    },
    {
      name: 'a refusal with nothing awaiting',
      input: input({hasRefusal: true}),
      expected: 'refused',
    },
    {
      name: 'a held record wins over retrying and saving ones, in any position',
      input: input({awaiting: [saving, retrying, held], hasSavedHere: true}),
      expected: 'held',
    },
    {name: 'one held record', input: input({awaiting: [held]}), expected: 'held'},
    {
      name: 'a retrying record wins over saving ones',
      input: input({awaiting: [saving, retrying, saving]}),
      expected: 'retrying',
    },
    {name: 'one retrying record', input: input({awaiting: [retrying]}), expected: 'retrying'},
    {name: 'a record on its way', input: input({awaiting: [saving]}), expected: 'saving'},
    {
      name: 'a record on its way after an earlier one was saved here',
      input: input({awaiting: [saving], hasSavedHere: true}),
      expected: 'saving',
    },
    {
      name: 'a record written a moment ago, not visible yet (unknown)',
      input: input({awaiting: [unknown]}),
      expected: 'saving',
    },
    {
      name: 'a record settled but not yet followed up',
      input: input({awaiting: [settled]}),
      expected: 'saving',
    },
    {name: 'saved here, nothing awaiting', input: input({hasSavedHere: true}), expected: 'saved'},
  ];
  for (const row of rows) {
    it(`${row.name}: ${row.expected}`, () => {
      expect(saveStatus(row.input)).to.equal(row.expected);
    });
  }
});
