/**
 * A stand-in for `fetch`, passed through the modules' `fetch` option: it records every request
 * and answers from a script, so unit tests control status codes, headers, bodies and network
 * failures without a server. (End-to-end tests use the real reference endpoint instead.)
 */

export interface FetchCall {
  readonly url: string;
  readonly init: RequestInit;
  /** `init.headers` as a `Headers` object, whatever form the caller used. */
  readonly headers: Headers;
}

/** One scripted answer: a response, a failure to throw, or a function of the request. */
export type FetchAnswer =
  Response | Error | ((call: FetchCall) => Response | Error | Promise<Response>);

export interface FakeFetch {
  readonly fetch: typeof fetch;
  readonly calls: FetchCall[];
}

/** Answers the n-th request with the n-th answer; the last answer repeats. */
export function fakeFetch(...answers: FetchAnswer[]): FakeFetch {
  const calls: FetchCall[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = input instanceof Request ? input.url : String(input);
    const call: FetchCall = {url, init, headers: new Headers(init.headers)};
    calls.push(call);
    const answer = answers[Math.min(calls.length, answers.length) - 1];
    if (answer === undefined) throw new Error('fakeFetch: no answer scripted');
    if (answer instanceof Error) throw answer;
    if (answer instanceof Response) return answer.clone();
    const result = await answer(call);
    if (result instanceof Error) throw result;
    return result;
  };
  return {fetch, calls};
}

/** A JSON response, as the endpoint or a static file server would send it. */
export function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {'Content-Type': 'application/json', ...headers},
  });
}

/** A response with a text body (or none), e.g. a proxy's error page. */
export function textResponse(
  status: number,
  body: string | null,
  headers: Record<string, string> = {},
): Response {
  return new Response(body, {status, headers: {'Content-Type': 'text/plain', ...headers}});
}

/** A 200 whose body fails while it is read, as when the connection drops mid-response. */
export function brokenBodyResponse(): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.error(new TypeError('network error'));
    },
  });
  return new Response(body, {status: 200, headers: {'Content-Type': 'application/json'}});
}

/** What a rejected promise rejected with; fails the test if it resolved instead. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    const value = await promise;
    throw new Error(`expected a rejection, got ${JSON.stringify(value)}`, {cause: 'resolved'});
  } catch (error) {
    if (error instanceof Error && error.cause === 'resolved') throw error;
    return error;
  }
}
