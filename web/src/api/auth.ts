import { apiRequest } from './client';
import type { AuthSession, LoginInput, RegisterInput } from './types';

export function registerRequest(input: RegisterInput): Promise<AuthSession> {
  return apiRequest<AuthSession>('/api/auth/register', { method: 'POST', body: input });
}

export function loginRequest(input: LoginInput): Promise<AuthSession> {
  return apiRequest<AuthSession>('/api/auth/login', { method: 'POST', body: input });
}

export function refreshRequest(refreshToken: string): Promise<AuthSession> {
  return apiRequest<AuthSession>('/api/auth/refresh', { method: 'POST', body: { refreshToken } });
}

export function logoutRequest(accessToken: string, signal?: AbortSignal): Promise<void> {
  return apiRequest<void>('/api/auth/logout', {
    method: 'POST',
    body: {},
    token: accessToken,
    signal,
  });
}
