import { NotFoundError } from '@chat/kit';
import type { Directory } from './access.js';
import type { Announcer } from './announcer.js';
import { BannedError, ForbiddenError } from './errors.js';
import { parsePage, parseSeq, parseUserIds, requireManager } from './rules.js';
import type { Roster } from './roster.js';
import type { MembershipDoc, SessionStore } from './store.js';
import type { SessionView } from './views.js';

export interface MemberPage {
  members: MembershipDoc[];
  nextOffset: number;
}

/** Who is in a session: joining, leaving, invitations, member lists and read marks. */
export class Members {
  constructor(
    private readonly store: SessionStore,
    private readonly directory: Directory,
    private readonly roster: Roster,
    private readonly announcer: Announcer,
    private readonly maxMembers: number,
  ) {}

  /**
   * Joins a public group. Someone joining a group its last member left becomes its owner.
   */
  async join(userId: string, sessionId: string): Promise<SessionView> {
    const session = await this.directory.session(sessionId);
    if (!session) throw new NotFoundError('The session');
    const existing = await this.directory.membership(sessionId, userId);
    if (existing) return { session, member: existing };

    if (session.kind !== 'group') throw new ForbiddenError('A private session cannot be joined.');
    if (await this.directory.isBanned(sessionId, userId)) throw new BannedError();
    if (session.visibility !== 'public') throw new ForbiddenError('This group is invite-only.');
    if (session.memberCount >= this.maxMembers) throw new ForbiddenError('This group is full.');

    const claimed = await this.store.sessions.updateOne(
      { _id: sessionId, ownerId: '' },
      { $set: { ownerId: userId } },
    );
    const role = claimed.modifiedCount === 1 ? 'owner' : 'member';
    if (!(await this.roster.add(sessionId, userId, role, session.lastSeq))) {
      return this.view(sessionId, userId);
    }

    const change = { sessionId, actorId: userId, targetIds: [userId] };
    await this.announcer.announce({ ...change, action: 'join', joined: [userId] });
    if (role === 'owner') await this.announcer.announce({ ...change, action: 'owner', role });
    return this.view(sessionId, userId);
  }

  /**
   * Leaves a group. An owner who leaves hands the group to the oldest admin, else the oldest
   * member; a group whose last member leaves stays, ownerless, until someone joins it.
   */
  async leave(userId: string, sessionId: string): Promise<void> {
    const { session, member } = await this.directory.requireGroup(
      sessionId,
      userId,
      'A private session cannot be left.',
    );
    if (!(await this.roster.remove(sessionId, userId))) return;
    await this.announcer.announce({
      sessionId,
      action: 'leave',
      actorId: userId,
      targetIds: [userId],
      left: [userId],
    });
    if (member.role !== 'owner' || session.ownerId !== userId) return;

    const heir =
      (await this.roster.oldest({ sessionId, role: 'admin' })) ??
      (await this.roster.oldest({ sessionId }));
    await this.store.sessions.updateOne(
      { _id: sessionId },
      { $set: { ownerId: heir?.userId ?? '' } },
    );
    if (!heir) return;
    await this.store.memberships.updateOne({ _id: heir._id }, { $set: { role: 'owner' } });
    await this.announcer.announce({
      sessionId,
      action: 'owner',
      actorId: userId,
      targetIds: [heir.userId],
      role: 'owner',
      detail: 'owner',
    });
  }

  /** Adds users; in invite-only groups only the owner and admins invite. */
  async invite(userId: string, sessionId: string, inviteeIds: string[]): Promise<string[]> {
    const { session, member } = await this.directory.requireGroup(
      sessionId,
      userId,
      'A private session has two users only.',
    );
    if (session.visibility === 'invite') requireManager(member.role);
    const ids = parseUserIds(inviteeIds, 'inviteeIds', userId);

    const [present, banned] = await Promise.all([
      this.store.memberships.find({ sessionId, userId: { $in: ids } }).toArray(),
      this.store.bans.find({ sessionId, userId: { $in: ids } }).toArray(),
    ]);
    const skip = new Set([...present, ...banned].map((d) => d.userId));
    const candidates = ids.filter((id) => !skip.has(id));
    if (session.memberCount + candidates.length > this.maxMembers) {
      throw new ForbiddenError(`A group has at most ${this.maxMembers} members.`);
    }

    const added: string[] = [];
    for (const id of candidates) {
      if (await this.roster.add(sessionId, id, 'member', session.lastSeq)) added.push(id);
    }
    if (added.length > 0) {
      await this.announcer.announce({
        sessionId,
        action: 'invite',
        actorId: userId,
        targetIds: added,
        joined: added,
      });
    }
    return added;
  }

  async list(
    userId: string,
    sessionId: string,
    offset: number,
    limit: number,
  ): Promise<MemberPage> {
    const page = parsePage(offset, limit);
    await this.directory.requireMember(sessionId, userId);
    const found = await this.store.memberships
      .find({ sessionId })
      .sort({ joinedAtMs: 1, _id: 1 })
      .skip(page.offset)
      .limit(page.limit + 1)
      .toArray();
    const more = found.length > page.limit;
    return {
      members: found.slice(0, page.limit),
      nextOffset: more ? page.offset + page.limit : -1,
    };
  }

  /** Moves the member's read mark forward (never back) and tells the session's gateways. */
  async markRead(userId: string, sessionId: string, rawSeq: number): Promise<MembershipDoc> {
    const seq = parseSeq(rawSeq);
    const { member } = await this.directory.requireMember(sessionId, userId);
    if (seq <= member.readSeq) return member;

    const moved = await this.store.memberships.updateOne(
      { _id: member._id, readSeq: { $lt: seq } },
      { $set: { readSeq: seq } },
    );
    if (moved.modifiedCount === 1) this.announcer.read(sessionId, userId, seq);
    return (await this.directory.membership(sessionId, userId)) ?? { ...member, readSeq: seq };
  }

  private async view(sessionId: string, userId: string): Promise<SessionView> {
    return this.directory.requireMember(sessionId, userId);
  }
}
