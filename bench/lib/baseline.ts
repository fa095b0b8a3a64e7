import { randomUUID } from 'node:crypto';
import { MongoClient, type Collection } from 'mongodb';
import type { MessageDoc } from '../../services/message/src/store.js';
import { messageIndexes, openMessages } from '../../services/message/src/store.js';
import { RequestError, type Send } from './openloop.js';

/** Where the driver's own inserts go: the message service's database, a collection apart. */
export const BASELINE_COLLECTION = 'baseline_messages';

/**
 * The database driver doing alone what the send pipeline does last: one insertOne per message,
 * at the message service's own write concern, into a collection with its indexes. What the
 * pipeline costs beyond this is the membership check, the duplicate lookup, the bus and the
 * announcement.
 */
export class DriverBaseline {
  private readonly seqs = new Map<string, number>();

  private constructor(
    private readonly client: MongoClient,
    private readonly inserts: Collection<MessageDoc>,
    /** The service's `messages` collection, for the driver's direct history query. */
    private readonly messages: Collection<MessageDoc>,
  ) {}

  static async open(url: string, dbName: string): Promise<DriverBaseline> {
    const client = await MongoClient.connect(url, { serverSelectionTimeoutMS: 5_000 });
    const db = client.db(dbName);
    const messages = openMessages(db);
    const inserts = db.collection<MessageDoc>(BASELINE_COLLECTION, {
      writeConcern: messages.writeConcern,
    });
    // One index per command, as the services create them (FerretDB 1.24; see kit's mongo.ts).
    for (const spec of messageIndexes.flatMap((c) => c.indexes)) {
      await inserts.createIndexes([spec]);
    }
    return new DriverBaseline(client, inserts, messages);
  }

  /** The write concern both the pipeline and this baseline use, for the report. */
  get writeConcern(): unknown {
    return this.inserts.writeConcern;
  }

  /** insertOne of a text message, the sessions taken in turn, each with its own seqs. */
  insert(sessionIds: string[], senderId: string, run: string): Send {
    return async (i) => {
      const sessionId = sessionIds[i % sessionIds.length]!;
      const seq = (this.seqs.get(sessionId) ?? 0) + 1;
      this.seqs.set(sessionId, seq);
      await this.inserts.insertOne(messageDoc(sessionId, seq, senderId, `${run}-d-${i}-${seq}`));
    };
  }

  /** The history query the service runs, straight from the driver: 50 messages before a seq. */
  history(sessionId: (i: number) => string, beforeSeq: (i: number) => number): Send {
    return async (i) => {
      const filter = { sessionId: sessionId(i), seq: { $lt: beforeSeq(i) } };
      const docs = await this.messages.find(filter).sort({ seq: -1 }).limit(51).toArray();
      if (docs.length < 50) throw new RequestError('short_page');
    };
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

function messageDoc(sessionId: string, seq: number, senderId: string, id: string): MessageDoc {
  return {
    _id: randomUUID(),
    sessionId,
    seq,
    clientMsgId: id,
    senderId,
    kind: 'text',
    text: `load message ${seq}`,
    file: null,
    replyToSeq: 0,
    mentionIds: [],
    system: null,
    createdAt: new Date(),
    editedAt: null,
    recalled: false,
  };
}
