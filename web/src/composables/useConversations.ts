import { reactive } from 'vue';
import type { ChatMessage } from '../api/chatTypes';
import { toApiError, type ApiError } from '../api/client';
import { createBackoff } from './backoff';
import type { ChatServerFrame } from './chatFrames';
import { draftMessage, newOutboxEntry, outgoingOf, type OutboxEntry } from './chatOutbox';
import { highestSeq, isGap, lowestSeq, mergeMessages } from './chatTimeline';
import { createTypingTracker } from './chatTyping';
import type { ServerFrame } from './connectionFrames';
import { useAuth } from './useAuth';
import { useConnection, type Connection } from './useConnection';

export const HISTORY_PAGE = 50;
export const SYNC_PAGE = 200;
/** How long to wait before opening the shown session again after the service was away. */
export const REOPEN_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000];
const TRANSIENT = new Set(['service_unavailable', 'network_error']);

export interface Conversation {
  sessionId: string;
  messages: ChatMessage[];
  outbox: OutboxEntry[];
  hasMore: boolean;
  loaded: boolean;
  loadingOlder: boolean;
  syncing: boolean;
  typingUserIds: string[];
  error: ApiError | null;
}

export type ChatConnection = Pick<Connection, 'request' | 'send' | 'onFrame' | 'status'>;

export interface ConversationOptions {
  connection: ChatConnection;
  selfId: () => string | null;
  makeId?: () => string;
}

export type Conversations = ReturnType<typeof createConversations>;

