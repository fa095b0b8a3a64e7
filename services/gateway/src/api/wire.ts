import type { Tokens, User } from '@chat/proto/chat/auth/v1/auth';

/** A user as the JSON API shows it; the e-mail only to its owner. */
export function userJson(user: User | undefined) {
  if (!user) return null;
  return {
    id: user.id,
    ...(user.email ? { email: user.email } : {}),
    nickname: user.nickname,
    gender: user.gender,
    createdAt: new Date(user.createdAtMs).toISOString(),
  };
}

export function tokensJson(tokens: Tokens | undefined) {
  if (!tokens) return null;
  return {
    accessToken: tokens.accessToken,
    accessExpiresAt: new Date(tokens.accessExpiresAtMs).toISOString(),
    refreshToken: tokens.refreshToken,
    refreshExpiresAt: new Date(tokens.refreshExpiresAtMs).toISOString(),
  };
}
