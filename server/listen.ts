import {createServer, type IncomingMessage} from 'node:http';
import type {AddressInfo} from 'node:net';
import {getRequestListener} from '@hono/node-server';
import type {Context} from 'hono';

export interface RunningServer {
  /** `http://host:port` with the port actually bound (PORT=0 picks a free one). */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The app's fetch; `env` carries Node's request (`incoming`), for the client's address. */
type FetchHandler = (request: Request, env: unknown) => Response | Promise<Response>;

/** How long in-flight requests may take to finish on close before their sockets are cut. */
const closeGraceMs = 5000;

export function startServer(
  fetch: FetchHandler,
  host: string,
  port: number,
): Promise<RunningServer> {
  const server = createServer(getRequestListener(fetch));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const bound = (server.address() as AddressInfo).port;
      const hostInUrl = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${hostInUrl}:${bound}`,
        port: bound,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            // Idle keep-alive sockets would hold close() open until they time out.
            server.closeIdleConnections();
            setTimeout(() => server.closeAllConnections(), closeGraceMs).unref();
          }),
      });
    });
  });
}

/** Stops accepting requests on SIGTERM/SIGINT, lets in-flight ones finish, then cleans up. */
export function closeOnSignal(server: RunningServer, cleanup: () => Promise<void>): void {
  const stop = (): void => {
    void server
      .close()
      .then(cleanup)
      .finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

export function parsePort(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, not "${value}".`);
  }
  return port;
}

/** An HTTP header's name (RFC 9110 token), e.g. REGION_HEADER=CF-IPCountry; empty: none. */
export function parseHeaderName(variable: string, value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(value)) {
    throw new Error(
      `${variable} must be an HTTP header name such as "CF-IPCountry", not "${value}".`,
    );
  }
  return value;
}

/**
 * The client's address as Node saw the connection; behind a reverse proxy (`trustProxy`, the
 * TRUST_PROXY variable), the address the proxy appended last to `X-Forwarded-For` — the only
 * entry a client cannot forge.
 */
export function clientAddressOf(trustProxy: boolean): (c: Context) => string | undefined {
  return (c) => {
    const forwarded = trustProxy
      ? c.req.header('X-Forwarded-For')?.split(',').at(-1)?.trim()
      : undefined;
    return (
      forwarded ||
      (c.env as {incoming?: IncomingMessage} | undefined)?.incoming?.socket.remoteAddress
    );
  };
}
