import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isApiError } from '../api/client';
import { AUTH_STORAGE_KEY } from '../api/session';
import type { AuthSession } from '../api/types';
import { createFakeFetch, errorReply } from '../test/fakeFetch';
import { aSession, aUser, memoryStorage } from '../test/fixtures';
import {
  MIN_REFRESH_GAP_MS,
  REFRESH_LEAD_MS,
  createAuth,
  refreshDelay,
  type Auth,
} from './useAuth';

let fake: ReturnType<typeof createFakeFetch>;
let storage: Storage;
let auth: Auth | null = null;

function startWith(session: AuthSession | null): Auth {
  if (session) storage.setItem(AUTH_STORAGE_KEY, JSON.stringify(session));

  auth = createAuth({ storage, locks: null, listenToOtherTabs: false });
  return auth;
}

function stored(): AuthSession | null {
  const raw = storage.getItem(AUTH_STORAGE_KEY);
  return raw ? (JSON.parse(raw) as AuthSession) : null;
}

/** GET /api/me answers 200 only for the given token, and token_expired for any other. */
function meAcceptsOnly(token: string): void {
  fake.on('GET', '/api/me', (call) =>
    call.headers.authorization === `Bearer ${token}`
      ? { status: 200, body: { user: aUser() } }
      : errorReply(401, 'token_expired'),
  );
}

beforeEach(() => {
  fake = createFakeFetch();
  storage = memoryStorage();
  vi.stubGlobal('fetch', fake.fetch);
});

afterEach(() => {
  auth?.dispose();
  auth = null;
  vi.useRealTimers();
});

describe('useAuth requests', () => {
  it('refreshes once on token_expired, retries with the new token and stores the rotated tokens', async () => {
    const auth = startWith(aSession('old'));
    fake.on('POST', '/api/auth/refresh', { status: 200, body: aSession('new') });
    meAcceptsOnly('access-new');

    const result = await auth.request<{ user: unknown }>('/api/me');

    expect(result.user).toEqual(aUser());
    expect(fake.callsTo('POST', '/api/auth/refresh')).toHaveLength(1);
    expect(fake.callsTo('POST', '/api/auth/refresh')[0]?.body).toEqual({
      refreshToken: 'refresh-old',
    });
    expect(fake.callsTo('GET', '/api/me').map((c) => c.headers.authorization)).toEqual([
      'Bearer access-old',
      'Bearer access-new',
    ]);
    expect(stored()?.tokens.refreshToken).toBe('refresh-new');
    expect(auth.accessToken.value).toBe('access-new');
  });

  it('does not refresh a second time when the retried request is rejected again', async () => {
    const auth = startWith(aSession('old'));
    fake.on('POST', '/api/auth/refresh', { status: 200, body: aSession('new') });
    fake.on('GET', '/api/me', errorReply(401, 'token_expired'));

    const error = await auth.request('/api/me').catch((caught: unknown) => caught);

    expect(isApiError(error) && error.code).toBe('token_expired');
    expect(fake.callsTo('POST', '/api/auth/refresh')).toHaveLength(1);
    expect(fake.callsTo('GET', '/api/me')).toHaveLength(2);
  });

  it('logs out when the refresh is rejected', async () => {
    const auth = startWith(aSession('old'));
    fake.on('POST', '/api/auth/refresh', errorReply(401, 'token_revoked'));
    fake.on('GET', '/api/me', errorReply(401, 'token_expired'));

    const error = await auth.request('/api/me').catch((caught: unknown) => caught);

    expect(isApiError(error) && error.code).toBe('token_revoked');
    expect(auth.isLoggedIn.value).toBe(false);
    expect(auth.user.value).toBeNull();
    expect(storage.getItem(AUTH_STORAGE_KEY)).toBeNull();
  });

  it('keeps the session when the refresh fails only because the service is unavailable', async () => {
    const auth = startWith(aSession('old'));
    fake.on('POST', '/api/auth/refresh', errorReply(503, 'service_unavailable'));
    fake.on('GET', '/api/me', errorReply(401, 'token_expired'));

    await auth.request('/api/me').catch(() => undefined);

    expect(auth.isLoggedIn.value).toBe(true);
    expect(stored()?.tokens.refreshToken).toBe('refresh-old');
  });

  it('shares a single refresh between concurrent requests that all hit token_expired', async () => {
    const auth = startWith(aSession('old'));
    fake.on('POST', '/api/auth/refresh', { status: 200, body: aSession('new') });
    meAcceptsOnly('access-new');

    await Promise.all([auth.request('/api/me'), auth.request('/api/me'), auth.request('/api/me')]);

    expect(fake.callsTo('POST', '/api/auth/refresh')).toHaveLength(1);
  });

  it('clears the session when a request says the token was revoked', async () => {
    const auth = startWith(aSession('old'));
    fake.on('GET', '/api/me', errorReply(401, 'token_revoked'));

    await auth.request('/api/me').catch(() => undefined);

    expect(auth.isLoggedIn.value).toBe(false);
    expect(fake.callsTo('POST', '/api/auth/refresh')).toHaveLength(0);
  });
});

