import { describe, expect, it } from 'vitest';
import { aMessage } from '../test/chatFixtures';
import { highestSeq, isGap, lowestSeq, mergeMessages } from './chatTimeline';

describe('chat timeline', () => {
  it('merges pages and deliveries into seq order, newer copies replacing older', () => {
    const held = [aMessage({ seq: 2 }), aMessage({ seq: 3 })];
    const merged = mergeMessages(held, [
      aMessage({ seq: 1 }),
      aMessage({ seq: 3, text: 'edited' }),
    ]);

    expect(merged.map((m) => [m.seq, m.text])).toEqual([
      [1, 'message 1'],
      [2, 'message 2'],
      [3, 'edited'],
    ]);
  });

  it('knows the seq range held, 0 when empty', () => {
    expect([lowestSeq([]), highestSeq([])]).toEqual([0, 0]);
    expect(highestSeq([aMessage({ seq: 4 }), aMessage({ seq: 9 })])).toBe(9);
  });

  it('calls a deliver more than one past the held seq a gap', () => {
    expect(isGap(3, 4)).toBe(false);
    expect(isGap(3, 3)).toBe(false);
    expect(isGap(3, 5)).toBe(true);
    expect(isGap(0, 2)).toBe(true);
  });
});
