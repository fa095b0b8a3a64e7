import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AUTH_STORAGE_KEY } from '../../api/session';
import { LOCALE_STORAGE_KEY } from '../../i18n/locales';
import zhCN from '../../i18n/zh-CN';
import { createFakeFetch } from '../../test/fakeFetch';
import { aSession } from '../../test/fixtures';
import { mountWithApp } from '../../test/mountWithApp';

afterEach(() => {
  localStorage.clear();
  vi.resetModules();
});

/** A fresh module graph per test, so the shared auth state reads the storage prepared for it. */
async function mountHeader(loggedIn: boolean) {
  if (loggedIn) localStorage.setItem(AUTH_STORAGE_KEY, JSON.stringify(aSession('a')));

  const { default: AppHeader } = await import('./AppHeader.vue');
  return mountWithApp(AppHeader);
}

describe('AppHeader', () => {
  it('shows an offline connection and no logout button when logged out', async () => {
    const { wrapper } = await mountHeader(false);

    const status = wrapper.get('[data-testid="ws-status"]');
    expect(status.attributes('data-status')).toBe('offline');
    expect(status.text()).toBe('Offline');
    expect(wrapper.find('[data-testid="logout"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="gateway-id"]').exists()).toBe(false);
  });

  it('logs out through the API and goes to /login', async () => {
    const fake = createFakeFetch();
    fake.on('POST', '/api/auth/logout', { status: 204 });
    vi.stubGlobal('fetch', fake.fetch);
    const { wrapper, router } = await mountHeader(true);

    await wrapper.get('[data-testid="logout"]').trigger('click');
    await flushPromises();

    expect(fake.callsTo('POST', '/api/auth/logout')).toHaveLength(1);
    expect(localStorage.getItem(AUTH_STORAGE_KEY)).toBeNull();
    expect(router.currentRoute.value.path).toBe('/login');
    expect(wrapper.find('[data-testid="logout"]').exists()).toBe(false);
  });

  it('switches the language from the locale switch and remembers it', async () => {
    const { wrapper } = await mountHeader(false);

    await wrapper.get('[data-testid="locale-switch"]').setValue('zh-CN');

    expect(wrapper.get('[data-testid="ws-status"]').text()).toBe(zhCN.connection.offline);
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('zh-CN');
    expect(document.documentElement.lang).toBe('zh-CN');
  });
});
