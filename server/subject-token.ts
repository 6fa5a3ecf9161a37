/**
 * Signed-in subjects' tokens (docs/consent-endpoint.md, "Signed-in subjects"): a site's backend
 * proves to the endpoint that the page speaks for a subject with
 * `v1.{expires}.{signature}`, where `expires` is a Unix time in seconds and `signature` is
 * base64url(HMAC-SHA256(secret, "v1\n{expires}\n{subject}")). Web Crypto only, so that the app
 * runs wherever `crypto.subtle` does (Node, Deno, workers), and a backend can copy
 * `issueSubjectToken` as it is.
 */
import {ANONYMOUS_SUBJECT_PATTERN} from '../src/core/patterns.js';

const VERSION = 'v1';
/** Expiries have at most 12 digits (until the year 33658), so every one is a safe integer. */
const EXPIRES_LIMIT = 10 ** 12;
/**
 * One spelling per token: `expires` in decimal without leading zeros, and the 32-byte signature
 * as 43 base64url characters whose last one carries 4 bits and two zero bits (A, E, I, …, 8):
 * the other three characters that decode to the same bytes are refused, as a leading zero is.
 */
const TOKEN_PATTERN = /^v1\.(0|[1-9]\d{0,11})\.([A-Za-z0-9_-]{42}[AEIMQUYcgkosw048])$/;
const encoder = new TextEncoder();

function hmacKey(secret: string, usage: 'sign' | 'verify') {
  return crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    {name: 'HMAC', hash: 'SHA-256'},
    false,
    [usage],
  );
}

function signedText(subject: string, expires: number): Uint8Array {
  return encoder.encode(`${VERSION}\n${expires}\n${subject}`);
}

function toBase64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** A token for `subject`, valid until `expires` (Unix seconds). */
export async function issueSubjectToken(
  secret: string,
  subject: string,
  expires: number,
): Promise<string> {
  if (!Number.isInteger(expires) || expires < 0 || expires >= EXPIRES_LIMIT) {
    throw new RangeError(
      `A token's expiry is a whole number of seconds from 0 to ${EXPIRES_LIMIT - 1}.`,
    );
  }
  const key = await hmacKey(secret, 'sign');
  const signature = await crypto.subtle.sign('HMAC', key, signedText(subject, expires));
  return `${VERSION}.${expires}.${toBase64Url(new Uint8Array(signature))}`;
}

export type TokenCheck =
  | {readonly ok: true}
  | {
      readonly ok: false;
      readonly code: 'token_missing' | 'token_malformed' | 'token_expired' | 'token_invalid';
      readonly message: string;
    };

/** Anonymous ids need no token: only the browser that made one knows it. */
export function needsToken(subject: string): boolean {
  return !ANONYMOUS_SUBJECT_PATTERN.test(subject);
}

/**
 * Whether the `Authorization` header proves the request may read or write `subject`. The
 * signature is compared by Web Crypto's `verify`, in constant time.
 */
export async function checkSubjectToken(
  secret: string,
  subject: string,
  authorization: string | undefined,
  nowSeconds: number,
): Promise<TokenCheck> {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (!bearer) {
    return {
      ok: false,
      code: 'token_missing',
      message: 'This account’s privacy choices need the sign-in token the site gives its pages.',
    };
  }
  const match = TOKEN_PATTERN.exec(bearer);
  if (!match) {
    return {
      ok: false,
      code: 'token_malformed',
      message: 'The sign-in token is not in a known format.',
    };
  }
  const expires = Number(match[1]);
  const key = await hmacKey(secret, 'verify');
  const isGenuine = await crypto.subtle.verify(
    'HMAC',
    key,
    fromBase64Url(match[2]!),
    signedText(subject, expires),
  );
  if (!isGenuine) {
    return {
      ok: false,
      code: 'token_invalid',
      message: 'The sign-in token is not valid for these privacy choices.',
    };
  }
  if (expires <= nowSeconds) {
    return {
      ok: false,
      code: 'token_expired',
      message: 'Your sign-in has expired: sign in again to save your privacy choices.',
    };
  }
  return {ok: true};
}

/**
 * A secret from the environment (SUBJECT_TOKEN_SECRET, ADMIN_TOKEN): unset means the feature is
 * off; a short one is refused, not used.
 */
export function parseSecret(name: string, value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (encoder.encode(value).length < 32) {
    throw new Error(
      `${name} is too short: use at least 32 random bytes (for example \`openssl rand -base64 32\`).`,
    );
  }
  return value;
}
