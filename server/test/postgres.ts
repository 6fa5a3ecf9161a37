/**
 * A real PostgreSQL for the tests: a throwaway cluster (Debian's `postgresql` package) in a temp
 * folder on a free port, started once per test file, with one fresh database per test. No
 * mocks: the store under test talks to the server over TCP as in production.
 */
import {execFile, execFileSync} from 'node:child_process';
import {chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before} from 'node:test';
import {promisify} from 'node:util';
import pg from 'pg';

export interface Postgres {
  /** A new, empty database on the cluster; its URL. */
  freshDatabase(): Promise<string>;
}

/** The cluster itself, for fault tests: its processes and its life. */
export interface Cluster extends Postgres {
  /** A query as the superuser, on the `postgres` database (a new connection each time). */
  query<T extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<T[]>;
  /** The postmaster's process id. */
  postmasterPid(): number;
  /**
   * `pg_ctl stop -m fast`, `downMs` with no server, then `pg_ctl start`: every connection is
   * cut, and the server is back when this resolves. The test's own event loop runs meanwhile.
   */
  restart(downMs: number): Promise<void>;
  stop(): Promise<void>;
}

/** One statement on its own connection to `url`; its rows. */
export async function sqlOn<T extends pg.QueryResultRow = Record<string, unknown>>(
  url: string,
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({connectionString: url});
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/**
 * A cluster for the suite this is called in (at definition time): started before its tests,
 * stopped after them. The returned function gives a fresh database's URL.
 */
export function usePostgres(): () => Promise<string> {
  const cluster = usePostgresCluster();
  return () => cluster().freshDatabase();
}

/** Like usePostgres, with the cluster's processes at hand. */
export function usePostgresCluster(): () => Cluster {
  let cluster: Cluster | undefined;
  before(async () => {
    cluster = await startCluster();
  });
  after(() => cluster?.stop());
  return () => {
    if (!cluster) throw new Error('the PostgreSQL cluster has not started');
    return cluster;
  };
}

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const version = existsSync(root)
    ? readdirSync(root).sort((a, b) => Number(b) - Number(a))[0]
    : undefined;
  if (!version) {
    throw new Error('PostgreSQL is not installed: apt-get install -y postgresql (.ci/run does).');
  }
  return join(root, version, 'bin');
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as {port: number};
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startCluster(): Promise<Cluster> {
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), 'consent-pg-'));
  const data = join(dir, 'pg');
  const port = await freePort();
  // PostgreSQL refuses to run as root: as root (CI), the cluster belongs to `postgres`.
  const isRoot = process.getuid?.() === 0;
  if (isRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), 0);
  const shell = (command: string): [string, string[]] =>
    isRoot ? ['su', ['postgres', '-s', '/bin/sh', '-c', command]] : ['sh', ['-c', command]];
  const asOwner = (command: string) => execFileSync(...shell(command), {stdio: 'pipe'});
  const asOwnerLater = (command: string) => promisify(execFile)(...shell(command));
  asOwner(`${bin}/initdb -D ${data} -A trust -U postgres > /dev/null`);
  const options = `-p ${port} -k ${data} -c listen_addresses=127.0.0.1 -c fsync=on`;
  asOwner(`${bin}/pg_ctl -D ${data} -o "${options}" -l ${data}/log -w start > /dev/null`);
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const query = <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) =>
    sqlOn<T>(adminUrl, text, values);
  let count = 0;
  return {
    query,
    postmasterPid: () => Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]),
    async restart(downMs) {
      await asOwnerLater(`${bin}/pg_ctl -D ${data} -m fast -w stop > /dev/null`);
      await new Promise((resolve) => setTimeout(resolve, downMs));
      await asOwnerLater(
        `${bin}/pg_ctl -D ${data} -o "${options}" -l ${data}/log -w start > /dev/null`,
      );
    },
    async stop() {
      asOwner(`${bin}/pg_ctl -D ${data} stop -m immediate > /dev/null`);
      rmSync(dir, {recursive: true, force: true});
    },
    async freshDatabase() {
      const name = `consent_${process.pid}_${++count}`;
      await query(`CREATE DATABASE ${name}`);
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
  };
}
