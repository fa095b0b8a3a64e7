/**
 * A token bucket: `burst` frames at once, refilled at `rate` per second. Pure apart from the
 * clock the caller passes in.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }

  /** Takes one token; false when the bucket is empty. */
  take(now: number): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens < 1) return false;

    this.tokens -= 1;
    return true;
  }

  /** Seconds until the next token. */
  wait(): number {
    return Math.max(0, (1 - this.tokens) / this.rate);
  }
}
