import assert from 'node:assert/strict';
import {generateKeyPairSync} from 'node:crypto';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, it} from 'node:test';
import {load} from 'js-yaml';
import {isRecord} from '../../src/core/json.js';
import {
  LOCALE_PATTERN,
  MAX_CHOICES,
  MAX_LOCALE_LENGTH,
  MAX_POLICY_VERSION_LENGTH,
  MAX_SUBJECT_LENGTH,
  printableProblem,
  PURPOSE_ID_PATTERN,
  RECORD_ID_PATTERN,
  RECORDED_METHODS,
  SIGNATURE_PATTERN,
  validateConsentRecord,
  EVIDENCE_FIELDS,
  SURFACES,
} from '../../src/core/protocol.js';
import {MODELS, REGION_PATTERN} from '../../src/core/jurisdiction.js';
import {repoRoot} from './helpers.js';

// The OpenAPI file is written by hand for readers; these tests keep it saying what the one
// protocol module (src/core/protocol.ts) enforces, so neither can drift from the other.

const openapi = load(readFileSync(join(repoRoot, 'docs/consent-endpoint.openapi.yaml'), 'utf8'));

/** The object at `path` in the OpenAPI document; fails the test, naming the path, if absent. */
function at(...path: string[]): Record<string, unknown> {
  let node: unknown = openapi;
  for (const [index, key] of path.entries()) {
    assert.ok(isRecord(node), `${path.slice(0, index).join('.')} is not an object`);
    node = node[key];
  }
  assert.ok(isRecord(node), `${path.join('.')} is not an object`);
  return node;
}

const schemas = ['components', 'schemas'];
const recordProperty = (name: string) => at(...schemas, 'ConsentRecord', 'properties', name);

/**
 * The record's fields, in protocol order, as the validator knows them: validating `{}` reports
 * every field as missing, so nothing has to be exported just for this test.
 */
function recordFields(): string[] {
  const validation = validateConsentRecord({});
  assert.equal(validation.ok, false);
  const problems = validation.ok ? [] : validation.problems;
  assert.deepEqual(
    problems.filter(({path, message}) => message !== `${path} is missing`),
    [],
    'validating {} should report nothing but missing fields',
  );
  return problems.map(({path}) => path);
}

