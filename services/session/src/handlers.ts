import type { Handlers } from '@chat/kit';
import type { SessionServiceService } from '@chat/proto/chat/session/v1/session';
import type { Members } from './members.js';
import type { Moderation } from './moderation.js';
import type { SessionPage, Sessions } from './sessions.js';
import { toMember, toSession } from './wire.js';

/** gRPC handlers: translate between wire messages and the session domain, nothing more. */
export function sessionHandlers(
  sessions: Sessions,
  members: Members,
  moderation: Moderation,
): Handlers<typeof SessionServiceService> {
  const one = async (view: ReturnType<Sessions['get']>) => ({ session: toSession(await view) });
  const page = async (p: Promise<SessionPage>) => {
    const { views, nextOffset } = await p;
    return { sessions: views.map(toSession), nextOffset };
  };

  return {
    openPrivate: (req) => one(sessions.openPrivate(req.userId, req.peerId)),
    createGroup: (req) => one(sessions.createGroup(req.userId, req)),
    updateGroup: (req) =>
      one(
        sessions.updateGroup(req.userId, req.sessionId, {
          name: req.name,
          visibility: req.visibility,
          iconFileId: req.iconFileId,
        }),
      ),
    getSession: (req) => one(sessions.get(req.userId, req.sessionId)),
    listPublic: (req) => page(sessions.listPublic(req.query, req.offset, req.limit)),
    listJoined: (req) => page(sessions.listJoined(req.userId, req.offset, req.limit)),
    join: (req) => one(members.join(req.userId, req.sessionId)),
    leave: async (req) => {
      await members.leave(req.userId, req.sessionId);
      return {};
    },
    invite: async (req) => ({
      addedIds: await members.invite(req.userId, req.sessionId, req.inviteeIds),
    }),
    listMembers: async (req) => {
      const found = await members.list(req.userId, req.sessionId, req.offset, req.limit);
      return { members: found.members.map(toMember), nextOffset: found.nextOffset };
    },
    setRole: async (req) => ({
      member: toMember(await moderation.setRole(req.userId, req.sessionId, req.targetId, req.role)),
    }),
    kick: async (req) => ({
      member: toMember(await moderation.kick(req.userId, req.sessionId, req.targetId)),
    }),
    mute: async (req) => ({
      member: toMember(await moderation.mute(req.userId, req.sessionId, req.targetId, req.untilMs)),
    }),
    ban: async (req) => ({
      member: toMember(await moderation.ban(req.userId, req.sessionId, req.targetId, req.banned)),
    }),
    transferOwnership: async (req) => ({
      member: toMember(await moderation.transfer(req.userId, req.sessionId, req.targetId)),
    }),
    markRead: async (req) => ({
      member: toMember(await members.markRead(req.userId, req.sessionId, req.seq)),
    }),
    getMembership: (req) => sessions.membership(req.userId, req.sessionId),
    listMembershipIds: async (req) => ({ sessionIds: await sessions.membershipIds(req.userId) }),
  };
}
