/**
 * The store the environment asks for: PostgreSQL with `DATABASE_URL=postgres://…`, else the
 * SQLite file `CONSENT_DB` (or the given default), within `CONSENT_DB_MAX_BYTES` when set.
 */
import {openPostgresStore} from './postgres.js';
import {openSqliteStore} from './sqlite.js';
import type {ConsentStore} from './store.js';

export async function openStore(
  env: {
    DATABASE_URL?: string | undefined;
    CONSENT_DB?: string | undefined;
    CONSENT_DB_MAX_BYTES?: string | undefined;
  },
  defaultFile: string,
): Promise<ConsentStore> {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url))
      throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL.');
    return openPostgresStore(url);
  }
  const quota = env.CONSENT_DB_MAX_BYTES?.trim();
  if (quota && !/^[1-9]\d*$/.test(quota))
    throw new Error(`CONSENT_DB_MAX_BYTES="${quota}" is not a number of bytes.`);
  return openSqliteStore(env.CONSENT_DB || defaultFile, quota ? {maxBytes: Number(quota)} : {});
}
