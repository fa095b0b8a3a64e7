import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AUTH_STORAGE_KEY } from '../../api/session';
import en from '../../i18n/en';
import { aChatSession } from '../../test/chatFixtures';
import { createFakeFetch, errorReply } from '../../test/fakeFetch';
import { aSession } from '../../test/fixtures';
import { mountWithApp } from '../../test/mountWithApp';
import PublicGroupList from './PublicGroupList.vue';

let fake: ReturnType<typeof createFakeFetch>;
const group = aChatSession({ id: 'g-3', name: 'Hikers', myRole: null, memberCount: 12 });

beforeEach(() => {
  localStorage.setItem(AUTH_STORAGE_KEY, JSON.stringify(aSession('a')));
  fake = createFakeFetch();
  vi.stubGlobal('fetch', fake.fetch);
  fake.on('GET', '/api/sessions/public', {
    status: 200,
    body: { sessions: [group], nextOffset: null },
  });
});

afterEach(() => localStorage.clear());

describe('PublicGroupList', () => {
  it('lists public groups and joins one', async () => {
    const joined = { ...group, myRole: 'member' };
    fake.on('POST', '/api/sessions/g-3/join', { status: 200, body: { session: joined } });
    const { wrapper } = await mountWithApp(PublicGroupList);
    await flushPromises();

    const item = wrapper.get('[data-testid="public-group"]');
    expect(item.attributes('data-session-id')).toBe('g-3');
    expect(item.text()).toContain('Hikers');
    await wrapper.get('[data-testid="join-button"]').trigger('click');
    await flushPromises();

    expect(wrapper.emitted('joined')).toEqual([[joined]]);
  });

  it('searches by the typed name and says when a join is refused', async () => {
    fake.on('POST', '/api/sessions/g-3/join', errorReply(403, 'banned'));
    const { wrapper } = await mountWithApp(PublicGroupList);
    await flushPromises();

    await wrapper.get('[data-testid="group-search"]').setValue('hik');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(fake.calls.at(-1)?.path).toContain('q=hik');

    await wrapper.get('[data-testid="join-button"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="form-error"]').text()).toBe(en.errors.banned);
  });
});
