import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import { AUTH_STORAGE_KEY } from '../api/session';
import { createAuth, type Auth } from '../composables/useAuth';
import { createFakeFetch } from '../test/fakeFetch';
import { aSession, memoryStorage } from '../test/fixtures';
import { createAppRouter } from '.';

let auth: Auth;

function setup(loggedIn: boolean) {
  const storage = memoryStorage();
  if (loggedIn) storage.setItem(AUTH_STORAGE_KEY, JSON.stringify(aSession('a')));

  auth = createAuth({ storage, locks: null, listenToOtherTabs: false });
  return createAppRouter(auth, createMemoryHistory());
}

afterEach(() => auth.dispose());

describe('router', () => {
  it('sends / to /login when logged out and to /profile when logged in', async () => {
    const guest = setup(false);
    await guest.push('/');
    expect(guest.currentRoute.value.path).toBe('/login');

    const member = setup(true);
    await member.push('/');
    expect(member.currentRoute.value.path).toBe('/profile');
  });

  it('keeps logged-out visitors away from /profile', async () => {
    const router = setup(false);

    await router.push('/profile');

    expect(router.currentRoute.value.path).toBe('/login');
  });

  it('sends unknown paths home', async () => {
    const router = setup(false);

    await router.push('/no/such/page');

    expect(router.currentRoute.value.path).toBe('/login');
  });

  it('goes to /login when the session ends while on /profile', async () => {
    const fake = createFakeFetch();
    fake.on('POST', '/api/auth/logout', { status: 204 });
    vi.stubGlobal('fetch', fake.fetch);
    const router = setup(true);
    await router.push('/profile');

    await auth.logout();
    await flushPromises();

    expect(router.currentRoute.value.path).toBe('/login');
  });
});
