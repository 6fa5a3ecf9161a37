/**
 * The store the environment asks for: PostgreSQL with `DATABASE_URL=postgres://…` (time limits
 * `DATABASE_QUERY_TIMEOUT_MS` and `DATABASE_CONNECT_TIMEOUT_MS`, 5000 by default), else the
 * SQLite file `CONSENT_DB` (or the given default), within `CONSENT_DB_MAX_BYTES` (4 GiB by
 * default, `off` for none).
 */
import {statSync} from 'node:fs';
import {openPostgresStore} from './postgres.js';
import {openSqliteStore} from './sqlite.js';
import type {ConsentStore} from './store.js';

export async function openStore(
  env: {
    DATABASE_URL?: string | undefined;
    DATABASE_QUERY_TIMEOUT_MS?: string | undefined;
    DATABASE_CONNECT_TIMEOUT_MS?: string | undefined;
    CONSENT_DB?: string | undefined;
    CONSENT_DB_MAX_BYTES?: string | undefined;
  },
  defaultFile: string,
): Promise<ConsentStore> {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url))
      throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL.');
    return openPostgresStore(url, {
      queryTimeoutMs: milliseconds('DATABASE_QUERY_TIMEOUT_MS', env.DATABASE_QUERY_TIMEOUT_MS),
      connectTimeoutMs: milliseconds(
        'DATABASE_CONNECT_TIMEOUT_MS',
        env.DATABASE_CONNECT_TIMEOUT_MS,
      ),
    });
  }
  const path = env.CONSENT_DB || defaultFile;
  const quota = sqliteQuota(env.CONSENT_DB_MAX_BYTES);
  // A database that grew past the default before it was one: refused at start, where it is
  // seen, rather than answering every record 503 from now on.
  const size = statSync(path, {throwIfNoEntry: false})?.size ?? 0;
  if (quota.isDefault && size > quota.maxBytes) {
    throw new Error(
      `The consent database ${path} has ${size} bytes, more than the default quota of ${quota.maxBytes}: set CONSENT_DB_MAX_BYTES to a larger number of bytes, or to off.`,
    );
  }
  return openSqliteStore(path, quota.maxBytes === undefined ? {} : {maxBytes: quota.maxBytes});
}

/**
 * The SQLite file's quota when `CONSENT_DB_MAX_BYTES` is unset: 4 GiB, some 3.5 million records
 * (about 1.1 KB each with its key and indexes) — years of decisions for a site one SQLite file
 * serves. The quota per client address (STORAGE_PER_ADDRESS) holds back one address; this holds
 * back many, so that a flood fills the quota, answered 503 while the records wait in the
 * browsers, and not the disk the system and its logs share.
 */
export const DEFAULT_SQLITE_MAX_BYTES = 4 * 1024 ** 3;

/** `CONSENT_DB_MAX_BYTES`: a number of bytes, `off`, or unset for the default. */
export function sqliteQuota(
  value: string | undefined,
): {maxBytes: number; isDefault: boolean} | {maxBytes: undefined; isDefault: false} {
  const text = value?.trim();
  if (!text) return {maxBytes: DEFAULT_SQLITE_MAX_BYTES, isDefault: true};
  if (text === 'off') return {maxBytes: undefined, isDefault: false};
  if (!/^[1-9]\d{0,15}$/.test(text))
    throw new Error(`CONSENT_DB_MAX_BYTES="${text}" is not a number of bytes (or off).`);
  return {maxBytes: Number(text), isDefault: false};
}

/** A time limit from the environment: whole milliseconds, or unset for the store's default. */
function milliseconds(name: string, value: string | undefined): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (!/^[1-9]\d{0,8}$/.test(text))
    throw new Error(`${name}="${text}" is not a number of milliseconds (for example 5000).`);
  return Number(text);
}
