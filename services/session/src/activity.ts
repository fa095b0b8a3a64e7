import { subjects, type Bus, type Logger } from '@chat/kit';
import { MessageEvent, type Message } from '@chat/proto/chat/message/v1/message';
import { previewOf } from './rules.js';
import { membershipId, type LastMessageDoc, type SessionStore } from './store.js';

/** One session instance handles each event. */
const QUEUE = 'session';

/** The list preview of a message. */
export function lastMessageOf(message: Message): LastMessageDoc {
  return {
    seq: message.seq,
    senderId: message.senderId,
    kind: message.kind,
    preview: message.recalled
      ? ''
      : previewOf(message.kind, message.text, message.system?.action ?? ''),
    createdAtMs: message.createdAtMs,
  };
}

export interface ActivityFollower {
  /** Takes no more events, then waits until those received are applied. */
  stop(): Promise<void>;
}

/**
 * Follows the message service's events to keep each session's activity time, last seq and
 * last-message preview, and to move the sender's read mark past their own message.
 */
export function followActivity(bus: Bus, store: SessionStore, log: Logger): ActivityFollower {
  // Events are applied one at a time, in arrival order: each update reads what the one before
  // wrote (FerretDB applies a conditional update as a read and a write, not atomically).
  // Limitation: the queue has no bound; above the rate the database keeps up with, it grows in
  // memory (docs/benchmarks.md measures that rate).
  let queue = Promise.resolve();
  const subscription = bus.nc.subscribe(subjects.anyEvent, {
    queue: QUEUE,
    callback: (err, msg) => {
      if (err) return;
      let event: MessageEvent;
      try {
        event = MessageEvent.decode(msg.data);
      } catch (cause) {
        log.warn({ err: cause, subject: msg.subject }, 'malformed message event ignored');
        return;
      }
      queue = queue.then(() =>
        applyEvent(store, event).catch((cause: unknown) =>
          log.warn({ err: cause, subject: msg.subject }, 'activity update failed'),
        ),
      );
    },
  });

  return {
    stop: async () => {
      await subscription.drain().catch(() => undefined);
      await queue;
    },
  };
}

export async function applyEvent(store: SessionStore, event: MessageEvent): Promise<void> {
  const message = event.message;
  if (!message || message.seq <= 0) return;
  const { sessionId, seq } = message;
  const last = lastMessageOf(message);

  if (event.type === 'stored') {
    await store.sessions.updateOne(
      { _id: sessionId, lastSeq: { $lt: seq } },
      { $set: { lastSeq: seq, lastMessage: last, lastActivityMs: last.createdAtMs || Date.now() } },
    );
    // One's own messages, and the system messages of one's own actions, are not unread.
    const author = message.senderId || message.system?.actorId || '';
    if (author !== '') {
      await store.memberships.updateOne(
        { _id: membershipId(sessionId, author), readSeq: { $lt: seq } },
        { $set: { readSeq: seq } },
      );
    }
    return;
  }
  if (event.type === 'edited' || event.type === 'recalled') {
    await store.sessions.updateOne(
      { _id: sessionId, 'lastMessage.seq': seq },
      { $set: { 'lastMessage.preview': last.preview } },
    );
  }
}
