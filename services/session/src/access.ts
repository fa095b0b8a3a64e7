import type { MembershipDoc, SessionDoc, SessionStore } from './store.js';
import { membershipId } from './store.js';
import { ForbiddenError, NotMemberError } from './errors.js';
import { isId } from './rules.js';

export interface Access {
  session: SessionDoc;
  member: MembershipDoc;
}

/** Reads sessions and memberships, answering not_member for anything a user may not see. */
export class Directory {
  constructor(private readonly store: SessionStore) {}

  async session(sessionId: string): Promise<SessionDoc | null> {
    if (!isId(sessionId)) return null;
    return this.store.sessions.findOne({ _id: sessionId });
  }

  async membership(sessionId: string, userId: string): Promise<MembershipDoc | null> {
    if (!isId(sessionId)) return null;
    return this.store.memberships.findOne({ _id: membershipId(sessionId, userId) });
  }

  async isBanned(sessionId: string, userId: string): Promise<boolean> {
    return (await this.store.bans.countDocuments({ _id: membershipId(sessionId, userId) })) > 0;
  }

  /** The session and the caller's membership; not_member when either is missing. */
  async requireMember(sessionId: string, userId: string): Promise<Access> {
    const [session, member] = await Promise.all([
      this.session(sessionId),
      this.membership(sessionId, userId),
    ]);
    if (!session || !member) throw new NotMemberError();
    return { session, member };
  }

  /** Like requireMember, for what only groups have; `refusal` says why a private one cannot. */
  async requireGroup(sessionId: string, userId: string, refusal: string): Promise<Access> {
    const access = await this.requireMember(sessionId, userId);
    if (access.session.kind !== 'group') throw new ForbiddenError(refusal);
    return access;
  }

  /** The target's membership of a session the caller manages; not_member when absent. */
  async requireTarget(sessionId: string, targetId: string): Promise<MembershipDoc> {
    const target = await this.membership(sessionId, targetId);
    if (!target) throw new NotMemberError('That user is not in this session.');
    return target;
  }
}
