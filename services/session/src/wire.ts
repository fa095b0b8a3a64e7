import type { LastMessage, Member, Session } from '@chat/proto/chat/session/v1/session';
import type { LastMessageDoc, MembershipDoc } from './store.js';
import { unreadCount, type SessionView } from './views.js';

/** A session as the wire shows it to the viewer of `view`. */
export function toSession(view: SessionView): Session {
  const { session, member } = view;
  return {
    id: session._id,
    kind: session.kind,
    name: session.name,
    iconFileId: session.iconFileId,
    visibility: session.visibility,
    ownerId: session.ownerId,
    memberCount: session.memberCount,
    memberIds: session.memberIds,
    createdAtMs: session.createdAtMs,
    lastActivityMs: session.lastActivityMs,
    lastSeq: session.lastSeq,
    lastMessage: session.lastMessage ? toLastMessage(session.lastMessage) : undefined,
    unreadCount: unreadCount(view),
    myRole: member?.role ?? '',
  };
}

function toLastMessage(last: LastMessageDoc): LastMessage {
  const { seq, senderId, kind, preview, createdAtMs } = last;
  return { seq, senderId, kind, preview, createdAtMs };
}

/** A member; `role` is empty for a user who is not (or no longer) in the session. */
export function toMember(m: Omit<MembershipDoc, 'role'> & { role: string }): Member {
  return {
    userId: m.userId,
    role: m.role,
    joinedAtMs: m.joinedAtMs,
    mutedUntilMs: m.mutedUntilMs,
    readSeq: m.readSeq,
  };
}