describe('docs/consent-endpoint.openapi.yaml follows src/core/protocol.ts', () => {
  it('derives nine record fields from the validator (the list the next tests rely on)', () => {
    assert.deepEqual(recordFields(), [
      'recordId',
      'subject',
      'policyVersion',
      'choices',
      'changed',
      'method',
      'locale',
      'gpc',
      'collectedAt',
    ]);
  });

  it('RecordId has the record id pattern', () => {
    assert.equal(at(...schemas, 'RecordId').pattern, RECORD_ID_PATTERN.source);
  });

  it('PurposeId has the purpose id pattern', () => {
    assert.equal(at(...schemas, 'PurposeId').pattern, PURPOSE_ID_PATTERN.source);
  });

  it('locale has the locale pattern and maximum length', () => {
    assert.equal(recordProperty('locale').pattern, LOCALE_PATTERN.source);
    assert.equal(recordProperty('locale').maxLength, MAX_LOCALE_LENGTH);
  });

  it('PrintableText has the printable text rule, for the subject and policyVersion', () => {
    // Read with the `u` flag, as Ajv reads a JSON Schema pattern.
    const pattern = new RegExp(String(at(...schemas, 'PrintableText').pattern), 'u');
    const samples = [
      '2026-11-01',
      '顧客-42',
      'emoji \ud83d\ude00',
      ' a ',
      '\u0000',
      'a\u0085',
      'a\ud800',
      '\udc00a',
      'a\uffff',
      'a\ufdd0',
      'a\u{10fffe}',
      'a\u2028',
      'a\u2029',
      'a\u202e',
      'a\u2066',
      'a\u200f',
      'a\u061c',
      'a\u200b',
      '\ufeffa',
      ' ',
      '\u3000\u00a0',
    ];
    assert.deepEqual(
      samples.map((sample) => [sample, pattern.test(sample)]),
      samples.map((sample) => [sample, printableProblem('field', sample) === undefined]),
    );
    const printable = [{$ref: '#/components/schemas/PrintableText'}];
    assert.deepEqual(at(...schemas, 'Subject').allOf, printable);
    assert.deepEqual(recordProperty('policyVersion').allOf, printable);
  });

  it('Subject refuses "." and "..", as subjectProblem does', () => {
    assert.deepEqual(at(...schemas, 'Subject').not, {enum: ['.', '..']});
  });

  it('Subject has the maximum subject length', () => {
    assert.equal(at(...schemas, 'Subject').maxLength, MAX_SUBJECT_LENGTH);
  });

  it('policyVersion has the maximum policy version length', () => {
    assert.equal(recordProperty('policyVersion').maxLength, MAX_POLICY_VERSION_LENGTH);
  });

  it('choices allows at most MAX_CHOICES entries, keyed by PurposeId', () => {
    assert.equal(recordProperty('choices').maxProperties, MAX_CHOICES);
    assert.deepEqual(recordProperty('choices').propertyNames, {
      $ref: '#/components/schemas/PurposeId',
    });
  });

  it('method lists exactly the recorded methods', () => {
    assert.deepEqual(recordProperty('method').enum, [...RECORDED_METHODS]);
  });

  it('ConsentRecord requires and describes exactly the record fields, and no others', () => {
    const record = at(...schemas, 'ConsentRecord');
    assert.deepEqual(record.required, recordFields());
    assert.deepEqual(Object.keys(at(...schemas, 'ConsentRecord', 'properties')), [
      ...recordFields(),
      'evidence',
    ]);
    assert.equal(record.additionalProperties, false);
  });

  it('evidence (v1.1, optional) describes the fields the validator knows, with its enums', () => {
    const evidence = (...path: string[]) =>
      at(...schemas, 'ConsentRecord', 'properties', 'evidence', ...path);
    assert.deepEqual(Object.keys(evidence('properties')), EVIDENCE_FIELDS);
    assert.deepEqual(evidence('properties', 'surface').enum, [...SURFACES]);
    assert.deepEqual(evidence('properties', 'rule').enum, [...MODELS]);
    assert.equal(evidence('properties', 'region').pattern, REGION_PATTERN.source);
  });

  it("ConsentRecord's examples are records the validator accepts", () => {
    const {examples} = at(...schemas, 'ConsentRecord');
    assert.ok(Array.isArray(examples) && examples.length > 0, 'ConsentRecord has no examples');
    for (const example of examples) {
      const validation = validateConsentRecord(example);
      assert.deepEqual(validation.ok ? [] : validation.problems, []);
    }
  });

  it('an Answer may carry a signature of the signature pattern, and need not', () => {
    assert.equal(at(...schemas, 'Signature').pattern, SIGNATURE_PATTERN.source);
    assert.deepEqual(at(...schemas, 'Answer', 'properties', 'signature'), {
      $ref: '#/components/schemas/Signature',
    });
    assert.deepEqual(at(...schemas, 'Answer').required, ['receiptId', 'recordedAt', 'record']);
  });

  it("ReceiptKey's x pattern takes the public keys Ed25519 makes", () => {
    const pattern = new RegExp(String(at(...schemas, 'ReceiptKey', 'properties', 'x').pattern));
    for (let i = 0; i < 20; i += 1) {
      const {x} = generateKeyPairSync('ed25519').publicKey.export({format: 'jwk'});
      assert.match(x ?? '', pattern);
    }
  });

  it('GET answers 204 without a body for a subject with no record', () => {
    const responses = at('paths', '/api/consent', 'get', 'responses');
    assert.deepEqual(Object.keys(responses).sort(), [
      '200',
      '204',
      '304',
      '400',
      '401',
      '429',
      '503',
    ]);
    assert.equal(at('paths', '/api/consent', 'get', 'responses', '204').content, undefined);
  });
});
