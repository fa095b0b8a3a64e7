import type { Collection, Db } from 'mongodb';
import type { CollectionIndexes } from '@chat/kit';

export type MessageKind = 'text' | 'image' | 'file' | 'voice' | 'system';

export interface FileDoc {
  fileId: string;
  name: string;
  mimeType: string;
  size: number;
  thumbnailFileId: string;
  width: number;
  height: number;
  durationMs: number;
}

export interface SystemDoc {
  action: string;
  actorId: string;
  targetIds: string[];
  detail: string;
}

/**
 * One message of a session. System messages have an empty sender and the event id as
 * clientMsgId.
 */
export interface MessageDoc {
  _id: string;
  sessionId: string;
  seq: number;
  clientMsgId: string;
  senderId: string;
  kind: MessageKind;
  text: string;
  file: FileDoc | null;
  replyToSeq: number;
  mentionIds: string[];
  system: SystemDoc | null;
  createdAt: Date;
  editedAt: Date | null;
  recalled: boolean;
}

export function openMessages(db: Db): Collection<MessageDoc> {
  // A send is acknowledged only once the write is journaled on a majority (docs/protocol.md).
  return db.collection<MessageDoc>('messages', { writeConcern: { w: 'majority', journal: true } });
}

// The seq index makes numbering safe across instances: two writers of the same seq cannot both
// succeed. The client index makes a retried send find the message stored the first time.
export const messageIndexes: CollectionIndexes[] = [
  {
    collection: 'messages',
    indexes: [
      { key: { sessionId: 1, seq: 1 }, name: 'session_seq_unique', unique: true },
      {
        key: { sessionId: 1, senderId: 1, clientMsgId: 1 },
        name: 'client_msg_unique',
        unique: true,
      },
    ],
  },
];
