/**
 * The audit and erasure API of the reference endpoint, for the site's staff and backend only:
 * every route needs `Authorization: Bearer <ADMIN_TOKEN>` (a separate secret from the subject
 * tokens). Exports are JSON lines, streamed page by page, so a year of records does not have to
 * fit in memory.
 */
import {Hono, type Context} from 'hono';
import {timingSafeEqual} from 'hono/utils/buffer';
import {timeOf} from '../src/core/patterns.js';
import type {ConsentAnswer} from '../src/core/protocol.js';
import {isDateTime, subjectProblem} from '../src/core/protocol.js';
import {errorResponse} from './http-error.js';
import type {ConsentStore, Erasure, Page, PageRequest} from './store/store.js';

const PAGE = 500;
const encoder = new TextEncoder();

export function adminRoutes(store: ConsentStore, adminToken: string, now: () => number): Hono {
  const admin = new Hono();

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
    const records = (page: PageRequest) => store.history(subject, page);
    const erasures = await store.erasures(subject);
    return jsonLines(c, async function* () {
      const newestFirst: ConsentAnswer[] = [];
      for await (const answer of everyItem(records)) newestFirst.push(answer);
      for (const answer of newestFirst.reverse()) yield {type: 'record', ...answer};
      for (const erasure of erasures) yield {type: 'erasure', ...erasure};
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
      for await (const answer of everyItem((page) => store.range(start, end, page)))
        yield {type: 'record', ...answer};
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

async function* everyItem<T>(list: (page: PageRequest) => Promise<Page<T>>): AsyncGenerator<T> {
  let cursor: string | undefined;
  do {
    const page = await list({limit: PAGE, cursor});
    yield* page.items;
    cursor = page.next;
  } while (cursor !== undefined);
}

function jsonLines(c: Context, lines: () => AsyncGenerator<unknown>): Response {
  const source = lines();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const {value, done} = await source.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(`${JSON.stringify(value)}\n`));
    },
    async cancel() {
      await source.return(undefined);
    },
  });
  c.header('Content-Type', 'application/x-ndjson; charset=utf-8');
  c.header('Cache-Control', 'no-store');
  return c.body(body);
}