describe('useAuth session lifecycle', () => {
  it('keeps the user and tokens from login in chat.auth', async () => {
    const auth = startWith(null);
    fake.on('POST', '/api/auth/login', { status: 200, body: aSession('login') });

    await auth.login({ email: 'ada@example.com', password: 'secret123' });

    expect(stored()?.tokens.accessToken).toBe('access-login');
    expect(stored()?.tokens.refreshToken).toBe('refresh-login');
    expect(stored()?.user.nickname).toBe('Ada');
    expect(auth.user.value?.nickname).toBe('Ada');
  });

  it('refreshes proactively 30 seconds before the access token expires', async () => {
    vi.useFakeTimers();
    const now = Date.now();
    startWith(aSession('old', now, 5 * 60_000));
    fake.on('POST', '/api/auth/refresh', { status: 200, body: aSession('new', now, 15 * 60_000) });

    await vi.advanceTimersByTimeAsync(5 * 60_000 - REFRESH_LEAD_MS - 1_000);
    expect(fake.callsTo('POST', '/api/auth/refresh')).toHaveLength(0);

    await vi.advanceTimersByTimeAsync(2_000);
    expect(fake.callsTo('POST', '/api/auth/refresh')).toHaveLength(1);
    expect(stored()?.tokens.accessToken).toBe('access-new');
  });

  it('calls the logout API with the access token and clears the session even when that call fails', async () => {
    const auth = startWith(aSession('old'));
    fake.on('POST', '/api/auth/logout', errorReply(503, 'service_unavailable'));

    await auth.logout();

    const call = fake.callsTo('POST', '/api/auth/logout')[0];
    expect(call?.headers.authorization).toBe('Bearer access-old');
    expect(call?.body).toEqual({});
    expect(auth.isLoggedIn.value).toBe(false);
    expect(storage.getItem(AUTH_STORAGE_KEY)).toBeNull();
  });

  it('ignores a stored value that is not a session', () => {
    storage.setItem(AUTH_STORAGE_KEY, '{"user":1}');

    expect(startWith(null).isLoggedIn.value).toBe(false);
  });
});

describe('refreshDelay', () => {
  const tokens = aSession('t', 0, 60_000).tokens;

  it('is due 30 seconds before the access token expires', () => {
    expect(refreshDelay(tokens, 0, -Infinity)).toBe(60_000 - REFRESH_LEAD_MS);
    expect(refreshDelay(tokens, 45_000, -Infinity)).toBe(0);
  });

  it('waits a minimum gap after the previous attempt so a skewed clock cannot loop', () => {
    expect(refreshDelay(tokens, 45_000, 44_000)).toBe(44_000 + MIN_REFRESH_GAP_MS - 45_000);
  });
});
