import { onScopeDispose, readonly, ref } from 'vue';

/** Below this width the chat shows one pane at a time (phones, ~375 px). */
export const NARROW_QUERY = '(max-width: 720px)';

/** Whether the screen is phone-sized, kept current as the window is resized or rotated. */
export function useNarrowScreen(query = NARROW_QUERY) {
  const media = typeof window.matchMedia === 'function' ? window.matchMedia(query) : null;
  const narrow = ref(media?.matches ?? false);
  const onChange = (event: MediaQueryListEvent) => (narrow.value = event.matches);

  media?.addEventListener('change', onChange);
  onScopeDispose(() => media?.removeEventListener('change', onChange));

  return readonly(narrow);
}
