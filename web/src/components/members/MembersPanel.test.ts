import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Role } from '../../api/chatTypes';
import { AUTH_STORAGE_KEY } from '../../api/session';
import en from '../../i18n/en';
import { aChatSession } from '../../test/chatFixtures';
import { createFakeFetch, errorReply } from '../../test/fakeFetch';
import { aSession } from '../../test/fixtures';
import { mountWithApp } from '../../test/mountWithApp';
import MembersPanel from './MembersPanel.vue';

let fake: ReturnType<typeof createFakeFetch>;

const member = (userId: string, role: Role) => ({
  userId,
  role,
  joinedAt: null,
  mutedUntil: null,
  readSeq: 0,
});

beforeEach(() => {
  localStorage.setItem(AUTH_STORAGE_KEY, JSON.stringify(aSession('a')));
  fake = createFakeFetch();
  vi.stubGlobal('fetch', fake.fetch);
  fake.on('GET', '/api/sessions/g-1/members', {
    status: 200,
    body: { members: [member('u-3', 'member'), member('u-1', 'owner')], nextOffset: null },
  });
});

afterEach(() => localStorage.clear());

async function panel(myRole: Role) {
  const session = aChatSession({ id: 'g-1', myRole, visibility: 'invite' });
  const { wrapper } = await mountWithApp(MembersPanel, { props: { session, selfId: 'u-1' } });
  await flushPromises();
  return wrapper;
}

describe('MembersPanel', () => {
  it('lists members owner first and moderates through the API', async () => {
    fake.on('POST', '/api/sessions/g-1/members/u-3/kick', {
      status: 200,
      body: { member: member('u-3', 'member') },
    });
    const wrapper = await panel('owner');

    const items = wrapper.findAll('[data-testid="member-item"]');
    expect(items.map((i) => i.attributes('data-role'))).toEqual(['owner', 'member']);
    await wrapper.get('[data-testid="member-kick"]').trigger('click');
    await flushPromises();

    expect(fake.callsTo('POST', '/api/sessions/g-1/members/u-3/kick')).toHaveLength(1);
  });

  it('shows a refused moderation step in words', async () => {
    fake.on('POST', '/api/sessions/g-1/members/u-3/ban', errorReply(403, 'forbidden'));
    const wrapper = await panel('owner');

    await wrapper.get('[data-testid="member-ban"]').trigger('click');
    await flushPromises();

    expect(fake.callsTo('POST', '/api/sessions/g-1/members/u-3/ban')[0]?.body).toEqual({
      banned: true,
    });
    expect(wrapper.get('[data-testid="form-error"]').text()).toBe(en.errors.forbidden);
  });

  it('hides invite from a plain member of an invite-only group, and leaves after a confirm', async () => {
    fake.on('POST', '/api/sessions/g-1/leave', { status: 204 });
    const wrapper = await panel('member');
    expect(wrapper.find('[data-testid="invite-button"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="member-kick"]').exists()).toBe(false);

    await wrapper.get('[data-testid="leave-button"]').trigger('click');
    expect(fake.callsTo('POST', '/api/sessions/g-1/leave')).toHaveLength(0);
    await wrapper.get('[data-testid="confirm-yes"]').trigger('click');
    await flushPromises();

    expect(fake.callsTo('POST', '/api/sessions/g-1/leave')).toHaveLength(1);
    expect(wrapper.emitted('left')).toHaveLength(1);
  });
});
