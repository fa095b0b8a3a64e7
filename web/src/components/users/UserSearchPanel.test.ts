import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AUTH_STORAGE_KEY } from '../../api/session';
import { createFakeFetch } from '../../test/fakeFetch';
import { aSession, aUser } from '../../test/fixtures';
import { mountWithApp } from '../../test/mountWithApp';
import UserSearchPanel from './UserSearchPanel.vue';

let fake: ReturnType<typeof createFakeFetch>;

beforeEach(() => {
  localStorage.setItem(AUTH_STORAGE_KEY, JSON.stringify(aSession('a')));
  fake = createFakeFetch();
  vi.stubGlobal('fetch', fake.fetch);
  fake.on('GET', '/api/users', (call) => {
    const offset = new URL(call.path, 'http://x').searchParams.get('offset');
    return offset === '0'
      ? { status: 200, body: { users: [aUser({ id: 'a', nickname: 'Ann' })], nextOffset: 1 } }
      : { status: 200, body: { users: [aUser({ id: 'b', nickname: 'Anna' })], nextOffset: null } };
  });
});

afterEach(() => localStorage.clear());

describe('UserSearchPanel', () => {
  it('searches for the submitted query and loads the next page with the more button', async () => {
    const { wrapper } = await mountWithApp(UserSearchPanel);

    await wrapper.get('[data-testid="user-search"]').setValue('an');
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(fake.callsTo('GET', '/api/users')[0]?.path).toBe('/api/users?q=an&offset=0&limit=20');
    expect(wrapper.findAll('[data-testid="user-search-result"]').map((r) => r.text())).toEqual([
      expect.stringContaining('Ann'),
    ]);

    await wrapper.get('[data-testid="user-search-more"]').trigger('click');
    await flushPromises();

    expect(wrapper.findAll('[data-testid="user-search-result"]')).toHaveLength(2);
    expect(wrapper.find('[data-testid="user-search-more"]').exists()).toBe(false);
  });

  it('searches on its own once typing pauses', async () => {
    vi.useFakeTimers();
    const { wrapper } = await mountWithApp(UserSearchPanel);

    await wrapper.get('[data-testid="user-search"]').setValue('a');
    await wrapper.get('[data-testid="user-search"]').setValue('an');
    await vi.advanceTimersByTimeAsync(299);
    expect(fake.callsTo('GET', '/api/users')).toHaveLength(0);

    await vi.advanceTimersByTimeAsync(1);
    await flushPromises();
    expect(fake.callsTo('GET', '/api/users')).toHaveLength(1);
    expect(wrapper.findAll('[data-testid="user-search-result"]')).toHaveLength(1);
    vi.useRealTimers();
  });
});
