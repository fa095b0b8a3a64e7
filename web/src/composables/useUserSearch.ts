import { computed, onScopeDispose, ref, shallowRef, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { toApiError, type ApiError } from '../api/client';
import type { User } from '../api/types';
import { translateError } from '../i18n/errors';
import { useApi } from './useApi';

export const SEARCH_DEBOUNCE_MS = 300;

/** Searches as the query changes; only the newest request may update the list. */
export function useUserSearch(debounceMs = SEARCH_DEBOUNCE_MS) {
  const api = useApi();
  const { t, te } = useI18n();

  const query = ref('');
  const users = ref<User[]>([]);
  const nextOffset = ref<number | null>(null);
  const searchedFor = ref<string | null>(null);
  const loading = ref(false);
  const error = shallowRef<ApiError | null>(null);
  const errorText = computed(() => (error.value ? translateError(error.value, t, te) : ''));

  let latest = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function load(q: string, offset: number): Promise<void> {
    const id = ++latest;
    loading.value = true;
    error.value = null;

    try {
      const page = await api.searchUsers(q, offset);
      if (id !== latest) return;

      users.value = offset === 0 ? page.users : appendNew(users.value, page.users);
      nextOffset.value = page.nextOffset;
      searchedFor.value = q;
    } catch (caught) {
      if (id === latest) error.value = toApiError(caught);
    } finally {
      if (id === latest) loading.value = false;
    }
  }

  function searchNow(): void {
    clearTimeout(timer);
    const q = query.value.trim();
    if (q) return void load(q, 0);

    latest++;
    users.value = [];
    nextOffset.value = null;
    searchedFor.value = null;
    loading.value = false;
    error.value = null;
  }

  function loadMore(): void {
    if (nextOffset.value === null || searchedFor.value === null || loading.value) return;

    void load(searchedFor.value, nextOffset.value);
  }

  watch(query, () => {
    clearTimeout(timer);
    timer = setTimeout(searchNow, debounceMs);
  });

  onScopeDispose(() => clearTimeout(timer));

  return { query, users, nextOffset, searchedFor, loading, errorText, searchNow, loadMore };
}

function appendNew(existing: User[], page: User[]): User[] {
  const seen = new Set(existing.map((user) => user.id));
  return [...existing, ...page.filter((user) => !seen.has(user.id))];
}
