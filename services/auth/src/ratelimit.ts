import { RateLimitedError, upsertRacing } from '@chat/kit';
import type { Collection } from 'mongodb';
import type { AttemptDoc } from './store.js';

/**
 * Fixed-window counters kept in the database, so that every auth instance sees the same
 * counts. A window starts at the first attempt and lasts `windowS` seconds.
 */
export class AttemptLimiter {
  constructor(
    private readonly attempts: Collection<AttemptDoc>,
    private readonly windowS: number,
  ) {}

  /** Throws RateLimitedError when the key already has `limit` attempts in its window. */
  async check(key: string, limit: number): Promise<void> {
    const doc = await this.attempts.findOne({ _id: key });
    if (!doc || doc.windowEnds.getTime() <= Date.now() || doc.count < limit) return;

    throw new RateLimitedError(Math.ceil((doc.windowEnds.getTime() - Date.now()) / 1000));
  }

  /** Counts one attempt against the key. */
  async record(key: string): Promise<void> {
    const now = new Date();
    const windowEnds = new Date(now.getTime() + this.windowS * 1000);

    // A window that has ended starts over at this attempt.
    const reset = await this.attempts.updateOne(
      { _id: key, windowEnds: { $lte: now } },
      { $set: { count: 1, windowEnds } },
    );
    if (reset.matchedCount > 0) return;

    // Two first attempts at once both try to insert the key.
    await upsertRacing(() =>
      this.attempts.updateOne(
        { _id: key },
        { $inc: { count: 1 }, $setOnInsert: { windowEnds } },
        { upsert: true },
      ),
    );
  }

  async clear(key: string): Promise<void> {
    await this.attempts.deleteOne({ _id: key });
  }

  /** Deletes windows that have ended. */
  async prune(): Promise<void> {
    await this.attempts.deleteMany({ windowEnds: { $lte: new Date() } });
  }
}
