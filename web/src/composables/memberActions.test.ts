import { describe, expect, it } from 'vitest';
import { allowedActions, canInvite } from './memberActions';

describe('allowedActions', () => {
  it('gives the owner every action on admins and members', () => {
    expect(allowedActions('owner', { role: 'member', isSelf: false })).toEqual([
      'kick',
      'mute',
      'ban',
      'makeAdmin',
      'makeOwner',
    ]);
    expect(allowedActions('owner', { role: 'admin', isSelf: false })).toContain('removeAdmin');
  });

  it('lets admins moderate members but not other admins or the owner', () => {
    expect(allowedActions('admin', { role: 'member', isSelf: false })).toEqual([
      'kick',
      'mute',
      'ban',
    ]);
    expect(allowedActions('admin', { role: 'admin', isSelf: false })).toEqual([]);
    expect(allowedActions('admin', { role: 'owner', isSelf: false })).toEqual([]);
  });

  it('gives members, outsiders and anyone acting on themselves nothing', () => {
    expect(allowedActions('member', { role: 'member', isSelf: false })).toEqual([]);
    expect(allowedActions(null, { role: 'member', isSelf: false })).toEqual([]);
    expect(allowedActions('owner', { role: 'owner', isSelf: true })).toEqual([]);
  });
});

describe('canInvite', () => {
  it('lets any member invite to a public group, only owner and admins to an invite-only one', () => {
    expect(canInvite('member', 'public')).toBe(true);
    expect(canInvite('member', 'invite')).toBe(false);
    expect(canInvite('admin', 'invite')).toBe(true);
    expect(canInvite(null, 'public')).toBe(false);
  });
});
