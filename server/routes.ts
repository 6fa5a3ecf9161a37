/**
 * The record resource of protocol v1 (docs/consent-endpoint.md): the subject's current record,
 * its history, and storing a new one exactly once; with a signer, each receipt signed and the
 * key to check it. The guards run first; the store is asked only for a request they let through.
 */
import {Hono, type Context} from 'hono';
import {normalizeRegion} from '../src/core/jurisdiction.js';
import {subjectProblem, validateConsentRecord, type ConsentAnswer} from '../src/core/protocol.js';
import {limitRecordSize, requireJson, type Guards} from './guards.js';
import {errorResponse} from './http-error.js';
import {signedWith, type ReceiptSigner} from './receipt-signing.js';
import type {ConsentStore} from './store/store.js';

/** The routes under the endpoint's path (`/api/consent`). */
export function recordRoutes(
  store: ConsentStore,
  guards: Guards,
  bodyLimitBytes: number,
  signer: ReceiptSigner | undefined,
  regionHeader: string | undefined,
): Hono {
  const records = new Hono();
  const signed = signedWith(signer);

  records.get('/', async (c) => {
    const subject = subjectParameter(c);
    if (typeof subject !== 'string') return subject;
    const refused = await guards.refuseForSubject(c, subject);
    if (refused) return refused;
    // Always revalidate: a cached answer (even "none yet") must never hide a newer choice.
    c.header('Cache-Control', 'private, no-cache');
    const answer = await store.latest(subject);
    // No record is not an error: the subject simply has not chosen yet (docs/consent-endpoint.md,
    // "GET {endpoint}?subject={id}": 204).
    if (!answer) return c.body(null, 204);
    const etag = `"${answer.receiptId}"`;
    c.header('ETag', etag);
    if (matchesEtag(c.req.header('If-None-Match'), etag)) return c.body(null, 304);
    return c.json(await signed(answer));
  });

  records.get('/history', async (c) => {
    const subject = subjectParameter(c);
    if (typeof subject !== 'string') return subject;
    const refused = await guards.refuseForSubject(c, subject);
    if (refused) return refused;
    const page = pageParameters(c);
    if (page instanceof Response) return page;
    c.header('Cache-Control', 'private, no-cache');
    const {items, next} = await store.history(subject, page);
    const answers = await Promise.all(items.map(signed));
    return c.json({subject, records: answers, ...(next !== undefined && {next})});
  });

  records.post('/', requireJson, limitRecordSize(bodyLimitBytes), async (c) => {
    const text = await c.req.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return errorResponse(c, 400, 'invalid_json', 'The consent record is not valid JSON.');
    }
    const validation = validateConsentRecord(body);
    if (!validation.ok) {
      const [first, ...rest] = validation.problems;
      const more = rest.length > 0 ? ` (and ${rest.length} more)` : '';
      return errorResponse(
        c,
        422,
        'invalid_record',
        `The consent record was rejected: ${first.message}${more}.`,
        {path: first.path, problems: validation.problems},
      );
    }
    const {record} = validation;
    // Before the store is asked anything: a replayed key must not show a stranger the record.
    const refused = await guards.refuseForSubject(c, record.subject);
    if (refused) return refused;
    const key = c.req.header('Idempotency-Key') ?? record.recordId;
    // The key is the record id, so a record sent without headers deduplicates the same way.
    if (key !== record.recordId) {
      return errorResponse(
        c,
        422,
        'idempotency_key_mismatch',
        'The Idempotency-Key header must equal the recordId of the consent record.',
        {path: 'recordId'},
      );
    }
    // What this address may add to the database for now, counted in the record's bytes.
    const overStorage = guards.refuseOverStorage(c, Buffer.byteLength(text));
    if (overStorage) return overStorage;
    const result = await store.append(record);
    if (result.status === 'erased') {
      return errorResponse(
        c,
        410,
        'subject_erased',
        'These privacy choices were made before their account’s data was erased; they are not saved.',
        {path: 'recordId'},
      );
    }
    if (result.status === 'conflict') {
      return errorResponse(
        c,
        422,
        'idempotency_conflict',
        'A different consent record was already saved under this recordId.',
        {path: 'recordId'},
      );
    }
    const answer = await signed(result.answer);
    return c.json<ConsentAnswer>(answer, result.status === 'created' ? 201 : 200);
  });

  // The public half of the key that signs the receipts, as a JWK; no key, no signatures.
  records.get('/receipt-key', (c) => {
    if (!signer) {
      return errorResponse(c, 404, 'not_found', 'This endpoint does not sign its receipts.');
    }
    c.header('Cache-Control', 'public, max-age=3600');
    return c.json(signer.publicKey);
  });

  // Where the client is, as the header a CDN sets says (`CF-IPCountry: DE`): the component's
  // hint when the page names no region. `XX`, `T1` (unknown, Tor) and the like are no region.
  records.get('/region', (c) => {
    c.header('Cache-Control', 'private, no-store');
    const region = regionHeader ? normalizeRegion(c.req.header(regionHeader)) : undefined;
    return c.json({region: region && !UNKNOWN_REGIONS.has(region) ? region : null});
  });

  records.all('/', (c) => {
    c.header('Allow', 'GET, POST, OPTIONS');
    return errorResponse(c, 405, 'method_not_allowed', `${c.req.method} is not supported here.`);
  });

  return records;
}

/** Codes CDNs and GeoIP databases send for "no country": unknown, Tor, proxies, satellites, other. */
const UNKNOWN_REGIONS = new Set(['XX', 'T1', 'A1', 'A2', 'O1']);

/** The validated `subject` query parameter, or the 400 answer to send instead. */
function subjectParameter(c: Context): string | Response {
  const subject = c.req.query('subject');
  if (subject === undefined) {
    return errorResponse(c, 400, 'subject_missing', 'The subject query parameter is missing.', {
      path: 'subject',
    });
  }
  const problem = subjectProblem(subject);
  if (problem) {
    return errorResponse(c, 400, 'invalid_subject', `The ${problem}.`, {path: 'subject'});
  }
  return subject;
}

/** `?limit=` (1–500, 100 by default) and `?cursor=` (the `next` of the page before). */
function pageParameters(c: Context): {limit: number; cursor: string | undefined} | Response {
  const limitText = c.req.query('limit');
  const limit = limitText === undefined ? 100 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
    return errorResponse(c, 400, 'invalid_limit', 'limit must be a whole number from 1 to 500.', {
      path: 'limit',
    });
  }
  const cursor = c.req.query('cursor');
  if (cursor !== undefined && !/^\d{1,19}$/.test(cursor)) {
    return errorResponse(c, 400, 'invalid_cursor', 'cursor must be the next value of a page.', {
      path: 'cursor',
    });
  }
  return {limit, cursor};
}

function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  // Weak comparison, as RFC 9110 asks for If-None-Match.
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}
