import type { TimelineItem } from './chatOutbox';

/** How far each member has read, by user id. */
export type ReadSeqs = Record<string, number>;

/** Where to show "seen": the viewer's newest stored message, and how many others read it. */
export interface SeenMark {
  seq: number;
  count: number;
}

/**
 * The read receipt to show: on the viewer's newest stored message, the number of other members
 * whose read mark has reached it. None when no one else has read that far.
 */
export function seenMark(
  items: TimelineItem[],
  selfId: string,
  readSeqs: ReadSeqs,
): SeenMark | null {
  const own = items.findLast(
    (item) => item.status === 'sent' && item.message.senderId === selfId && !item.message.recalled,
  );
  if (!own) return null;

  const { seq } = own.message;
  const count = Object.entries(readSeqs).filter(
    ([id, read]) => id !== selfId && read >= seq,
  ).length;
  return count > 0 ? { seq, count } : null;
}

/** Takes a read mark into `readSeqs`; marks only move forward. */
export function advanceRead(readSeqs: ReadSeqs, userId: string, seq: number): ReadSeqs {
  if ((readSeqs[userId] ?? 0) >= seq) return readSeqs;
  return { ...readSeqs, [userId]: seq };
}
