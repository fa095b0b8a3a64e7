import { computed, ref, shallowRef } from 'vue';
import type { ChatMessage, ChatSession } from '../api/chatTypes';
import { toApiError, type ApiError } from '../api/client';
import type { ServerFrame } from './connectionFrames';
import { useAuth } from './useAuth';
import { useConnection } from './useConnection';
import type { ChatConnection } from './useConversations';
import { useSessionApi } from './useSessionApi';

/** Member actions after which the user may no longer be in the session. */
const REMOVALS = new Set(['kick', 'ban', 'leave']);

export interface SessionListOptions {
  connection: Pick<ChatConnection, 'onFrame'>;
  api: Pick<ReturnType<typeof useSessionApi>, 'listSessions'>;
  selfId: () => string | null;
}

export type SessionList = ReturnType<typeof createSessionList>;

/** The user's sessions, most active first, kept current by deliver and member frames. */
export function createSessionList(options: SessionListOptions) {
  const sessions = ref<ChatSession[]>([]);
  const loading = ref(false);
  const error = shallowRef<ApiError | null>(null);
  const activeId = ref<string | null>(null);
  const ordered = computed(() => [...sessions.value].sort(byActivity));
  let latest = 0;

  async function load(): Promise<void> {
    const id = ++latest;
    loading.value = true;
    error.value = null;

    try {
      // Limitation: only the first page (50 most active sessions) is listed; older ones appear
      // again when a message makes them active.
      const page = await options.api.listSessions();
      if (id === latest) sessions.value = page.sessions.map((s) => seen(s));
    } catch (caught) {
      if (id === latest) error.value = toApiError(caught);
    } finally {
      if (id === latest) loading.value = false;
    }
  }

  /** The session shown now: its unread count stays at zero. */
  function setActive(sessionId: string | null): void {
    activeId.value = sessionId;
    if (sessionId) update(sessionId, (s) => ({ ...s, unreadCount: 0 }));
  }

  function upsert(session: ChatSession): void {
    const others = sessions.value.filter((s) => s.id !== session.id);
    sessions.value = [...others, seen(session)];
  }

  function remove(sessionId: string): void {
    sessions.value = sessions.value.filter((s) => s.id !== sessionId);
  }

  function find(sessionId: string): ChatSession | undefined {
    return sessions.value.find((s) => s.id === sessionId);
  }

  function onDeliver(message: ChatMessage): void {
    if (!find(message.sessionId)) return void load();
    if (message.seq <= (find(message.sessionId)?.lastSeq ?? 0)) return;

    const fromOther = message.senderId !== options.selfId() && message.kind !== 'system';
    const counts = fromOther && activeId.value !== message.sessionId;
    update(message.sessionId, (s) => ({
      ...s,
      lastSeq: message.seq,
      lastActivityAt: message.createdAt ?? new Date().toISOString(),
      lastMessage: {
        seq: message.seq,
        senderId: message.senderId,
        kind: message.kind,
        preview: message.recalled ? '' : message.text,
        createdAt: message.createdAt,
      },
      unreadCount: s.unreadCount + (counts ? 1 : 0),
    }));
  }

  function onMember(frame: Extract<ServerFrame, { type: 'member' }>): void {
    const self = options.selfId();
    const concernsSelf = self !== null && (frame.targetIds ?? []).includes(self);

    if (concernsSelf && REMOVALS.has(frame.action)) remove(frame.sessionId);
    else void load();
  }

  function onFrame(frame: ServerFrame): void {
    if (frame.type === 'deliver') onDeliver(frame.message);
    else if (frame.type === 'member') onMember(frame);
    else if (frame.type === 'hello' && sessions.value.length > 0) void load();
  }

  function update(sessionId: string, change: (session: ChatSession) => ChatSession): void {
    sessions.value = sessions.value.map((s) => (s.id === sessionId ? change(s) : s));
  }

  function seen(session: ChatSession): ChatSession {
    return session.id === activeId.value ? { ...session, unreadCount: 0 } : session;
  }

  const unsubscribe = options.connection.onFrame(onFrame);

  return {
    sessions: ordered,
    loading,
    error,
    activeId,
    load,
    setActive,
    upsert,
    remove,
    find,
    dispose: unsubscribe,
  };
}

function byActivity(a: ChatSession, b: ChatSession): number {
  return activityOf(b) - activityOf(a);
}

function activityOf(session: ChatSession): number {
  const at = Date.parse(session.lastActivityAt ?? session.createdAt ?? '');
  return Number.isNaN(at) ? 0 : at;
}

let shared: { userId: string | null; list: SessionList } | null = null;

/** The session list of the logged-in user; another user starts from nothing. */
export function useSessionList(): SessionList {
  const userId = useAuth().user.value?.id ?? null;
  if (shared?.userId !== userId) {
    shared?.list.dispose();
    const list = createSessionList({
      connection: useConnection(),
      api: useSessionApi(),
      selfId: () => userId,
    });
    shared = { userId, list };
  }
  return shared.list;
}
