import { computed, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import type { Member } from '../api/chatTypes';
import { toApiError, type ApiError } from '../api/client';
import { translateError } from '../i18n/errors';
import type { MemberAction } from './memberActions';
import { useSessionApi } from './useSessionApi';

/** How long the mute button silences a member. */
export const MUTE_MS = 60 * 60_000;

const ROLE_ORDER = { owner: 0, admin: 1, member: 2 } as const;

/** The members of one session, with the moderation calls and their errors in words. */
export function useMembers(sessionId: () => string) {
  const api = useSessionApi();
  const { t, te } = useI18n();
  const members = ref<Member[]>([]);
  const loading = ref(false);
  const busy = ref(false);
  const error = shallowRef<ApiError | null>(null);
  const errorText = computed(() => (error.value ? translateError(error.value, t, te) : ''));
  const sorted = computed(() =>
    [...members.value].sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role]),
  );

  async function guarded<T>(action: () => Promise<T>): Promise<T | undefined> {
    busy.value = true;
    error.value = null;
    try {
      return await action();
    } catch (caught) {
      error.value = toApiError(caught);
      return undefined;
    } finally {
      busy.value = false;
    }
  }

  async function load(): Promise<void> {
    loading.value = true;
    // Limitation: the panel shows the first 100 members only; larger groups need paging here.
    const page = await guarded(() => api.listMembers(sessionId()));
    loading.value = false;
    if (page) members.value = page.members;
  }

  async function act(member: Member, action: MemberAction): Promise<void> {
    const id = sessionId();
    const done = await guarded(() => {
      if (action === 'kick') return api.moderate(id, member.userId, 'kick');
      if (action === 'ban') return api.moderate(id, member.userId, 'ban', { banned: true });
      if (action === 'makeOwner') return api.moderate(id, member.userId, 'owner');
      if (action === 'mute') {
        const untilMs = isMuted(member) ? 0 : Date.now() + MUTE_MS;
        return api.moderate(id, member.userId, 'mute', { untilMs });
      }
      const role = action === 'makeAdmin' ? 'admin' : 'member';
      return api.moderate(id, member.userId, 'role', { role });
    });
    if (done !== undefined) await load();
  }

  async function invite(userIds: string[]): Promise<string[]> {
    const answer = await guarded(() => api.invite(sessionId(), userIds));
    if (answer) await load();
    return answer?.addedIds ?? [];
  }

  async function leave(): Promise<boolean> {
    return (await guarded(() => api.leave(sessionId()).then(() => true))) ?? false;
  }

  return { members: sorted, loading, busy, errorText, load, act, invite, leave };
}

export function isMuted(member: Member, now = Date.now()): boolean {
  const until = member.mutedUntil ? Date.parse(member.mutedUntil) : 0;
  return until > now;
}
