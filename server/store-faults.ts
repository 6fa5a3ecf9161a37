/**
 * What the endpoint answers when something fails: a store that is down for a moment gets 503
 * with Retry-After (the component sends the record again), anything else 500. A store fault is
 * logged once per kind until a record is saved again, not once per request, so an outage does
 * not flood the log.
 */
import type {ErrorHandler, MiddlewareHandler} from 'hono';
import {errorResponse} from './http-error.js';
import {StoreUnavailableError} from './store/store.js';

export interface FaultHandling {
  /** Middleware: logs that the store works again after the first saved record. */
  readonly noticeRecovery: MiddlewareHandler;
  readonly onError: ErrorHandler;
}

export function storeFaultHandling(): FaultHandling {
  let loggedFault: string | undefined;
  return {
    noticeRecovery: async (c, next) => {
      await next();
      if (
        loggedFault &&
        c.req.method === 'POST' &&
        (c.res.status === 200 || c.res.status === 201)
      ) {
        console.error(`consent store: working again after ${loggedFault}`);
        loggedFault = undefined;
      }
    },
    onError: (error, c) => {
      if (error instanceof StoreUnavailableError) {
        if (loggedFault !== error.code) {
          loggedFault = error.code;
          console.error(
            `consent store unavailable (${error.code}): ${error.message}. Answering 503 with Retry-After until it works again; further failures of this kind are not logged.`,
          );
        }
        c.header('Retry-After', error.code.includes('FULL') ? '30' : '1');
        return errorResponse(
          c,
          503,
          'store_unavailable',
          'Your choices could not be saved right now; they will be sent again shortly.',
        );
      }
      console.error(error);
      return errorResponse(
        c,
        500,
        'internal_error',
        'Something went wrong while saving your choices.',
      );
    },
  };
}
