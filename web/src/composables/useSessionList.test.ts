import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatSession } from '../api/chatTypes';
import { aChatSession, aMessage, onlineConnection } from '../test/chatFixtures';
import type { FakeSocket } from '../test/fakeSocket';
import type { Connection } from './useConnection';
import { createSessionList, type SessionList } from './useSessionList';

let connection: Connection;
let socket: FakeSocket;
let list: SessionList;
let served: ChatSession[];
let loads: number;

beforeEach(async () => {
  vi.useFakeTimers();
  ({ connection, socket } = await onlineConnection());
  loads = 0;
  served = [
    aChatSession({ id: 'a', lastActivityAt: '2026-01-01T10:00:00.000Z', lastSeq: 3 }),
    aChatSession({ id: 'b', lastActivityAt: '2026-01-01T11:00:00.000Z', lastSeq: 7 }),
  ];
  list = createSessionList({
    connection,
    selfId: () => 'u-1',
    api: {
      listSessions: async () => {
        loads++;
        return { sessions: served, nextOffset: null };
      },
    },
  });
  await list.load();
});

afterEach(() => {
  list.dispose();
  connection.stop();
  vi.useRealTimers();
});

function deliver(
  sessionId: string,
  seq: number,
  senderId = 'u-2',
  at = '2026-01-01T12:00:00.000Z',
) {
  const message = aMessage({ sessionId, seq, senderId, createdAt: at, text: `hi ${seq}` });
  socket.serverSends({ type: 'deliver', sessionId, message });
}

const order = () => list.sessions.value.map((s) => s.id);
const unread = (id: string) => list.find(id)?.unreadCount;

describe('session list', () => {
  it('orders sessions by their last activity, newest first', () => {
    expect(order()).toEqual(['b', 'a']);
  });

  it('moves a session up, shows its preview and counts it unread when a message arrives', () => {
    deliver('a', 4);

    expect(order()).toEqual(['a', 'b']);
    expect(list.find('a')?.lastMessage).toMatchObject({ seq: 4, preview: 'hi 4' });
    expect(unread('a')).toBe(1);
  });

  it('does not count the user’s own messages, the open session, or a seq already counted', () => {
    deliver('a', 4, 'u-1');
    list.setActive('b');
    deliver('b', 8);
    deliver('a', 4);

    expect(unread('a')).toBe(0);
    expect(unread('b')).toBe(0);
  });

  it('clears the unread count when the session is opened', () => {
    deliver('a', 4);
    deliver('a', 5);
    expect(unread('a')).toBe(2);

    list.setActive('a');
    expect(unread('a')).toBe(0);
  });

  it('reloads when a message arrives for a session it does not hold', async () => {
    served = [...served, aChatSession({ id: 'c' })];
    deliver('c', 1);
    await vi.advanceTimersByTimeAsync(0);

    expect(loads).toBe(2);
    expect(list.find('c')).toBeDefined();
  });

  it('drops a session the user was removed from', () => {
    socket.serverSends({
      type: 'member',
      sessionId: 'a',
      action: 'kick',
      actorId: 'u-9',
      targetIds: ['u-1'],
    });

    expect(order()).toEqual(['b']);
  });
});
