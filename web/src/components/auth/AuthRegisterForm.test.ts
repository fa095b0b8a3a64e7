import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import en from '../../i18n/en';
import { createFakeFetch, errorReply } from '../../test/fakeFetch';
import { aSession } from '../../test/fixtures';
import { mountWithApp } from '../../test/mountWithApp';
import AuthRegisterForm from './AuthRegisterForm.vue';

let fake: ReturnType<typeof createFakeFetch>;

beforeEach(() => {
  localStorage.clear();
  fake = createFakeFetch();
  vi.stubGlobal('fetch', fake.fetch);
});

async function fillAndSubmit() {
  const mounted = await mountWithApp(AuthRegisterForm);
  const { wrapper } = mounted;

  await wrapper.get('[data-testid="register-email"]').setValue('grace@example.com');
  await wrapper.get('[data-testid="register-nickname"]').setValue('Grace');
  await wrapper.get('[data-testid="register-password"]').setValue('hopper1906');
  await wrapper.get('[data-testid="register-gender"]').setValue('other');
  await wrapper.get('form').trigger('submit');
  await flushPromises();

  return mounted;
}

describe('AuthRegisterForm', () => {
  it('sends the email, nickname, password and gender that were entered', async () => {
    fake.on('POST', '/api/auth/register', { status: 201, body: aSession('r') });

    const { wrapper } = await fillAndSubmit();

    expect(fake.callsTo('POST', '/api/auth/register')[0]?.body).toEqual({
      email: 'grace@example.com',
      nickname: 'Grace',
      password: 'hopper1906',
      gender: 'other',
    });
    expect(wrapper.emitted('success')).toHaveLength(1);
  });

  it('offers the four genders with translated labels', async () => {
    const { wrapper } = await mountWithApp(AuthRegisterForm);

    const options = wrapper.findAll('[data-testid="register-gender"] option');

    expect(options.map((o) => o.attributes('value'))).toEqual([
      'male',
      'female',
      'other',
      'unspecified',
    ]);
    expect(options.map((o) => o.text())).toEqual(Object.values(en.gender));
  });

  it('highlights the field named by the error and shows its message', async () => {
    fake.on('POST', '/api/auth/register', errorReply(400, 'weak_password', { field: 'password' }));

    const { wrapper } = await fillAndSubmit();

    expect(wrapper.get('[data-testid="form-error"]').text()).toBe(en.errors.weak_password);
    expect(wrapper.get('[data-testid="register-password"]').attributes('aria-invalid')).toBe(
      'true',
    );
    expect(wrapper.get('[data-testid="register-email"]').attributes('aria-invalid')).toBe('false');
    expect(wrapper.emitted('success')).toBeUndefined();
  });
});
