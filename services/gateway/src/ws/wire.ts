import type { FileRef, Message } from '@chat/proto/chat/message/v1/message';
import type { FileRefFrame } from './frames.js';

const iso = (ms: number) => (ms > 0 ? new Date(ms).toISOString() : null);

/** A stored message as frames and the JSON API show it. */
export function messageJson(m: Message | undefined) {
  if (!m) return null;
  return {
    sessionId: m.sessionId,
    seq: m.seq,
    id: m.id,
    clientMsgId: m.clientMsgId,
    senderId: m.senderId,
    kind: m.kind,
    text: m.text,
    file: m.file ? fileJson(m.file) : null,
    replyToSeq: m.replyToSeq,
    mentionIds: m.mentionIds,
    system: m.system ?? null,
    createdAt: iso(m.createdAtMs),
    editedAt: iso(m.editedAtMs),
    recalled: m.recalled,
  };
}

function fileJson(f: FileRef): FileRefFrame {
  return {
    fileId: f.fileId,
    name: f.name,
    mimeType: f.mimeType,
    size: f.size,
    thumbnailFileId: f.thumbnailFileId || undefined,
    width: f.width || undefined,
    height: f.height || undefined,
    durationMs: f.durationMs || undefined,
  };
}

/** A file reference from a frame, in the contract's shape (absent numbers are 0). */
export function fileRef(f: FileRefFrame | undefined): FileRef | undefined {
  if (!f) return undefined;
  return {
    fileId: f.fileId,
    name: f.name,
    mimeType: f.mimeType,
    size: f.size,
    thumbnailFileId: f.thumbnailFileId ?? '',
    width: f.width ?? 0,
    height: f.height ?? 0,
    durationMs: f.durationMs ?? 0,
  };
}
