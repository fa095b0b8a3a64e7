import { createI18n } from 'vue-i18n';
import en from './en';
import zhCN from './zh-CN';
import { LOCALE_STORAGE_KEY, pickLocale, type AppLocale } from './locales';

export const messages = { en, 'zh-CN': zhCN };

export function createAppI18n(locale: AppLocale) {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages,
  });
}

export function initialLocale(): AppLocale {
  const languages = navigator.languages?.length ? navigator.languages : [navigator.language];

  return pickLocale(savedLocale(), languages.filter(Boolean));
}

function savedLocale(): string | null {
  try {
    return localStorage.getItem(LOCALE_STORAGE_KEY);
  } catch {
    return null;
  }
}
