/**
 * The audit and erasure API of the reference endpoint, for the site's staff and backend only:
 * every route needs `Authorization: Bearer <ADMIN_TOKEN>` (a separate secret from the subject
 * tokens). Exports are JSON lines, streamed page by page, so a year of records does not have to
 * fit in memory; between pages the event loop runs other requests, so an audit does not hold up
 * the customers' records (server/test/audit-load.test.ts). With a signer, each record line is
 * signed as the public answers are.
 */
import {Hono, type Context} from 'hono';
import {timingSafeEqual} from 'hono/utils/buffer';
import {timeOf} from '../src/core/patterns.js';
import {isDateTime, subjectProblem, type ConsentAnswer} from '../src/core/protocol.js';
import {errorResponse} from './http-error.js';
import {signedWith, type ReceiptSigner} from './receipt-signing.js';
import type {ConsentStore, Erasure, Page, PageRequest} from './store/store.js';

/** Rows per page: one page is a few milliseconds of database work, then others have a turn. */
const PAGE = 500;
const encoder = new TextEncoder();

export function adminRoutes(
  store: ConsentStore,
  adminToken: string,
  now: () => number,
  signer: ReceiptSigner | undefined,
): Hono {
  const admin = new Hono();
  const signed = signedWith(signer);
  const recordLines = async (answers: readonly ConsentAnswer[]) =>
    (await Promise.all(answers.map(signed))).map((answer) => ({type: 'record', ...answer}));

  // Not hono/bearer-auth: it answers 400 to a token outside RFC 6750's token68 characters, and
  // ADMIN_TOKEN may be any secret of 32 bytes or more. Its constant-time compare is used instead.
  admin.use('*', async (c, next) => {
    const given = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('Authorization') ?? '')?.[1];
    if (given && (await timingSafeEqual(given, adminToken))) return next();
    c.header('WWW-Authenticate', 'Bearer realm="consent-admin"');
    return errorResponse(c, 401, 'admin_token_required', 'This needs the endpoint’s admin token.');
  });

  // Everything kept about one subject: each record (oldest first), then each erasure.
  admin.get('/subjects/:subject/export', async (c) => {
    const subject = subjectOf(c);
    if (subject instanceof Response) return subject;
    const erasures = await store.erasures(subject);
    return jsonLines(c, async function* () {
      for await (const answers of everyPage((page) =>
        store.history(subject, {...page, order: 'oldest'}),
      ))
        yield await recordLines(answers);
      yield erasures.map((erasure) => ({type: 'erasure', ...erasure}));
    });
  });

  // Every record that arrived in [from, to), oldest first.
  admin.get('/records', async (c) => {
    const from = c.req.query('from');
    const to = c.req.query('to') ?? new Date(now()).toISOString();
    if (!isDateTime(from) || !isDateTime(to)) {
      return errorResponse(
        c,
        400,
        'invalid_range',
        'from and to must be ISO 8601 times such as 2026-11-01T00:00:00.000Z (to defaults to now).',
        {path: isDateTime(from) ? 'to' : 'from'},
      );
    }
    const start = new Date(timeOf(from)).toISOString();
    const end = new Date(timeOf(to)).toISOString();
    return jsonLines(c, async function* () {
      for await (const answers of everyPage((page) => store.range(start, end, page)))
        yield await recordLines(answers);
    });
  });

  // GDPR Art. 17: every record and key of the subject goes; one erasure entry stays.
  admin.delete('/subjects/:subject', async (c) => {
    const subject = subjectOf(c);
    if (subject instanceof Response) return subject;
    const erasure: Erasure = await store.erase(subject, new Date(now()).toISOString());
    return c.json(erasure);
  });

  return admin;
}

function subjectOf(c: Context): string | Response {
  const subject = c.req.param('subject') ?? '';
  const problem = subjectProblem(subject);
  return problem
    ? errorResponse(c, 400, 'invalid_subject', `The ${problem}.`, {path: 'subject'})
    : subject;
}

/**
 * The pages of a listing, one after another. Before each next page the event loop gets a full
 * turn (setImmediate, not a resolved promise): SQLite answers synchronously, and without it a
 * whole export would run as one long task that no other request could interrupt.
 */
async function* everyPage<T>(
  list: (page: PageRequest) => Promise<Page<T>>,
): AsyncGenerator<readonly T[]> {
  let cursor: string | undefined;
  do {
    const page = await list({limit: PAGE, cursor});
    yield page.items;
    cursor = page.next;
    if (cursor !== undefined) await new Promise((resolve) => setImmediate(resolve));
  } while (cursor !== undefined);
}

/** A JSON-lines body, one chunk per page of lines, read from `pages` only as it is sent. */
function jsonLines(c: Context, pages: () => AsyncGenerator<readonly unknown[]>): Response {
  const source = pages();
  const body = new ReadableStream<Uint8Array>({
    // A pull that enqueues nothing is not pulled again: empty pages are skipped here.
    async pull(controller) {
      for (;;) {
        const {value, done} = await source.next();
        if (done) return controller.close();
        if (value.length === 0) continue;
        const text = value.map((line) => `${JSON.stringify(line)}\n`).join('');
        return controller.enqueue(encoder.encode(text));
      }
    },
    async cancel() {
      await source.return(undefined);
    },
  });
  c.header('Content-Type', 'application/x-ndjson; charset=utf-8');
  c.header('Cache-Control', 'no-store');
  return c.body(body);
}
