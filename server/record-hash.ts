import type {ConsentRecord} from '../src/core/protocol.js';

/**
 * SHA-256 of the validated record with object keys sorted (Web Crypto: the app stays free of
 * Node APIs). Hashing the meaning instead of the raw bytes means a retry that re-serialises the
 * same record (other key order, other whitespace) still counts as the same record.
 */
export async function recordHash(record: ConsentRecord): Promise<string> {
  const digest = await crypto.subtle.digest(
    'SHA-256',
    new TextEncoder().encode(canonicalJson(record)),
  );
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
