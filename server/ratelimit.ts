/**
 * Per-token rate limit: a token bucket per token id, in this instance's memory (each instance
 * behind a load balancer limits on its own; the limit is a guard, not a quota). A token may
 * carry its own limit (set when it was made); the hub's applies to the others.
 */
export interface RateLimitOptions {
  /** Sustained requests per second. */
  perSecond: number;
  /** Requests allowed at once above the sustained rate. */
  burst: number;
}

export class RateLimiter {
  private buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private opts: RateLimitOptions,
    private clock: () => number = Date.now,
  ) {}

  /** 0 when the request may go, else the seconds to wait. */
  take(key: string, own?: RateLimitOptions): number {
    const now = this.clock();
    const { perSecond, burst } = own ?? this.opts;
    const b = this.buckets.get(key) ?? { tokens: burst, at: now };
    b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * perSecond);
    b.at = now;
    if (this.buckets.size > 100_000) this.buckets.clear();
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / perSecond));
  }
}
