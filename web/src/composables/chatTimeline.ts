import type { ChatMessage } from '../api/chatTypes';

/**
 * Merges messages into a timeline held in seq order. A seq already held is replaced by the
 * newer copy (an edit or recall), so applying the same page twice changes nothing.
 */
export function mergeMessages(held: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  if (incoming.length === 0) return held;

  const bySeq = new Map(held.map((message) => [message.seq, message]));
  for (const message of incoming) bySeq.set(message.seq, message);

  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** The highest seq held, 0 for none: where a `sync` starts. */
export function highestSeq(messages: readonly ChatMessage[]): number {
  return messages.at(-1)?.seq ?? 0;
}

/** The lowest seq held, 0 for none: where the next `history` page ends. */
export function lowestSeq(messages: readonly ChatMessage[]): number {
  return messages[0]?.seq ?? 0;
}

/** A deliver more than one past what is held means frames were missed (docs/protocol.md). */
export function isGap(heldSeq: number, deliveredSeq: number): boolean {
  return deliveredSeq > heldSeq + 1;
}
