import { InvalidFieldError } from '@chat/kit';

export const GENDERS = ['male', 'female', 'other', 'unspecified'] as const;
export type Gender = (typeof GENDERS)[number];

// A pragmatic shape check (RFC 5322 allows more, but no mail system we deliver to does).
const EMAIL = /^[^\s@"<>()[\]\\,;:]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

/** Lower-cased, trimmed login e-mail, or an error naming the field. */
export function normaliseEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  if (email.length > 254 || !EMAIL.test(email)) {
    throw new InvalidFieldError('email', 'Enter a valid e-mail address.');
  }
  return email;
}

export function normaliseNickname(raw: string): string {
  const nickname = raw.trim().replace(/\s+/g, ' ');
  if ([...nickname].length < 1 || [...nickname].length > 32) {
    throw new InvalidFieldError('nickname', 'A nickname has 1 to 32 characters.');
  }
  if (/\p{Cc}/u.test(nickname)) {
    throw new InvalidFieldError('nickname', 'A nickname cannot contain control characters.');
  }
  return nickname;
}

export function parseGender(raw: string): Gender {
  const value = raw === '' ? 'unspecified' : raw;
  if (!(GENDERS as readonly string[]).includes(value)) {
    throw new InvalidFieldError('gender', `Gender is one of ${GENDERS.join(', ')}.`);
  }
  return value as Gender;
}

/** Returns why the password is too weak, or undefined when it is acceptable. */
export function passwordWeakness(password: string, email: string): string | undefined {
  if (password.length < 8) return 'at least 8 characters';
  if (password.length > 256) return 'at most 256 characters';
  if (!/\p{L}/u.test(password) || !/\p{N}/u.test(password)) return 'a letter and a digit';
  if (password.toLowerCase() === email || password.toLowerCase() === email.split('@')[0]) {
    return 'something other than your e-mail';
  }
  return undefined;
}

/** Escapes a user's text for use inside a regular expression. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
