import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pageStart } from './message-series.js';

describe('pageStart', () => {
  it('leaves at least 50 messages after every start of a session of 61', () => {
    // 60 sent messages and the system message of the session's creation: seqs 1 to 61.
    for (let i = 0; i < 500; i++) {
      const start = pageStart(i, 60);
      assert.ok(start >= 0 && 61 - start >= 50, `page ${i} starts after seq ${start}`);
    }
  });

  it('uses every start a session offers, not just the first', () => {
    const starts = new Set(Array.from({ length: 100 }, (_, i) => pageStart(i, 60)));

    assert.equal(starts.size, 12);
  });

  it('starts at the beginning when the session holds just one page', () => {
    assert.equal(pageStart(5, 49), 0);
  });
});
