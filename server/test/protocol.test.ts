import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {
  canonicalLocale,
  isSignature,
  printableProblem,
  readAcknowledgement,
  readCurrentRecord,
  subjectProblem,
  undeliverable,
  validateConsentRecord,
} from '../../src/core/protocol.js';
import {validRecord} from './helpers.js';

const without = (field: string): Record<string, unknown> => {
  const record = validRecord();
  delete record[field];
  return record;
};

describe('validateConsentRecord', () => {
  it('accepts a valid record and returns it with fields in protocol order', () => {
    const body = validRecord({recordId: 'rec_00000001', subject: 's'});
    const result = validateConsentRecord({...body, collectedAt: '2026-11-23T15:00:00+09:00'});
    assert.equal(result.ok, true);
    assert.deepEqual(result.ok && Object.keys(result.record), [
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

  const accepted: [string, Record<string, unknown>][] = [
    ['every method', {method: 'gpc'}],
    ['an empty changed list', {changed: []}],
    ['a region subtag', {locale: 'pt-BR'}],
    ['a script subtag', {locale: 'zh-Hant-TW'}],
    ['seconds without fraction', {collectedAt: '2026-11-23T06:00:00Z'}],
    ['a lowercase t and z', {collectedAt: '2026-11-23t06:00:00z'}],
    ['a leap day', {collectedAt: '2028-02-29T06:00:00Z'}],
    [
      '500 choices',
      {choices: Object.fromEntries(range(500).map((i) => [`p${i}`, 'denied'])), changed: []},
    ],
    ['a purpose id named like an Object member', {choices: {constructor: 'granted'}, changed: []}],
    ['gpc true', {gpc: true}],
    [
      'evidence (protocol v1.1)',
      {
        evidence: {
          surface: 'banner-close',
          region: 'US-CA',
          rule: 'opt-out',
          textHash: '9f2c'.padEnd(64, '0'),
        },
      },
    ],
    ['an empty evidence', {evidence: {}}],
  ];
  for (const [name, overrides] of accepted) {
    it(`accepts ${name}`, () => {
      const result = validateConsentRecord(validRecord(overrides));
      assert.deepEqual(result.ok ? [] : result.problems, []);
    });
  }

  const rejected: [string, unknown, {path: string; message: string}[]][] = [
    ['null', null, [{path: '', message: 'the body must be a JSON object'}]],
    ...(
      [
        [
          'a NUL in policyVersion',
          'policyVersion',
          '2026\u0000',
          'must not contain control characters',
        ],
        [
          'a lone surrogate in policyVersion',
          'policyVersion',
          'v\ud800',
          'must be well-formed Unicode text',
        ],
        [
          'a bidi control in policyVersion',
          'policyVersion',
          '\u202e1v',
          'must not contain invisible or direction-changing characters',
        ],
        [
          'U+FFFF in policyVersion',
          'policyVersion',
          'v1\uffff',
          'must not contain noncharacters such as U+FFFF',
        ],
        ['a whitespace-only policyVersion', 'policyVersion', '  ', 'must not be only whitespace'],
        ['a whitespace-only subject', 'subject', ' ', 'must not be only whitespace'],
        [
          'U+2028 in subject',
          'subject',
          'customer\u2028',
          'must not contain line or paragraph separators',
        ],
        [
          'U+FFFF in subject',
          'subject',
          'customer\uffff',
          'must not contain noncharacters such as U+FFFF',
        ],
        ['the subject "."', 'subject', '.', 'must not be "." or ".."'],
        ['the subject ".."', 'subject', '..', 'must not be "." or ".."'],
      ] as const
    ).map(([name, field, value, message]): [string, unknown, {path: string; message: string}[]] => [
      name,
      validRecord({[field]: value}),
      [{path: field, message: `${field} ${message}`}],
    ]),
    ['an array', [], [{path: '', message: 'the body must be a JSON object'}]],
    ['a string', 'record', [{path: '', message: 'the body must be a JSON object'}]],
    ...(
      [
        'recordId',
        'subject',
        'policyVersion',
        'choices',
        'changed',
        'method',
        'locale',
        'gpc',
        'collectedAt',
      ] as const
    ).map((field): [string, unknown, {path: string; message: string}[]] => [
      `a missing ${field}`,
      without(field),
      [{path: field, message: `${field} is missing`}],
    ]),
    ...['short', 'x'.repeat(129), 'has space!', 42].map(
      (recordId): [string, unknown, {path: string; message: string}[]] => [
        `recordId ${JSON.stringify(recordId).slice(0, 20)}`,
        validRecord({recordId}),
        [
          {
            path: 'recordId',
            message: 'recordId must be 8 to 128 characters of A-Z, a-z, 0-9, "_" or "-"',
          },
        ],
      ],
    ),
    [
      'an empty subject',
      validRecord({subject: ''}),
      [{path: 'subject', message: 'subject must be 1 to 256 characters'}],
    ],
    [
      'a 257-character subject',
      validRecord({subject: 's'.repeat(257)}),
      [{path: 'subject', message: 'subject must be 1 to 256 characters'}],
    ],
    [
      'a subject with a newline',
      validRecord({subject: 'a\nb'}),
      [{path: 'subject', message: 'subject must not contain control characters'}],
    ],
    [
      'a numeric subject',
      validRecord({subject: 7}),
      [{path: 'subject', message: 'subject must be a string'}],
    ],
    [
      'an empty policyVersion',
      validRecord({policyVersion: ''}),
      [{path: 'policyVersion', message: 'policyVersion must be a string of 1 to 64 characters'}],
    ],
    [
      'a 65-character policyVersion',
      validRecord({policyVersion: 'v'.repeat(65)}),
      [{path: 'policyVersion', message: 'policyVersion must be a string of 1 to 64 characters'}],
    ],
    [
      'choices as an array',
      validRecord({choices: ['granted'], changed: []}),
      [{path: 'choices', message: 'choices must be an object'}],
    ],
    [
      'empty choices',
      validRecord({choices: {}, changed: []}),
      [{path: 'choices', message: 'choices must have 1 to 500 entries'}],
    ],
    [
      '501 choices',
      validRecord({
        choices: Object.fromEntries(range(501).map((i) => [`p${i}`, 'denied'])),
        changed: [],
      }),
      [{path: 'choices', message: 'choices must have 1 to 500 entries'}],
    ],
    [
      'a choice that is neither granted nor denied',
      validRecord({choices: {essential: 'granted', analytics: 'yes'}}),
      [{path: 'choices.analytics', message: 'choices.analytics must be "granted" or "denied"'}],
    ],
    [
      'a choice key with capitals',
      validRecord({choices: {Analytics: 'granted'}, changed: []}),
      [
        {
          path: 'choices',
          message:
            'choices key "Analytics" must be 1 to 64 characters of a-z, 0-9, "_" or "-", starting with a letter or digit',
        },
      ],
    ],
    [
      'changed as a string',
      validRecord({changed: 'analytics'}),
      [{path: 'changed', message: 'changed must be an array'}],
    ],
    [
      'a changed key that is not a choice',
      validRecord({changed: ['analytics', 'foo']}),
      [{path: 'changed[1]', message: 'changed[1] "foo" is not a key of choices'}],
    ],
    [
      'a changed key listed twice',
      validRecord({changed: ['ads', 'ads']}),
      [{path: 'changed[1]', message: 'changed[1] "ads" is listed twice'}],
    ],
    [
      'a changed entry that is a number',
      validRecord({changed: [3]}),
      [{path: 'changed[0]', message: 'changed[0] must be a string'}],
    ],
    [
      'an unknown method',
      validRecord({method: 'click'}),
      [{path: 'method', message: 'method must be one of toggle, accept-all, reject-all, gpc, api'}],
    ],
    ...['', 'e', 'en_US', 'x'.repeat(36), 3].map(
      (locale): [string, unknown, {path: string; message: string}[]] => [
        `locale ${JSON.stringify(locale).slice(0, 20)}`,
        validRecord({locale}),
        [{path: 'locale', message: 'locale must be a BCP 47 language tag such as "en" or "pt-BR"'}],
      ],
    ),
    [
      'gpc as a string',
      validRecord({gpc: 'false'}),
      [{path: 'gpc', message: 'gpc must be true or false'}],
    ],
    ...[
      'yesterday',
      '2026-11-23',
      '2026-11-23T06:00:00',
      '2026-11-23T06:00Z',
      '2026-02-29T06:00:00Z',
      '2026-02-30T06:00:00Z',
      '2026-13-01T06:00:00Z',
      '2026-11-23T24:00:00Z',
      '2026-11-23T06:60:00Z',
      1_700_000_000_000,
    ].map((collectedAt): [string, unknown, {path: string; message: string}[]] => [
      `collectedAt ${JSON.stringify(collectedAt)}`,
      validRecord({collectedAt}),
      [
        {
          path: 'collectedAt',
          message:
            'collectedAt must be an RFC 3339 date-time with seconds and a time zone, such as "2026-11-23T06:00:00.000Z"',
        },
      ],
    ]),
    [
      'an unknown field',
      validRecord({consentString: 'CP…'}),
      [{path: 'consentString', message: '"consentString" is not a field of a consent record'}],
    ],
    [
      'several problems, reported in field order',
      {...without('subject'), gpc: null, extra: 1},
      [
        {path: 'subject', message: 'subject is missing'},
        {path: 'gpc', message: 'gpc must be true or false'},
        {path: 'extra', message: '"extra" is not a field of a consent record'},
      ],
    ],
  ];
  it("keeps what it knows of evidence, and leaves out what it does not (a later version's fields)", () => {
    const result = validateConsentRecord(
      validRecord({evidence: {surface: 'embed', future: {x: 1}, rule: 'notice'}}),
    );
    assert.deepEqual(result.ok && result.record.evidence, {surface: 'embed', rule: 'notice'});
  });

  const evidence = (value: unknown) => validRecord({evidence: value});
  rejected.push(
    [
      'evidence that is no object',
      evidence('banner'),
      [{path: 'evidence', message: 'evidence must be an object'}],
    ],
    [
      'malformed evidence, every field named',
      evidence({surface: 'popup', region: 'de', rule: 'opt_in', textHash: 'ABC'}),
      [
        {
          path: 'evidence.surface',
          message:
            'evidence.surface must be one of banner, banner-close, dialog, inline, embed, api, gpc, other-device',
        },
        {
          path: 'evidence.region',
          message: 'evidence.region must be an ISO 3166 code such as "DE" or "US-CA"',
        },
        {path: 'evidence.rule', message: 'evidence.rule must be one of opt-in, opt-out, notice'},
        {
          path: 'evidence.textHash',
          message: 'evidence.textHash must be a SHA-256 digest in lowercase hex (64 characters)',
        },
      ],
    ],
  );
  for (const [name, body, problems] of rejected) {
    it(`rejects ${name}`, () => {
      assert.deepEqual(validateConsentRecord(body), {ok: false, problems});
    });
  }
});

describe('printableProblem', () => {
  // Each kind of character the rule refuses, and text it must keep accepting.
  const cases: [string, string | undefined][] = [
    ['2026-11-01', undefined],
    ['v2 (Nov 2026)', undefined],
    ['顧客-42', undefined],
    ['עברית-42', undefined], // right-to-left text without control characters
    ['emoji \ud83d\ude00', undefined], // a surrogate pair, whole
    ['\u{1f1e9}\u{1f1ea}', undefined], // a flag: two astral characters
    ['a b', undefined],
    [' a ', undefined], // not whitespace-only (the component trims; the endpoint stores as given)
    ['\u0000', 'must not contain control characters'],
    ['v1\u0000', 'must not contain control characters'],
    ['v1\t2', 'must not contain control characters'],
    ['v1\n', 'must not contain control characters'],
    ['v1\u007f', 'must not contain control characters'],
    ['v1\u0085', 'must not contain control characters'], // C1 "next line"
    ['v1\u009f', 'must not contain control characters'],
    ['v1\ud800', 'must be well-formed Unicode text'],
    ['\udfffv1', 'must be well-formed Unicode text'],
    ['\ude00\ud83d', 'must be well-formed Unicode text'], // a pair in the wrong order
    ['v1\ufffe', 'must not contain noncharacters such as U+FFFF'],
    ['v1\uffff', 'must not contain noncharacters such as U+FFFF'],
    ['v1\ufdd0', 'must not contain noncharacters such as U+FFFF'],
    ['v1\ufdef', 'must not contain noncharacters such as U+FFFF'],
    ['v1\u{1fffe}', 'must not contain noncharacters such as U+FFFF'],
    ['v1\u{10ffff}', 'must not contain noncharacters such as U+FFFF'],
    ['v1\u2028', 'must not contain line or paragraph separators'],
    ['v1\u2029', 'must not contain line or paragraph separators'],
    ['v1\u202a', 'must not contain invisible or direction-changing characters'],
    ['v1\u202e', 'must not contain invisible or direction-changing characters'],
    ['v1\u2066', 'must not contain invisible or direction-changing characters'],
    ['v1\u2069', 'must not contain invisible or direction-changing characters'],
    ['v1\u200f', 'must not contain invisible or direction-changing characters'],
    ['v1\u061c', 'must not contain invisible or direction-changing characters'],
    ['v\u200b1', 'must not contain invisible or direction-changing characters'],
    ['\ufeffv1', 'must not contain invisible or direction-changing characters'],
    [' ', 'must not be only whitespace'],
    ['\u00a0', 'must not be only whitespace'],
    ['\u3000\u2003', 'must not be only whitespace'],
  ];
  for (const [value, expected] of cases) {
    it(`${JSON.stringify(value)} → ${expected ?? 'printable'}`, () => {
      assert.equal(printableProblem('field', value), expected && `field ${expected}`);
    });
  }
});

describe('subjectProblem', () => {
  const cases: [unknown, string | undefined][] = [
    ['customer-42', undefined],
    ['', 'subject must be 1 to 256 characters'],
    ['\u0007', 'subject must not contain control characters'],
    ['customer\u0085', 'subject must not contain control characters'], // C1 "next line"
    [
      'customer\u202e24-remotsuc',
      'subject must not contain invisible or direction-changing characters',
    ],
    ['cust\u200bomer-42', 'subject must not contain invisible or direction-changing characters'],
    ['customer-42\u2066', 'subject must not contain invisible or direction-changing characters'],
    ['\ufeffcustomer-42', 'subject must not contain invisible or direction-changing characters'],
    ['customer-\ud83d', 'subject must be well-formed Unicode text'],
    ['\ude00customer', 'subject must be well-formed Unicode text'],
    ['customer-\ud83d\ude00', undefined], // a whole emoji
    ['customer\u2028', 'subject must not contain line or paragraph separators'],
    ['customer\uffff', 'subject must not contain noncharacters such as U+FFFF'],
    ['   ', 'subject must not be only whitespace'],
    ['.', 'subject must not be "." or ".."'],
    ['..', 'subject must not be "." or ".."'],
    ['...', undefined], // not a dot segment of a URL path
    ['.customer', undefined],
    ['顧客-42', undefined],
    ['عميل-42', undefined],
    [undefined, 'subject must be a string'],
  ];
  for (const [value, expected] of cases) {
    it(`${JSON.stringify(value) ?? 'undefined'} → ${expected ?? 'ok'}`, () => {
      assert.equal(subjectProblem(value), expected);
    });
  }
});

describe('undeliverable', () => {
  const ids = ['essential', 'analytics'];
  const cases: [string, string, readonly string[], string | undefined][] = [
    ['customer-42', '2026-11-01', ids, undefined],
    [
      'customer\u202e42',
      '2026-11-01',
      ids,
      'subject must not contain invisible or direction-changing characters',
    ],
    ['customer-42', 'v'.repeat(65), ids, 'policyVersion must be a string of 1 to 64 characters'],
    ['customer-42', '2026\u0000', ids, 'policyVersion must not contain control characters'],
    ['..', '2026-11-01', ids, 'subject must not be "." or ".."'],
    [
      'customer-42',
      '2026-11-01',
      Array.from({length: 501}, (_, index) => `p${index}`),
      'choices must have 1 to 500 entries',
    ],
    ['customer-42', '2026-11-01', Array.from({length: 500}, (_, index) => `p${index}`), undefined],
  ];
  for (const [subject, policyVersion, purposeIds, expected] of cases) {
    it(`${JSON.stringify(subject)}, ${policyVersion.length}-character policy, ${purposeIds.length} purposes → ${expected ?? 'deliverable'}`, () => {
      assert.equal(undeliverable(subject, policyVersion, purposeIds), expected);
    });
  }
});

describe('canonicalLocale', () => {
  // Exact values from Node 20's Intl.getCanonicalLocales (ICU), which the function relies on.
  const cases: [string, string | undefined][] = [
    ['en', 'en'],
    ['en_US', 'en-US'],
    ['EN-us', 'en-US'],
    ['pt_br', 'pt-BR'],
    ['zh-hant-tw', 'zh-Hant-TW'],
    ['zh_Hant_TW', 'zh-Hant-TW'],
    ['sr-latn-rs', 'sr-Latn-RS'],
    [' de_DE ', 'de-DE'],
    ['iw', 'he'],
    ['in', 'id'],
    ['mo', 'ro'],
    ['en-us-x-twain', 'en-US-x-twain'],
    ['', undefined],
    ['no such tag!', undefined],
    ['x', undefined],
    ['x-private', undefined],
    ['i-klingon', undefined],
    ['abcdefghi', undefined],
    // Well-formed, but longer than the 35 characters a record may carry.
    ['en-u-ca-gregory-nu-latn-x-abc-defghijk', undefined],
  ];
  for (const [tag, expected] of cases) {
    it(`${JSON.stringify(tag)} → ${JSON.stringify(expected) ?? 'undefined'}`, () => {
      assert.equal(canonicalLocale(tag), expected);
    });
  }
});

/** A well-formed Ed25519 signature in base64url (what it signs is not this module's to check). */
const signature = `${'Q'.repeat(85)}w`;

describe('isSignature', () => {
  const cases: [string, unknown, boolean][] = [
    ['86 base64url characters ending in one of AQgw', signature, true],
    ['base64url characters - and _', `${'-_'.repeat(42)}xA`, true],
    ['85 characters', signature.slice(1), false],
    ['87 characters', `A${signature}`, false],
    ['padding', `${signature}==`, false],
    ['base64 (not url) characters', `${'+/'.repeat(42)}AA`, false],
    ['a last character that sets unused bits', `${'Q'.repeat(85)}x`, false],
    ['a number', 42, false],
    ['absent', undefined, false],
  ];
  for (const [name, value, expected] of cases) {
    it(`${expected ? 'accepts' : 'refuses'} ${name}`, () => {
      assert.equal(isSignature(value), expected);
    });
  }
});

describe('readAcknowledgement', () => {
  const receiptId = '6f1d0c9e-0b5a-4c1e-9a63-2f0d3c8b7a11';
  const recordedAt = '2026-11-23T06:00:01.123Z';
  const none = {receiptId: undefined, recordedAt: undefined};
  const cases: [
    string,
    unknown,
    {receiptId: string | undefined; recordedAt: string | undefined; signature?: string},
  ][] = [
    ['an empty object', {}, none],
    ['null (an empty 204 body)', null, none],
    ['an array', [], none],
    ['a string', 'ok', none],
    ['a good receipt', {receiptId, recordedAt}, {receiptId, recordedAt}],
    [
      'a good receipt with other fields',
      {receiptId, recordedAt, record: {}, extra: 1},
      {receiptId, recordedAt},
    ],
    ['a numeric receiptId', {receiptId: 42, recordedAt}, {receiptId: undefined, recordedAt}],
    ['an empty receiptId', {receiptId: '', recordedAt}, {receiptId: undefined, recordedAt}],
    [
      'a receiptId of 256 characters',
      {receiptId: 'r'.repeat(256), recordedAt},
      {receiptId: 'r'.repeat(256), recordedAt},
    ],
    [
      'a receiptId of 257 characters',
      {receiptId: 'r'.repeat(257), recordedAt},
      {receiptId: undefined, recordedAt},
    ],
    [
      'a receiptId with a space',
      {receiptId: 'receipt 1', recordedAt},
      {receiptId: undefined, recordedAt},
    ],
    [
      'a receiptId with a non-ASCII letter',
      {receiptId: 'reçu-1', recordedAt},
      {receiptId: undefined, recordedAt},
    ],
    [
      'a recordedAt without a time',
      {receiptId, recordedAt: '2026-11-23'},
      {receiptId, recordedAt: undefined},
    ],
    [
      'a recordedAt on a day that does not exist',
      {receiptId, recordedAt: '2026-02-30T06:00:00Z'},
      {receiptId, recordedAt: undefined},
    ],
    [
      'a recordedAt in milliseconds',
      {receiptId, recordedAt: 1_700_000_000_000},
      {receiptId, recordedAt: undefined},
    ],
    ['a signed receipt', {receiptId, recordedAt, signature}, {receiptId, recordedAt, signature}],
    [
      'a malformed signature (it is dropped, the receipt kept)',
      {receiptId, recordedAt, signature: signature.slice(1)},
      {receiptId, recordedAt},
    ],
    [
      'a signature without the receipt id it signs',
      {receiptId: 'receipt 1', recordedAt, signature},
      {receiptId: undefined, recordedAt},
    ],
    [
      'a signature without the time it signs',
      {receiptId, recordedAt: 'now', signature},
      {receiptId, recordedAt: undefined},
    ],
  ];
  for (const [name, body, expected] of cases) {
    it(`reads ${name}`, () => {
      assert.deepEqual(readAcknowledgement(body), expected);
    });
  }
});

describe('readCurrentRecord', () => {
  const subject = 'customer-42';
  const record = validRecord({recordId: 'rec_00000001', subject});
  const receiptId = '6f1d0c9e-0b5a-4c1e-9a63-2f0d3c8b7a11';
  const recordedAt = '2026-11-23T06:00:01.123Z';
  const noReceipt = {receiptId: undefined, recordedAt: undefined};
  // What a site's backend writes itself (a sign-up form, a call-centre change): only what a
  // restore needs.
  const minimal = {
    subject,
    policyVersion: '2026-11-01',
    choices: {essential: 'granted', analytics: 'denied', ads: 'granted'},
    collectedAt: '2026-11-20T09:30:00Z',
  };
  // Of the right subject, so that only the missing field can be why it is refused.
  const recordWithout = (field: string): Record<string, unknown> => {
    const copy = {...record};
    delete copy[field];
    return copy;
  };
  const minimalWithout = (field: string): Record<string, unknown> => {
    const copy: Record<string, unknown> = {...minimal};
    delete copy[field];
    return copy;
  };
  const cases: [string, unknown, unknown][] = [
    [
      'a full record in the envelope',
      {receiptId, recordedAt, record},
      {receiptId, recordedAt, record},
    ],
    [
      'a full record in the envelope with a malformed receipt',
      {receiptId: 'receipt 1', recordedAt: 'now', record},
      {...noReceipt, record},
    ],
    ['a bare full record (no receipt is made up)', record, {...noReceipt, record}],
    ['a bare minimal record', minimal, {...noReceipt, record: minimal}],
    [
      'a minimal record in the envelope',
      {receiptId, recordedAt, record: minimal},
      {receiptId, recordedAt, record: minimal},
    ],
    [
      'a minimal record with some of the other fields, in protocol order',
      {gpc: true, ...minimal, locale: 'pt-BR'},
      {...noReceipt, record: {...minimal, locale: 'pt-BR', gpc: true}},
    ],
    [
      'a record with fields a newer endpoint added (only the known ones are kept)',
      {...minimal, channel: 'call-centre'},
      {...noReceipt, record: minimal},
    ],
    [
      'a signed full record in the envelope',
      {receiptId, recordedAt, record, signature},
      {receiptId, recordedAt, record, signature},
    ],
    [
      'a signed record with fields a newer endpoint added (the signature no longer fits: dropped)',
      {receiptId, recordedAt, record: {...record, channel: 'call-centre'}, signature},
      {receiptId, recordedAt, record},
    ],
    [
      'a signed record with a malformed signature (dropped)',
      {receiptId, recordedAt, record, signature: `${signature}=`},
      {receiptId, recordedAt, record},
    ],
    ['a bare record of another subject', {...minimal, subject: 'customer-43'}, undefined],
    [
      'an enveloped record of another subject',
      {receiptId, recordedAt, record: validRecord({subject: 'customer-43'})},
      undefined,
    ],
    ['a bare record with a malformed locale', {...minimal, locale: 'en_US'}, undefined],
    ['a bare record with gpc as a string', {...minimal, gpc: 'false'}, undefined],
    ['a bare record with an unknown method', {...minimal, method: 'phone'}, undefined],
    ['a bare record with a short recordId', {...minimal, recordId: 'r1'}, undefined],
    [
      'a bare record whose changed names no choice',
      {...minimal, changed: ['newsletter']},
      undefined,
    ],
    [
      'an enveloped record with a malformed method',
      {receiptId, recordedAt, record: {...record, method: 'phone'}},
      undefined,
    ],
    [
      'a full record missing changed (it is optional)',
      {receiptId, recordedAt, record: recordWithout('changed')},
      {receiptId, recordedAt, record: recordWithout('changed')},
    ],
    ...(['subject', 'policyVersion', 'choices', 'collectedAt'] as const).flatMap(
      (field): [string, unknown, unknown][] => [
        [`a bare record missing ${field}`, minimalWithout(field), undefined],
        [
          `an enveloped record missing ${field}`,
          {receiptId, recordedAt, record: recordWithout(field)},
          undefined,
        ],
      ],
    ),
    [
      'a bare record with a malformed collectedAt',
      {...minimal, collectedAt: 'yesterday'},
      undefined,
    ],
    ['a bare record with no choices', {...minimal, choices: {}}, undefined],
    ['an envelope whose record is not an object', {receiptId, recordedAt, record: 'r'}, undefined],
    ['null', null, undefined],
    ['an array', [{receiptId, recordedAt, record}], undefined],
    ['a string', 'ok', undefined],
  ];
  for (const [name, body, expected] of cases) {
    it(`reads ${name}`, () => {
      assert.deepEqual(readCurrentRecord(body, subject), expected);
    });
  }
});

describe('validateConsentRecord still needs a full record (a POST)', () => {
  const minimal = {
    subject: 'customer-42',
    policyVersion: '2026-11-01',
    choices: {essential: 'granted'},
    collectedAt: '2026-11-20T09:30:00Z',
  };
  it('refuses the minimal record a restore accepts, naming each missing field', () => {
    assert.deepEqual(validateConsentRecord(minimal), {
      ok: false,
      problems: ['recordId', 'changed', 'method', 'locale', 'gpc'].map((field) => ({
        path: field,
        message: `${field} is missing`,
      })),
    });
  });
});

function range(length: number): number[] {
  return Array.from({length}, (_, i) => i);
}
