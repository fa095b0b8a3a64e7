import { describe, expect, it } from 'vitest';
import { CLIENT_ERROR_CODES } from '../api/client';
import { GENDERS } from '../api/types';
import en from './en';
import zhCN from './zh-CN';

const API_ERROR_CODES = [
  'invalid_json',
  'invalid_field',
  'body_too_large',
  'login_taken',
  'weak_password',
  'invalid_credentials',
  'rate_limited',
  'unauthenticated',
  'token_expired',
  'token_invalid',
  'token_revoked',
  'not_found',
  'service_unavailable',
  'origin_forbidden',
  'internal',
  'not_member',
  'muted',
  'banned',
  'forbidden',
  'message_too_large',
  'invalid_seq',
  'not_sender',
  'edit_window_passed',
];

function leaves(messages: object, prefix = ''): Map<string, unknown> {
  const found = new Map<string, unknown>();

  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'object' && value !== null) {
      for (const [inner, leaf] of leaves(value, path)) found.set(inner, leaf);
    } else {
      found.set(path, value);
    }
  }

  return found;
}

const locales = { en, 'zh-CN': zhCN };

describe('i18n messages', () => {
  it('have exactly the same keys in English and Simplified Chinese', () => {
    const english = [...leaves(en).keys()].sort();
    const chinese = [...leaves(zhCN).keys()].sort();

    expect(chinese).toEqual(english);
  });

  it.each(Object.entries(locales))('has no empty message in %s', (_name, messages) => {
    for (const [key, value] of leaves(messages)) {
      expect(typeof value === 'string' && value.trim() !== '', key).toBe(true);
    }
  });

  it.each(Object.entries(locales))('translates every API and client error code in %s', (_, m) => {
    for (const code of [...API_ERROR_CODES, ...CLIENT_ERROR_CODES]) {
      expect(m.errors, code).toHaveProperty(code);
    }
  });

  it.each(Object.entries(locales))('labels every gender in %s', (_name, messages) => {
    expect(Object.keys(messages.gender).sort()).toEqual([...GENDERS].sort());
  });

  it('keeps placeholders the same across locales', () => {
    const placeholders = (text: unknown) =>
      String(text)
        .match(/\{\w+\}/g)
        ?.sort() ?? [];
    const chinese = leaves(zhCN);

    for (const [key, value] of leaves(en)) {
      expect(placeholders(chinese.get(key)), key).toEqual(placeholders(value));
    }
  });
});
