import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TokenBucket } from './ratelimit.js';

describe('TokenBucket', () => {
  it('allows a burst, then refuses until time refills it at the rate', () => {
    const bucket = new TokenBucket(2, 3, 0);

    assert.deepEqual(
      [1, 2, 3, 4].map(() => bucket.take(0)),
      [true, true, true, false],
    );
    assert.equal(bucket.wait(), 0.5);
    assert.equal(bucket.take(400), false);
    assert.equal(bucket.take(500), true);
  });

  it('never holds more than the burst, however long it was idle', () => {
    const bucket = new TokenBucket(10, 2, 0);
    const taken = [1, 2, 3].map(() => bucket.take(60_000));
    assert.deepEqual(taken, [true, true, false]);
  });
});
