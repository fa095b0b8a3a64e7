import type { Message } from '@chat/proto/chat/message/v1/message';
import type { MessageDoc } from './store.js';

/** A stored message in the contract's shape. */
export function toMessage(doc: MessageDoc): Message {
  return {
    sessionId: doc.sessionId,
    seq: doc.seq,
    id: doc._id,
    clientMsgId: doc.clientMsgId,
    senderId: doc.senderId,
    kind: doc.kind,
    text: doc.text,
    file: doc.file ?? undefined,
    replyToSeq: doc.replyToSeq,
    mentionIds: doc.mentionIds,
    system: doc.system ?? undefined,
    createdAtMs: doc.createdAt.getTime(),
    editedAtMs: doc.editedAt?.getTime() ?? 0,
    recalled: doc.recalled,
  };
}
