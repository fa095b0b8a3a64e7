import { computed, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { toApiError, type ApiError } from '../api/client';
import { translateError } from '../i18n/errors';

/**
 * Runs one form submission at a time and keeps what the template needs: whether it is in
 * flight, whether it succeeded, and the translated error with the field it points at.
 */
export function useFormAction<A extends unknown[], R>(action: (...args: A) => Promise<R>) {
  const { t, te } = useI18n();
  const pending = ref(false);
  const succeeded = ref(false);
  const error = shallowRef<ApiError | null>(null);
  const errorText = computed(() => (error.value ? translateError(error.value, t, te) : ''));

  async function run(...args: A): Promise<R | undefined> {
    if (pending.value) return undefined;

    pending.value = true;
    succeeded.value = false;
    error.value = null;

    try {
      const result = await action(...args);
      succeeded.value = true;
      return result;
    } catch (caught) {
      error.value = toApiError(caught);
      return undefined;
    } finally {
      pending.value = false;
    }
  }

  function invalid(field: string): boolean {
    return error.value?.field === field;
  }

  function reset(): void {
    succeeded.value = false;
    error.value = null;
  }

  return { pending, succeeded, error, errorText, run, invalid, reset };
}
