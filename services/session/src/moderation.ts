import { InvalidFieldError } from '@chat/kit';
import type { Directory } from './access.js';
import type { Announcer } from './announcer.js';
import { ForbiddenError } from './errors.js';
import { isId, parseRole, parseUntil, requireOutranks, requireOwner } from './rules.js';
import { newMember, type Roster } from './roster.js';
import { membershipId, type MembershipDoc, type SessionStore } from './store.js';

const NO_MODERATION = 'A private session has no moderation.';

/** Roles, kicks, mutes, bans and ownership: what owners and admins do to members. */
export class Moderation {
  constructor(
    private readonly store: SessionStore,
    private readonly directory: Directory,
    private readonly roster: Roster,
    private readonly announcer: Announcer,
  ) {}

  /** The owner makes a member admin, or an admin member again. */
  async setRole(userId: string, sessionId: string, targetId: string, raw: string) {
    const role = parseRole(raw);
    const { member } = await this.directory.requireGroup(
      sessionId,
      userId,
      'A private session has no roles.',
    );
    requireOwner(member.role);
    if (targetId === userId) throw new ForbiddenError('The owner hands over with a transfer.');
    const target = await this.directory.requireTarget(sessionId, targetId);
    if (target.role === role) return target;

    await this.store.memberships.updateOne({ _id: target._id }, { $set: { role } });
    await this.announce(sessionId, 'role', userId, targetId, { role, detail: role });
    return { ...target, role };
  }

  async kick(userId: string, sessionId: string, targetId: string): Promise<MembershipDoc> {
    const { member } = await this.directory.requireGroup(sessionId, userId, NO_MODERATION);
    const target = await this.directory.requireTarget(sessionId, targetId);
    requireOutranks(member.role, target.role, targetId === userId);

    if (await this.roster.remove(sessionId, targetId)) {
      await this.announce(sessionId, 'kick', userId, targetId, { left: [targetId] });
    }
    return target;
  }

  /** A muted member reads but cannot post until `untilMs`; 0 lifts the mute. */
  async mute(userId: string, sessionId: string, targetId: string, until: number) {
    const untilMs = parseUntil(until);
    const { member } = await this.directory.requireGroup(sessionId, userId, NO_MODERATION);
    const target = await this.directory.requireTarget(sessionId, targetId);
    requireOutranks(member.role, target.role, targetId === userId);

    await this.store.memberships.updateOne(
      { _id: target._id },
      { $set: { mutedUntilMs: untilMs } },
    );
    const action = untilMs === 0 ? 'unmute' : 'mute';
    const detail = untilMs === 0 ? '' : new Date(untilMs).toISOString();
    await this.announce(sessionId, action, userId, targetId, { detail });
    return { ...target, mutedUntilMs: untilMs };
  }

  /** Bans remove the user and keep them out; they may also be set on users not in the group. */
  async ban(userId: string, sessionId: string, targetId: string, banned: boolean) {
    if (!isId(targetId)) throw new InvalidFieldError('targetId', 'Not a user id.');
    const { member } = await this.directory.requireGroup(sessionId, userId, NO_MODERATION);
    const target = await this.directory.membership(sessionId, targetId);
    requireOutranks(member.role, target?.role, targetId === userId);
    const shown = target ?? { ...newMember(sessionId, targetId, 'member', 0), role: '' };

    if (!banned) {
      const lifted = await this.store.bans.deleteOne({ _id: membershipId(sessionId, targetId) });
      if (lifted.deletedCount === 1) await this.announce(sessionId, 'unban', userId, targetId, {});
      return shown;
    }

    const ban = { sessionId, userId: targetId, actorId: userId, atMs: Date.now() };
    const fresh = await this.roster.ban({ _id: membershipId(sessionId, targetId), ...ban });
    const removed = target !== null && (await this.roster.remove(sessionId, targetId));
    if (fresh || removed) {
      await this.announce(sessionId, 'ban', userId, targetId, { left: removed ? [targetId] : [] });
    }
    return shown;
  }

  /** The owner hands the group to another member and stays on as admin. */
  async transfer(userId: string, sessionId: string, targetId: string): Promise<MembershipDoc> {
    const { member } = await this.directory.requireGroup(
      sessionId,
      userId,
      'A private session has no owner.',
    );
    requireOwner(member.role);
    if (targetId === userId) throw new ForbiddenError('You own this group already.');
    const target = await this.directory.requireTarget(sessionId, targetId);

    await this.store.memberships.updateOne({ _id: target._id }, { $set: { role: 'owner' } });
    await this.store.memberships.updateOne({ _id: member._id }, { $set: { role: 'admin' } });
    await this.store.sessions.updateOne({ _id: sessionId }, { $set: { ownerId: targetId } });
    await this.announce(sessionId, 'owner', userId, targetId, { role: 'owner', detail: 'owner' });
    return { ...target, role: 'owner' };
  }

  private announce(
    sessionId: string,
    action: string,
    actorId: string,
    targetId: string,
    extra: { role?: string; detail?: string; left?: string[] },
  ): Promise<void> {
    return this.announcer.announce({ sessionId, action, actorId, targetIds: [targetId], ...extra });
  }
}
