import { int, serviceSchema } from '@chat/kit';

export const authSchema = {
  ...serviceSchema('auth', 50051, 9101),
  ACCESS_TTL_S: int('lifetime of an access token, in seconds', 900, 30, 86_400),
  REFRESH_TTL_S: int('lifetime of a refresh token, in seconds', 30 * 86_400, 60),
  SCRYPT_COST: int('scrypt CPU/memory cost N (a power of two)', 16_384, 1_024, 1_048_576),
  LOGIN_WINDOW_S: int('window of the login rate limits, in seconds', 900, 1),
  LOGIN_ACCOUNT_LIMIT: int('failed log-ins allowed per account per window', 10, 1),
  LOGIN_ADDRESS_LIMIT: int('log-in and register attempts allowed per address per window', 300, 1),
};
