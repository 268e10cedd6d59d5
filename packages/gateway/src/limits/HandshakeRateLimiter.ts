/**
 * Token buckets keyed by user or source address: `perMinute` handshakes a minute, bursting up
 * to the same number. Buckets that have refilled are forgotten, so memory follows the number of
 * recently active keys, not every key ever seen.
 */
export class HandshakeRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly refillPerMs: number;
  private lastSweep = 0;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.refillPerMs = perMinute / 60000;
  }

  /** Takes one handshake from `key`'s bucket; false when it is empty. */
  tryTake(key: string): boolean {
    const now = this.now();
    this.sweep(now);
    const bucket = this.buckets.get(key) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(
      this.perMinute,
      bucket.tokens + (now - bucket.at) * this.refillPerMs,
    );
    bucket.at = now;
    if (bucket.tokens < 1) {
      this.buckets.set(key, bucket);
      return false;
    }
    bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    return true;
  }

  private sweep(now: number) {
    if (now - this.lastSweep < 60000) return;
    this.lastSweep = now;
    for (const [key, bucket] of this.buckets) {
      if (
        bucket.tokens + (now - bucket.at) * this.refillPerMs >=
        this.perMinute
      ) {
        this.buckets.delete(key);
      }
    }
  }
}
