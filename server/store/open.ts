/**
 * The store the environment asks for: PostgreSQL with `DATABASE_URL=postgres://…` (time limits
 * `DATABASE_QUERY_TIMEOUT_MS` and `DATABASE_CONNECT_TIMEOUT_MS`, 5000 by default), else the
 * SQLite file `CONSENT_DB` (or the given default), within `CONSENT_DB_MAX_BYTES` when set.
 */
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
  const quota = env.CONSENT_DB_MAX_BYTES?.trim();
  if (quota && !/^[1-9]\d*$/.test(quota))
    throw new Error(`CONSENT_DB_MAX_BYTES="${quota}" is not a number of bytes.`);
  return openSqliteStore(env.CONSENT_DB || defaultFile, quota ? {maxBytes: Number(quota)} : {});
}

/** A time limit from the environment: whole milliseconds, or unset for the store's default. */
function milliseconds(name: string, value: string | undefined): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (!/^[1-9]\d{0,8}$/.test(text))
    throw new Error(`${name}="${text}" is not a number of milliseconds (for example 5000).`);
  return Number(text);
}
