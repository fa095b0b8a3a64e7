import type { Role } from '../api/chatTypes';

export type MemberAction = 'kick' | 'mute' | 'ban' | 'makeAdmin' | 'removeAdmin' | 'makeOwner';

const RANK: Record<Role, number> = { owner: 3, admin: 2, member: 1 };

/**
 * What the viewer may do to a member, mirroring the session service: owner and admins moderate
 * those ranked below them; only the owner changes roles and hands over ownership.
 */
export function allowedActions(
  viewerRole: Role | null,
  target: { role: Role; isSelf: boolean },
): MemberAction[] {
  if (!viewerRole || target.isSelf || RANK[viewerRole] <= RANK[target.role]) return [];
  if (viewerRole === 'admin') return ['kick', 'mute', 'ban'];

  const roleChange: MemberAction = target.role === 'admin' ? 'removeAdmin' : 'makeAdmin';
  return ['kick', 'mute', 'ban', roleChange, 'makeOwner'];
}

/**
 * Inviting into an invite-only group is for owner and admins; any member invites to a public
 * one.
 */
export function canInvite(viewerRole: Role | null, visibility: string | null): boolean {
  if (!viewerRole) return false;
  return visibility === 'public' || viewerRole !== 'member';
}
