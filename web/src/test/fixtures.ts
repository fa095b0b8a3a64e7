import type { AuthSession, User } from '../api/types';

export function aUser(overrides: Partial<User> = {}): User {
  return {
    id: 'u-1',
    email: 'ada@example.com',
    nickname: 'Ada',
    gender: 'female',
    createdAt: '2024-05-01T10:00:00.000Z',
    ...overrides,
  };
}

/** A session whose access token expires `accessMs` after `now`. */
export function aSession(name: string, now = Date.now(), accessMs = 15 * 60_000): AuthSession {
  return {
    user: aUser(),
    tokens: {
      accessToken: `access-${name}`,
      accessExpiresAt: new Date(now + accessMs).toISOString(),
      refreshToken: `refresh-${name}`,
      refreshExpiresAt: new Date(now + 30 * 86_400_000).toISOString(),
    },
  };
}

export function memoryStorage(): Storage {
  const items = new Map<string, string>();

  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => Array.from(items.keys())[index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
}
