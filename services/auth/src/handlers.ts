import type { Handlers } from '@chat/kit';
import { UnauthenticatedError } from '@chat/kit';
import type { AuthServiceService, User } from '@chat/proto/chat/auth/v1/auth';
import type { Accounts, Signed } from './accounts.js';
import type { Signer } from './keys.js';
import type { Logins } from './logins.js';
import type { UserDoc } from './store.js';
import { ownProfile, publicProfile, type Users } from './users.js';

export interface AuthParts {
  accounts: Accounts;
  users: Users;
  logins: Logins;
  signer: Signer;
}

/** gRPC handlers: translate between wire messages and the auth domain, nothing more. */
export function authHandlers(parts: AuthParts): Handlers<typeof AuthServiceService> {
  const { accounts, users, logins, signer } = parts;

  return {
    register: async (req) => signedResult(await accounts.register(req, req.clientIp)),
    login: async (req) => signedResult(await accounts.login(req.email, req.password, req.clientIp)),
    refresh: async (req) => {
      if (req.refreshToken === '') {
        throw new UnauthenticatedError('unauthenticated', 'A refresh token is required.');
      }
      const { userId, tokens } = await logins.refresh(req.refreshToken);
      return { user: toUser(await users.byId(userId), true), tokens };
    },
    logout: async (req) => {
      await logins.revoke(req.loginId);
      return {};
    },
    getProfile: async (req) => ({ user: toUser(await users.byId(req.userId), true) }),
    updateProfile: async (req) => ({
      user: toUser(await users.update(req.userId, optionalFields(req)), true),
    }),
    changePassword: async (req) => {
      await accounts.changePassword(req.userId, req.loginId, req.currentPassword, req.newPassword);
      return {};
    },
    getUser: async (req) => ({ user: toUser(await users.byId(req.userId), false) }),
    searchUsers: async (req) => {
      const page = await users.search(req.query, req.offset, req.limit);
      return { users: page.users.map((u) => toUser(u, false)), nextOffset: page.nextOffset };
    },
    getPublicKeys: async () => ({
      keys: [{ kid: signer.kid, jwkJson: JSON.stringify(signer.publicJwk) }],
    }),
    listRevocations: async () => ({ revocations: await logins.listRevocations() }),
  };
}

function signedResult({ user, tokens }: Signed) {
  return { user: toUser(user, true), tokens };
}

function toUser(doc: UserDoc, own: boolean): User {
  return own ? ownProfile(doc) : publicProfile(doc);
}

function optionalFields(req: { nickname?: string | undefined; gender?: string | undefined }) {
  const change: { nickname?: string; gender?: string } = {};
  if (req.nickname !== undefined) change.nickname = req.nickname;
  if (req.gender !== undefined) change.gender = req.gender;
  return change;
}
