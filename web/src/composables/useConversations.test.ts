import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Connection } from './useConnection';
import { timelineItems } from './chatOutbox';
import { TYPING_SHOWN_MS } from './chatTyping';
import { REOPEN_DELAYS_MS, createConversations, type Conversations } from './useConversations';
import { aMessage, answer, messageRange, onlineConnection, sentOfType } from '../test/chatFixtures';
import { FakeSocket } from '../test/fakeSocket';

let connection: Connection;
let socket: FakeSocket;
let chats: Conversations;
let ids: number;

const flush = () => vi.advanceTimersByTimeAsync(0);

beforeEach(async () => {
  vi.useFakeTimers();
  ({ connection, socket } = await onlineConnection());
  ids = 0;
  chats = createConversations({ connection, selfId: () => 'u-1', makeId: () => `c-${++ids}` });
});

afterEach(() => {
  chats.dispose();
  connection.stop();
  vi.useRealTimers();
});

async function openWith(messages = messageRange(1, 3), hasMore = false): Promise<void> {
  const opening = chats.open('s-1');
  await flush();
  answer(socket, 'open', { type: 'opened', sessionId: 's-1', lastSeq: messages.at(-1)?.seq ?? 0 });
  await flush();
  answer(socket, 'history', { type: 'messages', sessionId: 's-1', messages, hasMore });
  await opening;
}

function rows() {
  const conversation = chats.get('s-1');
  return timelineItems(conversation.messages, conversation.outbox, 'u-1').map((item) => ({
    seq: item.message.seq,
    status: item.status,
    text: item.message.text,
  }));
}

/** The gateway acknowledges the last send frame. */
function ack(clientMsgId: string, seq: number, duplicate = false): void {
  const frame = { type: 'ack', sessionId: 's-1', clientMsgId, seq, createdAt: null, duplicate };
  answer(socket, 'send', frame);
}

function deliver(seq: number, overrides = {}): void {
  socket.serverSends({
    type: 'deliver',
    sessionId: 's-1',
    message: aMessage({ seq, ...overrides }),
  });
}

