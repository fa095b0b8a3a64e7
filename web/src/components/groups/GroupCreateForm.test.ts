import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AUTH_STORAGE_KEY } from '../../api/session';
import en from '../../i18n/en';
import { aChatSession } from '../../test/chatFixtures';
import { createFakeFetch, errorReply } from '../../test/fakeFetch';
import { aSession, aUser } from '../../test/fixtures';
import { mountWithApp } from '../../test/mountWithApp';
import GroupCreateForm from './GroupCreateForm.vue';

let fake: ReturnType<typeof createFakeFetch>;

beforeEach(() => {
  vi.useFakeTimers();
  localStorage.setItem(AUTH_STORAGE_KEY, JSON.stringify(aSession('a')));
  fake = createFakeFetch();
  vi.stubGlobal('fetch', fake.fetch);
  fake.on('GET', '/api/users', {
    status: 200,
    body: { users: [aUser({ id: 'u-2', nickname: 'Grace' })], nextOffset: null },
  });
});

afterEach(() => {
  localStorage.clear();
  vi.useRealTimers();
});

async function fillIn() {
  const { wrapper } = await mountWithApp(GroupCreateForm);
  await wrapper.get('[data-testid="group-name-input"]').setValue('  Book club ');
  await wrapper.get('[data-testid="group-visibility"]').setValue('invite');
  await wrapper.get('[data-testid="user-search"]').setValue('gr');
  await vi.advanceTimersByTimeAsync(300);
  await flushPromises();
  await wrapper.get('[data-testid="group-add-member"]').trigger('click');
  return wrapper;
}

describe('GroupCreateForm', () => {
  it('creates the group with its name, visibility and the picked members', async () => {
    const created = aChatSession({ id: 'g-7', name: 'Book club' });
    fake.on('POST', '/api/sessions', { status: 201, body: { session: created } });
    const wrapper = await fillIn();

    expect(wrapper.get('[data-testid="group-picked"]').text()).toContain('Grace');
    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(fake.callsTo('POST', '/api/sessions')[0]?.body).toEqual({
      name: 'Book club',
      visibility: 'invite',
      memberIds: ['u-2'],
    });
    expect(wrapper.emitted('created')).toEqual([[created]]);
  });

  it('shows the refusal in words and stays on the form', async () => {
    fake.on('POST', '/api/sessions', errorReply(400, 'invalid_field', { field: 'name' }));
    const wrapper = await fillIn();

    await wrapper.get('form').trigger('submit');
    await flushPromises();

    expect(wrapper.get('[data-testid="form-error"]').text()).toBe(
      en.errors.invalid_field_named.replace('{field}', en.fields.name),
    );
    expect(wrapper.emitted('created')).toBeUndefined();
  });
});
