import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { createAppI18n } from '.';
import { translateError } from './errors';

const { t, te } = createAppI18n('en').global;

function text(init: Partial<ConstructorParameters<typeof ApiError>[0]>): string {
  const error = new ApiError({ status: 400, code: 'internal', message: 'server text', ...init });
  return translateError(error, t, te);
}

describe('translateError', () => {
  it('uses the translation for a known code', () => {
    expect(text({ code: 'login_taken' })).toBe('An account with this email already exists.');
  });

  it("falls back to the server's message for a code it does not know", () => {
    expect(text({ code: 'brand_new_code', message: 'Something new happened' })).toBe(
      'Something new happened',
    );
  });

  it('names the translated field for invalid_field', () => {
    expect(text({ code: 'invalid_field', field: 'nickname' })).toBe(
      'Please check the field “Nickname”.',
    );
    expect(text({ code: 'invalid_field', field: 'mystery' })).toBe(
      'Please check the highlighted field.',
    );
  });

  it('adds when to try again for rate limiting', () => {
    expect(text({ code: 'rate_limited', retryAfter: 4.2 })).toBe(
      'Too many attempts. Please slow down. Try again in 5 s.',
    );
  });
});
