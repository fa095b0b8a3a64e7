import { describe, expect, it } from 'vitest';
import { pickLocale } from './locales';

describe('pickLocale', () => {
  it('prefers the saved choice over the browser language', () => {
    expect(pickLocale('en', ['zh-CN'])).toBe('en');
    expect(pickLocale('zh-CN', ['en-US'])).toBe('zh-CN');
  });

  it('ignores a saved value it does not support', () => {
    expect(pickLocale('fr', ['zh-TW'])).toBe('zh-CN');
  });

  it('maps any Chinese or English browser language to a supported locale', () => {
    expect(pickLocale(null, ['zh'])).toBe('zh-CN');
    expect(pickLocale(null, ['de-DE', 'en-GB'])).toBe('en');
  });

  it('falls back to English', () => {
    expect(pickLocale(null, ['de-DE'])).toBe('en');
    expect(pickLocale(null, [])).toBe('en');
  });
});
