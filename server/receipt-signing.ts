/**
 * Receipts that verify themselves (docs/consent-endpoint.md, under that title): with an Ed25519
 * key, every answer that carries a receipt gets `signature`, Ed25519 over the canonical JSON
 * (RFC 8785) of exactly `{receiptId, recordedAt, record}`, and the public key is served as a
 * JWK, so a customer's downloaded receipt can be checked by anyone, without the site. Web Crypto
 * only: the app stays portable (runtime.test.ts); reading a key file is the runtime's part.
 */
import canonicalize from 'canonicalize';
import {receiptContent, type ConsentAnswer} from '../src/core/protocol.js';

/** The public key as a JWK (RFC 8037), `kid` its RFC 7638 thumbprint. */
export interface ReceiptKey {
  readonly kty: 'OKP';
  readonly crv: 'Ed25519';
  readonly x: string;
  readonly kid: string;
  readonly use: 'sig';
}

export interface ReceiptSigner {
  readonly publicKey: ReceiptKey;
  /** The answer with its `signature`. */
  sign(answer: ConsentAnswer): Promise<ConsentAnswer>;
}

/** Signs answers with `signer`, or leaves them as they are without one. */
export function signedWith(
  signer: ReceiptSigner | undefined,
): (answer: ConsentAnswer) => Promise<ConsentAnswer> {
  return signer ? (answer) => signer.sign(answer) : async (answer) => answer;
}

/** The bytes a receipt's signature covers: the RFC 8785 form of its three signed fields. */
export function signedBytes(answer: ConsentAnswer): Uint8Array<ArrayBuffer> {
  // canonicalize gives undefined only for a value JSON cannot hold; an answer is an object.
  return new TextEncoder().encode(canonicalize(receiptContent(answer))!);
}

const HOW_TO_MAKE_ONE = 'make one with `openssl genpkey -algorithm ed25519 -out receipt-key.pem`';

const ED25519 = '2b6570';
/**
 * Other key algorithms a PKCS#8 file may hold, by the DER of their object identifier: named in
 * the refusal, so that an operator who gave an RSA key reads that it is one.
 */
const OTHER_ALGORITHMS: Readonly<Record<string, string>> = {
  '2b6571': 'an Ed448 key',
  '2b656e': 'an X25519 key',
  '2b656f': 'an X448 key',
  '2a864886f70d010101': 'an RSA key',
  '2a864886f70d01010a': 'an RSA-PSS key',
  '2a8648ce3d0201': 'an EC key',
  '2a8648ce380401': 'a DSA key',
};

/**
 * A signer from an Ed25519 private key in PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`), or an
 * error whose one-line message says what is wrong with it. `name` is the setting it came from.
 */
export async function receiptSignerFromPem(pem: string, name: string): Promise<ReceiptSigner> {
  const refuse = (why: string) => new Error(`${name} ${why}: ${HOW_TO_MAKE_ONE}.`);
  // Environments that cannot hold line breaks often carry them as the two characters "\n".
  const text = pem.replaceAll('\\n', '\n');
  const label = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(text)?.[1];
  if (label === undefined) throw refuse('is not a PEM key (no -----BEGIN PRIVATE KEY----- line)');
  if (label !== 'PRIVATE KEY') {
    throw refuse(
      label.includes('PUBLIC')
        ? 'is a public key; the server needs the private key'
        : label === 'ENCRYPTED PRIVATE KEY'
          ? 'is encrypted; the server needs it unencrypted (PKCS#8, -----BEGIN PRIVATE KEY-----)'
          : `is a PEM "${label}"; it must be an Ed25519 key in PKCS#8 (-----BEGIN PRIVATE KEY-----)`,
    );
  }
  const body = new RegExp(`-----BEGIN ${label}-----([^-]*)-----END ${label}-----`).exec(text)?.[1];
  const der = body === undefined ? undefined : base64Bytes(body.replace(/\s/g, ''));
  if (der === undefined) throw refuse('is not a readable PEM key');
  const algorithm = algorithmOf(der);
  if (algorithm === undefined) throw refuse('is not a readable PKCS#8 private key');
  if (algorithm !== ED25519) {
    const known = OTHER_ALGORITHMS[algorithm];
    throw refuse(`is ${known ?? `a key of another algorithm (OID ${algorithm})`}, not Ed25519`);
  }
  const keys = await importEd25519(der).catch(() => undefined);
  if (keys === undefined) throw refuse('is not a valid Ed25519 private key');
  const {signingKey, x} = keys;
  const publicKey: ReceiptKey = {
    kty: 'OKP',
    crv: 'Ed25519',
    x,
    kid: await thumbprint(x),
    use: 'sig',
  };
  return {
    publicKey,
    async sign(answer) {
      const signature = await crypto.subtle.sign('Ed25519', signingKey, signedBytes(answer));
      return {...receiptContent(answer), signature: base64url(new Uint8Array(signature))};
    },
  };
}

