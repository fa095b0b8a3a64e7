import { RequestError } from './openloop.js';

/**
 * Tokens the load reuses: access tokens for /api/me and /ws, and refresh chains. A chain is
 * one login whose latest refresh token sits here while no request uses it, so that two
 * refreshes never present the same token: the second would look like a stolen token and
 * revoke the login.
 */
export class TokenBank {
  private readonly access: string[] = [];
  private nextAccess = 0;
  private readonly idle: string[] = [];
  private readonly waiting: ((token: string) => void)[] = [];
  private live = 0;
  /** Chains lost to a failed refresh, whose token state is unknown. */
  dropped = 0;

  constructor(
    private readonly maxAccess: number,
    private readonly maxChains: number,
  ) {}

  /** Keeps the newest tokens, replacing the oldest once full. */
  addAccess(token: string): void {
    if (this.access.length < this.maxAccess) this.access.push(token);
    else this.access[this.nextAccess++ % this.maxAccess] = token;
  }

  accessAt(i: number): string {
    if (this.access.length === 0) throw new RequestError('no_token');
    return this.access[i % this.access.length]!;
  }

  get chains(): number {
    return this.live;
  }

  /** A new login's refresh token; ignored once there are enough chains. */
  addChain(refreshToken: string): void {
    if (this.live >= this.maxChains) return;
    this.live += 1;
    this.putChain(refreshToken);
  }

  /** Hands out an idle chain, waiting for one if all are in use. */
  takeChain(signal: AbortSignal): Promise<string> {
    const token = this.idle.shift();
    if (token !== undefined) return Promise.resolve(token);
    if (this.live === 0) return Promise.reject(new RequestError('no_chain'));

    return new Promise((resolve, reject) => {
      const waiter = (t: string) => resolve(t);
      this.waiting.push(waiter);
      signal.addEventListener('abort', () => {
        const i = this.waiting.indexOf(waiter);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(new RequestError('timeout'));
      });
    });
  }

  /** Returns a chain with its newest refresh token. */
  putChain(refreshToken: string): void {
    const waiter = this.waiting.shift();
    if (waiter) waiter(refreshToken);
    else this.idle.push(refreshToken);
  }

  dropChain(): void {
    this.live -= 1;
    this.dropped += 1;
  }
}
