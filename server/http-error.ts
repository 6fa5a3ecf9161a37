import type {Context} from 'hono';
import type {ContentfulStatusCode} from 'hono/utils/http-status';
import type {Problem} from '../src/core/protocol.js';

/**
 * The one error body of the endpoint. The web component shows `message` to the customer, so it
 * is a plain sentence; `code` is for programs, `path` points at the offending field.
 */
export interface ErrorBody {
  error: {code: string; message: string; path?: string; problems?: readonly Problem[]};
}

export function errorResponse(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  message: string,
  details: {path?: string; problems?: readonly Problem[]} = {},
): Response {
  const body: ErrorBody = {error: {code, message}};
  if (details.path) body.error.path = details.path;
  if (details.problems) body.error.problems = details.problems;
  return c.json(body, status);
}
