// The Hono app runs wherever Web APIs do: only the storage and listen modules may use Node.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {it} from 'node:test';
import {repoRoot} from './helpers.js';

const portable = [
  'app.ts',
  'admin.ts',
  'cors.ts',
  'guards.ts',
  'http-error.ts',
  'rate-limit.ts',
  'receipt-signing.ts',
  'routes.ts',
  'store-faults.ts',
  'store/append-rule.ts',
  'store/store.ts',
  'subject-token.ts',
];

it('keeps the app’s modules free of Node-only imports', () => {
  const offending = portable.flatMap((file) =>
    [...readFileSync(join(repoRoot, 'server', file), 'utf8').matchAll(/from '([^']+)'/g)]
      .map(([, specifier]) => specifier!)
      .filter((specifier) =>
        /^(node:|better-sqlite3$|postgres$|@hono\/node-server)/.test(specifier),
      )
      .map((specifier) => `${file}: ${specifier}`),
  );
  assert.deepEqual(offending, []);
});
