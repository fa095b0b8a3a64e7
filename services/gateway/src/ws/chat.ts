import { AppError, UnavailableError, subjects, type AsyncClient, type Bus } from '@chat/kit';
import {
  SendReply,
  SendRequest,
  type MessageServiceService,
} from '@chat/proto/chat/message/v1/message';
import type { SessionServiceService } from '@chat/proto/chat/session/v1/session';
import { ErrorCode, NatsError } from 'nats';
import type { ClientFrame } from './frames.js';
import type { SessionHub } from './hub.js';
import { fileRef, messageJson } from './wire.js';

export interface ChatDeps {
  bus: Bus;
  hub: SessionHub;
  messages: AsyncClient<typeof MessageServiceService>;
  sessions: AsyncClient<typeof SessionServiceService>;
  sendTimeoutMs: number;
}

/** The state of one connection that chat frames read and change. */
export interface ChatConn {
  userId: string;
  views: Set<string>;
  lastTyping: Map<string, number>;
}

type ChatFrame = Exclude<ClientFrame, { type: 'ping' } | { type: 'auth' }>;

// A typing frame is forwarded at most this often per session and connection.
const TYPING_INTERVAL_MS = 1_000;

/** Runs one chat frame and returns the answer frame (without `ref`), or null for none. */
export async function runChatFrame(
  frame: ChatFrame,
  conn: ChatConn,
  deps: ChatDeps,
): Promise<object | null> {
  const { userId } = conn;
  const { messages, sessions } = deps;

  switch (frame.type) {
    case 'send':
      return send(frame, userId, deps);
    case 'sync': {
      const req = {
        sessionId: frame.sessionId,
        userId,
        afterSeq: frame.afterSeq,
        limit: frame.limit,
      };
      return messagesFrame(frame.sessionId, await messages.sync(req));
    }
    case 'history': {
      const { sessionId, beforeSeq, limit } = frame;
      return messagesFrame(
        sessionId,
        await messages.history({ sessionId, userId, beforeSeq, limit }),
      );
    }
    case 'open':
      return openSession(frame.sessionId, conn, deps);
    case 'close':
      conn.views.delete(frame.sessionId);
      return { type: 'closed', sessionId: frame.sessionId };
    case 'typing':
      typing(frame.sessionId, conn, deps);
      return null;
    case 'read':
      await sessions.markRead({ userId, sessionId: frame.sessionId, seq: frame.seq });
      return { type: 'ok' };
    case 'edit':
      await messages.edit({ userId, sessionId: frame.sessionId, seq: frame.seq, text: frame.text });
      return { type: 'ok' };
    case 'recall':
      await messages.recall({ userId, sessionId: frame.sessionId, seq: frame.seq });
      return { type: 'ok' };
  }
}

async function send(
  frame: Extract<ChatFrame, { type: 'send' }>,
  senderId: string,
  deps: ChatDeps,
): Promise<object> {
  const request = SendRequest.encode({
    sessionId: frame.sessionId,
    senderId,
    clientMsgId: frame.clientMsgId,
    kind: frame.kind,
    text: frame.text,
    file: fileRef(frame.file),
    replyToSeq: frame.replyToSeq,
    mentionIds: frame.mentionIds,
  }).finish();

  const reply = SendReply.decode(
    await requestOverBus(deps, subjects.send(frame.sessionId), request),
  );
  if (reply.errorCode) {
    const retryAfter = reply.retryAfter || undefined;
    throw new AppError(reply.errorCode, reply.errorMessage, 400, { retryAfter });
  }

  const message = messageJson(reply.message);
  return {
    type: 'ack',
    sessionId: frame.sessionId,
    clientMsgId: frame.clientMsgId,
    seq: message?.seq,
    createdAt: message?.createdAt,
    duplicate: reply.duplicate,
  };
}

/** A bus request; no responder or no answer in time means the message service is away. */
async function requestOverBus(deps: ChatDeps, subject: string, data: Uint8Array) {
  try {
    const msg = await deps.bus.nc.request(subject, data, { timeout: deps.sendTimeoutMs });
    return msg.data;
  } catch (err) {
    if (
      err instanceof NatsError &&
      (err.code === ErrorCode.NoResponders || err.code === ErrorCode.Timeout)
    ) {
      throw new UnavailableError('message', err);
    }
    throw err;
  }
}

async function openSession(sessionId: string, conn: ChatConn, deps: ChatDeps): Promise<object> {
  const { session } = await deps.sessions.getSession({ userId: conn.userId, sessionId });
  if (!session?.myRole) throw new AppError('not_member', 'You are not in this session.', 403);

  conn.views.add(sessionId);
  return { type: 'opened', sessionId, lastSeq: session.lastSeq };
}

function typing(sessionId: string, conn: ChatConn, deps: ChatDeps): void {
  if (!deps.hub.isMember(conn.userId, sessionId)) {
    throw new AppError('not_member', 'You are not in this session.', 403);
  }
  const now = Date.now();
  if (now - (conn.lastTyping.get(sessionId) ?? 0) < TYPING_INTERVAL_MS) return;

  conn.lastTyping.set(sessionId, now);
  const body = new TextEncoder().encode(JSON.stringify({ userId: conn.userId }));
  deps.bus.nc.publish(subjects.typing(sessionId), body);
}

function messagesFrame(sessionId: string, reply: { messages: unknown[]; hasMore: boolean }) {
  return {
    type: 'messages',
    sessionId,
    messages: reply.messages.map((m) => messageJson(m as Parameters<typeof messageJson>[0])),
    hasMore: reply.hasMore,
  };
}
