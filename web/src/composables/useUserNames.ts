import { reactive } from 'vue';
import type { User } from '../api/types';
import { useApi } from './useApi';

export type UserNames = ReturnType<typeof createUserNames>;

/** Nicknames by user id, fetched once each and shared by every list that shows people. */
export function createUserNames(fetchUser: (id: string) => Promise<User>) {
  const names = reactive<Record<string, string>>({});
  const asked = new Set<string>();

  function remember(user: Pick<User, 'id' | 'nickname'>): void {
    names[user.id] = user.nickname;
    asked.add(user.id);
  }

  /** The nickname if known; otherwise asks for it once and returns null meanwhile. */
  function nameOf(id: string): string | null {
    const known = names[id];
    if (known !== undefined) return known;

    if (!asked.has(id) && id) {
      asked.add(id);
      void fetchUser(id)
        .then(remember)
        .catch(() => undefined);
    }
    return null;
  }

  return { names, nameOf, remember };
}

let shared: UserNames | null = null;

export function useUserNames(): UserNames {
  shared ??= createUserNames((id) => useApi().fetchUser(id));
  return shared;
}
