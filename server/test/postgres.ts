/**
 * A real PostgreSQL for the tests: a throwaway cluster (Debian's `postgresql` package) in a temp
 * folder on a free port, started once per test file, with one fresh database per test. No
 * mocks: the store under test talks to the server over TCP as in production.
 */
import {execFileSync} from 'node:child_process';
import {chownSync, existsSync, mkdtempSync, readdirSync, rmSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before} from 'node:test';
import postgres from 'postgres';

export interface Postgres {
  /** A new, empty database on the cluster; its URL. */
  freshDatabase(): Promise<string>;
}

/**
 * A cluster for the suite this is called in (at definition time): started before its tests,
 * stopped after them. The returned function gives a fresh database's URL.
 */
export function usePostgres(): () => Promise<string> {
  let cluster: Cluster | undefined;
  before(async () => {
    cluster = await startCluster();
  });
  after(() => cluster?.stop());
  return () => {
    if (!cluster) throw new Error('the PostgreSQL cluster has not started');
    return cluster.freshDatabase();
  };
}

interface Cluster extends Postgres {
  stop(): Promise<void>;
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
  const asOwner = (command: string) =>
    execFileSync(
      isRoot ? 'su' : 'sh',
      isRoot ? ['postgres', '-s', '/bin/sh', '-c', command] : ['-c', command],
      {
        stdio: 'pipe',
      },
    );
  asOwner(`${bin}/initdb -D ${data} -A trust -U postgres > /dev/null`);
  asOwner(
    `${bin}/pg_ctl -D ${data} -o "-p ${port} -k ${data} -c listen_addresses=127.0.0.1 -c fsync=on" -l ${data}/log -w start > /dev/null`,
  );
  const admin = postgres(`postgres://postgres@127.0.0.1:${port}/postgres`, {onnotice: () => {}});
  let count = 0;
  return {
    async stop() {
      await admin.end({timeout: 1});
      asOwner(`${bin}/pg_ctl -D ${data} stop -m immediate > /dev/null`);
      rmSync(dir, {recursive: true, force: true});
    },
    async freshDatabase() {
      const name = `consent_${process.pid}_${++count}`;
      await admin.unsafe(`CREATE DATABASE ${name}`);
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
  };
}
