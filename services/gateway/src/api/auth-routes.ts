import type { AsyncClient } from '@chat/kit';
import type { AuthServiceService } from '@chat/proto/chat/auth/v1/auth';
import type { TokenVerifier } from '../auth/verifier.js';
import { optionalString, queryInt, requiredString } from '../http/fields.js';
import type { ApiRequest, Router } from '../http/router.js';
import { authenticate } from './identity.js';
import { tokensJson, userJson } from './wire.js';

export interface AuthRouteDeps {
  auth: AsyncClient<typeof AuthServiceService>;
  verifier: TokenVerifier;
}

/** Account, log-in and profile endpoints: each checks its input and calls auth. */
export function addAuthRoutes(router: Router, { auth, verifier }: AuthRouteDeps): void {
  const ctx = (req: ApiRequest) => ({ reqId: req.reqId });

  router.add('POST', '/api/auth/register', async (req) => {
    const result = await auth.register(
      {
        email: requiredString(req.body, 'email', 254),
        nickname: requiredString(req.body, 'nickname', 128),
        password: requiredString(req.body, 'password', 256),
        gender: optionalString(req.body, 'gender', 32) ?? 'unspecified',
        clientIp: req.ip,
      },
      ctx(req),
    );
    return {
      status: 201,
      body: { user: userJson(result.user), tokens: tokensJson(result.tokens) },
    };
  });

  router.add('POST', '/api/auth/login', async (req) => {
    const result = await auth.login(
      {
        email: requiredString(req.body, 'email', 254),
        password: requiredString(req.body, 'password', 256),
        clientIp: req.ip,
      },
      ctx(req),
    );
    return {
      status: 200,
      body: { user: userJson(result.user), tokens: tokensJson(result.tokens) },
    };
  });

  router.add('POST', '/api/auth/refresh', async (req) => {
    const refreshToken = requiredString(req.body, 'refreshToken', 256);
    const result = await auth.refresh({ refreshToken, clientIp: req.ip }, ctx(req));
    return {
      status: 200,
      body: { user: userJson(result.user), tokens: tokensJson(result.tokens) },
    };
  });

  router.add('POST', '/api/auth/logout', async (req) => {
    const who = await authenticate(req, verifier);
    await auth.logout({ userId: who.userId, loginId: who.loginId }, ctx(req));
    verifier.revoke(who.loginId, who.expMs);
    return { status: 204 };
  });

  addProfileRoutes(router, { auth, verifier });
}

function addProfileRoutes(router: Router, { auth, verifier }: AuthRouteDeps): void {
  const ctx = (req: ApiRequest) => ({ reqId: req.reqId });

  router.add('GET', '/api/me', async (req) => {
    const who = await authenticate(req, verifier);
    const { user } = await auth.getProfile({ userId: who.userId }, ctx(req));
    return { status: 200, body: { user: userJson(user) } };
  });

  router.add('PATCH', '/api/me', async (req) => {
    const who = await authenticate(req, verifier);
    const nickname = optionalString(req.body, 'nickname', 128);
    const gender = optionalString(req.body, 'gender', 32);
    const { user } = await auth.updateProfile({ userId: who.userId, nickname, gender }, ctx(req));
    return { status: 200, body: { user: userJson(user) } };
  });

  router.add('POST', '/api/me/password', async (req) => {
    const who = await authenticate(req, verifier);
    await auth.changePassword(
      {
        userId: who.userId,
        loginId: who.loginId,
        currentPassword: requiredString(req.body, 'currentPassword', 256),
        newPassword: requiredString(req.body, 'newPassword', 256),
        clientIp: req.ip,
      },
      ctx(req),
    );
    return { status: 204 };
  });

  router.add('GET', '/api/users', async (req) => {
    await authenticate(req, verifier);
    const page = await auth.searchUsers(
      {
        query: req.query.get('q') ?? '',
        offset: queryInt(req.query, 'offset', 0, 100_000),
        limit: queryInt(req.query, 'limit', 20, 50),
      },
      ctx(req),
    );
    const nextOffset = page.nextOffset < 0 ? null : page.nextOffset;
    return { status: 200, body: { users: page.users.map(userJson), nextOffset } };
  });

  router.add('GET', '/api/users/:id', async (req) => {
    await authenticate(req, verifier);
    const { user } = await auth.getUser({ userId: req.params['id'] ?? '' }, ctx(req));
    return { status: 200, body: { user: userJson(user) } };
  });
}
