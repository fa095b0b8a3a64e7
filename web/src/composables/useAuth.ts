import { computed, shallowRef } from 'vue';
import { logoutRequest, loginRequest, refreshRequest, registerRequest } from '../api/auth';
import { ApiError, apiRequest, isApiError, type RequestOptions } from '../api/client';
import { AUTH_STORAGE_KEY, loadSession, saveSession } from '../api/session';
import type { AuthSession, LoginInput, RegisterInput, Tokens, User } from '../api/types';

/** Refresh this long before the access token expires, so requests never race the expiry. */
export const REFRESH_LEAD_MS = 30_000;

/** Stops a skewed client clock from turning proactive refresh into a tight loop. */
export const MIN_REFRESH_GAP_MS = 10_000;

const MAX_TIMER_MS = 2_147_000_000;
const LOGOUT_TIMEOUT_MS = 5_000;
const REFRESH_LOCK = 'chat.auth.refresh';

export interface AuthOptions {
  storage?: Storage | null;
  now?: () => number;
  locks?: LockManager | null;
  listenToOtherTabs?: boolean;
}

export type Auth = ReturnType<typeof createAuth>;

/** Milliseconds until the access token should be refreshed; 0 means now. */
export function refreshDelay(tokens: Tokens, now: number, lastAttemptAt: number): number {
  const expiresAt = Date.parse(tokens.accessExpiresAt);
  const due = Number.isNaN(expiresAt) ? now : expiresAt - REFRESH_LEAD_MS;
  const earliest = lastAttemptAt + MIN_REFRESH_GAP_MS;

  return Math.max(0, Math.max(due, earliest) - now);
}

/** A 4xx answer to refresh means the session is gone; anything else may pass. */
export function isSessionRejected(error: unknown): boolean {
  if (!isApiError(error)) return false;

  return error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;
}

export function createAuth(options: AuthOptions = {}) {
  const storage = options.storage === undefined ? defaultStorage() : options.storage;
  const now = options.now ?? Date.now;
  const locks = options.locks === undefined ? defaultLocks() : options.locks;

  const session = shallowRef<AuthSession | null>(loadSession(storage));
  const user = computed(() => session.value?.user ?? null);
  const accessToken = computed(() => session.value?.tokens.accessToken ?? null);
  const isLoggedIn = computed(() => session.value !== null);

  let refreshing: Promise<AuthSession> | null = null;
  let lastAttemptAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function apply(next: AuthSession | null, persist = true): void {
    session.value = next;
    if (persist) saveSession(storage, next);

    schedule();
  }

  function schedule(): void {
    clearTimeout(timer);
    timer = undefined;

    const current = session.value;
    if (!current) return;

    const delay = Math.min(refreshDelay(current.tokens, now(), lastAttemptAt), MAX_TIMER_MS);
    timer = setTimeout(() => void refresh().catch(() => undefined), delay);
  }

  async function register(input: RegisterInput): Promise<User> {
    const next = await registerRequest(input);

    apply(next);
    return next.user;
  }

  async function login(input: LoginInput): Promise<User> {
    const next = await loginRequest(input);

    apply(next);
    return next.user;
  }

  async function logout(): Promise<void> {
    const token = session.value?.tokens.accessToken;

    // The local session ends even when the server cannot be told about it.
    if (token) await logoutRequest(token, timeoutSignal(LOGOUT_TIMEOUT_MS)).catch(() => undefined);

    apply(null);
  }

  function refresh(): Promise<AuthSession> {
    refreshing ??= runRefresh().finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  async function runRefresh(): Promise<AuthSession> {
    const used = session.value?.tokens.refreshToken;
    if (!used) throw notLoggedIn();

    lastAttemptAt = now();
    return withLock(locks, () => refreshWith(used));
  }

  async function refreshWith(used: string): Promise<AuthSession> {
    // Another tab may have rotated the token while this one waited for the lock.
    const stored = loadSession(storage);
    if (stored && stored.tokens.refreshToken !== used) {
      apply(stored, false);
      return stored;
    }

    try {
      const next = await refreshRequest(used);
      if (!session.value) throw notLoggedIn();

      apply(next);
      return next;
    } catch (error) {
      if (isSessionRejected(error)) apply(null);
      else schedule();
      throw error;
    }
  }

  /** The access token to use now, refreshed first when it is about to expire. */
  async function validAccessToken(): Promise<string | null> {
    const current = session.value;
    if (!current) return null;

    if (refreshDelay(current.tokens, now(), lastAttemptAt) > 0) return current.tokens.accessToken;

    try {
      return (await refresh()).tokens.accessToken;
    } catch {
      return session.value?.tokens.accessToken ?? null;
    }
  }

  async function request<T>(path: string, init: Omit<RequestOptions, 'token'> = {}): Promise<T> {
    const token = await validAccessToken();
    if (!token) throw notLoggedIn();

    try {
      return await apiRequest<T>(path, { ...init, token });
    } catch (error) {
      if (!isApiError(error) || error.status !== 401) throw error;
      if (error.code === 'token_expired') return retryWithFreshToken<T>(path, init, token);

      if (error.code === 'token_revoked' || error.code === 'token_invalid') apply(null);
      throw error;
    }
  }

  async function retryWithFreshToken<T>(
    path: string,
    init: Omit<RequestOptions, 'token'>,
    expired: string,
  ): Promise<T> {
    // A concurrent request may already have refreshed; reuse its token rather than rotate again.
    const current = session.value?.tokens.accessToken;
    const token = current && current !== expired ? current : (await refresh()).tokens.accessToken;

    return apiRequest<T>(path, { ...init, token });
  }

  function setUser(next: User): void {
    const current = session.value;
    if (current) apply({ ...current, user: { ...current.user, ...next } });
  }

  function onStorage(event: StorageEvent): void {
    if (event.key !== AUTH_STORAGE_KEY && event.key !== null) return;

    apply(loadSession(storage), false);
  }

  const listens = options.listenToOtherTabs !== false && typeof window !== 'undefined';
  if (listens) window.addEventListener('storage', onStorage);

  function dispose(): void {
    clearTimeout(timer);
    if (listens) window.removeEventListener('storage', onStorage);
  }

  schedule();

  return {
    session,
    user,
    accessToken,
    isLoggedIn,
    register,
    login,
    logout,
    refresh,
    validAccessToken,
    request,
    setUser,
    dispose,
  };
}

let shared: Auth | null = null;

export function useAuth(): Auth {
  shared ??= createAuth();
  return shared;
}

function notLoggedIn(): ApiError {
  return new ApiError({ status: 401, code: 'unauthenticated', message: 'Not logged in.' });
}

/** Lets only one tab at a time spend the refresh token, since the server rotates it on use. */
async function withLock<T>(locks: LockManager | null, action: () => Promise<T>): Promise<T> {
  if (!locks) return action();

  return await locks.request(REFRESH_LOCK, action);
}

function timeoutSignal(ms: number): AbortSignal {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), ms);
  return controller.signal;
}

function defaultStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function defaultLocks(): LockManager | null {
  return typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null;
}
