/**
 * Rate limits (token buckets) per client address and per subject: a burst is allowed, then a
 * steady rate; whoever goes over is answered `429` with `Retry-After`, which the component
 * honors. Pure and clock-injected, no Node APIs.
 */

export interface RateLimit {
  /** Requests allowed at once. */
  readonly burst: number;
  /** Requests allowed per second after that. */
  readonly perSecond: number;
}

export const DEFAULT_LIMITS = {
  /** A shop's pages make a few requests per visit; an office behind one address makes more. */
  perAddress: {burst: 120, perSecond: 20},
  /** One customer: a restore per page and a record per decision, fast toggling included. */
  perSubject: {burst: 30, perSecond: 1},
} as const satisfies Record<string, RateLimit>;

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

  /** Takes a token for `key`: 0 when the request may go, else the milliseconds until it may. */
  take(key: string, now: number): number {
    const {burst, perSecond} = this.limit;
    const bucket = this.buckets.get(key) ?? {tokens: burst, updatedAt: now};
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * perSecond);
    bucket.updatedAt = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      this.buckets.set(key, bucket);
      if (this.buckets.size > this.maxKeys) this.forgetFull(now);
      return 0;
    }
    this.buckets.set(key, bucket);
    return Math.ceil(((1 - bucket.tokens) / perSecond) * 1000);
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

/** The limits the environment sets (RATE_LIMIT_PER_ADDRESS, RATE_LIMIT_PER_SUBJECT). */
export function rateLimitsFrom(env: Readonly<Record<string, string | undefined>>): {
  perAddress: RateLimit | undefined;
  perSubject: RateLimit | undefined;
} {
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
  };
}
