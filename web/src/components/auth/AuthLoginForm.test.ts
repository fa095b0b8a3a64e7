import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import en from '../../i18n/en';
import zhCN from '../../i18n/zh-CN';
import { createFakeFetch, errorReply, type FakeReply } from '../../test/fakeFetch';
import { aSession } from '../../test/fixtures';
import { mountWithApp } from '../../test/mountWithApp';
import AuthLoginForm from './AuthLoginForm.vue';

let fake: ReturnType<typeof createFakeFetch>;

beforeEach(() => {
  localStorage.clear();
  fake = createFakeFetch();
  vi.stubGlobal('fetch', fake.fetch);
});

async function submitLogin(locale: 'en' | 'zh-CN' = 'en') {
  const mounted = await mountWithApp(AuthLoginForm, { locale });
  const { wrapper } = mounted;

  await wrapper.get('[data-testid="login-email"]').setValue(' ada@example.com ');
  await wrapper.get('[data-testid="login-password"]').setValue('wrong-pass1');
  await wrapper.get('form').trigger('submit');
  await flushPromises();

  return mounted;
}

describe('AuthLoginForm', () => {
  it('shows the translated message for invalid_credentials instead of the server text', async () => {
    fake.on('POST', '/api/auth/login', errorReply(401, 'invalid_credentials'));

    const { wrapper } = await submitLogin();

    expect(wrapper.get('[data-testid="form-error"]').text()).toBe(en.errors.invalid_credentials);
    expect(wrapper.text()).not.toContain('server says');
  });

  it('shows the same error in Chinese when the locale is zh-CN', async () => {
    fake.on('POST', '/api/auth/login', errorReply(401, 'invalid_credentials'));

    const { wrapper } = await submitLogin('zh-CN');

    expect(wrapper.get('[data-testid="form-error"]').text()).toBe(zhCN.errors.invalid_credentials);
  });

  it('sends the trimmed email with the password and emits success with the user', async () => {
    fake.on('POST', '/api/auth/login', { status: 200, body: aSession('a') });

    const { wrapper } = await submitLogin();

    expect(fake.callsTo('POST', '/api/auth/login')[0]?.body).toEqual({
      email: 'ada@example.com',
      password: 'wrong-pass1',
    });
    expect(wrapper.emitted('success')?.[0]).toEqual([aSession('a').user]);
    expect(wrapper.find('[data-testid="form-error"]').exists()).toBe(false);
  });

  it('disables the submit button while the request is in flight', async () => {
    let answer: (reply: FakeReply) => void = () => undefined;
    fake.on('POST', '/api/auth/login', () => new Promise<FakeReply>((done) => (answer = done)));

    const { wrapper } = await submitLogin();
    const button = wrapper.get('[data-testid="login-submit"]');
    expect(button.attributes('disabled')).toBeDefined();

    answer(errorReply(401, 'invalid_credentials'));
    await flushPromises();
    expect(button.attributes('disabled')).toBeUndefined();
  });

  it('links to the register page', async () => {
    const { wrapper } = await mountWithApp(AuthLoginForm);

    expect(wrapper.get('[data-testid="goto-register"]').attributes('href')).toBe('/register');
  });
});
