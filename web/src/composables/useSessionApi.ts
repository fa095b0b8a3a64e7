import type {
  ChatSession,
  Member,
  MemberPage,
  NewGroup,
  Role,
  SessionPage,
} from '../api/chatTypes';
import { useAuth } from './useAuth';

export const SESSION_PAGE_SIZE = 50;

const base = (sessionId: string) => `/api/sessions/${encodeURIComponent(sessionId)}`;
const memberPath = (sessionId: string, userId: string, action: string) =>
  `${base(sessionId)}/members/${encodeURIComponent(userId)}/${action}`;

/** The sessions API of docs/api.md, through useAuth so expired tokens are renewed. */
export function useSessionApi() {
  const auth = useAuth();
  const post = <T>(path: string, body: unknown = {}) =>
    auth.request<T>(path, { method: 'POST', body });

  function listSessions(offset = 0, limit = SESSION_PAGE_SIZE): Promise<SessionPage> {
    const query = new URLSearchParams({ offset: String(offset), limit: String(limit) });
    return auth.request<SessionPage>(`/api/sessions?${query}`);
  }

  function listPublic(q: string, offset = 0, limit = SESSION_PAGE_SIZE): Promise<SessionPage> {
    const query = new URLSearchParams({ q, offset: String(offset), limit: String(limit) });
    return auth.request<SessionPage>(`/api/sessions/public?${query}`);
  }

  async function getSession(sessionId: string): Promise<ChatSession> {
    return (await auth.request<{ session: ChatSession }>(base(sessionId))).session;
  }

  async function openPrivate(peerId: string): Promise<ChatSession> {
    return (await post<{ session: ChatSession }>('/api/sessions/private', { peerId })).session;
  }

  async function createGroup(group: NewGroup): Promise<ChatSession> {
    return (await post<{ session: ChatSession }>('/api/sessions', group)).session;
  }

  async function join(sessionId: string): Promise<ChatSession> {
    return (await post<{ session: ChatSession }>(`${base(sessionId)}/join`)).session;
  }

  function leave(sessionId: string): Promise<void> {
    return post<void>(`${base(sessionId)}/leave`);
  }

  function invite(sessionId: string, userIds: string[]): Promise<{ addedIds: string[] }> {
    return post(`${base(sessionId)}/invite`, { userIds });
  }

  function listMembers(sessionId: string, offset = 0, limit = 100): Promise<MemberPage> {
    const query = new URLSearchParams({ offset: String(offset), limit: String(limit) });
    return auth.request<MemberPage>(`${base(sessionId)}/members?${query}`);
  }

  async function moderate(
    sessionId: string,
    userId: string,
    action: 'role' | 'kick' | 'mute' | 'ban' | 'owner',
    body: { role?: Role; untilMs?: number; banned?: boolean } = {},
  ): Promise<Member | null> {
    const answer = await post<{ member: Member | null }>(
      memberPath(sessionId, userId, action),
      body,
    );
    return answer.member;
  }

  return {
    listSessions,
    listPublic,
    getSession,
    openPrivate,
    createGroup,
    join,
    leave,
    invite,
    listMembers,
    moderate,
  };
}
