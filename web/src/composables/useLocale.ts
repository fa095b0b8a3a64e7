import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import {
  LOCALE_STORAGE_KEY,
  SUPPORTED_LOCALES,
  isAppLocale,
  type AppLocale,
} from '../i18n/locales';

export function applyDocumentLocale(locale: AppLocale): void {
  document.documentElement.lang = locale;
}

export function useLocale() {
  const { locale: current } = useI18n({ useScope: 'global' });

  function setLocale(next: AppLocale): void {
    current.value = next;
    applyDocumentLocale(next);

    try {
      localStorage.setItem(LOCALE_STORAGE_KEY, next);
    } catch {
      // Without storage the choice only lasts for this page load, which is acceptable.
    }
  }

  const locale = computed<AppLocale>({
    get: () => (isAppLocale(current.value) ? current.value : 'en'),
    set: setLocale,
  });

  return { locale, locales: SUPPORTED_LOCALES, setLocale };
}
