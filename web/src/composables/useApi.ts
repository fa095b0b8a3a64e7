import type { PasswordChange, ProfilePatch, User, UserPage } from '../api/types';
import { useAuth } from './useAuth';

export const USER_PAGE_SIZE = 20;

/** Calls that need a logged-in user; they go through useAuth so expired tokens are renewed. */
export function useApi() {
  const auth = useAuth();

  async function fetchMe(): Promise<User> {
    const { user } = await auth.request<{ user: User }>('/api/me');

    auth.setUser(user);
    return user;
  }

  async function updateMe(patch: ProfilePatch): Promise<User> {
    const { user } = await auth.request<{ user: User }>('/api/me', {
      method: 'PATCH',
      body: patch,
    });

    auth.setUser(user);
    return user;
  }

  function changePassword(change: PasswordChange): Promise<void> {
    return auth.request<void>('/api/me/password', { method: 'POST', body: change });
  }

  async function fetchUser(id: string): Promise<User> {
    const { user } = await auth.request<{ user: User }>(`/api/users/${encodeURIComponent(id)}`);
    return user;
  }

  function searchUsers(q: string, offset = 0, limit = USER_PAGE_SIZE): Promise<UserPage> {
    const query = new URLSearchParams({ q, offset: String(offset), limit: String(limit) });
    return auth.request<UserPage>(`/api/users?${query}`);
  }

  return { fetchMe, updateMe, changePassword, fetchUser, searchUsers };
}
