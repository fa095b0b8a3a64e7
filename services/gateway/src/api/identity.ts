import { UnauthenticatedError } from '@chat/kit';
import type { ApiRequest } from '../http/router.js';
import type { Identity, TokenVerifier } from '../auth/verifier.js';

/** The identity of the request's bearer token, verified locally. */
export function authenticate(req: ApiRequest, verifier: TokenVerifier): Promise<Identity> {
  const header = req.headers['authorization'] ?? '';
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m) {
    return Promise.reject(
      new UnauthenticatedError('unauthenticated', 'Send an access token: Authorization: Bearer …'),
    );
  }
  return verifier.verify(m[1]!);
}
