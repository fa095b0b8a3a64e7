import { vi } from 'vitest';
import type { ChatMessage, ChatSession } from '../api/chatTypes';
import { createConnection, type Connection } from '../composables/useConnection';
import { FakeSocket } from './fakeSocket';

export function aMessage(overrides: Partial<ChatMessage> = {}): ChatMessage {
  return {
    sessionId: 's-1',
    seq: 1,
    id: `m-${overrides.seq ?? 1}`,
    clientMsgId: '',
    senderId: 'u-2',
    kind: 'text',
    text: `message ${overrides.seq ?? 1}`,
    file: null,
    replyToSeq: 0,
    mentionIds: [],
    system: null,
    createdAt: '2026-01-01T10:00:00.000Z',
    editedAt: null,
    recalled: false,
    ...overrides,
  };
}

/** Messages with the seqs from `first` to `last`, in order. */
export function messageRange(first: number, last: number, sessionId = 's-1'): ChatMessage[] {
  const seqs = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  return seqs.map((seq) => aMessage({ sessionId, seq }));
}

export function aChatSession(overrides: Partial<ChatSession> = {}): ChatSession {
  return {
    id: 's-1',
    kind: 'group',
    name: 'Team',
    iconFileId: null,
    visibility: 'public',
    ownerId: 'u-1',
    memberCount: 2,
    memberIds: [],
    createdAt: '2026-01-01T09:00:00.000Z',
    lastActivityAt: '2026-01-01T09:00:00.000Z',
    lastSeq: 0,
    lastMessage: null,
    unreadCount: 0,
    myRole: 'member',
    ...overrides,
  };
}

/** A real connection over a fake socket, greeted by the fake gateway and ready for frames. */
export async function onlineConnection(): Promise<{ connection: Connection; socket: FakeSocket }> {
  FakeSocket.instances = [];
  const connection = createConnection({
    getToken: async () => 'tok',
    createSocket: (url) => new FakeSocket(url) as unknown as WebSocket,
    location: { protocol: 'http:', host: 'localhost' },
    random: () => 0,
  });

  connection.start();
  await vi.advanceTimersByTimeAsync(0);
  const socket = FakeSocket.latest();
  socket.serverOpens();
  socket.serverSends({ type: 'hello', gatewayId: 'gw-1', userId: 'u-1', heartbeatMs: 60_000 });
  return { connection, socket };
}

type Sent = Record<string, unknown> & { type: string; id?: string };

/** The frames the client sent of one type, oldest first. */
export function sentOfType(socket: FakeSocket, type: string): Sent[] {
  return (socket.sent as Sent[]).filter((frame) => frame.type === type);
}

/** Answers the newest request of a type as the gateway would, echoing its id as ref. */
export function answer(socket: FakeSocket, type: string, frame: Record<string, unknown>): void {
  const request = sentOfType(socket, type).at(-1);
  if (!request) throw new Error(`no ${type} frame was sent`);
  socket.serverSends({ ...frame, ref: request.id });
}
