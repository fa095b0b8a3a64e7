import type { ChatMessage } from '../api/chatTypes';
import type { ApiError } from '../api/client';
import type { OutgoingMessage } from './chatFrames';

export type OutboxStatus = 'pending' | 'failed';

/** A message typed here and not yet acknowledged; it keeps its clientMsgId across retries. */
export interface OutboxEntry extends OutgoingMessage {
  status: OutboxStatus;
  error: ApiError | null;
  createdAt: string;
}

// Limitation: only text is sent; pictures, files and voice notes are shown as labels, since the
// composer has no upload until the files service is wired in.
export function newOutboxEntry(
  sessionId: string,
  text: string,
  extra: { replyToSeq?: number; mentionIds?: string[] },
  makeId: () => string = () => crypto.randomUUID(),
): OutboxEntry {
  return {
    sessionId,
    clientMsgId: makeId(),
    kind: 'text',
    text,
    replyToSeq: extra.replyToSeq || undefined,
    mentionIds: extra.mentionIds?.length ? [...extra.mentionIds] : undefined,
    status: 'pending',
    error: null,
    createdAt: new Date().toISOString(),
  };
}

/** The wire fields of an entry: exactly what is sent again on retry. */
export function outgoingOf(entry: OutboxEntry): OutgoingMessage {
  const { sessionId, clientMsgId, kind, text, replyToSeq, mentionIds } = entry;
  return { sessionId, clientMsgId, kind, text, replyToSeq, mentionIds };
}

export type ItemStatus = 'sent' | OutboxStatus;

/** One row of the message list: a stored message, or one still in the outbox. */
export interface TimelineItem {
  key: string;
  status: ItemStatus;
  message: ChatMessage;
  error: ApiError | null;
}

/** Stored messages in seq order, then the outbox in the order it was typed. */
export function timelineItems(
  messages: ChatMessage[],
  outbox: OutboxEntry[],
  senderId: string,
): TimelineItem[] {
  const stored = messages.map((message) => ({
    key: `s${message.seq}`,
    status: 'sent' as const,
    message,
    error: null,
  }));
  const waiting = outbox.map((entry) => ({
    key: `c${entry.clientMsgId}`,
    status: entry.status,
    message: draftMessage(entry, senderId),
    error: entry.error,
  }));

  return [...stored, ...waiting];
}

/** The message as it will look once stored, with seq 0 until the ack names it. */
export function draftMessage(entry: OutboxEntry, senderId: string): ChatMessage {
  return {
    sessionId: entry.sessionId,
    seq: 0,
    id: '',
    clientMsgId: entry.clientMsgId,
    senderId,
    kind: entry.kind,
    text: entry.text,
    file: null,
    replyToSeq: entry.replyToSeq ?? 0,
    mentionIds: entry.mentionIds ?? [],
    system: null,
    createdAt: entry.createdAt,
    editedAt: null,
    recalled: false,
  };
}
