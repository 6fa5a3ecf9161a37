import {createHash} from 'node:crypto';
import type {ConsentRecord} from '../../src/core/protocol.js';

/**
 * SHA-256 of the validated record with object keys sorted: what the stores compare a repeated
 * record id with. Hashing the meaning instead of the raw bytes means a retry that re-serialises
 * the same record (other key order, other whitespace) still counts as the same record.
 */
export function recordHash(record: ConsentRecord): string {
  return createHash('sha256').update(canonicalJson(record)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