/** Messages per session: history, live delivery, catching up after gaps, and the outbox. */
export function createConversations(options: ConversationOptions) {
  const { connection } = options;
  const all = reactive<Record<string, Conversation>>({});
  const typists = createTypingTracker();
  const syncAgain = new Set<string>();
  const loadingNewest = new Set<string>();
  let openId: string | null = null;
  const reopen = createBackoff(REOPEN_DELAYS_MS);

  function get(sessionId: string): Conversation {
    all[sessionId] ??= {
      sessionId,
      messages: [],
      outbox: [],
      hasMore: false,
      loaded: false,
      loadingOlder: false,
      syncing: false,
      typingUserIds: [],
      error: null,
    };
    return all[sessionId];
  }

  async function open(sessionId: string): Promise<void> {
    if (openId && openId !== sessionId) close(openId);

    openId = sessionId;
    const conversation = get(sessionId);
    conversation.error = null;
    // Offline, the hello of the next connection opens it (see onReconnected).
    if (connection.status.value !== 'online') return;

    const opened = await attempt(conversation, () =>
      connection.request({ type: 'open', sessionId }),
    );
    if (!opened) return retryOpen(conversation);

    if (conversation.loaded) await sync(conversation);
    else await loadNewest(conversation);
    if (!conversation.loaded) return retryOpen(conversation);

    reopen.reset();
    markRead(sessionId);
  }

  /** A session on screen that could not be opened for a passing reason is tried again. */
  function retryOpen(conversation: Conversation): void {
    const { sessionId } = conversation;
    if (!TRANSIENT.has(conversation.error?.code ?? '')) return;
    reopen.schedule(() => {
      if (openId === sessionId) void open(sessionId);
    });
  }

  function close(sessionId: string): void {
    if (openId === sessionId) {
      openId = null;
      reopen.reset();
    }
    connection.send({ type: 'close', sessionId });
  }

  async function loadNewest(conversation: Conversation): Promise<void> {
    loadingNewest.add(conversation.sessionId);
    const page = await attempt(conversation, () => history(conversation.sessionId, 0));
    loadingNewest.delete(conversation.sessionId);
    if (!page) return;

    conversation.messages = mergeMessages(conversation.messages, page.messages);
    conversation.hasMore = page.hasMore;
    conversation.loaded = true;
    conversation.error = null;
  }

  /**
   * The session on screen whose history could not be loaded (the message service was away)
   * loads it once a send or a delivery shows the service answers again.
   */
  function loadIfMissing(conversation: Conversation): void {
    const { sessionId } = conversation;
    if (conversation.loaded || openId !== sessionId || loadingNewest.has(sessionId)) return;
    void loadNewest(conversation);
  }

  async function loadOlder(sessionId: string): Promise<void> {
    const conversation = get(sessionId);
    if (!conversation.hasMore || conversation.loadingOlder) return;

    conversation.loadingOlder = true;
    const before = lowestSeq(conversation.messages);
    const page = await attempt(conversation, () => history(sessionId, before));
    conversation.loadingOlder = false;
    if (!page) return;

    conversation.messages = mergeMessages(conversation.messages, page.messages);
    conversation.hasMore = page.hasMore;
  }

  async function history(sessionId: string, beforeSeq: number) {
    const frame = { type: 'history' as const, sessionId, beforeSeq, limit: HISTORY_PAGE };
    return asMessages(await connection.request(frame));
  }

  /**
   * Fetches everything after the highest seq held, page by page, in order. A gap seen while a
   * sync runs makes it go round once more, since its last page may predate the gap.
   */
  async function sync(conversation: Conversation): Promise<void> {
    if (conversation.syncing) {
      syncAgain.add(conversation.sessionId);
      return;
    }

    conversation.syncing = true;
    try {
      let more = true;
      while (more || syncAgain.delete(conversation.sessionId)) {
        const afterSeq = highestSeq(conversation.messages);
        const frame = { type: 'sync' as const, sessionId: conversation.sessionId, afterSeq };
        const page = await attempt(conversation, async () =>
          asMessages(await connection.request({ ...frame, limit: SYNC_PAGE })),
        );
        if (!page) return;

        conversation.messages = mergeMessages(conversation.messages, page.messages);
        page.messages.forEach((message) => settleOutbox(conversation, message));
        more = page.hasMore && page.messages.length > 0;
      }
    } finally {
      conversation.syncing = false;
    }
  }

  function send(
    sessionId: string,
    text: string,
    extra: { replyToSeq?: number; mentionIds?: string[] } = {},
  ): OutboxEntry {
    const conversation = get(sessionId);
    const entry = newOutboxEntry(sessionId, text, extra, options.makeId);
    conversation.outbox.push(entry);

    void dispatch(conversation, entry.clientMsgId);
    return entry;
  }

  function retry(sessionId: string, clientMsgId: string): void {
    void dispatch(get(sessionId), clientMsgId);
  }

  async function dispatch(conversation: Conversation, clientMsgId: string): Promise<void> {
    const entry = findOutbox(conversation, clientMsgId);
    if (!entry) return;

    entry.status = 'pending';
    entry.error = null;
    try {
      const answer = await connection.request({ type: 'send', ...outgoingOf(entry) });
      if (answer.type === 'ack') acknowledge(conversation, entry, answer);
    } catch (caught) {
      const stillWaiting = findOutbox(conversation, clientMsgId);
      if (!stillWaiting) return;

      stillWaiting.status = 'failed';
      stillWaiting.error = toApiError(caught);
    }
  }

  function acknowledge(
    conversation: Conversation,
    entry: OutboxEntry,
    ack: Extract<ChatServerFrame, { type: 'ack' }>,
  ): void {
    // Messages before this one were missed: the sync brings them and this one, and settles it.
    // Limitation: if that sync fails, the message stays pending until the next sync (a gap or
    // a reconnect) brings it.
    if (conversation.loaded && isGap(highestSeq(conversation.messages), ack.seq)) {
      void sync(conversation);
      return;
    }

    const draft = draftMessage(entry, options.selfId() ?? '');
    const message = { ...draft, seq: ack.seq, createdAt: ack.createdAt ?? draft.createdAt };
    const held = conversation.messages.some((m) => m.seq === ack.seq);
    if (!held) conversation.messages = mergeMessages(conversation.messages, [message]);

    settleOutbox(conversation, message);
    loadIfMissing(conversation);
  }

  function settleOutbox(conversation: Conversation, message: ChatMessage): void {
    if (!message.clientMsgId) return;

    const index = conversation.outbox.findIndex((e) => e.clientMsgId === message.clientMsgId);
    if (index >= 0) conversation.outbox.splice(index, 1);
  }

  function onDeliver(message: ChatMessage): void {
    const conversation = all[message.sessionId];
    if (!conversation) return;
    if (!conversation.loaded) return loadIfMissing(conversation);

    if (isGap(highestSeq(conversation.messages), message.seq)) {
      void sync(conversation);
      return;
    }

    conversation.messages = mergeMessages(conversation.messages, [message]);
    settleOutbox(conversation, message);
    typists.stopped(conversation, message.senderId);
    if (openId === message.sessionId) markRead(message.sessionId);
  }

  function onChanged(message: ChatMessage): void {
    const conversation = all[message.sessionId];
    if (!conversation?.messages.some((m) => m.seq === message.seq)) return;

    conversation.messages = mergeMessages(conversation.messages, [message]);
  }

  async function edit(sessionId: string, seq: number, text: string): Promise<void> {
    await change(sessionId, seq, (m) => ({ ...m, text, editedAt: new Date().toISOString() }), {
      type: 'edit',
      sessionId,
      seq,
      text,
    });
  }

  async function recall(sessionId: string, seq: number): Promise<void> {
    await change(sessionId, seq, (m) => ({ ...m, text: '', file: null, recalled: true }), {
      type: 'recall',
      sessionId,
      seq,
    });
  }

  /** Shows the change at once and puts the old copy back when the server refuses it. */
  async function change(
    sessionId: string,
    seq: number,
    apply: (message: ChatMessage) => ChatMessage,
    frame: Parameters<ChatConnection['request']>[0],
  ): Promise<void> {
    const conversation = get(sessionId);
    const before = conversation.messages.find((m) => m.seq === seq);
    if (!before) return;

    conversation.error = null;
    conversation.messages = mergeMessages(conversation.messages, [apply(before)]);
    try {
      await connection.request(frame);
    } catch (caught) {
      conversation.messages = mergeMessages(conversation.messages, [before]);
      conversation.error = toApiError(caught);
    }
  }

  function markRead(sessionId: string): void {
    const seq = highestSeq(get(sessionId).messages);
    if (seq <= 0) return;

    connection.send({ type: 'read', sessionId, seq });
  }

  /** Call on each keystroke; a typing frame goes out at most once a second. */
  function typing(sessionId: string, now = Date.now()): void {
    if (typists.shouldSend(sessionId, now)) connection.send({ type: 'typing', sessionId });
  }

  function onTyping(sessionId: string, userId: string): void {
    const conversation = all[sessionId];
    if (conversation && userId !== options.selfId()) typists.started(conversation, userId);
  }

  /** After a reconnect every loaded session catches up, and the open one is opened again. */
  function onReconnected(): void {
    for (const conversation of Object.values(all)) {
      if (conversation.loaded && conversation.sessionId !== openId) void sync(conversation);
    }
    if (openId) void open(openId);
  }

  function onFrame(frame: ServerFrame): void {
    switch (frame.type) {
      case 'hello':
        return onReconnected();
      case 'deliver':
        return onDeliver(frame.message);
      case 'edited':
      case 'recalled':
        return onChanged(frame.message);
      case 'typing':
        return onTyping(frame.sessionId, frame.userId);
    }
  }

  async function attempt<T>(conversation: Conversation, action: () => Promise<T>) {
    try {
      return await action();
    } catch (caught) {
      conversation.error = toApiError(caught);
      return undefined;
    }
  }

  const unsubscribe = connection.onFrame(onFrame);

  function dispose(): void {
    unsubscribe();
    reopen.reset();
    typists.dispose();
  }

  return {
    conversations: all,
    get,
    open,
    close,
    loadOlder,
    send,
    retry,
    edit,
    recall,
    typing,
    markRead,
    dispose,
  };
}

function asMessages(frame: ServerFrame): { messages: ChatMessage[]; hasMore: boolean } {
  if (frame.type !== 'messages') return { messages: [], hasMore: false };
  return { messages: frame.messages, hasMore: frame.hasMore };
}

function findOutbox(conversation: Conversation, clientMsgId: string): OutboxEntry | undefined {
  return conversation.outbox.find((entry) => entry.clientMsgId === clientMsgId);
}

let shared: { userId: string | null; store: Conversations } | null = null;

/** The conversations of the logged-in user; another user starts from nothing. */
export function useConversations(): Conversations {
  const userId = useAuth().user.value?.id ?? null;
  if (shared?.userId !== userId) {
    shared?.store.dispose();
    const store = createConversations({ connection: useConnection(), selfId: () => userId });
    shared = { userId, store };
  }
  return shared.store;
}