describe('opening a session', () => {
  it('sends open, loads the newest page and marks it read up to the last seq', async () => {
    await openWith(messageRange(4, 6), true);

    expect(sentOfType(socket, 'history')[0]).toMatchObject({ sessionId: 's-1', beforeSeq: 0 });
    expect(rows().map((r) => r.seq)).toEqual([4, 5, 6]);
    expect(chats.get('s-1').hasMore).toBe(true);
    expect(sentOfType(socket, 'read')).toEqual([{ type: 'read', sessionId: 's-1', seq: 6 }]);
  });

  it('loads an older page before the lowest seq held and keeps seq order', async () => {
    await openWith(messageRange(4, 6), true);

    const loading = chats.loadOlder('s-1');
    await flush();
    expect(sentOfType(socket, 'history').at(-1)).toMatchObject({ beforeSeq: 4 });
    answer(socket, 'history', {
      type: 'messages',
      sessionId: 's-1',
      messages: messageRange(1, 3),
      hasMore: false,
    });
    await loading;

    expect(rows().map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(chats.get('s-1').hasMore).toBe(false);
  });

  it('shows the refusal in words when the session is not the user’s', async () => {
    const opening = chats.open('s-1');
    await flush();
    answer(socket, 'open', { type: 'error', code: 'not_member', message: 'no' });
    await opening;

    expect(chats.get('s-1').error?.code).toBe('not_member');
    expect(sentOfType(socket, 'history')).toHaveLength(0);
  });
  it('loads the history once the service answers again after it failed to', async () => {
    const opening = chats.open('s-1');
    await flush();
    answer(socket, 'open', { type: 'opened', sessionId: 's-1', lastSeq: 3 });
    await flush();
    answer(socket, 'history', { type: 'error', code: 'service_unavailable', message: 'away' });
    await opening;
    expect(chats.get('s-1').error?.code).toBe('service_unavailable');

    chats.send('s-1', 'back?');
    ack('c-1', 4);
    await flush();
    expect(sentOfType(socket, 'history')).toHaveLength(2);
    answer(socket, 'history', {
      type: 'messages',
      sessionId: 's-1',
      messages: [...messageRange(1, 3), aMessage({ seq: 4, text: 'back?', clientMsgId: 'c-1' })],
      hasMore: false,
    });
    await flush();

    expect(rows().map((r) => [r.seq, r.status])).toEqual([
      [1, 'sent'],
      [2, 'sent'],
      [3, 'sent'],
      [4, 'sent'],
    ]);
    expect(chats.get('s-1').error).toBeNull();
  });
  it('opens the shown session again after a while when the service was away', async () => {
    const opening = chats.open('s-1');
    await flush();
    answer(socket, 'open', { type: 'error', code: 'service_unavailable', message: 'away' });
    await opening;
    expect(sentOfType(socket, 'open')).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(REOPEN_DELAYS_MS[0]!);
    expect(sentOfType(socket, 'open')).toHaveLength(2);
    answer(socket, 'open', { type: 'opened', sessionId: 's-1', lastSeq: 3 });
    await flush();
    answer(socket, 'history', {
      type: 'messages',
      sessionId: 's-1',
      messages: messageRange(1, 3),
      hasMore: false,
    });
    await flush();

    expect(rows().map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(chats.get('s-1').error).toBeNull();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sentOfType(socket, 'open')).toHaveLength(2);
  });

  it('does not try again when the refusal is for good, nor after the session is closed', async () => {
    const refused = chats.open('s-1');
    await flush();
    answer(socket, 'open', { type: 'error', code: 'not_member', message: 'no' });
    await refused;

    const away = chats.open('s-2');
    await flush();
    answer(socket, 'open', { type: 'error', code: 'service_unavailable', message: 'away' });
    await away;
    chats.close('s-2');

    await vi.advanceTimersByTimeAsync(60_000);
    expect(sentOfType(socket, 'open')).toHaveLength(2);
  });
});

describe('sending', () => {
  it('shows a message as pending at once, then sent with the seq from the ack', async () => {
    await openWith();

    chats.send('s-1', 'hello', { replyToSeq: 2, mentionIds: ['u-2'] });
    expect(rows().at(-1)).toEqual({ seq: 0, status: 'pending', text: 'hello' });
    expect(sentOfType(socket, 'send')[0]).toMatchObject({
      sessionId: 's-1',
      clientMsgId: 'c-1',
      kind: 'text',
      text: 'hello',
      replyToSeq: 2,
      mentionIds: ['u-2'],
    });

    ack('c-1', 4);
    await flush();

    expect(rows().at(-1)).toEqual({ seq: 4, status: 'sent', text: 'hello' });
    expect(chats.get('s-1').outbox).toHaveLength(0);
  });

  it('marks a refused message failed, and retry sends the same clientMsgId again', async () => {
    await openWith();

    chats.send('s-1', 'hello');
    answer(socket, 'send', { type: 'error', code: 'muted', message: 'muted' });
    await flush();
    expect(rows().at(-1)).toMatchObject({ status: 'failed' });
    expect(chats.get('s-1').outbox[0]?.error?.code).toBe('muted');

    chats.retry('s-1', 'c-1');
    expect(rows().at(-1)).toMatchObject({ status: 'pending' });
    const sends = sentOfType(socket, 'send');
    expect(sends).toHaveLength(2);
    expect(sends[1]?.clientMsgId).toBe('c-1');
    expect(sends[1]?.id).not.toBe(sends[0]?.id);

    ack('c-1', 4, true);
    await flush();
    expect(rows().map((r) => `${r.seq}:${r.status}`)).toEqual([
      '1:sent',
      '2:sent',
      '3:sent',
      '4:sent',
    ]);
  });

  it('marks a message failed when the connection drops before the ack', async () => {
    await openWith();

    chats.send('s-1', 'hello');
    socket.serverCloses();
    await flush();

    expect(rows().at(-1)).toMatchObject({ status: 'failed' });
    expect(chats.get('s-1').outbox[0]?.error?.code).toBe('network_error');
  });

  it('catches up first when the ack names a seq past a gap, then settles the message', async () => {
    await openWith();

    chats.send('s-1', 'hello');
    ack('c-1', 5);
    await flush();
    expect(sentOfType(socket, 'sync')).toEqual([expect.objectContaining({ afterSeq: 3 })]);

    const missed = [
      aMessage({ seq: 4 }),
      aMessage({ seq: 5, senderId: 'u-1', clientMsgId: 'c-1', text: 'hello' }),
    ];
    answer(socket, 'sync', {
      type: 'messages',
      sessionId: 's-1',
      messages: missed,
      hasMore: false,
    });
    await flush();

    expect(rows().map((r) => `${r.seq}:${r.status}`)).toEqual([
      '1:sent',
      '2:sent',
      '3:sent',
      '4:sent',
      '5:sent',
    ]);
  });

  it('keeps one copy when the deliver of a pending message comes before its ack', async () => {
    await openWith();

    chats.send('s-1', 'hello');
    deliver(4, { clientMsgId: 'c-1', senderId: 'u-1', text: 'hello' });
    expect(rows().map((r) => `${r.seq}:${r.status}`)).toEqual([
      '1:sent',
      '2:sent',
      '3:sent',
      '4:sent',
    ]);

    ack('c-1', 4);
    await flush();
    expect(rows()).toHaveLength(4);
  });
});

describe('delivery and catching up', () => {
  it('appends delivered messages in seq order and ignores repeats', async () => {
    await openWith();

    deliver(4);
    deliver(4);
    deliver(5);

    expect(rows().map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(sentOfType(socket, 'sync')).toHaveLength(0);
  });

  it('syncs from the highest seq held when a deliver skips seqs', async () => {
    await openWith();

    deliver(6);
    const sync = sentOfType(socket, 'sync');
    expect(sync).toEqual([expect.objectContaining({ sessionId: 's-1', afterSeq: 3 })]);

    answer(socket, 'sync', {
      type: 'messages',
      sessionId: 's-1',
      messages: messageRange(4, 6),
      hasMore: false,
    });
    await flush();
    expect(rows().map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('syncs every loaded session after a reconnect and opens the shown one again', async () => {
    await openWith();

    socket.serverCloses();
    await vi.advanceTimersByTimeAsync(500);
    const next = FakeSocket.latest();
    next.serverOpens();
    next.serverSends({ type: 'hello', gatewayId: 'gw-2', userId: 'u-1', heartbeatMs: 60_000 });
    await flush();

    expect(sentOfType(next, 'open')).toEqual([expect.objectContaining({ sessionId: 's-1' })]);
    answer(next, 'open', { type: 'opened', sessionId: 's-1', lastSeq: 5 });
    await flush();
    expect(sentOfType(next, 'sync')).toEqual([expect.objectContaining({ afterSeq: 3 })]);

    answer(next, 'sync', {
      type: 'messages',
      sessionId: 's-1',
      messages: messageRange(4, 5),
      hasMore: false,
    });
    await flush();
    expect(rows().map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('goes round again when a gap shows up while a sync is running', async () => {
    await openWith();

    deliver(5);
    deliver(8);
    answer(socket, 'sync', {
      type: 'messages',
      sessionId: 's-1',
      messages: messageRange(4, 6),
      hasMore: false,
    });
    await flush();

    expect(sentOfType(socket, 'sync').map((f) => f.afterSeq)).toEqual([3, 6]);
    answer(socket, 'sync', {
      type: 'messages',
      sessionId: 's-1',
      messages: messageRange(7, 8),
      hasMore: false,
    });
    await flush();
    expect(rows().map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('applies edits and recalls of held messages', async () => {
    await openWith();

    socket.serverSends({
      type: 'edited',
      sessionId: 's-1',
      message: aMessage({ seq: 2, text: 'fixed' }),
    });
    socket.serverSends({
      type: 'recalled',
      sessionId: 's-1',
      message: aMessage({ seq: 3, text: '', recalled: true }),
    });

    expect(chats.get('s-1').messages.map((m) => [m.text, m.recalled])).toEqual([
      ['message 1', false],
      ['fixed', false],
      ['', true],
    ]);
  });
});

describe('editing', () => {
  it('shows an edit at once and puts the old text back when the server refuses', async () => {
    await openWith([aMessage({ seq: 1, senderId: 'u-1', text: 'old' })]);

    const editing = chats.edit('s-1', 1, 'new');
    expect(chats.get('s-1').messages[0]?.text).toBe('new');

    answer(socket, 'edit', { type: 'error', code: 'edit_window_passed', message: 'late' });
    await editing;

    expect(chats.get('s-1').messages[0]?.text).toBe('old');
    expect(chats.get('s-1').error?.code).toBe('edit_window_passed');
  });
});

describe('typing', () => {
  it('shows who is typing for 5 seconds after their last typing frame', async () => {
    await openWith();

    socket.serverSends({ type: 'typing', sessionId: 's-1', userId: 'u-2' });
    expect(chats.get('s-1').typingUserIds).toEqual(['u-2']);

    await vi.advanceTimersByTimeAsync(TYPING_SHOWN_MS - 1_000);
    socket.serverSends({ type: 'typing', sessionId: 's-1', userId: 'u-2' });
    await vi.advanceTimersByTimeAsync(TYPING_SHOWN_MS - 1);
    expect(chats.get('s-1').typingUserIds).toEqual(['u-2']);

    await vi.advanceTimersByTimeAsync(1);
    expect(chats.get('s-1').typingUserIds).toEqual([]);
  });

  it('sends a typing frame at most once a second', async () => {
    await openWith();

    chats.typing('s-1', 10_000);
    chats.typing('s-1', 10_500);
    chats.typing('s-1', 11_000);

    expect(sentOfType(socket, 'typing')).toHaveLength(2);
  });
});
