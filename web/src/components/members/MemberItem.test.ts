import { describe, expect, it } from 'vitest';
import type { Member, Role } from '../../api/chatTypes';
import { mountWithApp } from '../../test/mountWithApp';
import MemberItem from './MemberItem.vue';

function aMember(role: Role): Member {
  return { userId: 'u-2', role, joinedAt: null, mutedUntil: null, readSeq: 0 };
}

async function buttons(viewerRole: Role | null, targetRole: Role, isSelf = false) {
  const { wrapper } = await mountWithApp(MemberItem, {
    props: { member: aMember(targetRole), name: 'Grace', viewerRole, isSelf, busy: false },
  });
  return wrapper
    .findAll('button')
    .map((b) => b.attributes('data-testid'))
    .sort();
}

describe('MemberItem', () => {
  it('shows the owner every moderation action on a member', async () => {
    expect(await buttons('owner', 'member')).toEqual(
      ['member-ban', 'member-kick', 'member-makeAdmin', 'member-makeOwner', 'member-mute'].sort(),
    );
  });

  it('shows an admin kick, mute and ban on members, and nothing on other admins', async () => {
    expect(await buttons('admin', 'member')).toEqual(['member-ban', 'member-kick', 'member-mute']);
    expect(await buttons('admin', 'admin')).toEqual([]);
  });

  it('shows a plain member no actions at all', async () => {
    expect(await buttons('member', 'member')).toEqual([]);
  });

  it('emits the chosen action', async () => {
    const { wrapper } = await mountWithApp(MemberItem, {
      props: {
        member: aMember('member'),
        name: 'Grace',
        viewerRole: 'owner',
        isSelf: false,
        busy: false,
      },
    });

    await wrapper.get('[data-testid="member-kick"]').trigger('click');

    expect(wrapper.emitted('act')).toEqual([['kick']]);
    expect(wrapper.get('[data-testid="member-item"]').attributes('data-role')).toBe('member');
  });
});
