import type { AuthSession } from './types';

export const AUTH_STORAGE_KEY = 'chat.auth';

export function loadSession(storage: Storage | null): AuthSession | null {
  const raw = safely(() => storage?.getItem(AUTH_STORAGE_KEY) ?? null, null);
  if (!raw) return null;

  const parsed = safely<unknown>(() => JSON.parse(raw), null);
  return isAuthSession(parsed) ? parsed : null;
}

export function saveSession(storage: Storage | null, session: AuthSession | null): void {
  // Private browsing and full quotas make storage throw; the session then lives in memory only.
  safely(() => {
    if (session) storage?.setItem(AUTH_STORAGE_KEY, JSON.stringify(session));
    else storage?.removeItem(AUTH_STORAGE_KEY);
  }, undefined);
}

export function isAuthSession(value: unknown): value is AuthSession {
  if (!isRecord(value) || !isRecord(value.user) || !isRecord(value.tokens)) return false;

  const { user, tokens } = value;
  return (
    typeof user.id === 'string' &&
    typeof user.nickname === 'string' &&
    typeof tokens.accessToken === 'string' &&
    typeof tokens.accessExpiresAt === 'string' &&
    typeof tokens.refreshToken === 'string' &&
    typeof tokens.refreshExpiresAt === 'string'
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function safely<T>(action: () => T, fallback: T): T {
  try {
    return action();
  } catch {
    return fallback;
  }
}
