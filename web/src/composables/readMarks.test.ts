import { describe, expect, it } from 'vitest';
import type { TimelineItem } from './chatOutbox';
import { advanceRead, seenMark } from './readMarks';
import { aMessage } from '../test/chatFixtures';

function sent(seq: number, senderId: string, recalled = false): TimelineItem {
  return {
    key: `m-${seq}`,
    status: 'sent',
    message: aMessage({ seq, senderId, recalled }),
    error: null,
  };
}

describe('seenMark', () => {
  const items = [sent(1, 'me'), sent(2, 'bo'), sent(3, 'me'), sent(4, 'bo')];

  it('counts the others who read up to the viewer`s newest message', () => {
    expect(seenMark(items, 'me', { me: 4, bo: 3, cy: 2, di: 9 })).toEqual({ seq: 3, count: 2 });
  });

  it('shows nothing while no one else has read that far', () => {
    expect(seenMark(items, 'me', { me: 4, bo: 2 })).toBeNull();
  });

  it('skips pending and recalled messages of the viewer', () => {
    const pending: TimelineItem = { ...sent(0, 'me'), status: 'pending' };
    const withRecall = [sent(1, 'me'), sent(2, 'me', true), pending];
    expect(seenMark(withRecall, 'me', { bo: 2 })).toEqual({ seq: 1, count: 1 });
  });
});

describe('advanceRead', () => {
  it('moves a read mark forward only', () => {
    const marks = advanceRead({ bo: 5 }, 'bo', 3);
    expect(marks).toEqual({ bo: 5 });
    expect(advanceRead(marks, 'bo', 7)).toEqual({ bo: 7 });
    expect(advanceRead(marks, 'cy', 1)).toEqual({ bo: 5, cy: 1 });
  });
});
