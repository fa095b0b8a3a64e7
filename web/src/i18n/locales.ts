export const SUPPORTED_LOCALES = ['en', 'zh-CN'] as const;

export type AppLocale = (typeof SUPPORTED_LOCALES)[number];

export const DEFAULT_LOCALE: AppLocale = 'en';

export const LOCALE_STORAGE_KEY = 'chat.locale';

export function isAppLocale(value: unknown): value is AppLocale {
  return SUPPORTED_LOCALES.includes(value as AppLocale);
}

/** A saved choice wins; otherwise the first browser language we can serve; otherwise English. */
export function pickLocale(saved: string | null, languages: readonly string[]): AppLocale {
  if (isAppLocale(saved)) return saved;

  for (const language of languages) {
    const match = matchLanguage(language);
    if (match) return match;
  }

  return DEFAULT_LOCALE;
}

function matchLanguage(language: string): AppLocale | null {
  const lower = language.toLowerCase();

  if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
  if (lower === 'en' || lower.startsWith('en-')) return 'en';
  return null;
}
