/**
 * Rate limits (token buckets) per client address and per subject: a burst is allowed, then a
 * steady rate; whoever goes over is answered `429` with `Retry-After`, which the component
 * honors. Pure and clock-injected, no Node APIs.
 */

export interface RateLimit {
  /** Requests (for the storage quota: bytes) allowed at once. */
  readonly burst: number;
  /** Requests (bytes) allowed per second after that. */
  readonly perSecond: number;
}

export const DEFAULT_LIMITS = {
  /** A shop's pages make a few requests per visit; an office behind one address makes more. */
  perAddress: {burst: 120, perSecond: 20},
  /** One customer: a restore per page and a record per decision, fast toggling included. */
  perSubject: {burst: 30, perSecond: 1},
  /**
   * Bytes of records one client address may have stored: 1 MiB at once (about a thousand
   * decisions), then about 1 MiB an hour. Without it, one address can grow the database by
   * megabytes a second with the largest valid records for ever new anonymous subjects.
   */
  storagePerAddress: {burst: 1024 * 1024, perSecond: 292},
} as const satisfies Record<string, RateLimit>;

export interface RateLimits {
  readonly perAddress?: RateLimit | undefined;
  readonly perSubject?: RateLimit | undefined;
  readonly storagePerAddress?: RateLimit | undefined;
}

/**
 * The key a client address is limited under. One IPv6 customer usually holds a whole /64 (a
 * home or a phone gets one, and picks new addresses in it at will), so an IPv6 address counts
 * by its first 64 bits, however it is written (`2001:DB8:0:1::7`, `2001:db8:0:1:0:0:0:7`,
 * `[2001:db8:0:1::7]`, `fe80::1%eth0`). An IPv4 address, also when written IPv4-mapped
 * (`::ffff:203.0.113.7`, what a dual-stack socket reports), counts as itself. Anything else
 * is its own key, as it is.
 */
export function addressKey(address: string): string {
  const bare = address
    .trim()
    .replace(/^\[(.*)\]$/, '$1') // brackets, as in a URL
    .replace(/%.*$/, ''); // a zone: an interface on this machine, not part of the address
  const groups = ipv6Groups(bare);
  if (!groups) return address.trim();
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    const [high, low] = [groups[6]!, groups[7]!];
    return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address in any RFC 4291 spelling, or `undefined`. */
function ipv6Groups(text: string): number[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parts = halves.map((half) => (half === '' ? [] : half.split(':')));
  // A dotted IPv4 address may stand for the last two groups.
  const last = parts.at(-1)!;
  const dotted = last.at(-1)?.includes('.') ? ipv4Octets(last.pop()!) : [];
  if (dotted === undefined) return undefined;
  if (dotted.length === 4) last.push('', ''); // placeholders, replaced below
  const count = parts.reduce((sum, part) => sum + part.length, 0);
  if (halves.length === 1 ? count !== 8 : count > 7) return undefined;
  const words = [...parts[0]!, ...Array<string>(8 - count).fill('0'), ...(parts[1] ?? [])];
  if (dotted.length === 4) {
    words.splice(
      6,
      2,
      ((dotted[0]! << 8) | dotted[1]!).toString(16),
      ((dotted[2]! << 8) | dotted[3]!).toString(16),
    );
  }
  if (!words.every((word) => /^[0-9a-f]{1,4}$/i.test(word))) return undefined;
  return words.map((word) => parseInt(word, 16));
}

/** The four octets of a dotted IPv4 address (no leading zeros), or `undefined`. */
function ipv4Octets(text: string): number[] | undefined {
  const octets = text.split('.');
  if (octets.length !== 4 || !octets.every((octet) => /^(0|[1-9]\d{0,2})$/.test(octet)))
    return undefined;
  const numbers = octets.map(Number);
  return numbers.every((octet) => octet <= 255) ? numbers : undefined;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: RateLimit,
    /** Beyond this many keys, buckets that are full again are forgotten (they equal new ones). */
    private readonly maxKeys = 100_000,
  ) {}

  /**
   * Takes `cost` tokens for `key` (one request, or a record's bytes): 0 when the request may go,
   * else the milliseconds until it may. A cost above the burst counts as the burst, so that it
   * can go once the bucket is full.
   */
  take(key: string, now: number, cost = 1): number {
    const {burst, perSecond} = this.limit;
    const need = Math.min(cost, burst);
    const bucket = this.buckets.get(key) ?? {tokens: burst, updatedAt: now};
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * perSecond);
    bucket.updatedAt = now;
    if (bucket.tokens >= need) {
      bucket.tokens -= need;
      this.buckets.set(key, bucket);
      if (this.buckets.size > this.maxKeys) this.forgetFull(now);
      return 0;
    }
    this.buckets.set(key, bucket);
    return Math.ceil(((need - bucket.tokens) / perSecond) * 1000);
  }

  private forgetFull(now: number): void {
    const {burst, perSecond} = this.limit;
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.updatedAt) / 1000) * perSecond >= burst)
        this.buckets.delete(key);
    }
  }
}

/**
 * `RATE_LIMIT_PER_ADDRESS` / `RATE_LIMIT_PER_SUBJECT`: `burst/perSecond` (`120/20`), or `off`.
 * Unset: the default. Anything else is refused with a message that says how to write it.
 */
export function parseRateLimit(
  name: string,
  value: string | undefined,
  fallback: RateLimit,
): RateLimit | undefined {
  if (value === undefined || value === '') return fallback;
  if (value === 'off') return undefined;
  const match = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(value);
  const burst = Number(match?.[1]);
  const perSecond = Number(match?.[2]);
  if (!match || burst < 1 || perSecond <= 0) {
    throw new Error(
      `${name}="${value}" is not a rate limit: write burst/perSecond, such as ${fallback.burst}/${fallback.perSecond}, or off.`,
    );
  }
  return {burst, perSecond};
}

/**
 * The limits the environment sets (RATE_LIMIT_PER_ADDRESS, RATE_LIMIT_PER_SUBJECT, and
 * STORAGE_PER_ADDRESS in bytes).
 */
export function rateLimitsFrom(env: Readonly<Record<string, string | undefined>>): RateLimits {
  return {
    perAddress: parseRateLimit(
      'RATE_LIMIT_PER_ADDRESS',
      env.RATE_LIMIT_PER_ADDRESS,
      DEFAULT_LIMITS.perAddress,
    ),
    perSubject: parseRateLimit(
      'RATE_LIMIT_PER_SUBJECT',
      env.RATE_LIMIT_PER_SUBJECT,
      DEFAULT_LIMITS.perSubject,
    ),
    storagePerAddress: parseRateLimit(
      'STORAGE_PER_ADDRESS',
      env.STORAGE_PER_ADDRESS,
      DEFAULT_LIMITS.storagePerAddress,
    ),
  };
}