/**
 * The key that signs (not extractable) and its public half: Web Crypto gives `x` only with the
 * private JWK, so the key is imported once more as extractable to learn it.
 */
async function importEd25519(der: Uint8Array<ArrayBuffer>) {
  const exportable = await crypto.subtle.importKey('pkcs8', der, 'Ed25519', true, ['sign']);
  const {x} = await crypto.subtle.exportKey('jwk', exportable);
  if (x === undefined) throw new Error('no public key');
  const signingKey = await crypto.subtle.importKey('pkcs8', der, 'Ed25519', false, ['sign']);
  return {signingKey, x};
}

/** RFC 7638: SHA-256 of the required members in lexicographic order, base64url. */
async function thumbprint(x: string): Promise<string> {
  const members = new TextEncoder().encode(`{"crv":"Ed25519","kty":"OKP","x":"${x}"}`);
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', members)));
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

function base64Bytes(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (text === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
  try {
    return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
  } catch {
    return undefined; // a length no base64 has
  }
}

/**
 * The key algorithm of a PKCS#8 PrivateKeyInfo (RFC 5208: SEQUENCE { INTEGER version,
 * SEQUENCE { OBJECT IDENTIFIER algorithm, … }, … }) as its OID's DER in hex; `undefined` when
 * the bytes are not that structure.
 */
function algorithmOf(der: Uint8Array): string | undefined {
  const info = element(der, 0, 0x30);
  const version = info && element(der, info.contentStart, 0x02);
  const identifier = version && element(der, version.end, 0x30);
  const oid = identifier && element(der, identifier.contentStart, 0x06);
  if (!oid || info.end !== der.length) return undefined;
  return Array.from(der.subarray(oid.contentStart, oid.end), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
}

/** The DER element with `tag` at `start`: where its content starts and where it ends. */
function element(
  der: Uint8Array,
  start: number,
  tag: number,
): {contentStart: number; end: number} | undefined {
  if (der[start] !== tag || start + 1 >= der.length) return undefined;
  let length = der[start + 1]!;
  let contentStart = start + 2;
  if (length & 0x80) {
    const octets = length & 0x7f;
    if (octets < 1 || octets > 3) return undefined;
    length = 0;
    for (let i = 0; i < octets; i += 1) length = length * 256 + (der[contentStart + i] ?? NaN);
    contentStart += octets;
  }
  const end = contentStart + length;
  return Number.isNaN(end) || end > der.length ? undefined : {contentStart, end};
}

/**
 * The signer the environment asks for: `RECEIPT_SIGNING_KEY` (the PEM itself) or
 * `RECEIPT_SIGNING_KEY_FILE` (its path, for a secret mounted as a file); none without either.
 * `readText` is the runtime's way to read a file (Node's in main.ts).
 */
export async function receiptSignerFrom(
  env: {
    RECEIPT_SIGNING_KEY?: string | undefined;
    RECEIPT_SIGNING_KEY_FILE?: string | undefined;
  },
  readText: (path: string) => string,
): Promise<ReceiptSigner | undefined> {
  const pem = env.RECEIPT_SIGNING_KEY?.trim();
  const file = env.RECEIPT_SIGNING_KEY_FILE?.trim();
  if (pem && file) {
    throw new Error('Set RECEIPT_SIGNING_KEY or RECEIPT_SIGNING_KEY_FILE, not both.');
  }
  if (pem) return receiptSignerFromPem(pem, 'RECEIPT_SIGNING_KEY');
  if (!file) return undefined;
  let text: string;
  try {
    text = readText(file);
  } catch (error) {
    const code = (error as {code?: unknown}).code;
    throw new Error(
      `RECEIPT_SIGNING_KEY_FILE ${file} cannot be read${typeof code === 'string' ? ` (${code})` : ''}.`,
    );
  }
  return receiptSignerFromPem(text, `RECEIPT_SIGNING_KEY_FILE (${file})`);
}
