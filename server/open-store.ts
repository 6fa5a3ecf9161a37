/**
 * The store the environment asks for: PostgreSQL with `DATABASE_URL=postgres://…`, else the
 * SQLite file `CONSENT_DB` (or the given default).
 */
import {openPostgresStore} from './postgres-store.js';
import {openSqliteStore} from './sqlite-store.js';
import type {ConsentStore} from './store.js';

export async function openStore(
  env: {DATABASE_URL?: string | undefined; CONSENT_DB?: string | undefined},
  defaultFile: string,
): Promise<ConsentStore> {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url))
      throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL.');
    return openPostgresStore(url);
  }
  return openSqliteStore(env.CONSENT_DB || defaultFile);
}
