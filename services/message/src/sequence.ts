import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Collection } from 'mongodb';
import { UnavailableError, isDuplicateKey } from '@chat/kit';
import { KeyedQueue } from './queue.js';
import type { MessageDoc } from './store.js';

/** A message as its author gives it; the sequence adds id, seq and time. */
export type Draft = Omit<MessageDoc, '_id' | 'seq' | 'createdAt' | 'editedAt' | 'recalled'>;

export interface Appended {
  doc: MessageDoc;
  /** The client message id was stored before; `doc` is that message. */
  duplicate: boolean;
}

const MAX_TRIES = 50;
// Past this many sessions the remembered last seqs are forgotten, which bounds memory.
const MAX_REMEMBERED = 100_000;

/**
 * The id of the message a send makes: the same send always makes the same id, so the look for
 * an earlier copy before storing is a lookup by `_id`, which every store serves from an index
 * (FerretDB 1.24 serves no other filter from one; docs/benchmarks.md). Shaped as a UUID
 * (version 8, RFC 9562) for clients.
 */
export function messageIdOf(send: Pick<Draft, 'sessionId' | 'senderId' | 'clientMsgId'>): string {
  const key = JSON.stringify([send.sessionId, send.senderId, send.clientMsgId]);
  const bytes = createHash('sha256').update(key).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  const groups = [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20)];
  return [...groups, hex.slice(20)].join('-');
}

/**
 * Appends messages with seqs 1, 2, 3… per session and no gaps, however many instances write.
 * A seq exists only once its message is stored: the next one is the stored maximum plus one,
 * and the unique index on (sessionId, seq) turns a race between instances into a retry.
 * Within one instance, appends to a session take turns, so instances rarely collide.
 */
export class Sequence {
  private readonly turns = new KeyedQueue();
  // The last seq this instance stored per session: a guess that saves a read when it is right.
  private readonly lastSeqs = new Map<string, number>();

  constructor(private readonly messages: Collection<MessageDoc>) {}

  /** Stores the draft, or returns the message stored before under its client message id. */
  async append(draft: Draft): Promise<Appended> {
    const id = messageIdOf(draft);
    const stored = await this.messages.findOne({ _id: id });
    if (stored) return { doc: stored, duplicate: true };

    return this.turns.run(draft.sessionId, () => this.insertNext(draft, id));
  }

  private async insertNext(draft: Draft, id: string): Promise<Appended> {
    let guess = this.lastSeqs.get(draft.sessionId);

    for (let attempt = 1; attempt <= MAX_TRIES; attempt++) {
      const seq = (guess ?? (await this.storedMax(draft.sessionId))) + 1;
      const doc: MessageDoc = {
        ...draft,
        _id: id,
        seq,
        createdAt: new Date(),
        editedAt: null,
        recalled: false,
      };

      try {
        await this.messages.insertOne(doc);
        this.remember(draft.sessionId, seq);
        return { doc, duplicate: false };
      } catch (err) {
        this.lastSeqs.delete(draft.sessionId);
        if (!isDuplicateKey(err)) throw err;
      }

      // Either the same send won on another instance, or another message took the seq. The
      // lookup is by the send's fields, which also finds a copy stored under an older id.
      const stored = await this.findSent(draft);
      if (stored) return { doc: stored, duplicate: true };
      guess = undefined;
      await sleep(Math.random() * Math.min(attempt, 10));
    }
    throw new UnavailableError('message', new Error(`no free seq after ${MAX_TRIES} tries`));
  }

  private async storedMax(sessionId: string): Promise<number> {
    const last = await this.messages.findOne(
      { sessionId },
      { sort: { seq: -1 }, projection: { seq: 1 } },
    );
    return last?.seq ?? 0;
  }

  private findSent(draft: Draft): Promise<MessageDoc | null> {
    const { sessionId, senderId, clientMsgId } = draft;
    return this.messages.findOne({ sessionId, senderId, clientMsgId });
  }

  private remember(sessionId: string, seq: number): void {
    if (this.lastSeqs.size >= MAX_REMEMBERED) this.lastSeqs.clear();
    this.lastSeqs.set(sessionId, seq);
  }
}
