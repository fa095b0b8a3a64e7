export const GENDERS = ['male', 'female', 'other', 'unspecified'] as const;

export type Gender = (typeof GENDERS)[number];

export interface User {
  id: string;
  email?: string;
  nickname: string;
  gender: Gender;
  createdAt: string;
}

export interface Tokens {
  accessToken: string;
  accessExpiresAt: string;
  refreshToken: string;
  refreshExpiresAt: string;
}

export interface AuthSession {
  user: User;
  tokens: Tokens;
}

export interface RegisterInput {
  email: string;
  nickname: string;
  password: string;
  gender: Gender;
}

export interface LoginInput {
  email: string;
  password: string;
}

export interface ProfilePatch {
  nickname?: string;
  gender?: Gender;
}

export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
}

export interface UserPage {
  users: User[];
  nextOffset: number | null;
}
