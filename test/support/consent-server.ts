/** Browser-side handles on the real reference endpoint started by consent-server-plugin.mjs. */
import {executeServerCommand} from '@web/test-runner-commands';
import type {ConsentReceipt} from '../../src/index.js';

export interface Attempt {
  readonly method: string;
  readonly path: string;
  readonly idempotencyKey: string | null;
  readonly status: number | 'refused';
  /** When the request reached the endpoint's address (epoch ms). */
  readonly at: number;
}

export async function posts(): Promise<Attempt[]> {
  return (await attempts()).filter((attempt) => attempt.method === 'POST');
}

/** Starts a fresh endpoint (empty SQLite file) and returns its URL. */
export async function startConsentServer(): Promise<string> {
  const {endpoint} = await executeServerCommand<{endpoint: string}, undefined>(
    'consent-server-start',
  );
  return endpoint;
}

export const stopConsentServer = () => executeServerCommand('consent-server-stop');

/** The next `times` POSTs are answered with `status` instead of reaching the endpoint. */
export const failNextPosts = (status: number, times: number, retryAfter?: string) =>
  executeServerCommand('consent-server-fail', {status, times, retryAfter});

export const refuseConnections = () => executeServerCommand('consent-server-refuse');
export const acceptConnections = () => executeServerCommand('consent-server-accept');

/** Every request that reached the endpoint's address (preflights excepted). */
export async function attempts(): Promise<Attempt[]> {
  return (await executeServerCommand<Attempt[], undefined>('consent-server-attempts')) ?? [];
}

/** The records the endpoint stored for a subject, newest first. */
export async function storedRecords(subject: string): Promise<ConsentReceipt[]> {
  const history = await executeServerCommand<{records: ConsentReceipt[]}, {subject: string}>(
    'consent-server-history',
    {
      subject,
    },
  );
  return history?.records ?? [];
}
