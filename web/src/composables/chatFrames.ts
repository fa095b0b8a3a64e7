import type { ChatMessage } from '../api/chatTypes';

/** Chat frames the gateway sends (docs/protocol.md); answers carry the request's `id` as `ref`. */
export type ChatServerFrame =
  | {
      type: 'ack';
      ref?: string;
      sessionId: string;
      clientMsgId: string;
      seq: number;
      createdAt: string | null;
      duplicate: boolean;
    }
  | { type: 'messages'; ref?: string; sessionId: string; messages: ChatMessage[]; hasMore: boolean }
  | { type: 'opened'; ref?: string; sessionId: string; lastSeq: number }
  | { type: 'closed'; ref?: string; sessionId: string }
  | { type: 'ok'; ref?: string }
  | { type: 'deliver' | 'edited' | 'recalled'; sessionId: string; message: ChatMessage }
  | { type: 'typing'; sessionId: string; userId: string }
  | { type: 'read'; sessionId: string; userId: string; seq: number }
  | { type: 'member'; sessionId: string; action: string; actorId: string; targetIds: string[] };

export interface OutgoingMessage {
  sessionId: string;
  clientMsgId: string;
  kind: 'text';
  text: string;
  replyToSeq?: number;
  mentionIds?: string[];
}

export type ChatClientFrame =
  | ({ type: 'send' } & OutgoingMessage)
  | { type: 'sync'; sessionId: string; afterSeq: number; limit?: number }
  | { type: 'history'; sessionId: string; beforeSeq: number; limit?: number }
  | { type: 'open' | 'close' | 'typing'; sessionId: string }
  | { type: 'read' | 'recall'; sessionId: string; seq: number }
  | { type: 'edit'; sessionId: string; seq: number; text: string };

type Raw = Record<string, unknown>;

const isString = (value: unknown): value is string => typeof value === 'string';
const isNumber = (value: unknown): value is number => typeof value === 'number';

/** Shallow checks: enough that the app never reads a field of the wrong type. */
const CHECKS: Record<string, (frame: Raw) => boolean> = {
  ack: (f) => isString(f.sessionId) && isString(f.clientMsgId) && isNumber(f.seq),
  messages: (f) =>
    isString(f.sessionId) && Array.isArray(f.messages) && f.messages.every(isMessage),
  opened: (f) => isString(f.sessionId) && isNumber(f.lastSeq),
  closed: (f) => isString(f.sessionId),
  ok: () => true,
  deliver: (f) => isString(f.sessionId) && isMessage(f.message),
  edited: (f) => isString(f.sessionId) && isMessage(f.message),
  recalled: (f) => isString(f.sessionId) && isMessage(f.message),
  typing: (f) => isString(f.sessionId) && isString(f.userId),
  read: (f) => isString(f.sessionId) && isString(f.userId) && isNumber(f.seq),
  member: (f) => isString(f.sessionId) && isString(f.action),
};

export function isChatFrame(frame: Raw): frame is Raw & ChatServerFrame {
  const check = isString(frame.type) ? CHECKS[frame.type] : undefined;
  return check ? check(frame) : false;
}

function isMessage(value: unknown): value is ChatMessage {
  if (typeof value !== 'object' || value === null) return false;

  const message = value as Raw;
  return isString(message.sessionId) && isNumber(message.seq) && isString(message.kind);
}
