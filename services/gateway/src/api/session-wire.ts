import { NotFoundError } from '@chat/kit';
import type { Member, Session } from '@chat/proto/chat/session/v1/session';
import type { ApiRequest } from '../http/router.js';

const SESSION_ID = /^[A-Za-z0-9-]{1,64}$/;

/** The session id of the path; anything else cannot name a session. */
export function sessionIdOf(req: ApiRequest): string {
  const id = req.params['id'] ?? '';
  if (!SESSION_ID.test(id)) throw new NotFoundError('The session');
  return id;
}

const iso = (ms: number) => (ms > 0 ? new Date(ms).toISOString() : null);

/** A session as the JSON API shows it. */
export function sessionJson(s: Session | undefined) {
  if (!s) return null;
  const last = s.lastMessage;
  return {
    id: s.id,
    kind: s.kind,
    name: s.name,
    iconFileId: s.iconFileId || null,
    visibility: s.visibility || null,
    ownerId: s.ownerId || null,
    memberCount: s.memberCount,
    memberIds: s.memberIds,
    createdAt: iso(s.createdAtMs),
    lastActivityAt: iso(s.lastActivityMs),
    lastSeq: s.lastSeq,
    lastMessage: last
      ? {
          seq: last.seq,
          senderId: last.senderId,
          kind: last.kind,
          preview: last.preview,
          createdAt: iso(last.createdAtMs),
        }
      : null,
    unreadCount: s.unreadCount,
    myRole: s.myRole || null,
  };
}

export function memberJson(m: Member | undefined) {
  if (!m) return null;
  return {
    userId: m.userId,
    role: m.role,
    joinedAt: iso(m.joinedAtMs),
    mutedUntil: iso(m.mutedUntilMs),
    readSeq: m.readSeq,
  };
}

/** -1 from a service means "no further page"; the API says null. */
export const nextOffset = (n: number) => (n < 0 ? null : n);
